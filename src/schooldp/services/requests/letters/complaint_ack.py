"""Acknowledging a data protection complaint (policy: complaints procedure)."""

from __future__ import annotations

from datetime import date

from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_complaint_ack"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts(
        {"outcome_note": "We aim to reply within 20 school days and will tell you if it will take longer."},
        (
            LetterField("request_summary", "What the complaint is about"),
            LetterField("outcome_note", "When they will hear"),
        ),
    )
