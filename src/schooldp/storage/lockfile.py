"""One writer at a time: a lock file beside the school file naming the computer that holds it.

The lock holds the computer name, process id and time only (no account names). A lock left by
a crash on this computer (its process is gone) is taken over silently; a lock from another
computer on a shared folder needs the user's say-so.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.storage.errors import FileInUse, LockHolder


def lock_path(school_file: Path) -> Path:
    return school_file.with_name(school_file.name + ".lock")


def _pid_alive(pid: int) -> bool:
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


def read_holder(school_file: Path) -> LockHolder | None:
    try:
        body = json.loads(lock_path(school_file).read_text(encoding="utf-8"))
        return LockHolder(str(body["host"]), int(body["pid"]), str(body["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder("unknown", 0, "unknown time")


class FileLock:
    def __init__(self, school_file: Path) -> None:
        self.school_file = school_file
        self.path = lock_path(school_file)
        self.held = False

    def acquire(self, take_over: bool = False) -> None:
        host = socket.gethostname()
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                holder = read_holder(self.school_file)
                if holder is None:
                    continue
                same = holder.host == host
                stale = same and (not _pid_alive(holder.pid))
                if stale or take_over:
                    try:
                        self.path.unlink()
                    except FileNotFoundError:
                        pass
                    continue
                raise FileInUse(holder, same) from None
            body = {
                "host": host,
                "pid": os.getpid(),
                "since": SYSTEM_CLOCK.now().astimezone().strftime("%d/%m/%Y %H:%M"),
            }
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(body, handle)
                handle.flush()
                os.fsync(handle.fileno())
            self.held = True
            return
        holder = read_holder(self.school_file) or LockHolder("unknown", 0, "unknown time")
        raise FileInUse(holder, holder.host == host)

    def release(self) -> None:
        if not self.held:
            return
        holder = read_holder(self.school_file)
        if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
        self.held = False
