"""Pausing and extending the clock: asking the requester, their reply, the two-month extension.

ID, authority and a fee restart the month when they arrive; clarification pauses it (ICO
right-of-access guidance; Data (Use and Access) Act 2025). An extension needs reasons and a
notice within the first month (UK GDPR Art 12(3)). The dates come from the deadline engine.
"""

from __future__ import annotations

from datetime import date

from schooldp.domain.deadlines import ClockEvent, ClockEventKind, format_due
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.requests import RequestStatus, RequestType, transition
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import RequestSummary
from schooldp.storage.request_models import RequestClockRow

AWAITING_FOR = {
    ClockEventKind.ID_AWAITED: RequestStatus.AWAITING_ID,
    ClockEventKind.AUTHORITY_AWAITED: RequestStatus.AWAITING_AUTHORITY,
    ClockEventKind.FEE_AWAITED: RequestStatus.AWAITING_FEE,
    ClockEventKind.CLARIFICATION_AWAITED: RequestStatus.AWAITING_CLARIFICATION,
}


class ClockUseCases(RequestRecords):
    def ask(
        self,
        request_id: int,
        kind: ClockEventKind,
        asked_on: date | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> RequestSummary:
        """Ask for ID, authority, a fee or clarification: logs the clock event and the status."""
        asked_on = asked_on or self.today()
        target = AWAITING_FOR[kind]
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            rtype = RequestType(row.request_type)
            self.check_day(asked_on, "date the school asked", row.received_on)
            if rtype is RequestType.COMPLAINT:
                raise ValidationError("A complaint has no time limit to pause.", "status")
            if kind is ClockEventKind.CLARIFICATION_AWAITED and rtype is RequestType.EDUCATIONAL_RECORD:
                raise ValidationError(
                    "The 15 school days for the educational record cannot be paused for clarification.",
                    "status",
                )
            if kind in {ClockEventKind(e.kind) for e in self._open_clock_rows(ch.session, row.id)}:
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
                    at=self._stamp(),
                    account_id=self.session.account.id,
                )
            )
            self._history(ch.session, row, target, change.reason, asked_on)
            ch.record("request.clock", "request", row.id, f"Clock event opened: {kind.value}")
        return self.summary(request_id)

    def reply_received(
        self,
        request_id: int,
        event_id: int,
        received_on: date | None = None,
        expected_version: int | None = None,
    ) -> RequestSummary:
        """What the school asked for has arrived: restart or resume the clock."""
        received_on = received_on or self.today()
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            event = ch.session.get(RequestClockRow, event_id)
            if event is None or event.request_id != row.id:
                raise SchoolDPError("That pause is not part of this request.")
            if event.received_on is not None:
                raise ValidationError("That reply has already been recorded.", "received_on")
            self.check_day(received_on, "date the reply arrived", row.received_on, "received_on")
            ClockEvent(ClockEventKind(event.kind), event.asked_on, received_on)  # checks the order
            event.received_on = received_on
            event.received_at = self._stamp()
            event.received_by = self.session.account.id
            still_open = [e for e in self._open_clock_rows(ch.session, row.id) if e.id != event.id]
            kind = ClockEventKind(event.kind)
            target = (
                AWAITING_FOR[ClockEventKind(still_open[0].kind)] if still_open else RequestStatus.IN_PROGRESS
            )
            current = RequestStatus(row.status)
            if current.is_awaiting and target is not current:
                change = transition(current, target, reason=f"Received: {kind.label.lower()}")
                self._history(ch.session, row, target, change.reason, received_on)
            ch.record("request.clock", "request", row.id, f"Clock event answered: {kind.value}")
        return self.summary(request_id)

    def extend(
        self,
        request_id: int,
        reasons: str,
        notice_on: date | None = None,
        expected_version: int | None = None,
    ) -> RequestSummary:
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
            row = self._edit(ch, request_id, expected_version)
            row.extended = True
            row.extension_reasons = reasons.strip()
            row.extension_notice_on = notice_on
            self._history(ch.session, row, RequestStatus.EXTENDED, reasons.strip(), notice_on)
            ch.record("request.extended", "request", row.id, "Time limit extended by two months")
        return self.summary(request_id)
