"""Cheap packaging checks: the PyInstaller spec, the NSIS script, the icons.

PyInstaller itself never runs here (installer/ci_bundle_check.sh does that): the spec is executed
with stand-ins for PyInstaller's build classes, so these tests take well under a second.
"""

from __future__ import annotations

import ast
import fnmatch
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "schooldp.spec"
NSI = INSTALLER / "schooldp.nsi"
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "src" / "schooldp" / "storage" / "migrations"


class FakeBuild:
    """Records what the spec asks PyInstaller to build."""

    def __init__(self) -> None:
        self.analysis: dict[str, Any] = {}
        self.exes: list[dict[str, Any]] = []
        self.collect: dict[str, Any] = {}

    def Analysis(self, scripts: list[str], **kwargs: Any) -> types.SimpleNamespace:  # noqa: N802
        self.analysis = {"scripts": scripts, **kwargs}
        return types.SimpleNamespace(
            binaries=[], datas=list(kwargs["datas"]), pure=[], scripts=[], zipfiles=[]
        )

    def PYZ(self, *args: Any, **kwargs: Any) -> str:  # noqa: N802
        return "pyz"

    def EXE(self, *args: Any, **kwargs: Any) -> str:  # noqa: N802
        self.exes.append(kwargs)
        return kwargs["name"]

    def COLLECT(self, *args: Any, **kwargs: Any) -> str:  # noqa: N802
        self.collect = kwargs
        return kwargs["name"]


def run_spec(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str
) -> tuple[FakeBuild, dict[str, Any]]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda *a, **k: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    build = FakeBuild()
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "SPECPATH": str(INSTALLER),
        "workpath": str(tmp_path / "work"),
        "Analysis": build.Analysis,
        "PYZ": build.PYZ,
        "EXE": build.EXE,
        "COLLECT": build.COLLECT,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return build, namespace


def bundled(build: FakeBuild) -> set[str]:
    """Bundle-relative paths of every data file the spec lists."""
    return {f"{dest}/{Path(src).name}" for src, dest in build.analysis["datas"]}


