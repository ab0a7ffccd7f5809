"""Rights requests and data protection complaints, from the day they arrive to the day they close.

Every date comes from `schooldp.domain.deadlines`; every status move from
`schooldp.domain.requests.transition`. Each change is one transaction with its audit entry
(ids, kinds and counts only: never a name). The UI receives frozen dataclasses, never rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.documents import LetterData, uk_date
from schooldp.documents.letter_type import LetterType
from schooldp.domain.calendar import SchoolCalendar, format_uk_date
from schooldp.domain.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockResult,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    complaint_ack_due,
    educational_record_due,
    effective_due,
    format_due,
    london_now,
)
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.requests import (
    RESPONSE_CHECKLIST,
    Channel,
    ChildJudgement,
    ChildRightsAdvice,
    DisclosureDecision,
    DisclosureOutcome,
    Exemption,
    IdDocument,
    IdDocumentType,
    Relationship,
    RequestStatus,
    RequestType,
    SearchLocation,
    SearchRecord,
    Subject,
    SubjectKind,
    UnfoundedAction,
    UnfoundedOrExcessive,
    add_id_document,
    child_advice,
    educational_record_blocker,
    offered_types,
    transition,
)
from schooldp.domain.school import SchoolProfile
from schooldp.services.letters import LetterService, Recipient
from schooldp.services.school import SchoolSession
from schooldp.storage.atomic import atomic_write_bytes
from schooldp.storage.models import AccountRow, Meta
from schooldp.storage.request_models import (
    RequestClockRow,
    RequestDecisionRow,
    RequestDisclosureRow,
    RequestIdDocumentRow,
    RequestRow,
    RequestSearchRow,
    RequestStatusRow,
)

CASE_KIND = "request"
CALENDAR_KEY = "school_calendar"
EARLIEST_DATE = date(2000, 1, 1)

# --------------------------------------------------------------------------------------------
# The school calendar (terms and INSET days) lives in the vault's meta table
# --------------------------------------------------------------------------------------------


def load_school_calendar(session: SchoolSession) -> SchoolCalendar | None:
    """The school's term dates, or None if none have been entered yet."""
    with session.read() as s:
        row = s.get(Meta, CALENDAR_KEY)
        if row is None or not row.value.strip():
            return None
        return SchoolCalendar.from_json(row.value)


def save_school_calendar(session: SchoolSession, calendar: SchoolCalendar) -> None:
    """Store the term dates (needed for the 15 school days of an educational-record request)."""
    with session.change() as ch:
        row = ch.session.get(Meta, CALENDAR_KEY)
        if row is None:
            ch.session.add(Meta(key=CALENDAR_KEY, value=calendar.to_json()))
        else:
            row.value = calendar.to_json()
        ch.record(
            "calendar.saved",
            "school",
            1,
            f"School calendar saved: {len(calendar.terms)} terms, {len(calendar.closures)} closures",
        )


# --------------------------------------------------------------------------------------------
# Values the UI sees
# --------------------------------------------------------------------------------------------


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
            return "Acknowledged: outcome without undue delay"
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


@dataclass(frozen=True)
class LetterField:
    """A letter field the DPO may edit before the letter is rendered."""

    key: str
    label: str
    multiline: bool = True


@dataclass(frozen=True)
class LetterPlan:
    """A letter for a request, ready to edit, render and record."""

    letter_type: LetterType
    recipient: Recipient
    address: tuple[str, ...]
    salutation: str
    fields: Mapping[str, str]
    editable: tuple[LetterField, ...] = ()
    file_stem: str = ""


# --------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------

_PREFIX = {
    RequestType.SUBJECT_ACCESS: "SAR",
    RequestType.EDUCATIONAL_RECORD: "ER",
    RequestType.COMPLAINT: "DPC",
}
_AWAITING_FOR = {
    ClockEventKind.ID_AWAITED: RequestStatus.AWAITING_ID,
    ClockEventKind.AUTHORITY_AWAITED: RequestStatus.AWAITING_AUTHORITY,
    ClockEventKind.FEE_AWAITED: RequestStatus.AWAITING_FEE,
    ClockEventKind.CLARIFICATION_AWAITED: RequestStatus.AWAITING_CLARIFICATION,
}
_ENDED = frozenset({RequestStatus.RESPONDED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN})


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _today() -> date:
    return london_now().date()


