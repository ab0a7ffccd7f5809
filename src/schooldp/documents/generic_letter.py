"""A general letter: the DPO's own subject and text on the school letterhead.

Proves the engine end to end and covers the letters no specific type fits. Fields:
``{subject}`` and ``{body}`` (the body keeps its line breaks).
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType
from schooldp.documents.letterhead import LetterData

LETTER = LetterType("generic", "General letter")


def render(data: LetterData, wording: str | None = None) -> bytes:
    """The letter as PDF bytes; ``wording`` is the DPO's edited wording, if any."""
    return LETTER.render(data, wording)
