"""The vault side of the Requests service: rows in, frozen values out.

`RequestRecords` is the base every use case builds on: the session and its clock, date checks,
the shared row writes (status history, decisions, references) and the reads (register, one
request). Each change is one transaction with its audit entry: ids, kinds and counts, never a name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.calendar import SchoolCalendar, format_uk_date
from schooldp.domain.deadlines import ClockEvent, ClockEventKind, Deadline
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.requests import (
    Channel,
    ChildJudgement,
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
    child_advice,
)
from schooldp.domain.school import SchoolProfile
from schooldp.services.dataclass_copy import build_from
from schooldp.services.requests.calendar import load_school_calendar
from schooldp.services.requests.deadline import request_deadline
from schooldp.services.requests.views import (
    ChildDecision,
    ClockEntry,
    Decision,
    DisclosureEntry,
    IdEntry,
    RequestDetail,
    Requester,
    RequestSummary,
    SearchEntry,
    StatusEntry,
)
from schooldp.services.school import Change, SchoolSession
from schooldp.services.versions import guard
from schooldp.storage.models import AccountRow
from schooldp.storage.request_models import (
    RequestClockRow,
    RequestDecisionRow,
    RequestDisclosureRow,
    RequestIdDocumentRow,
    RequestRow,
    RequestSearchRow,
    RequestStatusRow,
)

EARLIEST_DATE = date(2000, 1, 1)

_PREFIX = {
    RequestType.SUBJECT_ACCESS: "SAR",
    RequestType.EDUCATIONAL_RECORD: "ER",
    RequestType.COMPLAINT: "DPC",
}
_ENDED = frozenset({RequestStatus.RESPONDED, RequestStatus.REFUSED, RequestStatus.WITHDRAWN})

_Row = TypeVar("_Row")
Who = Callable[[int | None], str]


class RequestRecords:
    """Shared by every request use case: the session, its clock, and reading and writing rows.

    `today` is kept only for callers that still fix the date that way (the demo seeder); everyone
    else sets `session.clock`.
    """

    def __init__(self, session: SchoolSession, today: Callable[[], date] | None = None) -> None:
        self.session = session
        self._fixed_today = today

    # ---- time ------------------------------------------------------------------------------
    def today(self) -> date:
        """Today's UK date from the session's clock."""
        return self._fixed_today() if self._fixed_today is not None else self.session.clock.today()

    def _stamp(self) -> datetime:
        """The moment of a change, as the vault stores it (naive UTC)."""
        return self.session.clock.now().replace(tzinfo=None)

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

    # ---- writing ---------------------------------------------------------------------------
    def _row(self, s: Session, request_id: int) -> RequestRow:
        row = s.get(RequestRow, request_id)
        if row is None:
            raise SchoolDPError("That request is no longer in this school file.")
        return row

    def _edit(self, ch: Change, request_id: int, expected_version: int | None) -> RequestRow:
        """The request to change, refused if someone saved it since it was read at ``expected_version``."""
        row = self._row(ch.session, request_id)
        guard(ch, row, expected_version, "request", row.id)
        return row

    def _history(self, s: Session, row: RequestRow, change_to: RequestStatus, reason: str, on: date) -> None:
        s.add(
            RequestStatusRow(
                request_id=row.id,
                from_status=row.status,
                to_status=change_to.value,
                reason=reason,
                effective_on=on,
                at=self._stamp(),
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
                at=self._stamp(),
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

    def _open_clock_rows(self, s: Session, request_id: int) -> list[RequestClockRow]:
        """The pauses still waiting for the requester, oldest first."""
        return [e for e in rows_for_request(s, RequestClockRow, request_id) if e.received_on is None]

    # ---- reading ---------------------------------------------------------------------------
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
        now = now or self.session.clock.london_now()
        needle = search.strip().casefold()
        result = []
        for item in self._all_summaries():
            if request_type is not None and item.request_type is not request_type:
                continue
            if open_only and not item.is_open:
                continue
            if overdue_only and not item.is_overdue(now):
                continue
            if needle and needle not in _search_text(item):
                continue
            result.append(item)
        return result

    def _all_summaries(self) -> list[RequestSummary]:
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
            return [
                summary_from_row(r, events.get(r.id, []), acks.get(r.id), profile, calendar) for r in rows
            ]

    def summary(self, request_id: int) -> RequestSummary:
        return self.detail(request_id).summary

    def detail(self, request_id: int) -> RequestDetail:
        """One request with everything recorded on it, each entry signed by who recorded it."""
        profile = self.session.profile()
        calendar = load_school_calendar(self.session)
        with self.session.read() as s:
            row = self._row(s, request_id)
            names = {a.id: a.display_name for a in s.scalars(select(AccountRow))}

            def who(account_id: int | None) -> str:
                return names.get(account_id or -1, "SchoolDP")

            clock_rows = rows_for_request(s, RequestClockRow, row.id)
            decisions = _decisions(s, row.id, who)
            ack = next((d.on for d in reversed(decisions) if d.kind == "complaint_ack"), None)
            summary = summary_from_row(row, clock_rows, ack, profile, calendar)
            detail = RequestDetail(
                summary=summary,
                history=_history_entries(s, row.id, who),
                clock_events=tuple(
                    ClockEntry(c.id, clock_event(c), c.note, who(c.account_id)) for c in clock_rows
                ),
                id_documents=_id_entries(s, row.id, who),
                searches=_search_entries(s, row.id, who),
                disclosures=_disclosure_entries(s, row.id, who),
                decisions=decisions,
                child_advice=child_advice(
                    summary.subject, summary.received_on, summary.relationship, profile
                ),
                child_decision=_child_decision(decisions),
            )
        return detail

    def deadlines(self, now: datetime | None = None) -> list[Deadline]:
        """Every open request's deadline, for the dashboard's attention feed."""
        return [r.deadline for r in self.requests(open_only=True, now=now)]


# --------------------------------------------------------------------------------------------
# Rows to values
# --------------------------------------------------------------------------------------------


def _search_text(item: RequestSummary) -> str:
    return " ".join(
        (item.reference, item.subject.name, item.requester.name, item.request_type.label)
    ).casefold()


def rows_for_request(s: Session, model: type[_Row], request_id: int) -> list[_Row]:
    """A request's rows of one kind, in the order they were written."""
    column: Any = model
    return list(s.scalars(select(model).where(column.request_id == request_id).order_by(column.id)))


