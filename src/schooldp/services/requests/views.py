"""What the Requests page sees: frozen values built from the vault, never rows.

`RequestSummary` is one line of the register; `RequestDetail` is one request's page (history,
clock events, ID seen, searches, disclosure schedule, decisions and the pupil's rights).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from schooldp.domain.calendar import format_uk_date
from schooldp.domain.deadlines import ClockEvent, ClockResult, Deadline, DeadlineStatus, format_due
from schooldp.domain.requests import (
    COMPLAINT_ACKNOWLEDGED,
    Channel,
    ChildJudgement,
    ChildRightsAdvice,
    DisclosureDecision,
    IdDocument,
    Relationship,
    RequestStatus,
    RequestType,
    SearchRecord,
    Subject,
)


@dataclass(frozen=True)
class Requester:
    name: str
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    kind: str = "other"  # contact / staff / pupil / other, as the letter log uses
    id: int | None = None


@dataclass(frozen=True)
class ChildDecision:
    judgement: ChildJudgement
    reasons: str
    decided_on: date | None = None
    by: str = ""


@dataclass(frozen=True)
class NewRequest:
    """What the "Log a request" dialog collects."""

    request_type: RequestType
    channel: Channel
    received_on: date
    requester: Requester
    relationship: Relationship
    subject: Subject
    description: str
    child_decision: ChildDecision | None = None


@dataclass(frozen=True)
class StatusEntry:
    id: int
    from_status: RequestStatus | None
    to_status: RequestStatus
    reason: str
    on: date
    at: datetime
    by: str


@dataclass(frozen=True)
class ClockEntry:
    id: int
    event: ClockEvent
    note: str
    by: str


@dataclass(frozen=True)
class IdEntry:
    id: int
    document: IdDocument
    by: str


@dataclass(frozen=True)
class SearchEntry:
    id: int
    record: SearchRecord
    by: str


@dataclass(frozen=True)
class DisclosureEntry:
    id: int
    decision: DisclosureDecision
    by: str
    at: datetime


@dataclass(frozen=True)
class Decision:
    kind: str
    value: str
    reasons: str
    detail: Mapping[str, object]
    on: date
    at: datetime
    by: str


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    at: datetime
    what: str
    detail: str
    by: str


@dataclass(frozen=True)
class RequestSummary:
    """One request as the register shows it; the deadline comes from the deadline engine."""

    id: int
    reference: str
    request_type: RequestType
    channel: Channel
    received_on: date
    status: RequestStatus
    relationship: Relationship
    requester: Requester
    subject: Subject
    description: str
    extended: bool
    extension_reasons: str
    extension_notice_on: date | None
    ended_on: date | None
    closed_on: date | None
    deadline: Deadline
    clock: ClockResult | None
    due_problem: str = ""
    acknowledged_on: date | None = None
    row_version: int = 1  # the version read; hand it back when saving (`services.versions`)

    @property
    def due(self) -> date | None:
        due = self.deadline.due
        return due if isinstance(due, date) and not isinstance(due, datetime) else None

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def deadline_status(self, now: datetime) -> DeadlineStatus:
        return self.deadline.status(now)

    def is_overdue(self, now: datetime) -> bool:
        return self.is_open and self.deadline.status(now) is DeadlineStatus.OVERDUE

    def due_text(self) -> str:
        if self.due_problem:
            return self.due_problem
        if self.due is None:
            return "Paused"
        return format_due(self.due)

    def time_left(self, now: datetime) -> str:
        """Plain words for the register: closed items stop counting down."""
        if not self.is_open:
            when = self.closed_on or self.ended_on
            return f"{self.status.label} {format_uk_date(when)}" if when else self.status.label
        if self.due_problem:
            return self.due_problem
        if self.request_type is RequestType.COMPLAINT and self.acknowledged_on is not None:
            return COMPLAINT_ACKNOWLEDGED
        text = self.deadline.describe(now)
        if self.deadline.status(now) is DeadlineStatus.OVERDUE:
            return f"OVERDUE: {text}"
        return text


@dataclass(frozen=True)
class RequestDetail:
    summary: RequestSummary
    history: tuple[StatusEntry, ...]
    clock_events: tuple[ClockEntry, ...]
    id_documents: tuple[IdEntry, ...]
    searches: tuple[SearchEntry, ...]
    disclosures: tuple[DisclosureEntry, ...]
    decisions: tuple[Decision, ...]
    child_advice: ChildRightsAdvice | None
    child_decision: ChildDecision | None

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def open_events(self) -> tuple[ClockEntry, ...]:
        return tuple(e for e in self.clock_events if e.event.is_open)

    def latest(self, kind: str) -> Decision | None:
        found = [d for d in self.decisions if d.kind == kind]
        return found[-1] if found else None
