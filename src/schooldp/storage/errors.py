"""What can go wrong opening a school file, each with a message a headteacher can act on."""

from __future__ import annotations

from dataclasses import dataclass

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


class FileInUse(VaultError):
    def __init__(self, holder: LockHolder, same_computer: bool) -> None:
        where = "on this computer" if same_computer else f"on the computer '{holder.host}'"
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
