"""Follow-up jobs after a withdrawal or objection: created with it, listed, done once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.consent import ConsentEvent, ConsentEventKind, ConsentPurpose, withdrawal_tasks
from schooldp.domain.errors import ValidationError
from schooldp.services.consent.rows import task_from_row
from schooldp.services.consent.values import FollowUpTask
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentTaskRow

__all__ = ["add_follow_ups", "complete_task", "list_tasks", "needs_follow_up"]


def needs_follow_up(event: ConsentEvent) -> bool:
    """Policy section 12: a withdrawal (or the pupil's objection) means stopping the use."""
    return event.kind in (ConsentEventKind.WITHDRAWN, ConsentEventKind.PUPIL_OBJECTED)


def add_follow_ups(
    db: Session, event_id: int, event: ConsentEvent, purpose: ConsentPurpose, today: date
) -> list[FollowUpTask]:
    """The purpose's follow-up jobs for a saved withdrawal, due by the school's default offsets."""
    tasks: list[FollowUpTask] = []
    for template in withdrawal_tasks(purpose):
        row = ConsentTaskRow(
            event_id=event_id,
            pupil_id=event.pupil_id,
            purpose_key=purpose.key,
            task_key=template.key,
            title=template.title,
            detail=template.detail,
            created_on=today,
            due_on=today + timedelta(days=template.due_after_days),
            done_by_name="",
            done_note="",
        )
        db.add(row)
        db.flush()
        tasks.append(task_from_row(row, purpose.title))
    return tasks


def list_tasks(
    session: SchoolSession,
    titles: Mapping[str, str],
    *,
    include_done: bool = True,
    pupil_id: int | None = None,
) -> list[FollowUpTask]:
    q = select(ConsentTaskRow)
    if not include_done:
        q = q.where(ConsentTaskRow.done_on.is_(None))
    if pupil_id is not None:
        q = q.where(ConsentTaskRow.pupil_id == pupil_id)
    q = q.order_by(ConsentTaskRow.due_on, ConsentTaskRow.id)
    with session.read() as s:
        return [task_from_row(r, titles.get(r.purpose_key, r.purpose_key)) for r in s.scalars(q)]


def complete_task(session: SchoolSession, task_id: int, note: str, today: date) -> FollowUpTask:
    """Mark a task done by the account at work; the purpose title is left for the caller."""
    with session.change() as ch:
        row = ch.session.get(ConsentTaskRow, task_id)
        if row is None:
            raise ValidationError("That follow-up task is no longer there.", "task")
        if row.done_on is not None:
            raise ValidationError(
                f"This task was already marked done on {row.done_on:%d %B %Y}.".replace(" 0", " "),
                "task",
            )
        row.done_on = today
        row.done_by = session.account.id
        row.done_by_name = session.account.display_name
        row.done_note = note.strip()
        ch.record("consent.task_done", "consent_task", task_id, f"Follow-up task done: {row.task_key}")
    return task_from_row(row, "")
