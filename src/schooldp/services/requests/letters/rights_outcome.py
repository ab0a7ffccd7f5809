"""What the school has done about a request to correct, erase, restrict or object (UK GDPR Arts 16-21)."""

from __future__ import annotations

from datetime import date

from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_rights_outcome"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts({"outcome": ""}, (LetterField("outcome", "What the school has done"),))
