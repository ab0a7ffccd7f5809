"""Encrypted backups: the database (still encrypted with the same key) and its key slots in one file.

A backup file is a ZIP container holding ``school.sdp`` (a SQLCipher copy made with
``sqlcipher_export``, or the encrypted file copied as it is while SchoolDP is locked),
``school.sdp-keys`` and ``manifest.json`` (times, versions, the activity log's head; no personal
data). It is exactly as encrypted as the school file and opens with the same passphrases or
recovery key. Restoring never overwrites the current file in place: the current file is kept
(a hard link, or a copy) and the restored copy is swapped in with one atomic rename (swap.py).
Work folders (``.backup-<process>-...``) left by a crash are removed at the next start.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlcipher3

from schooldp import __version__, config
from schooldp.domain.clock import LONDON, SYSTEM_CLOCK
from schooldp.storage import anchors, swap
from schooldp.storage.atomic import atomic_write_bytes, fsync_dir
from schooldp.storage.errors import DamagedFile, NotASchoolFile, disk_errors
from schooldp.storage.keyfile import Anchor, KeyFile, anchor_from
from schooldp.storage.lockfile import FileLock
from schooldp.storage.vault import Vault, key_file_path, key_opens

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
    file_id: str = ""
    anchor: Anchor | None = None


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
    this disk, ordered and pruned by when they were really written. While SchoolDP is locked
    (no key in memory) the encrypted file is copied as it is: no one can be writing to it.
    """
    folder = Path(folder) if folder else config.backup_dir()
    with disk_errors(folder / "x"):
        folder.mkdir(parents=True, exist_ok=True)
        if vault.is_open:
            with vault.session() as s:
                anchor: Anchor | None = anchors.chain_head(s)
        else:
            anchor = vault.key_file.anchor
        return _write_backup(vault, folder, reason, anchor)


def _target(folder: Path, stem: str, now: datetime) -> Path:
    stamp = now.astimezone().strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{stem} {stamp}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{stem} {stamp} ({n}){BACKUP_SUFFIX}"
    return target


def _write_backup(vault: Vault, folder: Path, reason: str, anchor: Anchor | None) -> BackupInfo:
    now = SYSTEM_CLOCK.now()
    target = _target(folder, vault.path.stem, now)
    manifest = {
        "format": "schooldp-backup",
        "version": 1,
        "created_at": now.isoformat(timespec="microseconds"),
        "reason": reason,
        "app_version": __version__,
        "file_id": vault.key_file.file_id,
        "audit": None if anchor is None else {"count": anchor.count, "head": anchor.head},
    }
    with tempfile.TemporaryDirectory(dir=folder, prefix=f".backup-{os.getpid()}-") as work:
        db_copy = Path(work) / "school.sdp"
        if vault.is_open:
            _export(vault, db_copy)
        else:
            shutil.copyfile(vault.path, db_copy)
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
        file_id=str(manifest.get("file_id", "")),
        anchor=anchor_from(manifest.get("audit")),
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


def opens_with(backup: Path, db_key: bytes) -> bool:
    """True when ``db_key`` opens the database inside the backup."""
    with tempfile.TemporaryDirectory(dir=backup.parent, prefix=f".backup-{os.getpid()}-") as work:
        db = Path(work) / "school.sdp"
        with zipfile.ZipFile(backup) as zf, zf.open("school.sdp") as src, open(db, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return key_opens(db, db_key)


def newest_anchor(file_id: str, after: datetime | None, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of this school file (made after ``after``) that records an anchor."""
    for info in list_backups(folder):
        if info.file_id != file_id or info.anchor is None:
            continue
        if after is not None and info.created_at <= after:
            continue
        return info
    return None


def restore(backup: Path, school_file: Path) -> Path:
    """Replace ``school_file`` with the backup's copy; returns where the old file was kept.

    The caller must have closed the school file. The old file and key file are kept
    (``School.sdp.before-restore-YYYYmmdd-HHMMSS``); the restored pair is staged and swapped in
    with one atomic rename each, so the school file never disappears, and a crash part-way
    leaves either the old pair or the restored pair (finished at the next open).
    """
    school_file = Path(school_file)
    info = read_info(backup)
    incoming = backup_key_file(backup)
    lock = FileLock(school_file)
    lock.acquire()
    try:
        swap.recover(school_file, key_file_path(school_file))
        with disk_errors(school_file):
            kept = _keep_current(school_file)
            _stage(backup, school_file)
            # Until the swap is done either file may be in place: this computer's anchor is
            # cleared first (the key file beside each one still anchors its own log).
            anchors.save_local(incoming.with_anchor(None), school_file, restored_at=SYSTEM_CLOCK.now())
            swap.commit(school_file, key_file_path(school_file))
    except BaseException:
        swap.discard(school_file, key_file_path(school_file))
        raise
    finally:
        lock.release()
    restored_keys = KeyFile.from_json(key_file_path(school_file).read_bytes())
    anchors.save_local(restored_keys, school_file, restored_at=SYSTEM_CLOCK.now())
    log.info("Restored a school file from backup (%s)", info.reason)
    return kept


def _keep_current(school_file: Path) -> Path:
    """Keep the current pair under a new name, without moving it (link, or copy)."""
    stamp = SYSTEM_CLOCK.now().astimezone().strftime("%Y%m%d-%H%M%S")
    kept = school_file.with_name(f"{school_file.name}.before-restore-{stamp}")
    n = 1
    while kept.exists() or key_file_path(kept).exists():
        n += 1
        kept = school_file.with_name(f"{school_file.name}.before-restore-{stamp}-{n}")
    for src, dst in ((school_file, kept), (key_file_path(school_file), key_file_path(kept))):
        if not src.exists():
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)
    fsync_dir(school_file.parent)
    return kept


def _stage(backup: Path, school_file: Path) -> None:
    staged = swap.incoming_db(school_file)
    with zipfile.ZipFile(backup) as zf:
        with zf.open("school.sdp") as src, open(staged, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        atomic_write_bytes(swap.incoming_keys(key_file_path(school_file)), zf.read("school.sdp-keys"))


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
