"""Asking the requester what they want, when the request is unclear (UK GDPR Art 12(3))."""

from __future__ import annotations

from datetime import date

from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_clarification"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts(
        {"clarification_question": "Which information, or which period, are you most interested in?"},
        (LetterField("clarification_question", "What we need to know"),),
    )
