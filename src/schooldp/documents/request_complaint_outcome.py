"""Tells the complainant the outcome, and that they may complain to the ICO (DPA 2018 s.164A).

Wording: ``resources/letters/request_complaint_outcome.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_complaint_outcome", "Complaint: outcome")
render = LETTER.render
