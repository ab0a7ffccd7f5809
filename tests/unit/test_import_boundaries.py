"""The core must load without Qt: it runs headless in the self-test and in services."""

from __future__ import annotations

import subprocess
import sys


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
