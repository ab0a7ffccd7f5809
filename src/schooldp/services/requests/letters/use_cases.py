"""The request service's letter use cases: plan a letter, turn a plan into letter data, and
record the DPO's reason to doubt who is asking (which is what offers the ID letter)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from schooldp.documents import LetterData
from schooldp.documents.letter_type import LetterType
from schooldp.documents.registry import letter_type as _letter_type
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.services.requests.letters.builders import LETTER_BUILDERS
from schooldp.services.requests.letters.id_authority import IDENTITY_DOUBT
from schooldp.services.requests.letters.plan import LetterParts, LetterPlan, plan_letter
from schooldp.services.requests.records import RequestRecords


def request_letter_type(key: str) -> LetterType:
    """The letter type with this key (KeyError if there is none)."""
    return _letter_type(key)


class LetterUseCases(RequestRecords):
    def letter(self, request_id: int, letter_type: LetterType | str) -> LetterPlan:
        """The fields for a request letter (by type or its key), with the ones the DPO may edit."""
        if isinstance(letter_type, str):
            letter_type = request_letter_type(letter_type)
        detail = self.detail(request_id)
        profile = self.session.profile()
        builder = LETTER_BUILDERS.get(letter_type.key)
        parts = builder(detail, profile, self.today()) if builder is not None else LetterParts()
        return plan_letter(detail, letter_type, parts, self._salutation(detail.summary.requester))

    def _salutation(self, requester: object) -> str:
        """Title and surname when the requester is a known contact ("Mrs Ahmed"), else ""."""
        kind, contact_id = getattr(requester, "kind", ""), getattr(requester, "id", None)
        if kind != "contact" or contact_id is None:
            return ""
        from schooldp.services.people import PeopleService

        try:
            return PeopleService(self.session).contact(contact_id).salutation
        except (LookupError, SchoolDPError):
            return ""

    def doubt_identity(
        self, request_id: int, reasons: str, on: date | None = None, expected_version: int | None = None
    ) -> None:
        """Record why the school reasonably doubts who is asking; this offers the ID letter.

        ICO right of access guidance: ask for identity only when there is reasonable doubt, and
        only for what is proportionate; the reason is kept with the request.
        """
        on = on or self.today()
        if not reasons.strip():
            raise ValidationError("Say why there is reasonable doubt about who is asking.", "identity_doubt")
        with self.session.change() as ch:
            row = self._edit(ch, request_id, expected_version)
            self.check_day(on, "date of the decision", row.received_on)
            self._decision(ch.session, row.id, IDENTITY_DOUBT, "doubt", reasons.strip(), on)
            ch.record("request.identity_doubt", "request", row.id, "Reasonable doubt about identity recorded")

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
