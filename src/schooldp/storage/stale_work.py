"""Work folders a crash left behind, and whether a process still runs.

Kept apart from backup.py and lockfile.py on purpose: start-up cleans up with this before the
first window shows, so it must not load the database libraries those modules bring.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from schooldp import config

log = logging.getLogger(__name__)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id still runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_work(folder: Path | None = None) -> list[Path]:
    """Remove work folders left by a backup that a crash interrupted (their process is gone)."""
    folder = Path(folder) if folder else config.backup_dir()
    removed: list[Path] = []
    if not folder.exists():
        return removed
    for work in folder.glob(".backup-*"):
        parts = work.name.split("-")
        pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0
        if pid == os.getpid() or (pid and pid_alive(pid)):
            continue
        shutil.rmtree(work, ignore_errors=True)
        removed.append(work)
    if removed:
        log.info("Removed %d backup work folders left by an interrupted backup", len(removed))
    return removed
