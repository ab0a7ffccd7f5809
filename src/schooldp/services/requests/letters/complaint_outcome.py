"""The outcome of a data protection complaint."""

from __future__ import annotations

from datetime import date

from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_complaint_outcome"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    outcome = d.latest("complaint_outcome")
    return LetterParts(
        {"complaint_outcome": outcome.reasons if outcome else ""},
        (LetterField("complaint_outcome", "The outcome"),),
    )