class RequestService:
    """Use cases of the Requests page. `today` is injectable so tests can fix the date."""

    def __init__(self, session: SchoolSession, today: Callable[[], date] | None = None) -> None:
        self.session = session
        self._today = today or _today

    # ---- helpers ---------------------------------------------------------------------------
    def today(self) -> date:
        return self._today()

    def check_day(
        self, day: date, what: str, not_before: date | None = None, field_name: str = "date"
    ) -> None:
        today = self.today()
        if day > today:
            raise ValidationError(
                f"The {what} ({format_uk_date(day)}) is in the future. Today is {format_uk_date(today)}.",
                field_name,
            )
        if day < EARLIEST_DATE:
            raise ValidationError(
                f"The {what} ({format_uk_date(day)}) looks wrong: check the year.", field_name
            )
        if not_before is not None and day < not_before:
            raise ValidationError(
                f"The {what} ({format_uk_date(day)}) cannot be before the request was received "
                f"({format_uk_date(not_before)}).",
                field_name,
            )

    def _row(self, s: Session, request_id: int) -> RequestRow:
        row = s.get(RequestRow, request_id)
        if row is None:
            raise SchoolDPError("That request is no longer in this school file.")
        return row

    def _history(self, s: Session, row: RequestRow, change_to: RequestStatus, reason: str, on: date) -> None:
        s.add(
            RequestStatusRow(
                request_id=row.id,
                from_status=row.status,
                to_status=change_to.value,
                reason=reason,
                effective_on=on,
                at=_now(),
                account_id=self.session.account.id,
            )
        )
        row.status = change_to.value
        if change_to in _ENDED:
            row.ended_on = on
        if change_to is RequestStatus.CLOSED:
            row.closed_on = on

    def _decision(
        self, s: Session, request_id: int, kind: str, value: str, reasons: str, on: date, **detail: object
    ) -> None:
        s.add(
            RequestDecisionRow(
                request_id=request_id,
                kind=kind,
                value=value,
                reasons=reasons,
                detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
                decided_on=on,
                at=_now(),
                account_id=self.session.account.id,
            )
        )

    def _next_reference(self, s: Session, request_type: RequestType, received_on: date) -> str:
        prefix = f"{_PREFIX.get(request_type, 'RR')}-{received_on.year}-"
        existing = s.scalars(
            select(RequestRow.reference).where(RequestRow.reference.like(f"{prefix}%"))
        ).all()
        numbers = [int(r[len(prefix) :]) for r in existing if r[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    # ---- intake ----------------------------------------------------------------------------
    def log(self, new: NewRequest) -> RequestSummary:
        """Log a request as received: the clock starts on the day received, whatever the weekday."""
        profile = self.session.profile()
        self.check_day(new.received_on, "date received", field_name="received_on")
        if not new.requester.name.strip():
            raise ValidationError("Enter the name of the person making the request.", "requester_name")
        if not new.subject.name.strip():
            raise ValidationError("Say whose personal data the request is about.", "subject")
        if not new.description.strip():
            raise ValidationError("Write down what they are asking for, in their words.", "description")
        if new.subject.date_of_birth is not None and new.received_on < new.subject.date_of_birth:
            raise ValidationError("The date received is before the pupil's date of birth.", "received_on")
        if new.request_type is RequestType.EDUCATIONAL_RECORD:
            problem = educational_record_blocker(new.subject, new.received_on, profile)
            if problem:
                raise ValidationError(problem, "request_type")
            if new.relationship is not Relationship.PARENT_CARER:
                raise ValidationError(
                    "The educational-record right belongs to parents (those with parental "
                    "responsibility): choose 'Parent or carer', or log a subject access request.",
                    "relationship",
                )
            if not new.channel.is_written:
                raise ValidationError(
                    "A parent's request to see the educational record must be made in writing "
                    "(regulation 5). Ask the parent to write or email, and log it when it arrives.",
                    "channel",
                )
        decision = new.child_decision
        if decision is not None and not decision.reasons.strip():
            raise ValidationError(
                "Give the reasons for your judgement on the pupil's rights.", "child_reasons"
            )
        with self.session.change() as ch:
            s = ch.session
            row = RequestRow(
                reference=self._next_reference(s, new.request_type, new.received_on),
                request_type=new.request_type.value,
                channel=new.channel.value,
                received_on=new.received_on,
                status=RequestStatus.RECEIVED.value,
                requester_name=new.requester.name.strip(),
                requester_address=json.dumps([a.strip() for a in new.requester.address if a.strip()]),
                requester_email=new.requester.email.strip(),
                requester_phone=new.requester.phone.strip(),
                requester_kind=new.requester.kind,
                requester_id=new.requester.id,
                relationship=new.relationship.value,
                subject_kind=new.subject.kind.value,
                subject_id=new.subject.id,
                subject_name=new.subject.name.strip(),
                subject_dob=new.subject.date_of_birth,
                description=new.description.strip(),
                extended=False,
                extension_reasons="",
                created_at=_now(),
                created_by=self.session.account.id,
            )
            s.add(row)
            s.flush()
            s.add(
                RequestStatusRow(
                    request_id=row.id,
                    from_status="",
                    to_status=RequestStatus.RECEIVED.value,
                    reason=f"Received by {new.channel.label.lower()}",
                    effective_on=new.received_on,
                    at=_now(),
                    account_id=self.session.account.id,
                )
            )
            if decision is not None:
                self._decision(
                    s, row.id, "child", decision.judgement.value, decision.reasons.strip(), new.received_on
                )
            ch.record(
                "request.logged",
                "request",
                row.id,
                f"Request logged: {new.request_type.value} by {new.channel.value} ({row.reference})",
            )
            request_id = row.id
        return self.summary(request_id)

    # ---- reading ---------------------------------------------------------------------------
    def _names(self, s: Session) -> dict[int, str]:
        return {a.id: a.display_name for a in s.scalars(select(AccountRow))}

    def requests(
        self,
        *,
        search: str = "",
        request_type: RequestType | None = None,
        open_only: bool = False,
        overdue_only: bool = False,
        now: datetime | None = None,
    ) -> list[RequestSummary]:
        """The register, newest first, filtered."""
        now = now or london_now()
        profile = self.session.profile()
        calendar = load_school_calendar(self.session)
        with self.session.read() as s:
            rows = list(
                s.scalars(select(RequestRow).order_by(RequestRow.received_on.desc(), RequestRow.id.desc()))
            )
            events: dict[int, list[RequestClockRow]] = {}
            for e in s.scalars(select(RequestClockRow).order_by(RequestClockRow.id)):
                events.setdefault(e.request_id, []).append(e)
            acks = {
                d.request_id: d.decided_on
                for d in s.scalars(
                    select(RequestDecisionRow)
                    .where(RequestDecisionRow.kind == "complaint_ack")
                    .order_by(RequestDecisionRow.id)
                )
            }
            out = [_summary(r, events.get(r.id, []), acks.get(r.id), profile, calendar) for r in rows]
        needle = search.strip().casefold()
        result = []
        for item in out:
            if request_type is not None and item.request_type is not request_type:
                continue
            if open_only and not item.is_open:
                continue
            if overdue_only and not item.is_overdue(now):
                continue
            if (
                needle
                and needle
                not in " ".join(
                    (item.reference, item.subject.name, item.requester.name, item.request_type.label)
                ).casefold()
            ):
                continue
            result.append(item)
        return result

    def summary(self, request_id: int) -> RequestSummary:
        return self.detail(request_id).summary

    def detail(self, request_id: int) -> RequestDetail:
        profile = self.session.profile()
        calendar = load_school_calendar(self.session)
        with self.session.read() as s:
            row = self._row(s, request_id)
            names = self._names(s)

            def who(account_id: int | None) -> str:
                return names.get(account_id or -1, "SchoolDP")

            clock_rows = list(
                s.scalars(
                    select(RequestClockRow)
                    .where(RequestClockRow.request_id == row.id)
                    .order_by(RequestClockRow.id)
                )
            )
            decisions = tuple(
                Decision(
                    d.kind,
                    d.value,
                    d.reasons,
                    json.loads(d.detail or "{}"),
                    d.decided_on,
                    d.at,
                    who(d.account_id),
                )
                for d in s.scalars(
                    select(RequestDecisionRow)
                    .where(RequestDecisionRow.request_id == row.id)
                    .order_by(RequestDecisionRow.id)
                )
            )
            ack = next((d.on for d in reversed(decisions) if d.kind == "complaint_ack"), None)
            summary = _summary(row, clock_rows, ack, profile, calendar)
            history = tuple(
                StatusEntry(
                    h.id,
                    RequestStatus(h.from_status) if h.from_status else None,
                    RequestStatus(h.to_status),
                    h.reason,
                    h.effective_on,
                    h.at,
                    who(h.account_id),
                )
                for h in s.scalars(
                    select(RequestStatusRow)
                    .where(RequestStatusRow.request_id == row.id)
                    .order_by(RequestStatusRow.id)
                )
            )
            clock = tuple(ClockEntry(c.id, _event(c), c.note, who(c.account_id)) for c in clock_rows)
            ids = tuple(
                IdEntry(
                    d.id,
                    IdDocument(IdDocumentType(d.document_type), d.date_seen, d.seen_by, d.description),
                    who(d.account_id),
                )
                for d in s.scalars(
                    select(RequestIdDocumentRow)
                    .where(RequestIdDocumentRow.request_id == row.id)
                    .order_by(RequestIdDocumentRow.id)
                )
            )
            searches = tuple(
                SearchEntry(
                    r.id,
                    SearchRecord(
                        SearchLocation(r.location),
                        r.searched_by,
                        r.searched_on,
                        r.items_found,
                        r.description,
                        r.note,
                    ),
                    who(r.account_id),
                )
                for r in s.scalars(
                    select(RequestSearchRow)
                    .where(RequestSearchRow.request_id == row.id)
                    .order_by(RequestSearchRow.id)
                )
            )
            disclosures = tuple(
                DisclosureEntry(
                    d.id,
                    DisclosureDecision(
                        d.item,
                        DisclosureOutcome(d.outcome),
                        tuple(Exemption(e) for e in d.exemptions.split(",") if e),
                        d.note,
                        SearchLocation(d.location) if d.location else None,
                    ),
                    who(d.account_id),
                    d.at,
                )
                for d in s.scalars(
                    select(RequestDisclosureRow)
                    .where(RequestDisclosureRow.request_id == row.id)
                    .order_by(RequestDisclosureRow.id)
                )
            )
        child = next((d for d in reversed(decisions) if d.kind == "child"), None)
        return RequestDetail(
            summary=summary,
            history=history,
            clock_events=clock,
            id_documents=ids,
            searches=searches,
            disclosures=disclosures,
            decisions=decisions,
            child_advice=child_advice(summary.subject, summary.received_on, summary.relationship, profile),
            child_decision=ChildDecision(ChildJudgement(child.value), child.reasons, child.on, child.by)
            if child
            else None,
        )

    def deadlines(self, now: datetime | None = None) -> list[Deadline]:
        """Every open request's deadline, for the dashboard's attention feed."""
        return [r.deadline for r in self.requests(open_only=True, now=now)]

    # ---- working a request -------------------------------------------------------------------
    def change_status(
        self, request_id: int, target: RequestStatus, reason: str = "", on: date | None = None
    ) -> RequestSummary:
        """Move a request on (responded, withdrawn, closed, in progress...); a history row each time.

        Awaiting statuses go through `ask` (they log a clock event) and extending through `extend`.
        """
        if target.is_awaiting:
            raise ValidationError("Use 'Ask the requester…' so the pause is logged with its date.", "status")
        if target is RequestStatus.EXTENDED:
            raise ValidationError("Use 'Extend…' so the reasons and the notice date are recorded.", "status")
        on = on or self.today()
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            self.check_day(on, "date of this change", row.received_on)
            if target is RequestStatus.IN_PROGRESS and any(
                e.received_on is None
                for e in ch.session.scalars(
                    select(RequestClockRow).where(RequestClockRow.request_id == row.id)
                )
            ):
                raise ValidationError(
                    "The school is still waiting for something from the requester: record the reply first.",
                    "status",
                )
            change = transition(
                RequestStatus(row.status), target, reason=reason, request_type=RequestType(row.request_type)
            )
            self._history(ch.session, row, target, change.reason, on)
            ch.record(
                "request.status", "request", row.id, f"Status {change.from_status.value} -> {target.value}"
            )
        return self.summary(request_id)

    def ask(
        self, request_id: int, kind: ClockEventKind, asked_on: date | None = None, note: str = ""
    ) -> RequestSummary:
        """Ask for ID, authority, a fee or clarification: logs the clock event and the status."""
        asked_on = asked_on or self.today()
        target = _AWAITING_FOR[kind]
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            rtype = RequestType(row.request_type)
            self.check_day(asked_on, "date the school asked", row.received_on)
            if rtype is RequestType.COMPLAINT:
                raise ValidationError("A complaint has no time limit to pause.", "status")
            if kind is ClockEventKind.CLARIFICATION_AWAITED and rtype is RequestType.EDUCATIONAL_RECORD:
                raise ValidationError(
                    "The 15 school days for the educational record cannot be paused for clarification.",
                    "status",
                )
            open_kinds = {
                ClockEventKind(e.kind)
                for e in ch.session.scalars(
                    select(RequestClockRow).where(RequestClockRow.request_id == row.id)
                )
                if e.received_on is None
            }
            if kind in open_kinds:
                raise ValidationError(f"{kind.label} already: record the reply when it arrives.", "status")
            change = transition(
                RequestStatus(row.status), target, reason=note or kind.label, request_type=rtype
            )
            ch.session.add(
                RequestClockRow(
                    request_id=row.id,
                    kind=kind.value,
                    asked_on=asked_on,
                    note=note.strip(),
                    at=_now(),
                    account_id=self.session.account.id,
                )
            )
            self._history(ch.session, row, target, change.reason, asked_on)
            ch.record("request.clock", "request", row.id, f"Clock event opened: {kind.value}")
        return self.summary(request_id)

    def reply_received(
        self, request_id: int, event_id: int, received_on: date | None = None
    ) -> RequestSummary:
        """What the school asked for has arrived: restart or resume the clock."""
        received_on = received_on or self.today()
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            event = ch.session.get(RequestClockRow, event_id)
            if event is None or event.request_id != row.id:
                raise SchoolDPError("That pause is not part of this request.")
            if event.received_on is not None:
                raise ValidationError("That reply has already been recorded.", "received_on")
            self.check_day(received_on, "date the reply arrived", row.received_on, "received_on")
            ClockEvent(ClockEventKind(event.kind), event.asked_on, received_on)  # checks the order
            event.received_on = received_on
            event.received_at = _now()
            event.received_by = self.session.account.id
            still_open = [
                e
                for e in ch.session.scalars(
                    select(RequestClockRow)
                    .where(RequestClockRow.request_id == row.id)
                    .order_by(RequestClockRow.id)
                )
                if e.received_on is None and e.id != event.id
            ]
            kind = ClockEventKind(event.kind)
            target = (
                _AWAITING_FOR[ClockEventKind(still_open[0].kind)] if still_open else RequestStatus.IN_PROGRESS
            )
            current = RequestStatus(row.status)
            if current.is_awaiting and target is not current:
                change = transition(current, target, reason=f"Received: {kind.label.lower()}")
                self._history(ch.session, row, target, change.reason, received_on)
            ch.record("request.clock", "request", row.id, f"Clock event answered: {kind.value}")
        return self.summary(request_id)

    def extend(self, request_id: int, reasons: str, notice_on: date | None = None) -> RequestSummary:
        """Extend by two months: only with reasons and a notice sent within the first month."""
        notice_on = notice_on or self.today()
        before = self.summary(request_id)
        if not before.request_type.may_be_extended:
            raise ValidationError(
                f"A {before.request_type.label.lower()} cannot be extended: "
                f"{before.request_type.time_limit.lower()}.",
                "status",
            )
        clock = before.clock
        if clock is None or clock.paused or clock.extension_notice_by is None:
            raise ValidationError(
                "The clock is paused: record the requester's reply before extending.", "status"
            )
        transition(before.status, RequestStatus.EXTENDED, reason=reasons, request_type=before.request_type)
        self.check_day(notice_on, "date the extension notice is sent", before.received_on)
        if notice_on > clock.extension_notice_by:
            raise ValidationError(
                "Too late to extend: the person had to be told by "
                f"{format_due(clock.extension_notice_by)} (within the first month, UK GDPR Art 12(3)). "
                "Reply as soon as possible instead.",
                "notice_on",
            )
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            row.extended = True
            row.extension_reasons = reasons.strip()
            row.extension_notice_on = notice_on
            self._history(ch.session, row, RequestStatus.EXTENDED, reasons.strip(), notice_on)
            ch.record("request.extended", "request", row.id, "Time limit extended by two months")
        return self.summary(request_id)

    def add_id_document(self, request_id: int, document: IdDocument) -> None:
        """Record that an ID document was seen: its type and date, never a copy."""
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            self.check_day(document.date_seen, "date the ID was seen", row.received_on, "date_seen")
            existing = [
                IdDocument(IdDocumentType(d.document_type), d.date_seen)
                for d in ch.session.scalars(
                    select(RequestIdDocumentRow).where(RequestIdDocumentRow.request_id == row.id)
                )
            ]
            add_id_document(existing, document)
            ch.session.add(
                RequestIdDocumentRow(
                    request_id=row.id,
                    document_type=document.document_type.value,
                    date_seen=document.date_seen,
                    seen_by=document.seen_by.strip(),
                    description=document.description.strip(),
                    at=_now(),
                    account_id=self.session.account.id,
                )
            )
            ch.record("request.id_seen", "request", row.id, f"ID seen: {document.document_type.value}")

    def add_search(self, request_id: int, record: SearchRecord) -> None:
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            self.check_day(record.searched_on, "date of the search", row.received_on, "searched_on")
            ch.session.add(
                RequestSearchRow(
                    request_id=row.id,
                    location=record.location.value,
                    searched_by=record.searched_by.strip(),
                    searched_on=record.searched_on,
                    items_found=record.items_found,
                    description=record.description.strip(),
                    note=record.note.strip(),
                    at=_now(),
                    account_id=self.session.account.id,
                )
            )
            ch.record(
                "request.searched",
                "request",
                row.id,
                f"Search logged: {record.location.value}, {record.items_found} items",
            )

    def add_disclosure(self, request_id: int, decision: DisclosureDecision) -> None:
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            ch.session.add(
                RequestDisclosureRow(
                    request_id=row.id,
                    item=decision.item.strip(),
                    outcome=decision.outcome.value,
                    exemptions=",".join(e.value for e in decision.exemptions),
                    location=decision.location.value if decision.location else "",
                    note=decision.note.strip(),
                    at=_now(),
                    account_id=self.session.account.id,
                )
            )
            ch.record(
                "request.disclosure", "request", row.id, f"Disclosure decision: {decision.outcome.value}"
            )

    def decide_child(
        self, request_id: int, judgement: ChildJudgement, reasons: str, on: date | None = None
    ) -> None:
        """Record the DPO's judgement on the pupil's rights (policy 9.2), with reasons."""
        on = on or self.today()
        if not reasons.strip():
            raise ValidationError(
                "Give the reasons for your judgement on the pupil's rights.", "child_reasons"
            )
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            self.check_day(on, "date of the decision", row.received_on)
            self._decision(ch.session, row.id, "child", judgement.value, reasons.strip(), on)
            ch.record("request.child_decision", "request", row.id, f"Child's rights: {judgement.value}")

    def unfounded(
        self, request_id: int, decision: UnfoundedOrExcessive, on: date | None = None
    ) -> RequestSummary:
        """Manifestly unfounded or excessive: refuse, or ask for a reasonable fee (policy 9.3)."""
        on = on or self.today()
        detail = {
            "ground": decision.ground.value,
            "repetitive": decision.repetitive,
            "fee_pence": decision.fee_pence,
        }
        if decision.action is UnfoundedAction.REFUSE:
            self.change_status(request_id, RequestStatus.REFUSED, decision.reasons, on)
        else:
            pounds = f"£{(decision.fee_pence or 0) / 100:.2f}"
            self.ask(
                request_id, ClockEventKind.FEE_AWAITED, on, f"Fee of {pounds}: {decision.reasons.strip()}"
            )
        with self.session.change() as ch:
            self._decision(
                ch.session,
                request_id,
                "unfounded",
                decision.action.value,
                decision.reasons.strip(),
                on,
                **detail,
            )
            ch.record(
                "request.unfounded",
                "request",
                request_id,
                f"{decision.ground.value}: {decision.action.value}",
            )
        return self.summary(request_id)

    def acknowledge_complaint(self, request_id: int, on: date | None = None) -> RequestSummary:
        on = on or self.today()
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            if RequestType(row.request_type) is not RequestType.COMPLAINT:
                raise ValidationError("Only a complaint is acknowledged this way.", "status")
            self.check_day(on, "date of the acknowledgement", row.received_on)
            self._decision(ch.session, row.id, "complaint_ack", "sent", "", on)
            if RequestStatus(row.status) is RequestStatus.RECEIVED:
                self._history(ch.session, row, RequestStatus.IN_PROGRESS, "Complaint acknowledged", on)
            ch.record("request.complaint_ack", "request", row.id, "Complaint acknowledged")
        return self.summary(request_id)

    def complaint_outcome(self, request_id: int, outcome: str, on: date | None = None) -> RequestSummary:
        on = on or self.today()
        if not outcome.strip():
            raise ValidationError("Write the outcome the complainant will be told.", "outcome")
        with self.session.change() as ch:
            row = self._row(ch.session, request_id)
            if RequestType(row.request_type) is not RequestType.COMPLAINT:
                raise ValidationError("Only a complaint has an outcome recorded this way.", "status")
            self.check_day(on, "date of the outcome", row.received_on)
            current = RequestStatus(row.status)
            if current is RequestStatus.RECEIVED:
                self._history(ch.session, row, RequestStatus.IN_PROGRESS, "Complaint considered", on)
                current = RequestStatus.IN_PROGRESS
            change = transition(current, RequestStatus.RESPONDED, reason="Outcome sent")
            self._decision(ch.session, row.id, "complaint_outcome", "sent", outcome.strip(), on)
            self._history(ch.session, row, RequestStatus.RESPONDED, change.reason, on)
            ch.record("request.complaint_outcome", "request", row.id, "Complaint outcome recorded")
        return self.summary(request_id)

    # ---- timeline --------------------------------------------------------------------------
    def timeline(self, request_id: int) -> list[TimelineEntry]:
        """Everything that happened, in date order: statuses, clock, ID, searches, decisions, letters."""
        d = self.detail(request_id)
        out: list[TimelineEntry] = []
        for h in d.history:
            what = f"Status: {h.to_status.label}" if h.from_status else "Request received"
            out.append(TimelineEntry(h.on, h.at, what, h.reason, h.by))
        for c in d.clock_events:
            out.append(
                TimelineEntry(c.event.asked, datetime.min, f"Clock: {c.event.kind.label}", c.note, c.by)
            )
            if c.event.received is not None:
                verb = "restarts" if c.event.kind.restarts_clock else "resumes"
                out.append(
                    TimelineEntry(
                        c.event.received, datetime.min, "Reply received", f"The clock {verb}.", c.by
                    )
                )
        for i in d.id_documents:
            out.append(
                TimelineEntry(
                    i.document.date_seen, datetime.min, "ID seen", i.document.document_type.label, i.by
                )
            )
        for sr in d.searches:
            r = sr.record
            place = r.description or r.location.label
            out.append(
                TimelineEntry(
                    r.searched_on,
                    datetime.min,
                    f"Searched: {place}",
                    f"{r.items_found} items, by {r.searched_by}",
                    sr.by,
                )
            )
        for dec in d.decisions:
            out.append(TimelineEntry(dec.on, dec.at, _decision_label(dec), dec.reasons, dec.by))
        for dis in d.disclosures:
            x = dis.decision
            ex = "; ".join(e.label for e in x.exemptions)
            detail = x.item + (f" ({ex})" if ex else "")
            out.append(TimelineEntry(dis.at.date(), dis.at, f"Disclosure: {x.outcome.label}", detail, dis.by))
        for letter in LetterService(self.session).issued(case_kind=CASE_KIND, case_id=request_id):
            local = letter.issued_at.astimezone(london_now().tzinfo)
            out.append(
                TimelineEntry(
                    local.date(),
                    letter.issued_at.replace(tzinfo=None),
                    f"Letter: {letter.title}",
                    f"To {letter.recipient_name}",
                    letter.issued_by,
                )
            )
        out.sort(key=lambda e: (e.on, e.at))
        return out

    # ---- letters ---------------------------------------------------------------------------
    def letter(self, request_id: int, letter_type: LetterType) -> LetterPlan:
        """The fields for a request letter, with the ones the DPO may edit first."""
        return _plan(self.detail(request_id), letter_type, self.session.profile(), self.today())

    def letter_data(
        self, plan: LetterPlan, overrides: Mapping[str, str] | None = None, letter_date: date | None = None
    ) -> LetterData:
        fields = dict(plan.fields)
        fields.update({k: v for k, v in (overrides or {}).items()})
        return LetterData(
            school=self.session.profile(),
            recipient_name=plan.recipient.name,
            recipient_address=plan.address,
            letter_date=letter_date or self.today(),
            reference=str(fields.get("reference_text", "")),
            private=True,
            fields=fields,
            salutation=plan.salutation,
        )

    # ---- export ----------------------------------------------------------------------------
    def export(self, path: Path, rows: Sequence[RequestSummary], now: datetime | None = None) -> Path:
        """Write the register to a CSV or XLSX file the DPO chose (written atomically)."""
        now = now or london_now()
        table = [list(EXPORT_HEADERS)] + [_export_row(r, now) for r in rows]
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            import io

            from openpyxl import Workbook
            from openpyxl.styles import Font, PatternFill

            wb = Workbook()
            ws = wb.active
            ws.title = "Requests"
            for line in table:
                ws.append(line)
            for cell in ws[1]:
                cell.font = Font(bold=True)
            red = PatternFill("solid", fgColor="F8D7DA")
            for i, r in enumerate(rows, start=2):
                if r.is_overdue(now):
                    for cell in ws[i]:
                        cell.fill = red
            for col, width in zip("ABCDEFGHIJK", (14, 34, 12, 22, 24, 26, 16, 30, 22, 9, 30), strict=False):
                ws.column_dimensions[col].width = width
            buf = io.BytesIO()
            wb.save(buf)
            atomic_write_bytes(path, buf.getvalue())
        else:
            import io

            if path.suffix.lower() != ".csv":
                path = path.with_suffix(".csv")
            text = io.StringIO()
            csv.writer(text).writerows(table)
            atomic_write_bytes(path, text.getvalue().encode("utf-8-sig"))
        with self.session.change() as ch:
            ch.record(
                "request.exported",
                "request",
                "",
                f"Register exported: {len(rows)} requests ({path.suffix.lower()})",
            )
        return path


EXPORT_HEADERS = (
    "Reference",
    "Type",
    "Received",
    "Channel",
    "Relationship",
    "Data subject",
    "Due",
    "Time left",
    "Status",
    "Overdue",
    "Requester",
)


def _export_row(r: RequestSummary, now: datetime) -> list[str]:
    return [
        r.reference,
        r.request_type.label,
        format_uk_date(r.received_on),
        r.channel.label,
        r.relationship.label,
        r.subject.name,
        format_uk_date(r.due) if r.due else r.due_text(),
        r.time_left(now),
        r.status.label,
        "Yes" if r.is_overdue(now) else "No",
        r.requester.name,
    ]


# --------------------------------------------------------------------------------------------
# Mapping and the deadline
# --------------------------------------------------------------------------------------------


def _event(row: RequestClockRow) -> ClockEvent:
    return ClockEvent(ClockEventKind(row.kind), row.asked_on, row.received_on)


def _summary(
    row: RequestRow,
    clock_rows: Iterable[RequestClockRow],
    acknowledged_on: date | None,
    profile: SchoolProfile,
    calendar: SchoolCalendar | None,
) -> RequestSummary:
    rtype = RequestType(row.request_type)
    status = RequestStatus(row.status)
    events = [_event(c) for c in clock_rows]
    met = row.ended_on or row.closed_on if not status.is_open else None
    clock: ClockResult | None = None
    problem = ""
    if rtype is RequestType.COMPLAINT:
        deadline = Deadline(
            DeadlineKind.COMPLAINT_ACK,
            row.reference,
            complaint_ack_due(row.received_on, profile.nation),
            "Acknowledge the complaint",
            met_at=acknowledged_on or met,
        )
    elif rtype is RequestType.EDUCATIONAL_RECORD:
        clock = effective_due(row.received_on, events, profile.nation)
        due: date | None = None
        if not clock.paused:
            if calendar is None:
                problem = "Term dates needed"
            else:
                try:
                    due = educational_record_due(clock.start, calendar)
                except ValidationError as exc:
                    problem = "Term dates needed"
                    if "ends on" in str(exc):
                        problem = "Add next term's dates"
        deadline = Deadline(
            DeadlineKind.EDUCATIONAL_RECORD,
            row.reference,
            due,
            "Educational record access",
            met_at=met,
            paused=due is None and met is None,
            pause_reason=problem or clock.pause_reason,
        )
    else:
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
    return RequestSummary(
        id=row.id,
        reference=row.reference,
        request_type=rtype,
        channel=Channel(row.channel),
        received_on=row.received_on,
        status=status,
        relationship=Relationship(row.relationship),
        requester=Requester(
            row.requester_name,
            tuple(json.loads(row.requester_address or "[]")),
            row.requester_email,
            row.requester_phone,
            row.requester_kind,
            row.requester_id,
        ),
        subject=Subject(SubjectKind(row.subject_kind), row.subject_name, row.subject_id, row.subject_dob),
        description=row.description,
        extended=row.extended,
        extension_reasons=row.extension_reasons,
        extension_notice_on=row.extension_notice_on,
        ended_on=row.ended_on,
        closed_on=row.closed_on,
        deadline=deadline,
        clock=clock,
        due_problem=problem if status.is_open else "",
        acknowledged_on=acknowledged_on,
    )


def _decision_label(d: Decision) -> str:
    if d.kind == "child":
        return f"Pupil's rights: {ChildJudgement(d.value).label}"
    if d.kind == "unfounded":
        return f"Unfounded or excessive: {UnfoundedAction(d.value).label}"
    if d.kind == "complaint_ack":
        return "Complaint acknowledged"
    if d.kind == "complaint_outcome":
        return "Complaint outcome sent"
    return d.kind


# --------------------------------------------------------------------------------------------
# Letter fields
# --------------------------------------------------------------------------------------------

# Typical school answers for the policy 9.1 items; the DPO edits them for each response.
RESPONSE_DEFAULTS: Mapping[str, str] = {
    "purposes": (
        "To provide education and pastoral care, to keep pupils safe (safeguarding), to monitor "
        "progress and attendance, to meet our legal duties to the Department for Education and "
        "the local authority, and to communicate with parents and carers."
    ),
    "categories": (
        "Contact details, attendance and assessment records, behaviour and pastoral notes, "
        "special educational needs and medical information where relevant, and correspondence."
    ),
    "recipients": (
        "Staff who need it for their work, the local authority, the Department for Education, "
        "and, where the law requires, health and social care services. We do not sell personal data."
    ),
    "retention": (
        "We keep records for the periods set out in our records retention schedule (based on the "
        "Information and Records Management Society toolkit for schools); a pupil's file is "
        "usually kept until the pupil is 25."
    ),
    "source": (
        "Most of the data came from you, your child or previous schools; some comes from the "
        "local authority and other professionals working with the school."
    ),
    "automated_decisions": "We do not make decisions about you by automated means alone, and we do not profile you.",
    "transfers": (
        "We do not transfer this data outside the UK. Where a supplier stores data abroad, it is "
        "protected by UK adequacy regulations or the ICO's international data transfer agreement."
    ),
}

# For a member of staff the data is about their employment; the DPO edits these too.
STAFF_RESPONSE_DEFAULTS: Mapping[str, str] = {
    "purposes": (
        "To employ you and manage your work: recruitment, pay and pensions, performance, "
        "attendance, safeguarding checks, and our legal duties as an employer."
    ),
    "categories": (
        "Contact details, contract and pay records, recruitment and vetting records, attendance "
        "and sickness records, appraisal notes and correspondence about you."
    ),
    "recipients": (
        "Staff who need it for their work, our payroll and HR providers, the pension scheme, "
        "HMRC, the local authority and the Department for Education (school workforce census)."
    ),
    "retention": (
        "We keep personnel records for the periods in our records retention schedule, usually "
        "six years after employment ends."
    ),
    "source": (
        "Most of the data came from you; some came from referees, previous employers, the "
        "Disclosure and Barring Service and colleagues."
    ),
}

# The checklist keys that have their own letter field (the rest are fixed wording).
CHECKLIST_FIELDS = {
    "purposes",
    "categories",
    "recipients",
    "retention",
    "source",
    "automated_decisions",
    "transfers",
}
assert CHECKLIST_FIELDS <= {c.key for c in RESPONSE_CHECKLIST}

_CHECKLIST_LABELS = {c.key: f"{c.label} ({c.source})" for c in RESPONSE_CHECKLIST}


def disclosure_summary(decisions: Sequence[DisclosureDecision]) -> tuple[str, str]:
    """(what is enclosed, what is not and why) for a response letter."""
    included = [d for d in decisions if d.outcome is DisclosureOutcome.INCLUDED]
    redacted = [d for d in decisions if d.outcome is DisclosureOutcome.REDACTED]
    withheld = [d for d in decisions if d.outcome is DisclosureOutcome.WITHHELD]
    if not decisions:
        sent = "A copy of the personal data we hold, as listed in the enclosed schedule."
    elif not included and not redacted:
        sent = "We found no items that we are able to disclose: the reasons are given below."
    else:
        lines = [f"{len(included) + len(redacted)} items are enclosed:"]
        lines += [f"{d.item}" for d in included]
        lines += [f"{d.item} (with some parts removed)" for d in redacted]
        sent = "\n".join(lines)
    held: list[str] = []
    for d in redacted + withheld:
        verb = "Parts of" if d.outcome is DisclosureOutcome.REDACTED else "We have withheld"
        reasons = "; ".join(f"{e.label.lower()} ({e.source.split(';')[0]})" for e in d.exemptions)
        what = f"{verb} {d.item}" if verb == "We have withheld" else f"{verb} {d.item} have been removed"
        held.append(f"{what}, because of: {reasons}.")
    return sent, "\n".join(held) if held else "We have not withheld any of your personal data."


def _plan(d: RequestDetail, letter_type: LetterType, profile: SchoolProfile, today: date) -> LetterPlan:
    s = d.summary
    key = letter_type.key
    req = s.requester
    recipient = Recipient(req.name, req.kind, str(req.id or ""))
    address = req.address or ((req.email,) if req.email else ())
    salutation = req.name
    base: dict[str, str] = {
        "request_title": s.request_type.label,
        "legal_basis": s.request_type.legal_basis.split(";")[0],
        "received_date": uk_date(s.received_on),
        "request_summary": s.description,
        "reference_text": s.reference,
    }
    editable: list[LetterField] = []
    due = s.due
    if key == "request_acknowledgement":
        if s.request_type is RequestType.EDUCATIONAL_RECORD and due:
            base["due_sentence"] = (
                f"The regulations give us 15 school days to let you see the record: we will do so by {uk_date(due)} at the latest."
            )
        elif s.due_problem:
            base["due_sentence"] = (
                f"We will reply within the time limit the law allows: {s.request_type.time_limit.lower()}."
            )
        elif due:
            base["due_sentence"] = (
                f"We will reply by {uk_date(due)} at the latest ({s.request_type.time_limit.lower()})."
            )
        else:
            base["due_sentence"] = (
                "The time limit will start when we receive what we have asked you for; we will then reply within one month."
            )
        base["next_steps"] = (
            "We may contact you by phone to confirm the request came from you."
            if s.clock and not s.clock.paused
            else "We will write to you separately about what we need from you."
        )
        editable = [
            LetterField("request_summary", "What they asked for"),
            LetterField("next_steps", "Next steps"),
        ]
    elif key == "request_id_authority":
        needs = s.relationship.needs_authority
        base["needed"] = (
            "Written authority, signed by the person whose information you are asking for, that you may act for them."
            if needs
            else "Two forms of identification: one with your photograph (such as a passport or driving licence) and one "
            "showing your address (such as a recent utility bill or council tax bill)."
        )
        base["time_limit"] = "We will then reply within one month."
        editable = [LetterField("needed", "What we need")]
    elif key == "request_clarification":
        base["clarification_question"] = "Which information, or which period, are you most interested in?"
        editable = [LetterField("clarification_question", "What we need to know")]
    elif key == "request_extension":
        clock = s.clock
        base["extension_reasons"] = s.extension_reasons or ""
        if clock is not None and clock.extension_notice_by is not None:
            base["original_due"] = uk_date(clock.extension_notice_by)
        if s.extended and due:
            base["extended_due"] = uk_date(due)
        editable = [LetterField("extension_reasons", "Reasons for the extension")]
    elif key == "request_pupil_consent":
        first = s.subject.name.split(" ")[0] if s.subject.name else ""
        recipient = Recipient(s.subject.name, "pupil", str(s.subject.id or ""))
        address = (f"c/o {profile.name}",)
        salutation = first or s.subject.name
        base["requester_description"] = f"{req.name} ({s.relationship.label.lower()})"
        base["reply_by"] = uk_date(today + timedelta(days=7))
        base["request_summary"] = s.description
        editable = [
            LetterField("requester_description", "Who asked", multiline=False),
            LetterField("request_summary", "What they asked for"),
            LetterField("reply_by", "Reply by", multiline=False),
        ]
    elif key == "request_response":
        sent, held = disclosure_summary([x.decision for x in d.disclosures])
        base["subject_description"] = "you" if s.relationship is Relationship.SELF else s.subject.name
        base["disclosure_summary"] = sent
        base["withheld_summary"] = held
        base.update(RESPONSE_DEFAULTS)
        if s.subject.kind is SubjectKind.STAFF:
            base.update(STAFF_RESPONSE_DEFAULTS)
        editable = [
            LetterField("disclosure_summary", "What we are sending"),
            LetterField("withheld_summary", "What is not disclosed, and why"),
        ]
        editable += [LetterField(k, _CHECKLIST_LABELS[k]) for k in RESPONSE_DEFAULTS]
    elif key == "request_refusal":
        unfounded = d.latest("unfounded")
        refused = next((h for h in reversed(d.history) if h.to_status is RequestStatus.REFUSED), None)
        base["refusal_reasons"] = (unfounded.reasons if unfounded else "") or (
            refused.reason if refused else ""
        )
        editable = [LetterField("refusal_reasons", "Reasons for refusing")]
    elif key == "request_complaint_ack":
        base["outcome_note"] = (
            "We aim to reply within 20 school days and will tell you if it will take longer."
        )
        editable = [
            LetterField("request_summary", "What the complaint is about"),
            LetterField("outcome_note", "When they will hear"),
        ]
    elif key == "request_complaint_outcome":
        outcome = d.latest("complaint_outcome")
        base["complaint_outcome"] = outcome.reasons if outcome else ""
        editable = [LetterField("complaint_outcome", "The outcome")]
    elif key == "request_record_access":
        sent, held = disclosure_summary([x.decision for x in d.disclosures])
        base["subject_description"] = s.subject.name
        when = f" by {uk_date(due)}" if due else ""
        base["access_arrangements"] = (
            f"You can see the record at the school{when}. Please contact the school office to arrange a time that suits you."
        )
        base["withheld_summary"] = held.replace("your personal data", "any of the record")
        base["copy_fee"] = "We will tell you the amount before we make the copy."
        editable = [
            LetterField("access_arrangements", "How and when they can see it"),
            LetterField("withheld_summary", "What is not shown, and why"),
            LetterField("copy_fee", "Copy fee"),
        ]
    elif key == "request_rights_outcome":
        base["outcome"] = ""
        editable = [LetterField("outcome", "What the school has done")]
    kind = letter_type.title.split(":")[-1].strip()
    return LetterPlan(
        letter_type=letter_type,
        recipient=recipient,
        address=address,
        salutation=salutation,
        fields=base,
        editable=tuple(editable),
        file_stem=f"{s.reference} {kind}",
    )


def available_letters(d: RequestDetail) -> tuple[str, ...]:
    """The request letters that make sense now, in the order a DPO would send them."""
    s = d.summary
    t = s.request_type
    if t is RequestType.COMPLAINT:
        keys = ["request_complaint_ack"]
        if d.latest("complaint_outcome") is not None:
            keys.append("request_complaint_outcome")
        return tuple(keys)
    keys = ["request_acknowledgement", "request_id_authority"]
    if t is not RequestType.EDUCATIONAL_RECORD:
        keys.append("request_clarification")
    if d.child_advice is not None and (
        d.child_advice.offer_consent_letter
        or (d.child_decision is not None and d.child_decision.judgement is ChildJudgement.SEEK_CONSENT)
    ):
        keys.append("request_pupil_consent")
    if s.extended:
        keys.append("request_extension")
    if t is RequestType.SUBJECT_ACCESS:
        keys.append("request_response")
    elif t is RequestType.EDUCATIONAL_RECORD:
        keys.append("request_record_access")
    else:
        keys.append("request_rights_outcome")
    keys.append("request_refusal")
    return tuple(keys)


def replace_fields(plan: LetterPlan, **values: str) -> LetterPlan:
    fields = dict(plan.fields)
    fields.update(values)
    return replace(plan, fields=fields)


__all__ = [
    "CALENDAR_KEY",
    "CASE_KIND",
    "ChildDecision",
    "ChildJudgement",
    "LetterField",
    "LetterPlan",
    "NewRequest",
    "RequestDetail",
    "RequestService",
    "RequestSummary",
    "Requester",
    "Subject",
    "SubjectKind",
    "TimelineEntry",
    "available_letters",
    "child_advice",
    "educational_record_blocker",
    "load_school_calendar",
    "offered_types",
    "save_school_calendar",
]


# --------------------------------------------------------------------------------------------
# The dashboard's attention feed
# --------------------------------------------------------------------------------------------


def _attention(session: SchoolSession, now: datetime) -> list:  # type: ignore[type-arg]
    from schooldp.services.dashboard import AttentionItem

    return [
        AttentionItem(r.deadline, CASE_KIND, r.id)
        for r in RequestService(session, today=lambda: now.astimezone(london_now().tzinfo).date()).requests(
            open_only=True, now=now
        )
    ]


try:
    from schooldp.services.dashboard import register_provider

    register_provider(CASE_KIND, _attention)
except ImportError:  # pragma: no cover - dashboard not present
    pass