def clock_event(row: RequestClockRow) -> ClockEvent:
    return ClockEvent(ClockEventKind(row.kind), row.asked_on, row.received_on)


def _decisions(s: Session, request_id: int, who: Who) -> tuple[Decision, ...]:
    return tuple(
        Decision(
            d.kind, d.value, d.reasons, json.loads(d.detail or "{}"), d.decided_on, d.at, who(d.account_id)
        )
        for d in rows_for_request(s, RequestDecisionRow, request_id)
    )


def _child_decision(decisions: Sequence[Decision]) -> ChildDecision | None:
    child = next((d for d in reversed(decisions) if d.kind == "child"), None)
    if child is None:
        return None
    return ChildDecision(ChildJudgement(child.value), child.reasons, child.on, child.by)


def _history_entries(s: Session, request_id: int, who: Who) -> tuple[StatusEntry, ...]:
    return tuple(
        StatusEntry(
            h.id,
            RequestStatus(h.from_status) if h.from_status else None,
            RequestStatus(h.to_status),
            h.reason,
            h.effective_on,
            h.at,
            who(h.account_id),
        )
        for h in rows_for_request(s, RequestStatusRow, request_id)
    )


def _id_entries(s: Session, request_id: int, who: Who) -> tuple[IdEntry, ...]:
    return tuple(
        IdEntry(
            d.id,
            IdDocument(IdDocumentType(d.document_type), d.date_seen, d.seen_by, d.description),
            who(d.account_id),
        )
        for d in rows_for_request(s, RequestIdDocumentRow, request_id)
    )


def _search_entries(s: Session, request_id: int, who: Who) -> tuple[SearchEntry, ...]:
    return tuple(
        SearchEntry(
            r.id,
            SearchRecord(
                SearchLocation(r.location), r.searched_by, r.searched_on, r.items_found, r.description, r.note
            ),
            who(r.account_id),
        )
        for r in rows_for_request(s, RequestSearchRow, request_id)
    )


def _disclosure_entries(s: Session, request_id: int, who: Who) -> tuple[DisclosureEntry, ...]:
    return tuple(
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
        for d in rows_for_request(s, RequestDisclosureRow, request_id)
    )


def summary_from_row(
    row: RequestRow,
    clock_rows: Iterable[RequestClockRow],
    acknowledged_on: date | None,
    profile: SchoolProfile,
    calendar: SchoolCalendar | None,
) -> RequestSummary:
    """One register line; the deadline comes from the deadline engine via `request_deadline`."""
    status = RequestStatus(row.status)
    met = row.ended_on or row.closed_on if not status.is_open else None
    deadline, clock, problem = request_deadline(
        row, [clock_event(c) for c in clock_rows], acknowledged_on, met, profile, calendar
    )
    return build_from(
        RequestSummary,
        row,  # id, reference, dates and extension details are stored as shown
        request_type=RequestType(row.request_type),
        channel=Channel(row.channel),
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
        deadline=deadline,
        clock=clock,
        due_problem=problem if status.is_open else "",
        acknowledged_on=acknowledged_on,
    )
