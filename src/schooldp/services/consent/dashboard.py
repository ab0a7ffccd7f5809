"""Open withdrawal follow-ups on the dashboard, as deadlines; labels hold the job, never the pupil."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentTaskRow

__all__ = ["attention_items"]


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    with session.read() as s:
        rows = list(s.scalars(select(ConsentTaskRow).where(ConsentTaskRow.done_on.is_(None))))
    return [
        AttentionItem(
            Deadline(
                DeadlineKind.CONSENT_TASK, f"CT-{r.id}", r.due_on, label=f"Consent withdrawn: {r.title}"
            ),
            "consent",
            r.id,
        )
        for r in rows
    ]


register_provider("consent", attention_items)
