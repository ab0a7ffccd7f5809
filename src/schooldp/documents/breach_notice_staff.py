"""Personal data breach: letter to staff affected (Policy App 1). Fields are filled by services.breaches from the breach record."""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("breach_notice_staff", "Personal data breach: letter to staff affected")
render = LETTER.render