@pytest.fixture(params=["linux", "win32"])
def spec(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    return run_spec(monkeypatch, tmp_path, request.param)


def test_spec_is_valid_python() -> None:
    ast.parse(SPEC.read_text(encoding="utf-8"), str(SPEC))


def test_every_resource_file_is_bundled(spec: tuple[FakeBuild, dict[str, Any]]) -> None:
    build, ns = spec
    files = [p for p in RESOURCES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files, "resources/ is empty"
    shipped = bundled(build)
    missing = [
        str(p.relative_to(ROOT))
        for p in files
        if not any(fnmatch.fnmatch(p.name, pat) for pat in ns["RESOURCE_EXCLUDES"])
        and f"resources/{p.relative_to(RESOURCES).as_posix()}" not in shipped
    ]
    assert not missing, f"resources not in the spec's datas: {missing}"


def test_migrations_are_bundled_as_files(spec: tuple[FakeBuild, dict[str, Any]]) -> None:
    build, _ = spec
    if not MIGRATIONS.is_dir():
        pytest.skip("no migrations yet")
    shipped = bundled(build)
    expected = [
        f"schooldp/storage/migrations/{p.relative_to(MIGRATIONS).as_posix()}"
        for p in MIGRATIONS.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]
    assert "schooldp/storage/migrations/env.py" in expected
    assert not [e for e in expected if e not in shipped]
    ini = MIGRATIONS.parent / "alembic.ini"
    if ini.is_file():
        assert "schooldp/storage/alembic.ini" in shipped


def test_spec_excludes_heavy_qt_and_keeps_what_the_ui_uses(spec: tuple[FakeBuild, dict[str, Any]]) -> None:
    build, ns = spec
    excludes = set(build.analysis["excludes"])
    for heavy in (
        "PySide6.QtWebEngineCore",
        "PySide6.Qt3DCore",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtMultimedia",
        "tkinter",
    ):
        assert heavy in excludes
    assert not excludes & set(ns["QT_MODULES"])
    assert set(ns["QT_MODULES"]) <= set(build.analysis["hiddenimports"])
    used = set()
    for path in (ROOT / "src" / "schooldp").rglob("*.py"):
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    not_bundled = {f"PySide6.{m}" for m in used} - set(ns["QT_MODULES"])
    assert not not_bundled, f"add these to QT_MODULES in installer/schooldp.spec: {not_bundled}"


def test_windows_build_has_icon_version_info_and_a_console_variant(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build, ns = run_spec(monkeypatch, tmp_path, "win32")
    by_name = {exe["name"]: exe for exe in build.exes}
    assert set(by_name) == {"SchoolDP", "SchoolDP-debug"}
    assert by_name["SchoolDP"]["console"] is False
    assert by_name["SchoolDP-debug"]["console"] is True
    assert Path(by_name["SchoolDP"]["icon"]).is_file()
    version_text = Path(by_name["SchoolDP"]["version"]).read_text(encoding="utf-8")
    ast.parse(version_text)  # PyInstaller evaluates it as a Python expression
    assert f"'ProductVersion', '{ns['VERSION']}'" in version_text
    assert build.collect["name"] == "SchoolDP"


def test_linux_build_is_one_console_exe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    build, _ = run_spec(monkeypatch, tmp_path, "linux")
    assert [exe["name"] for exe in build.exes] == ["schooldp"]
    assert "icon" not in build.exes[0] and "version" not in build.exes[0]


def test_spec_version_matches_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import schooldp

    _, ns = run_spec(monkeypatch, tmp_path, "linux")
    assert ns["VERSION"] == schooldp.__version__


def test_icons() -> None:
    png = (RESOURCES / "icons" / "schooldp.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    ico = (RESOURCES / "icons" / "schooldp.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_installer_script_contract() -> None:
    text = NSI.read_text(encoding="utf-8")
    code = "\n".join(line.split(";")[0] for line in text.splitlines())
    assert "RequestExecutionLevel user" in code
    assert r'InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"' in code
    assert "HKLM" not in code, "a per-user install writes to HKCU only"
    assert re.search(r'!define FILE_EXT "\.sdp"', code)
    # The installer's mutex is the one the running app holds.
    mutex = re.search(r'!define RUNNING_MUTEX "([^"]+)"', code)
    assert mutex and mutex.group(1) in (ROOT / "src/schooldp/ui/app.py").read_text(encoding="utf-8")
    # The uninstaller removes program files only: never the data folder or anything recursive
    # outside the program's own _internal folder.
    uninstall = code[code.index('Section "Uninstall"') :]
    recursive = re.findall(r"RMDir\s+/r\s+(\S+)", uninstall)
    assert recursive == ['"$INSTDIR\\_internal"']
    assert "${DATA_DIR}" not in re.sub(r"(DetailPrint|!define)[^\n]*", "", uninstall)
    assert 'Delete "$INSTDIR\\*' not in uninstall


def test_build_script_reads_the_package_version() -> None:
    spec = importlib.util.spec_from_file_location("schooldp_build", INSTALLER / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import schooldp

    assert module.version() == schooldp.__version__


@pytest.mark.skipif(
    shutil.which("makensis") is None,
    reason="makensis not installed (apt-get install nsis / choco install nsis)",
)
def test_nsis_script_compiles(tmp_path: Path) -> None:
    bundle = tmp_path / "SchoolDP"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("SchoolDP.exe", "SchoolDP-debug.exe", "_internal/base_library.zip"):
        (bundle / name).write_bytes(b"stand-in")
    flag = "/" if sys.platform == "win32" else "-"
    result = subprocess.run(
        [
            "makensis",
            f"{flag}V2",
            f"{flag}DVERSION=1.2.3",
            f"{flag}DBUNDLE_DIR={bundle}",
            f"{flag}DOUTDIR={tmp_path}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in result.stdout.lower(), result.stdout
    assert (tmp_path / "SchoolDP-1.2.3-setup.exe").stat().st_size > 50_000
