"""Telling the requester the time limit is extended by up to two months (UK GDPR Art 12(3))."""

from __future__ import annotations

from datetime import date

from schooldp.documents import uk_date
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_extension"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    notice_by = s.clock.extension_notice_by if s.clock is not None else None
    # UK GDPR Art 12(3): the person must be told of an extension within one month of receipt.
    # An extension recorded in time (its notice date is checked when it is recorded) may be
    # confirmed in writing later; one not yet recorded cannot start after the month.
    if notice_by is not None and today > notice_by and not s.extended:
        raise ValidationError(
            f"The extension notice had to reach the requester within the first month, by "
            f"{uk_date(notice_by)} (UK GDPR Article 12(3)). It is too late to extend now: reply as "
            "soon as you can, and say sorry for the delay.",
            "extension",
        )
    fields = {"extension_reasons": s.extension_reasons or ""}
    if notice_by is not None:
        fields["original_due"] = uk_date(notice_by)
    if s.extended and s.due:
        fields["extended_due"] = uk_date(s.due)
    return LetterParts(fields, (LetterField("extension_reasons", "Reasons for the extension"),))
