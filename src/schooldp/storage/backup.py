"""Encrypted backups: the database (still encrypted with the same key) and its key slots in one file.

A backup file is a ZIP container holding ``school.sdp`` (a SQLCipher copy made with
``sqlcipher_export``), ``school.sdp-keys`` and ``manifest.json`` (times, versions, no personal
data). It is exactly as encrypted as the school file and opens with the same passphrases or
recovery key. Restoring never overwrites the current file in place: the current file is kept
aside and the restored copy replaces it with an atomic rename.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlcipher3

from schooldp import __version__, config
from schooldp.domain.clock import LONDON, SYSTEM_CLOCK
from schooldp.storage.atomic import fsync_dir
from schooldp.storage.errors import DamagedFile, NotASchoolFile
from schooldp.storage.keyslots import KeyFile
from schooldp.storage.vault import Vault, key_file_path

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sdpbak"
KEEP_LAST = 10
KEEP_DAILY_DAYS = 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    reason: str
    size: int
    app_version: str


def _export(vault: Vault, target: Path) -> None:
    """Copy the open database to ``target`` with the same key (SQLCipher's documented way)."""
    hexkey = vault.db_key_for_backup().hex()
    conn = sqlcipher3.connect(str(vault.path), check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{hexkey}'\"")
        conn.execute("ATTACH DATABASE ? AS backup KEY \"x'" + hexkey + "'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('backup')")
        conn.execute("DETACH DATABASE backup")
    finally:
        conn.close()


def create_backup(vault: Vault, folder: Path | None = None, reason: str = "manual") -> BackupInfo:
    """Write a backup into ``folder`` (default: the per-user backups folder); atomic.

    Backups are stamped with the computer's clock, not the school session's: they are files on
    this disk, ordered and pruned by when they were really written.
    """
    folder = Path(folder) if folder else config.backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = SYSTEM_CLOCK.now()
    stamp = now.astimezone().strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{vault.path.stem} {stamp}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{vault.path.stem} {stamp} ({n}){BACKUP_SUFFIX}"
    manifest = {
        "format": "schooldp-backup",
        "version": 1,
        "created_at": now.isoformat(timespec="microseconds"),
        "reason": reason,
        "app_version": __version__,
        "file_id": vault.key_file.file_id,
    }
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as work:
        db_copy = Path(work) / "school.sdp"
        _export(vault, db_copy)
        tmp_zip = Path(work) / "backup.zip"
        with zipfile.ZipFile(tmp_zip, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, indent=1))
            zf.write(db_copy, "school.sdp")
            zf.writestr("school.sdp-keys", vault.key_file.to_json())
        with open(tmp_zip, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_zip, target)
    fsync_dir(folder)
    log.info("Backup written (%s, %d bytes)", reason, target.stat().st_size)
    return read_info(target)


def read_info(path: Path) -> BackupInfo:
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            names = set(zf.namelist())
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DamagedFile(f"'{path.name}' is not a SchoolDP backup, or it is damaged.") from exc
    if manifest.get("format") != "schooldp-backup" or not {"school.sdp", "school.sdp-keys"} <= names:
        raise NotASchoolFile(f"'{path.name}' is not a SchoolDP backup.")
    return BackupInfo(
        path=path,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        reason=str(manifest.get("reason", "")),
        size=path.stat().st_size,
        app_version=str(manifest.get("app_version", "")),
    )


def list_backups(folder: Path | None = None, stem: str | None = None) -> list[BackupInfo]:
    folder = Path(folder) if folder else config.backup_dir()
    found: list[BackupInfo] = []
    if not folder.exists():
        return found
    for path in folder.glob(f"*{BACKUP_SUFFIX}"):
        if stem and not path.name.startswith(stem + " "):
            continue
        try:
            found.append(read_info(path))
        except (DamagedFile, NotASchoolFile):
            continue
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def extract(backup: Path, folder: Path) -> Path:
    """Unpack a backup into ``folder`` (still encrypted) and return the school file path."""
    read_info(backup)
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(backup) as zf:
        school = folder / "school.sdp"
        with zf.open("school.sdp") as src, open(school, "wb") as dst:
            shutil.copyfileobj(src, dst)
        (folder / "school.sdp-keys").write_bytes(zf.read("school.sdp-keys"))
    return school


def backup_key_file(backup: Path) -> KeyFile:
    with zipfile.ZipFile(backup) as zf:
        return KeyFile.from_json(zf.read("school.sdp-keys"))


def restore(backup: Path, school_file: Path) -> Path:
    """Replace ``school_file`` with the backup's copy; returns where the old file was kept.

    The caller must have closed the school file. The old file and key file are renamed aside
    (``School.sdp.before-restore-YYYYmmdd-HHMMSS``), never overwritten in place.
    """
    school_file = Path(school_file)
    read_info(backup)
    stamp = SYSTEM_CLOCK.now().astimezone().strftime("%Y%m%d-%H%M%S")
    kept = school_file.with_name(f"{school_file.name}.before-restore-{stamp}")
    staging = school_file.with_name(f".{uuid.uuid4().hex}.restoring")
    staging.mkdir()
    try:
        restored = extract(backup, staging)
        for f in (restored, key_file_path(restored)):
            with open(f, "rb+") as handle:
                os.fsync(handle.fileno())
        if school_file.exists():
            os.replace(school_file, kept)
            if key_file_path(school_file).exists():
                os.replace(key_file_path(school_file), key_file_path(kept))
        os.replace(key_file_path(restored), key_file_path(school_file))
        os.replace(restored, school_file)
        fsync_dir(school_file.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("Restored a school file from backup")
    return kept


def prune(folder: Path | None = None, stem: str | None = None, today: date | None = None) -> list[Path]:
    """Keep the last 10 backups and one a day for 30 days; delete the rest. Returns what went."""
    backups = list_backups(folder, stem)
    today = today or SYSTEM_CLOCK.today()
    keep: set[Path] = {b.path for b in backups[:KEEP_LAST]}
    seen_days: set[date] = set()
    for b in backups:  # newest first: the newest of each day is the one kept
        day = b.created_at.astimezone(LONDON).date()
        if today - day <= timedelta(days=KEEP_DAILY_DAYS) and day not in seen_days:
            seen_days.add(day)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed
