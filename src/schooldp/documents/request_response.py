"""Covers a subject access response with everything policy 9.1 lists (UK GDPR Art 15(1)-(2)).

Wording: ``resources/letters/request_response.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_response", "Subject access: response cover letter")
render = LETTER.render
