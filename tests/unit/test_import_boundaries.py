"""The core must load without Qt: it runs headless in the self-test and in services."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_core_packages_do_not_import_pyside6() -> None:
    code = (
        "import sys\n"
        "import schooldp.domain, schooldp.storage, schooldp.services, schooldp.documents, schooldp.flows\n"
        "import pkgutil, importlib\n"
        "for pkg in (schooldp.domain, schooldp.storage, schooldp.services, schooldp.documents, schooldp.flows):\n"
        "    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' in mod.name:\n"
        "            continue\n"
        "        importlib.import_module(mod.name)\n"
        "leaked = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(leaked))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"PySide6 loaded by the core: {out.stdout}"


def test_import_contracts_hold() -> None:
    """The layer contracts in pyproject.toml ([tool.importlinter]), checked by import-linter."""
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ)
    # Analyse this checkout's sources, whatever copy of schooldp is installed.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "src"), env.get("PYTHONPATH", "")) if p)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
            "--no-cache",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    broken = [line.removesuffix(" BROKEN") for line in out.stdout.splitlines() if line.endswith(" BROKEN")]
    assert out.returncode == 0, (
        "Broken import contracts:\n- "
        + "\n- ".join(broken)
        + "\n\n"
        + out.stdout[out.stdout.find("Broken contracts") :]
        + out.stderr
    )
