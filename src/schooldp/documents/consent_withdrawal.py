"""Letter confirming that consent was withdrawn, and what the school is doing about it.

UK GDPR Art 7(3): withdrawing must be as easy as giving; the letter gives the family a record.
Fields: ``{pupil_name}``, ``{purpose_title}``, ``{withdrawn_on}`` (date), ``{actions}`` (one
follow-up action per line).
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("consent_withdrawal", "Consent withdrawn: confirmation letter")
render = LETTER.render
