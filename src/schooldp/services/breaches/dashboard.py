"""The dashboard's view of the breach register: open breaches whose ICO report may be due."""

from __future__ import annotations

from datetime import datetime

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.breaches.countdown import ClockState
from schooldp.services.breaches.register import record_countdown
from schooldp.services.breaches.service import CASE_KIND, BreachService
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession


def attention(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    """Open breaches whose ICO report may still be due, for the dashboard."""
    items: list[AttentionItem] = []
    for record in BreachService(session).records():
        if record.is_closed:
            continue
        cd = record_countdown(record, now)
        if cd.state in (ClockState.NOT_NEEDED, ClockState.REPORTED):
            continue
        deadline = Deadline(
            DeadlineKind.BREACH_REPORT,
            record.reference,
            cd.due,
            f"Report breach {record.reference} to the ICO",
        )
        items.append(AttentionItem(deadline, CASE_KIND, record.id))
    return items


def register() -> None:
    """Put the breach register on the dashboard."""
    register_provider(CASE_KIND, attention)
