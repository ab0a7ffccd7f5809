"""Acknowledges a rights request or educational-record request and gives the due date from the deadline engine.

Wording: ``resources/letters/request_acknowledgement.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_acknowledgement", "Request: acknowledgement with due date")
render = LETTER.render
