"""Working a request: status moves, ID seen, searches, the disclosure schedule, the pupil's
rights and unfounded or excessive requests (policy sections 9.2 and 9.3)."""

from __future__ import annotations

from datetime import date

from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import (
    ChildJudgement,
    DisclosureDecision,
    IdDocument,
    IdDocumentType,
    RequestStatus,
    RequestType,
    SearchRecord,
    UnfoundedAction,
    UnfoundedOrExcessive,
    add_id_document,
    transition,
)
from schooldp.services.requests.clock import ClockUseCases
from schooldp.services.requests.records import rows_for_request
from schooldp.services.requests.views import RequestSummary
from schooldp.storage.request_models import RequestDisclosureRow, RequestIdDocumentRow, RequestSearchRow


class CaseworkUseCases(ClockUseCases):
    def change_status(
        self,
        request_id: int,
        target: RequestStatus,
        reason: str = "",
        on: date | None = None,
        expected_version: int | None = None,
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
            row = self._edit(ch, request_id, expected_version)
            self.check_day(on, "date of this change", row.received_on)
            if target is RequestStatus.IN_PROGRESS and self._open_clock_rows(ch.session, row.id):
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

    def add_id_document(
        self, request_id: int, document: IdDocument, expected_version: int | None = None
    ) -> None:
        """Record that an ID document was seen: its type and date, never a copy."""
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            self.check_day(document.date_seen, "date the ID was seen", row.received_on, "date_seen")
            existing = [
                IdDocument(IdDocumentType(d.document_type), d.date_seen)
                for d in rows_for_request(ch.session, RequestIdDocumentRow, row.id)
            ]
            add_id_document(existing, document)
            ch.session.add(
                RequestIdDocumentRow(
                    request_id=row.id,
                    document_type=document.document_type.value,
                    date_seen=document.date_seen,
                    seen_by=document.seen_by.strip(),
                    description=document.description.strip(),
                    at=self._stamp(),
                    account_id=self.session.account.id,
                )
            )
            ch.record("request.id_seen", "request", row.id, f"ID seen: {document.document_type.value}")

    def add_search(self, request_id: int, record: SearchRecord, expected_version: int | None = None) -> None:
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
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
                    at=self._stamp(),
                    account_id=self.session.account.id,
                )
            )
            ch.record(
                "request.searched",
                "request",
                row.id,
                f"Search logged: {record.location.value}, {record.items_found} items",
            )

    def add_disclosure(
        self, request_id: int, decision: DisclosureDecision, expected_version: int | None = None
    ) -> None:
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            ch.session.add(
                RequestDisclosureRow(
                    request_id=row.id,
                    item=decision.item.strip(),
                    outcome=decision.outcome.value,
                    exemptions=",".join(e.value for e in decision.exemptions),
                    location=decision.location.value if decision.location else "",
                    note=decision.note.strip(),
                    at=self._stamp(),
                    account_id=self.session.account.id,
                )
            )
            ch.record(
                "request.disclosure", "request", row.id, f"Disclosure decision: {decision.outcome.value}"
            )

    def decide_child(
        self,
        request_id: int,
        judgement: ChildJudgement,
        reasons: str,
        on: date | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Record the DPO's judgement on the pupil's rights (policy 9.2), with reasons."""
        on = on or self.today()
        if not reasons.strip():
            raise ValidationError(
                "Give the reasons for your judgement on the pupil's rights.", "child_reasons"
            )
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            self.check_day(on, "date of the decision", row.received_on)
            self._decision(ch.session, row.id, "child", judgement.value, reasons.strip(), on)
            ch.record("request.child_decision", "request", row.id, f"Child's rights: {judgement.value}")

    def unfounded(
        self,
        request_id: int,
        decision: UnfoundedOrExcessive,
        on: date | None = None,
        expected_version: int | None = None,
    ) -> RequestSummary:
        """Manifestly unfounded or excessive: refuse, or ask for a reasonable fee (policy 9.3)."""
        on = on or self.today()
        detail = {
            "ground": decision.ground.value,
            "repetitive": decision.repetitive,
            "fee_pence": decision.fee_pence,
        }
        if decision.action is UnfoundedAction.REFUSE:
            self.change_status(request_id, RequestStatus.REFUSED, decision.reasons, on, expected_version)
        else:
            pounds = f"£{(decision.fee_pence or 0) / 100:.2f}"
            self.ask(
                request_id,
                ClockEventKind.FEE_AWAITED,
                on,
                f"Fee of {pounds}: {decision.reasons.strip()}",
                expected_version,
            )
        with self.session.change() as ch:
            self._edit(ch, request_id, None)  # the same save, finished: counted, not checked again
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
