"""Personal data breach: request to delete and confirm (Policy App 1). Fields are filled by services.breaches from the breach record."""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("breach_deletion_request", "Personal data breach: request to delete and confirm")
render = LETTER.render
