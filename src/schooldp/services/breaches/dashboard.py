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
        items.append(AttentionItem(report_deadline(record.reference, cd.due), CASE_KIND, record.id))
    return items


def report_deadline(reference: str, due: datetime) -> Deadline:
    """The ICO report still to make, due 72 hours after awareness."""
    return Deadline(
        DeadlineKind.BREACH_REPORT,
        reference,
        due,
        f"{ICO_REPORT_NOT_MADE}: report breach {reference} to the ICO",
    )


def chase_deadline(reference: str, submitted_at: datetime) -> Deadline:
    """Reported, but the ICO has given no case reference yet: chase it."""
    return Deadline(
        DeadlineKind.BREACH_REPORT,
        reference,
        submitted_at + REFERENCE_CHASE_AFTER,
        f"Ask the ICO for the case reference for breach {reference} (reported, reference not yet given)",
    )


def _chase(record: BreachRecord) -> Deadline:
    initial = record.initial_report
    assert initial is not None
    return chase_deadline(record.reference, initial.submitted_at)


def register() -> None:
    """Put the breach register on the dashboard."""
    register_provider(CASE_KIND, attention)
