"""Backups for the interface: list, inspect and restore backup files of a school file.

Making a backup belongs to the open school (``SchoolSession.backup_now``); this module is what
the interface needs when no school is open, or to choose a backup to restore.
"""

from __future__ import annotations

from pathlib import Path

from schooldp.storage.backup import (
    BACKUP_SUFFIX,
    BackupInfo,
    clean_stale_work,
    list_backups,
    read_info,
    restore,
)

__all__ = ["BACKUP_SUFFIX", "BackupInfo", "clean_up_after_crash", "list_backups", "read_info", "restore"]


def clean_up_after_crash() -> list[Path]:
    """At start: remove work folders an interrupted backup left behind."""
    return clean_stale_work()
