"""The dashboard's view of the breach register: open breaches whose ICO report may be due."""

from __future__ import annotations

from datetime import datetime, timedelta

from schooldp.domain.breach.reporting import ICO_REPORT_NOT_MADE
from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.breaches.countdown import ClockState
from schooldp.services.breaches.register import record_countdown
from schooldp.services.breaches.service import CASE_KIND, BreachService
from schooldp.services.breaches.values import BreachRecord
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession

# SchoolDP: the ICO normally gives its case reference within days; chase it after a week.
REFERENCE_CHASE_AFTER = timedelta(days=7)


def attention(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    """Open breaches whose ICO report may still be due, for the dashboard."""
    items: list[AttentionItem] = []
    for record in BreachService(session).records():
        if record.is_closed:
            continue
        if record.reference_missing:
            items.append(AttentionItem(_chase(record), CASE_KIND, record.id))
            continue
        cd = record_countdown(record, now)
        if cd.state in (ClockState.NOT_NEEDED, ClockState.REPORTED):
            continue
        deadline = Deadline(
            DeadlineKind.BREACH_REPORT,
            record.reference,
            cd.due,
            f"{ICO_REPORT_NOT_MADE}: report breach {record.reference} to the ICO",
        )
        items.append(AttentionItem(deadline, CASE_KIND, record.id))
    return items


def _chase(record: BreachRecord) -> Deadline:
    """Reported, but the ICO has given no case reference yet: chase it."""
    initial = record.initial_report
    assert initial is not None
    return Deadline(
        DeadlineKind.BREACH_REPORT,
        record.reference,
        initial.submitted_at + REFERENCE_CHASE_AFTER,
        f"Ask the ICO for the case reference for breach {record.reference} (reported, reference not yet given)",
    )


def register() -> None:
    """Put the breach register on the dashboard."""
    register_provider(CASE_KIND, attention)
