"""Open withdrawal follow-ups on the dashboard, as deadlines; labels hold the job, never the pupil."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentTaskRow

__all__ = ["attention_items", "task_deadline"]


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    with session.read() as s:
        rows = list(s.scalars(select(ConsentTaskRow).where(ConsentTaskRow.done_on.is_(None))))
    return [AttentionItem(task_deadline(r.id, r.due_on, r.title), "consent", r.id) for r in rows]


def task_deadline(task_id: int, due_on: date, title: str) -> Deadline:
    """A withdrawal follow-up still to do; the title names the job, never the pupil."""
    return Deadline(DeadlineKind.CONSENT_TASK, f"CT-{task_id}", due_on, label=f"Consent withdrawn: {title}")


register_provider("consent", attention_items)
