#!/usr/bin/env bash
# Quick Linux smoke test of the PyInstaller spec, for .ci/run: build the one-folder bundle in a
# temp folder, run `schooldp --version` and `schooldp --self-test` from it offscreen, print the
# unpacked size. Any failure fails CI, so a broken spec or a missing hidden import shows here.
# Uses the active Python environment; installs the build extra (PyInstaller) if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
PY="${PYTHON:-python}"
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install --quiet -e ".[build]"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/schooldp-bundle.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$PY" installer/build.py --distpath "$work/dist" --workpath "$work/build" --no-installer \
  --time-start 3
