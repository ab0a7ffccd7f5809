"""Data protection complaints: the acknowledgement and the outcome (DPA 2018 s.164A)."""

from __future__ import annotations

from datetime import date

from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import RequestStatus, RequestType, transition
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import RequestSummary


class ComplaintUseCases(RequestRecords):
    def acknowledge_complaint(
        self, request_id: int, on: date | None = None, expected_version: int | None = None
    ) -> RequestSummary:
        on = on or self.today()
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            if RequestType(row.request_type) is not RequestType.COMPLAINT:
                raise ValidationError("Only a complaint is acknowledged this way.", "status")
            self.check_day(on, "date of the acknowledgement", row.received_on)
            self._decision(ch.session, row.id, "complaint_ack", "sent", "", on)
            if RequestStatus(row.status) is RequestStatus.RECEIVED:
                self._history(ch.session, row, RequestStatus.IN_PROGRESS, "Complaint acknowledged", on)
            ch.record("request.complaint_ack", "request", row.id, "Complaint acknowledged")
        return self.summary(request_id)

    def complaint_outcome(
        self,
        request_id: int,
        outcome: str,
        on: date | None = None,
        expected_version: int | None = None,
    ) -> RequestSummary:
        on = on or self.today()
        if not outcome.strip():
            raise ValidationError("Write the outcome the complainant will be told.", "outcome")
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
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
