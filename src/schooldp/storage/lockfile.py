"""One writer at a time: a lock file beside the school file naming the computer that holds it.

The lock holds the computer name, the operating-system user, process id and time (no SchoolDP
account names). It is written whole to a temporary file and then linked into place, so it
either exists complete or not at all: a crash or a full disk cannot leave an empty lock. A lock
left by a crash on this computer (its process is gone) is taken over silently; an empty or
unreadable lock (from an older version) is treated as stale and replaced, with a notice; a lock
from another computer on a shared folder needs the user's say-so.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
import uuid
from pathlib import Path

from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.storage.errors import (
    FileInUse,
    FolderNotWritable,
    LockHolder,
    is_disk_full,
    is_read_only_error,
    read_only_reason,
)
from schooldp.storage.stale_work import pid_alive

log = logging.getLogger(__name__)

UNREADABLE_LOCK_NOTICE = (
    "An empty or damaged lock file was found beside the school file (left by a crash or a full "
    "drive). It was treated as stale and replaced."
)


def lock_path(school_file: Path) -> Path:
    return school_file.with_name(school_file.name + ".lock")


class _Unreadable(Exception):
    pass


def _read(school_file: Path) -> LockHolder | None:
    """The holder, None when there is no lock, or _Unreadable for an empty or damaged one."""
    try:
        body = json.loads(lock_path(school_file).read_text(encoding="utf-8"))
        return LockHolder(str(body["host"]), int(body["pid"]), str(body["since"]), str(body.get("user", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _Unreadable() from exc


def read_holder(school_file: Path) -> LockHolder | None:
    try:
        return _read(school_file)
    except _Unreadable:
        return LockHolder("unknown", 0, "unknown time")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class FileLock:
    def __init__(self, school_file: Path) -> None:
        self.school_file = school_file
        self.path = lock_path(school_file)
        self.held = False
        self.notice: str | None = None

    def _write_new(self) -> bool:
        """Link a complete lock file into place; False when one is already there."""
        body = {
            "host": socket.gethostname(),
            "user": _user(),
            "pid": os.getpid(),
            "since": SYSTEM_CLOCK.now().astimezone().strftime("%d/%m/%Y %H:%M"),
        }
        data = json.dumps(body).encode("utf-8")
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}")
        try:
            _write_synced(tmp, data)
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return False
            except OSError:  # no hard links here (some network shares): exclusive create instead
                if self.path.exists():
                    return False
                _write_synced(self.path, data)
        except OSError as exc:
            if is_read_only_error(exc) or is_disk_full(exc):
                raise FolderNotWritable(self.school_file, read_only_reason(exc)) from exc
            raise
        finally:
            try:
                tmp.unlink()
            except OSError:
                pass
        return True

    def acquire(self, take_over: bool = False) -> None:
        host = socket.gethostname()
        for _attempt in range(3):
            if self._write_new():
                self.held = True
                self._remove_leftovers()
                return
            try:
                holder = _read(self.school_file)
            except _Unreadable:
                self.notice = UNREADABLE_LOCK_NOTICE
                log.warning("Replacing an empty or unreadable lock file")
                self._remove()
                continue
            if holder is None:
                continue
            same = holder.host == host
            stale = same and (not pid_alive(holder.pid))
            if stale or take_over:
                self._remove()
                continue
            raise FileInUse(holder, same)
        holder = read_holder(self.school_file) or LockHolder("unknown", 0, "unknown time")
        raise FileInUse(holder, holder.host == host)

    def _remove_leftovers(self) -> None:
        """Half-made locks a crash left behind (ours is in place, so none is being made)."""
        for leftover in self.path.parent.glob(f".{self.path.name}.*"):
            try:
                leftover.unlink()
            except OSError:
                pass

    def _remove(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            if is_read_only_error(exc):
                raise FolderNotWritable(self.school_file, read_only_reason(exc)) from exc
            raise

    def release(self) -> None:
        if not self.held:
            return
        holder = read_holder(self.school_file)
        if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
            try:
                self.path.unlink()
            except (FileNotFoundError, OSError):
                pass
        self.held = False
