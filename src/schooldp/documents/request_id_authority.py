"""Asks for proof of identity or of authority to act; the clock restarts on receipt (UK GDPR Art 12A).

Wording: ``resources/letters/request_id_authority.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_id_authority", "Request: asking for ID or authority")
render = LETTER.render
