"""Offers a parent sight of the educational record within 15 school days (Pupil Information Regs 2005 reg 5).

Wording: ``resources/letters/request_record_access.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_record_access", "Educational record: access arrangements")
render = LETTER.render
