"""Asks a pupil old enough to understand their rights whether a parent may have their data (policy 9.2).

Wording: ``resources/letters/request_pupil_consent.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_pupil_consent", "Request: asking the pupil's consent")
render = LETTER.render
