"""Refuses a request with reasons, the right to complain to the ICO and the right to go to court (Art 12(4); policy 9.3).

Wording: ``resources/letters/request_refusal.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_refusal", "Request: refusal")
render = LETTER.render
