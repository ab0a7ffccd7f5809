"""Logging a request on the day it arrives: checks, the reference, the first history row."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import RequestStatus, RequestType, check_educational_record_request
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import NewRequest, RequestSummary
from schooldp.storage.request_models import RequestRow, RequestStatusRow


class IntakeUseCases(RequestRecords):
    def log(self, new: NewRequest) -> RequestSummary:
        """Log a request as received: the clock starts on the day received, whatever the weekday."""
        self._check_new(new, self.session.profile())
        with self.session.change() as ch:
            row = self._insert(ch.session, new)
            decision = new.child_decision
            if decision is not None:
                self._decision(
                    ch.session,
                    row.id,
                    "child",
                    decision.judgement.value,
                    decision.reasons.strip(),
                    new.received_on,
                )
            ch.record(
                "request.logged",
                "request",
                row.id,
                f"Request logged: {new.request_type.value} by {new.channel.value} ({row.reference})",
            )
            request_id = row.id
        return self.summary(request_id)

    def _check_new(self, new: NewRequest, profile: SchoolProfile) -> None:
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
            check_educational_record_request(
                new.subject, new.received_on, new.relationship, new.channel, profile
            )
        decision = new.child_decision
        if decision is not None and not decision.reasons.strip():
            raise ValidationError(
                "Give the reasons for your judgement on the pupil's rights.", "child_reasons"
            )

    def _insert(self, s: Session, new: NewRequest) -> RequestRow:
        """The request row and its first history row ("Received by ...")."""
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
            created_at=self._stamp(),
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
                at=self._stamp(),
                account_id=self.session.account.id,
            )
        )
        return row
