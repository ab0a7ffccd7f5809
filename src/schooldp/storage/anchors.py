"""Where the activity log's head is recorded outside the school file, and the check against it.

Three places hold an anchor (entry count and last hash): the key file beside the school file
(authenticated with a MAC), a copy of that key file in this computer's SchoolDP data folder
(which also lets the recovery key work when the key file beside the school file is lost), and
the manifest of every backup. On every open the log must still extend each anchor: an entry
rewritten (even with every hash recomputed), entries removed from the end, or the whole log
emptied each leave an anchor that no longer matches, and the message names which.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldp import config
from schooldp.storage import audit
from schooldp.storage.atomic import atomic_write_bytes
from schooldp.storage.keyfile import Anchor, KeyFile
from schooldp.storage.keyslots import KeyFileError
from schooldp.storage.models import AuditRow, Meta

log = logging.getLogger(__name__)


def _folder() -> Path:
    path = config.data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _record_path(file_id: str) -> Path:
    return _folder() / f"{file_id}.json"


@dataclass(frozen=True)
class LocalRecord:
    """This computer's copy of a school file's key file, where it was, and when last restored."""

    key_file: KeyFile
    school_file: str
    restored_at: datetime | None = None


def save_local(key_file: KeyFile, school_file: Path, restored_at: datetime | None = None) -> None:
    if not key_file.file_id:
        return
    previous = load_local(key_file.file_id)
    if restored_at is None and previous is not None:
        restored_at = previous.restored_at
    body = {
        "school_file": str(Path(school_file).resolve()),
        "restored_at": restored_at.isoformat() if restored_at else None,
        "keys": json.loads(key_file.to_json()),
    }
    try:
        atomic_write_bytes(_record_path(key_file.file_id), json.dumps(body, indent=1).encode("utf-8"))
    except OSError:
        log.warning("Could not update this computer's copy of the key file")


def _parse(data: bytes) -> LocalRecord | None:
    try:
        body = json.loads(data.decode("utf-8"))
        key_file = KeyFile.from_json(json.dumps(body["keys"]).encode("utf-8"))
        restored = body.get("restored_at")
        return LocalRecord(
            key_file, str(body["school_file"]), datetime.fromisoformat(restored) if restored else None
        )
    except (KeyFileError, KeyError, TypeError, ValueError, UnicodeDecodeError):
        return None


def load_local(file_id: str) -> LocalRecord | None:
    try:
        return _parse(_record_path(file_id).read_bytes())
    except OSError:
        return None


def all_local() -> list[LocalRecord]:
    records = []
    for path in sorted(_folder().glob("*.json")):
        try:
            record = _parse(path.read_bytes())
        except OSError:
            continue
        if record is not None:
            records.append(record)
    return records


def chain_head(session: Session) -> Anchor:
    """The head the database itself records (count and last hash)."""
    head = session.get(Meta, "audit_head")
    count = session.get(Meta, "audit_count")
    if head is None or count is None:
        return Anchor(0, "0" * 64)
    return Anchor(int(count.value), head.value)


def mismatch(session: Session, where: str, anchor: Anchor) -> str | None:
    """None when the log still extends ``anchor``; otherwise what no longer matches.

    One entry is read (the anchor's), however long the log; only when it does not match is the
    log looked at further, to say what happened."""
    if anchor.count == 0 or audit.anchored_entry(session, anchor.count, anchor.head) is not None:
        return None
    found = session.scalars(
        select(AuditRow.hash).order_by(AuditRow.id).offset(anchor.count - 1).limit(1)
    ).first()
    if found is None:
        left = int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)
        if not left:
            return (
                f"{where} records {anchor.count} activity entries, but the activity log in the school "
                "file is now empty: it has been deleted."
            )
        return (
            f"{where} records {anchor.count} activity entries, but the school file now has only "
            f"{left}: entries have been removed from the end."
        )
    if found != anchor.head:
        return (
            f"{where} records activity entry {anchor.count} with a fingerprint beginning "
            f"{anchor.head[:12]}, but the school file's entry {anchor.count} now differs: the log "
            "has been rewritten."
        )
    return None


def forget_local(file_id: str) -> None:
    """Drop this computer's record of a school file that was never finished (an export undone)."""
    if file_id:
        _record_path(file_id).unlink(missing_ok=True)
