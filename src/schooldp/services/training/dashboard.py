"""Training on the dashboard: how many staff are overdue by the school's refresher period, and
how many have never been trained (policy 18). Counts only; the Training page lists the names."""

from __future__ import annotations

from datetime import datetime

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.domain.training import TrainingStatus
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession

__all__ = ["attention_items"]


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    from schooldp.services.training.service import TrainingService

    statuses = TrainingService(session).statuses()
    items = []
    overdue = [t for t in statuses if t.status is TrainingStatus.OVERDUE and t.next_due is not None]
    if overdue:
        due = min(t.next_due for t in overdue if t.next_due is not None)
        n = len(overdue)
        label = f"Data protection training overdue: {n} member{'s' if n != 1 else ''} of staff"
        items.append(AttentionItem(Deadline(DeadlineKind.OTHER, "TRAINING", due, label=label), "training", 1))
    never = [t for t in statuses if t.status is TrainingStatus.NEVER]
    # Only once the school keeps its training here: before that, every member of staff is "never".
    if never and any(t.last_trained_on is not None for t in statuses):
        n = len(never)
        label = f"Never trained in data protection: {n} member{'s' if n != 1 else ''} of staff"
        items.append(
            AttentionItem(
                Deadline(DeadlineKind.OTHER, "TRAINING-NEW", now.date(), label=label), "training", 2
            )
        )
    return items


register_provider("training", attention_items)
