"""Tells the requester, with reasons and within the first month, that the time limit is extended (Art 12(3)).

Wording: ``resources/letters/request_extension.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_extension", "Request: extension notice")
render = LETTER.render
