"""The record's change history: every add and edit keeps the entry as it became (UK GDPR Art 5(2))."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldp.domain.records import NoticeAudience
from schooldp.services.school import SchoolSession
from schooldp.storage.records_models import RecordChangeRow

__all__ = ["RecordChange", "add_change", "changes_for", "latest_revision", "stored_now"]


@dataclass(frozen=True)
class RecordChange:
    id: int
    entity: str
    entity_id: int
    version: int
    changed_at: datetime  # aware UTC
    changed_by: str
    summary: str
    audiences: frozenset[NoticeAudience]


def stored_now(session: SchoolSession) -> datetime:
    """Naive UTC, as the vault stores times."""
    return session.clock.now().astimezone(UTC).replace(tzinfo=None)


def add_change(
    s: Session,
    session: SchoolSession,
    entity: str,
    entity_id: int,
    version: int,
    body_json: str,
    summary: str,
    audiences: Iterable[NoticeAudience],
) -> None:
    s.add(
        RecordChangeRow(
            entity=entity,
            entity_id=entity_id,
            version=version,
            changed_at=stored_now(session),
            changed_by=session.account.display_name,
            summary=summary,
            audiences=",".join(sorted(a.value for a in audiences)),
            body_json=body_json,
        )
    )


def _change(row: RecordChangeRow) -> RecordChange:
    return RecordChange(
        id=row.id,
        entity=row.entity,
        entity_id=row.entity_id,
        version=row.version,
        changed_at=row.changed_at.replace(tzinfo=UTC),
        changed_by=row.changed_by,
        summary=row.summary,
        audiences=frozenset(NoticeAudience(a) for a in row.audiences.split(",") if a),
    )


def changes_for(
    session: SchoolSession, entity: str | None = None, entity_id: int | None = None
) -> list[RecordChange]:
    """Newest first."""
    query = select(RecordChangeRow).order_by(RecordChangeRow.id.desc())
    if entity is not None:
        query = query.where(RecordChangeRow.entity == entity)
    if entity_id is not None:
        query = query.where(RecordChangeRow.entity_id == entity_id)
    with session.read() as s:
        return [_change(r) for r in s.scalars(query)]


def latest_revision(session: SchoolSession, audience: NoticeAudience | None = None) -> int:
    """The id of the last change (affecting this notice, when given); 0 for an empty record."""
    with session.read() as s:
        if audience is None:
            return int(s.scalar(select(func.max(RecordChangeRow.id))) or 0)
        query = select(RecordChangeRow.id, RecordChangeRow.audiences).order_by(RecordChangeRow.id.desc())
        for change_id, audiences in s.execute(query):
            if audience.value in audiences.split(","):
                return int(change_id)
    return 0
