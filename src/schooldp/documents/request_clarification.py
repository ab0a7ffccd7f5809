"""Asks the requester to clarify; the clock is paused meanwhile (UK GDPR Art 12A).

Wording: ``resources/letters/request_clarification.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_clarification", "Request: asking for clarification")
render = LETTER.render
