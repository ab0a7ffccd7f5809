"""Refusing a manifestly unfounded or excessive request, with reasons (UK GDPR Art 12(5))."""

from __future__ import annotations

from datetime import date

from schooldp.domain.requests import RequestStatus
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_refusal"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    unfounded = d.latest("unfounded")
    refused = next((h for h in reversed(d.history) if h.to_status is RequestStatus.REFUSED), None)
    reasons = (unfounded.reasons if unfounded else "") or (refused.reason if refused else "")
    return LetterParts(
        {"refusal_reasons": reasons}, (LetterField("refusal_reasons", "Reasons for refusing"),)
    )
