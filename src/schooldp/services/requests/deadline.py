"""A request's deadline and clock, asked of the deadline engine (`schooldp.domain.deadlines`).

Subject access and the other rights: one month, paused or restarted by what the school asked
for (UK GDPR Art 12(3); ICO guidance). The educational record: 15 school days from the school
calendar (reg 5). A complaint: acknowledge within 30 days (DPA 2018 s.164A).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schooldp.domain.calendar import SchoolCalendar
from schooldp.domain.deadlines import (
    ClockEvent,
    ClockResult,
    Deadline,
    DeadlineKind,
    complaint_ack_due,
    educational_record_due,
    effective_due,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import RequestType
from schooldp.domain.school import SchoolProfile
from schooldp.storage.request_models import RequestRow

TERM_DATES_NEEDED = "Term dates needed"
NEXT_TERM_NEEDED = "Add next term's dates"


def request_deadline(
    row: RequestRow,
    events: Sequence[ClockEvent],
    acknowledged_on: date | None,
    met: date | None,
    profile: SchoolProfile,
    calendar: SchoolCalendar | None,
) -> tuple[Deadline, ClockResult | None, str]:
    """(the deadline, the clock if the type has one, why no due date can be given yet)."""
    rtype = RequestType(row.request_type)
    if rtype is RequestType.COMPLAINT:
        deadline = Deadline(
            DeadlineKind.COMPLAINT_ACK,
            row.reference,
            complaint_ack_due(row.received_on, profile.nation),
            "Acknowledge the complaint",
            met_at=acknowledged_on or met,
        )
        return deadline, None, ""
    if rtype is RequestType.EDUCATIONAL_RECORD:
        return _educational_record(row, events, met, profile, calendar)
    clock = effective_due(row.received_on, events, profile.nation, extended=row.extended)
    if rtype is RequestType.SUBJECT_ACCESS:
        kind = DeadlineKind.SUBJECT_ACCESS_EXTENDED if row.extended else DeadlineKind.SUBJECT_ACCESS
    else:
        kind = DeadlineKind.RIGHTS_REQUEST
    deadline = Deadline(
        kind,
        row.reference,
        clock.due,
        kind.label,
        met_at=met,
        paused=clock.paused and met is None,
        pause_reason=clock.pause_reason,
    )
    return deadline, clock, ""


def _educational_record(
    row: RequestRow,
    events: Sequence[ClockEvent],
    met: date | None,
    profile: SchoolProfile,
    calendar: SchoolCalendar | None,
) -> tuple[Deadline, ClockResult, str]:
    clock = effective_due(row.received_on, events, profile.nation)
    due: date | None = None
    problem = ""
    if not clock.paused:
        due, problem = _school_days_due(clock.start, calendar)
    deadline = Deadline(
        DeadlineKind.EDUCATIONAL_RECORD,
        row.reference,
        due,
        "Educational record access",
        met_at=met,
        paused=due is None and met is None,
        pause_reason=problem or clock.pause_reason,
    )
    return deadline, clock, problem


def _school_days_due(start: date, calendar: SchoolCalendar | None) -> tuple[date | None, str]:
    """15 school days from `start`, or why the calendar cannot say yet."""
    if calendar is None:
        return None, TERM_DATES_NEEDED
    try:
        return educational_record_due(start, calendar), ""
    except ValidationError as exc:
        return None, NEXT_TERM_NEEDED if "ends on" in str(exc) else TERM_DATES_NEEDED
