"""Tells the requester what was done about rectification, erasure, objection and the other rights (policy 9.4).

Wording: ``resources/letters/request_rights_outcome.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_rights_outcome", "Rights request: outcome")
render = LETTER.render
