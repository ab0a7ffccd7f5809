"""The audit trail: every change writes an entry in the same transaction, hash-chained.

Each entry's hash covers its fields and the previous entry's hash, and the head (last hash and
count) is kept in ``meta``; so an edited, inserted or deleted row breaks the chain and opening
the file says so. Summaries never hold personal details: ids and short descriptions only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.storage.models import AccountRow, AuditRow, Meta

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    account_id: int | None
    account_name: str
    action: str
    entity: str
    entity_id: str
    summary: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_id: int | None = None
    message: str = ""
    walked: int = 0  # entries read and hashed: all of them, or those after the anchor


def _digest(
    prev_hash: str, at: str, account_id: int | None, action: str, entity: str, entity_id: str, summary: str
) -> str:
    body = json.dumps(
        [prev_hash, at, account_id, action, entity, entity_id, summary],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _meta(session: Session, key: str) -> Meta | None:
    return session.get(Meta, key)


def append(
    session: Session,
    account_id: int | None,
    action: str,
    entity: str,
    entity_id: object = "",
    summary: str = "",
    now: datetime | None = None,
) -> AuditRow:
    """Add an entry inside the caller's transaction.

    On the trust's server several people write at once: a transaction-scoped lock per school
    schema makes writers take turns, and the head is read afresh under it, so every entry
    extends the one chain (the lock ends with the caller's commit or rollback).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.flush()
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
        head = session.get(Meta, "audit_head", populate_existing=True)
        count_row = session.get(Meta, "audit_count", populate_existing=True)
    else:
        head = _meta(session, "audit_head")
        count_row = _meta(session, "audit_count")
    prev_hash = head.value if head else GENESIS
    at = (now or SYSTEM_CLOCK.now()).astimezone(UTC).isoformat(timespec="microseconds")
    eid = "" if entity_id is None else str(entity_id)
    digest = _digest(prev_hash, at, account_id, action, entity, eid, summary)
    row = AuditRow(
        at=at,
        account_id=account_id,
        action=action,
        entity=entity,
        entity_id=eid,
        summary=summary,
        prev_hash=prev_hash,
        hash=digest,
    )
    session.add(row)
    count = int(count_row.value) + 1 if count_row else 1
    session.merge(Meta(key="audit_head", value=digest))
    session.merge(Meta(key="audit_count", value=str(count)))
    return row


class CheckStopped(Exception):
    """The full walk was asked to stop (the file is being locked or closed); nothing was found."""


def verify_chain(session: Session, cancelled: Callable[[], bool] | None = None) -> ChainReport:
    """Walk every entry from the first: the full check (after unlock, in the background, and on
    demand from the Activity page). ``cancelled`` is asked every few hundred entries."""
    recorded = _recorded_head(session)  # before the rows: see _walk
    rows: Iterable[AuditRow] = session.scalars(select(AuditRow).order_by(AuditRow.id))
    if cancelled is not None:
        rows = _stopping(rows, cancelled)
    return _walk(session, rows, GENESIS, 0, recorded)


def _stopping(rows: Iterable[AuditRow], cancelled: Callable[[], bool]) -> Iterator[AuditRow]:
    for n, row in enumerate(rows):
        if n % 256 == 0 and cancelled():
            raise CheckStopped()
        yield row


def verify_since(session: Session, count: int, head: str) -> ChainReport:
    """The check on opening: entry ``count`` must still have the hash ``head`` (an anchor kept
    outside the file), and only the entries after it are walked, so opening costs the same
    however long the log grows. Entries before the anchor are left to `verify_chain`. When the
    anchor does not hold, every entry is walked (the caller reports the anchor as well)."""
    anchored = anchored_entry(session, count, head) if count > 0 else None
    if anchored is None:
        return verify_chain(session)
    recorded = _recorded_head(session)
    after = session.scalars(select(AuditRow).where(AuditRow.id > anchored).order_by(AuditRow.id))
    return _walk(session, after, head, count, recorded)


def anchored_entry(session: Session, count: int, head: str) -> int | None:
    """The id of entry number ``count`` when its stored hash is ``head``; None when it is not.

    Entries are numbered 1, 2, 3... as written, so the row with id ``count`` is tried first (one
    row read); a server database's ids can skip numbers, so then the entry at that position."""
    row = session.get(AuditRow, count)
    if row is not None and row.hash == head:
        return count
    at = session.execute(
        select(AuditRow.id, AuditRow.hash).order_by(AuditRow.id).offset(count - 1).limit(1)
    ).first()
    return at.id if at is not None and at.hash == head else None


def _recorded_head(session: Session) -> tuple[int, str]:
    """The head and count in meta as committed now (not as this session last saw them)."""
    query = select(Meta.key, Meta.value).where(Meta.key.in_(("audit_head", "audit_count")))
    values = {key: value for key, value in session.execute(query)}
    return int(values.get("audit_count") or 0), values.get("audit_head") or GENESIS


def _walk(
    session: Session, rows: Iterable[AuditRow], prev: str, n: int, recorded: tuple[int, str]
) -> ChainReport:
    """Check each row links to ``prev`` and hashes to its own hash, then the head in meta.

    The program keeps writing while a check walks (it runs in the background), so the head is
    read before the rows (``recorded``) and again after: entry number ``recorded`` must end
    where the head then said, and every entry walked must be counted by the head read after.
    Entries written meanwhile are fine; entries missing from the end, or added without the
    head, are not."""
    recorded_n, recorded_hash = recorded
    at_recorded = prev if n == recorded_n else None
    walked = 0
    for row in rows:
        walked += 1
        expected = _digest(prev, row.at, row.account_id, row.action, row.entity, row.entity_id, row.summary)
        if row.prev_hash != prev or row.hash != expected:
            message = f"Activity entry {row.id} has been changed or removed."
            return ChainReport(False, n, row.id, message, walked)
        prev = row.hash
        n += 1
        if n == recorded_n:
            at_recorded = prev
    now_n, now_hash = _recorded_head(session)
    removed = n < recorded_n or (recorded_n > 0 and at_recorded != recorded_hash)
    unrecorded = n > now_n or (n == now_n and n > 0 and prev != now_hash)
    if removed or unrecorded:
        return ChainReport(
            False, n, None, "Entries at the end of the activity log have been removed.", walked
        )
    return ChainReport(True, n, walked=walked)


class AuditFilter(TypedDict, total=False):
    """What `entries` can narrow the log by, as keywords a service can pass straight on."""

    limit: int
    action: str | None
    entity: str | None
    account_id: int | None
    since: datetime | None
    until: datetime | None


def entries(
    session: Session,
    *,
    limit: int = 500,
    action: str | None = None,
    entity: str | None = None,
    account_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Sequence[AuditEntry]:
    q = select(AuditRow, AccountRow.display_name).outerjoin(AccountRow, AuditRow.account_id == AccountRow.id)
    if action:
        q = q.where(AuditRow.action == action)
    if entity:
        q = q.where(AuditRow.entity == entity)
    if account_id is not None:
        q = q.where(AuditRow.account_id == account_id)
    if since is not None:
        q = q.where(AuditRow.at >= since.astimezone(UTC).isoformat(timespec="microseconds"))
    if until is not None:
        q = q.where(AuditRow.at < until.astimezone(UTC).isoformat(timespec="microseconds"))
    q = q.order_by(AuditRow.id.desc()).limit(limit)
    return [
        AuditEntry(
            r.id,
            datetime.fromisoformat(r.at),
            r.account_id,
            name or "SchoolDP",
            r.action,
            r.entity,
            r.entity_id,
            r.summary,
        )
        for r, name in session.execute(q)
    ]


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)
