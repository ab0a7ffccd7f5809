"""Build a SchoolDP release: PyInstaller bundle, self-test from the bundle, size, installer.

    python installer/build.py                      # dist/SchoolDP + dist/SchoolDP-<v>-setup.exe
    python installer/build.py --distpath /tmp/sdp-dist --workpath /tmp/sdp-build --no-installer

Steps, each one fatal on failure:
  1. PyInstaller with installer/schooldp.spec (one folder: SchoolDP.exe + SchoolDP-debug.exe)
  2. `<bundle> --version` and `<bundle> --self-test` (offscreen Qt, throw-away SCHOOLDP_HOME)
  3. the unpacked size, with the biggest parts
  4. makensis installer/schooldp.nsi, on Windows when NSIS is installed (or with --installer)

Needs the build extra: pip install -e ".[build]".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "schooldp.spec"
NSI = ROOT / "installer" / "schooldp.nsi"
WINDOWS = sys.platform == "win32"
SIZE_GOAL_MB = 150


def version() -> str:
    text = (ROOT / "src" / "schooldp" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("no __version__ in src/schooldp/__init__.py")
    return match.group(1)


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("$ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kwargs)  # type: ignore[call-overload]


def bundle_exe(bundle: Path, console: bool = True) -> Path:
    """The executable to run checks with: the console variant on Windows (it has stdout)."""
    if WINDOWS:
        return bundle / ("SchoolDP-debug.exe" if console else "SchoolDP.exe")
    return bundle / "schooldp"


def check_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["SCHOOLDP_HOME"] = str(home)  # the check never touches the user's real folders
    return env


def pyinstaller(distpath: Path, workpath: Path, clean: bool) -> Path:
    step("PyInstaller")
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(distpath),
        "--workpath",
        str(workpath),
    ]
    if clean:
        cmd.append("--clean")
    started = time.perf_counter()
    run(cmd, cwd=ROOT)
    print(f"built in {time.perf_counter() - started:.0f} s")
    bundle = distpath / "SchoolDP"
    if not bundle_exe(bundle).exists():
        raise SystemExit(f"no executable in {bundle}")
    return bundle


def smoke_test(bundle: Path, expected_version: str) -> None:
    step("Smoke test from the bundle")
    exe = bundle_exe(bundle)
    with tempfile.TemporaryDirectory(prefix="schooldp-selftest-") as home:
        env = check_env(Path(home))
        out = run([str(exe), "--version"], env=env, capture_output=True, timeout=120).stdout
        print(out.strip())
        if expected_version not in out:
            raise SystemExit(f"--version printed {out!r}, expected {expected_version}")
        started = time.perf_counter()
        result = subprocess.run(
            [str(exe), "--self-test"], env=env, text=True, capture_output=True, timeout=600
        )
        print(result.stdout.rstrip())
        if result.stderr.strip():
            print(result.stderr.rstrip(), file=sys.stderr)
        if result.returncode != 0:
            raise SystemExit(f"--self-test failed with exit code {result.returncode}")
        print(f"self-test passed in {time.perf_counter() - started:.1f} s")
        if WINDOWS:
            # The windowed exe has no console, but its exit code still tells.
            code = subprocess.run(
                [str(bundle_exe(bundle, console=False)), "--self-test"], env=env, timeout=600
            ).returncode
            if code != 0:
                raise SystemExit(f"SchoolDP.exe --self-test failed with exit code {code}")
            print("windowed SchoolDP.exe --self-test passed")


def tree_size(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def report_size(bundle: Path, top: int = 12) -> float:
    step("Bundle size (unpacked)")
    total = tree_size(bundle)
    parts: list[tuple[int, str]] = []
    for entry in bundle.iterdir():
        if entry.name == "_internal":
            parts += [(tree_size(e), f"_internal/{e.name}") for e in entry.iterdir()]
        else:
            parts.append((tree_size(entry), entry.name))
    # Qt is most of it; show its parts too.
    qt = bundle / "_internal" / "PySide6"
    if qt.is_dir():
        parts = [p for p in parts if p[1] != "_internal/PySide6"]
        parts += [(tree_size(e), f"_internal/PySide6/{e.name}") for e in qt.iterdir()]
        qt_root = qt / "Qt"
        if qt_root.is_dir():
            parts = [p for p in parts if p[1] != "_internal/PySide6/Qt"]
            parts += [(tree_size(e), f"_internal/PySide6/Qt/{e.name}") for e in qt_root.iterdir()]
    for size, name in sorted(parts, reverse=True)[:top]:
        print(f"{size / 1e6:8.1f} MB  {name}")
    megabytes = total / 1e6
    verdict = "within" if megabytes <= SIZE_GOAL_MB else "OVER"
    print(f"{megabytes:8.1f} MB  total ({verdict} the {SIZE_GOAL_MB} MB goal)")
    if not WINDOWS:
        print(f"{windows_estimate(bundle, total) / 1e6:8.1f} MB  Windows estimate ({WINDOWS_ESTIMATE_RULE})")
    return megabytes


# Parts of a Linux bundle a Windows one has no counterpart for (the wheels there carry no ICU,
# X11, D-Bus or C++ runtime from the system), and parts only Windows has.
LINUX_ONLY = ("PySide6/Qt/lib/libicu*", "PySide6/Qt/lib/libQt6XcbQpa*", "PySide6/Qt/lib/libQt6DBus*",
              "PySide6/Qt/plugins/platforminputcontexts/*", "PySide6/Qt/plugins/platformthemes/*",
              "PySide6/Qt/plugins/platforms/*qxcb*")  # fmt: skip
WINDOWS_ONLY_MB = 1.2 + 1.5  # the MSVC runtime DLLs; Qt's Windows platform plugin and style
WINDOWS_ESTIMATE_RULE = (
    "this bundle less the Linux system libraries and Qt's X11 parts, plus Windows' runtime and Qt "
    "plugin, plus Python's own OpenSSL, which shares nothing with libpq's there"
)


def windows_estimate(bundle: Path, total: int) -> int:
    import fnmatch

    internal = bundle / "_internal"
    linux = 0
    for path in internal.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(internal).as_posix()
        system_lib = "/" not in rel and rel.startswith("lib") and ".so" in rel
        if system_lib and not rel.startswith(("libpython", "libpyside", "libshiboken")):
            linux += path.stat().st_size
        elif any(fnmatch.fnmatch(rel, pattern) for pattern in LINUX_ONLY):
            linux += path.stat().st_size
    # Python's ssl module brings its own libssl and libcrypto DLLs on Windows: about the size of
    # the pair libpq uses, which the Linux bundle shares with it.
    openssl = sum(p.stat().st_size for p in internal.glob("psycopg_binary.libs/lib*ssl*")) + sum(
        p.stat().st_size for p in internal.glob("psycopg_binary.libs/libcrypto*")
    )
    return int(total - linux + openssl + WINDOWS_ONLY_MB * 1e6)


def time_start(bundle: Path, runs: int) -> None:
    """Launch-to-exit of `--version`: the frozen bundle against `python -m schooldp`."""
    step(f"Start-up time, --version, best and median of {runs}")
    with tempfile.TemporaryDirectory(prefix="schooldp-timing-") as home:
        env = check_env(Path(home))
        for label, cmd in (
            ("bundle", [str(bundle_exe(bundle)), "--version"]),
            ("python -m schooldp", [sys.executable, "-m", "schooldp", "--version"]),
        ):
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
                times.append(time.perf_counter() - started)
            times.sort()
            print(
                f"{label:>20}: best {times[0] * 1000:6.0f} ms, median {times[len(times) // 2] * 1000:6.0f} ms"
            )


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if WINDOWS:
        for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
            candidate = Path(base or "") / "NSIS" / "makensis.exe"
            if base and candidate.exists():
                return str(candidate)
    return None


def installer(bundle: Path, outdir: Path, ver: str, amd64: bool) -> Path | None:
    step("Installer (NSIS)")
    makensis = find_makensis()
    if makensis is None:
        print("makensis not found: skipping the installer (install NSIS 3 to build it)")
        return None
    numbers = [int(n) for n in re.findall(r"\d+", ver)[:4]]
    version_4 = ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))
    flag = "/" if WINDOWS else "-"
    cmd = [
        makensis,
        f"{flag}V2",
        f"{flag}DVERSION={ver}",
        f"{flag}DVERSION_4={version_4}",
        f"{flag}DBUNDLE_DIR={bundle}",
        f"{flag}DOUTDIR={outdir}",
    ]
    if amd64:
        cmd.append(f"{flag}DTARGET_AMD64")
    run([*cmd, str(NSI)], cwd=ROOT)
    setup = outdir / f"SchoolDP-{ver}-setup.exe"
    print(f"{setup} ({setup.stat().st_size / 1e6:.1f} MB)")
    if not WINDOWS:
        print(
            "note: built from a non-Windows bundle, so this installer only proves the script "
            "compiles; it would not run SchoolDP on Windows"
        )
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--skip-build", action="store_true", help="reuse the bundle in --distpath")
    parser.add_argument("--no-self-test", action="store_true")
    parser.add_argument(
        "--time-start",
        type=int,
        default=0,
        metavar="N",
        help="also time N launches of --version: bundle vs python -m schooldp",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--installer",
        action="store_true",
        help="build the installer even off Windows (to check the script compiles)",
    )
    group.add_argument("--no-installer", action="store_true")
    parser.add_argument(
        "--amd64-installer", action="store_true", help="a 64-bit installer (runs under 64-bit-only Wine)"
    )
    args = parser.parse_args(argv)

    ver = version()
    print(f"SchoolDP {ver} on {sys.platform}, Python {sys.version.split()[0]}")
    distpath = args.distpath.resolve()
    bundle = distpath / "SchoolDP"
    if not args.skip_build:
        bundle = pyinstaller(distpath, args.workpath.resolve(), args.clean)
    if not args.no_self_test:
        smoke_test(bundle, ver)
    report_size(bundle)
    if args.time_start:
        time_start(bundle, args.time_start)
    if args.installer or (WINDOWS and not args.no_installer):
        installer(bundle, distpath, ver, args.amd64_installer)
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
