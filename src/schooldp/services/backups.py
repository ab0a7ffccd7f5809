"""Backups for the interface: list, inspect and restore backup files of a school file.

Making a backup belongs to the open school (``SchoolSession.backup_now``); this module is what
the interface needs when no school is open, or to choose a backup to restore; and, after the
database key was replaced (an account removed, the recovery key changed), the backups kept on
this computer that still open with the old passphrases: re-encrypt them or delete them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schooldp.services.housekeeping import clean_up_after_crash
from schooldp.storage import rekey
from schooldp.storage.backup import (
    BACKUP_SUFFIX,
    BackupInfo,
    list_backups,
    opens_with,
    read_info,
    restore,
)

if TYPE_CHECKING:
    from schooldp.services.school import SchoolSession

__all__ = [
    "BACKUP_SUFFIX",
    "BackupInfo",
    "backups_with_old_key",
    "clean_up_after_crash",
    "delete_backups",
    "list_backups",
    "read_info",
    "reencrypt_backups",
    "restore",
]


def backups_with_old_key(session: SchoolSession) -> list[BackupInfo]:
    """This file's backups in the backups folder that the current key does not open: they
    still open with the passphrases (and recovery key) of before the key was replaced."""
    vault = session._file_vault()
    key = vault.db_key_for_backup()
    file_id = vault.key_file.file_id
    return [b for b in list_backups() if b.file_id == file_id and not opens_with(b.path, key)]


def reencrypt_backups(session: SchoolSession, found: list[BackupInfo]) -> int:
    """Re-encrypt those backups under the current key and accounts; returns how many."""
    session._require_admin()
    vault = session._file_vault()
    keys = rekey.retired_keys(vault)
    done = 0
    for info in found:
        if rekey.reencrypt_backup(info.path, keys, vault.db_key_for_backup(), vault.key_file):
            done += 1
    if done and not session.read_only:
        session._system_entry("backup.reencrypted", "backup", "", f"{done} old backups re-encrypted")
    return done


def delete_backups(session: SchoolSession, found: list[BackupInfo]) -> int:
    session._require_admin()
    for info in found:
        info.path.unlink(missing_ok=True)
    if found and not session.read_only:
        session._system_entry("backup.deleted", "backup", "", f"{len(found)} old backups deleted")
    return len(found)
