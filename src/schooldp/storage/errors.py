"""What can go wrong opening a school file, each with a message a headteacher can act on."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from schooldp.domain.errors import SchoolDPError


class VaultError(SchoolDPError):
    """Opening or writing the school file failed; the file itself was not changed."""


class WrongPassphrase(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "That passphrase does not open this school file. Check Caps Lock and try again, "
            "or use the recovery key from the emergency sheet."
        )


class NotASchoolFile(VaultError):
    pass


class DamagedFile(VaultError):
    pass


class NewerSchoolFile(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "This school file was saved by a newer version of SchoolDP. Install the latest "
            "SchoolDP to open it; this version will not change the file."
        )


class KeyFileMissing(VaultError):
    pass


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    since: str
    user: str = ""


class FileInUse(VaultError):
    def __init__(self, holder: LockHolder, same_computer: bool) -> None:
        where = "on this computer" if same_computer else f"on the computer '{holder.host}'"
        if holder.user:
            where += f" by the user '{holder.user}'"
        super().__init__(
            f"This school file is already open {where} (since {holder.since}). "
            "Only one copy of SchoolDP may change it at a time. You can open it read-only, "
            "or, if that computer has crashed or been switched off, take over the file."
        )
        self.holder = holder
        self.same_computer = same_computer


class ReadOnlyVault(VaultError):
    def __init__(self) -> None:
        super().__init__("This school file is open read-only, so nothing can be changed.")


def _mount_point(path: Path) -> Path:
    """The drive (Windows) or mount point (elsewhere) a path is on."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current != current.parent:
        current = current.parent
    if os.name == "nt":  # pragma: no cover - Windows only
        return Path(current.anchor)
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return current


def _size(n: int) -> str:
    if n >= 1024 * 1024 * 1024:
        return f"{n / (1024 * 1024 * 1024):.1f} GB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    return f"{max(1, n // 1024)} KB"


class DiskFull(VaultError):
    """The drive ran out of space: the change was rolled back and the file is as it was."""

    def __init__(self, path: Path, needed: int, outcome: str = "") -> None:
        self.drive = _mount_point(path)
        try:
            self.free = shutil.disk_usage(self.drive).free
        except OSError:
            self.free = 0
        self.needed = max(needed, 1024 * 1024)
        super().__init__(
            f"The drive {self.drive} is full ({_size(self.free)} free). SchoolDP needs about "
            f"{_size(self.needed)} more free space there to save this. "
            + (outcome or "Nothing was saved and the school file is as it was.")
            + " Free some space on that drive, then try again."
        )


class FolderNotWritable(VaultError):
    """The school file's folder or drive cannot be written: the file can only be read."""

    def __init__(self, path: Path, why: str) -> None:
        self.folder = Path(path).parent
        self.why = why
        super().__init__(
            f"The folder {self.folder} cannot be changed ({why}), so the school file is open "
            "read-only: you can look at everything but not change it. To make changes, copy the "
            "school file and its key file to a folder you can write to, or ask IT to give you write "
            "access."
        )


class CannotWriteHere(VaultError):
    """A new school file cannot be made in the chosen folder (read-only drive, no permission)."""

    def __init__(self, path: Path, why: str) -> None:
        self.folder = Path(path).parent
        super().__init__(
            f"SchoolDP cannot save a new file in {self.folder} ({why}). Choose another folder, "
            "for example your Documents folder. Nothing was saved."
        )


_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    text = str(exc).lower()
    return "database or disk is full" in text


def is_read_only_error(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY_ERRNOS:
        return True
    return "readonly database" in str(exc).lower() or "read-only file system" in str(exc).lower()


def read_only_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return "the drive is read-only"
    if is_disk_full(exc):
        return "the drive is full"
    return "you do not have permission to write there"


@contextmanager
def disk_errors(school_file: Path) -> Iterator[None]:
    """Turn a full disk (OSError 28, SQLite's "database or disk is full") into DiskFull."""
    try:
        yield
    except VaultError:
        raise
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        try:
            size = Path(school_file).stat().st_size
        except OSError:
            size = 0
        free = 0
        try:
            free = shutil.disk_usage(_mount_point(Path(school_file))).free
        except OSError:
            pass
        raise DiskFull(Path(school_file), size + 1024 * 1024 - free) from exc
