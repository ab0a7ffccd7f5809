"""The log file keeps to its size: past the limit it starts afresh and keeps three older files."""

from __future__ import annotations

import logging
from pathlib import Path

from schooldp.logs import RotatingFile


def test_log_file_rotates_and_keeps_three_older_files(tmp_path: Path) -> None:
    handler = RotatingFile(tmp_path / "schooldp.log", max_bytes=200, backups=3)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("schooldp.test_logs")
    log.addHandler(handler)
    log.propagate = False
    try:
        for n in range(40):
            log.warning("entry %02d %s", n, "x" * 20)
    finally:
        log.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["schooldp.log", "schooldp.log.1", "schooldp.log.2", "schooldp.log.3"]
    assert all((tmp_path / name).stat().st_size < 200 for name in names)
    current = (tmp_path / "schooldp.log").read_text(encoding="utf-8").splitlines()
    newest_old = (tmp_path / "schooldp.log.1").read_text(encoding="utf-8").splitlines()
    assert current[-1].startswith("entry 39")
    assert newest_old[-1] < current[0]  # .1 holds the entries just before the current file's
