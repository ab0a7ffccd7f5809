"""Acknowledges a data protection complaint within 30 days (DPA 2018 s.164A).

Wording: ``resources/letters/request_complaint_ack.txt``; the fields are filled by
``schooldp.services.requests.RequestService.letter``.
"""

from __future__ import annotations

from schooldp.documents.letter_type import LetterType

LETTER = LetterType("request_complaint_ack", "Complaint: acknowledgement")
render = LETTER.render
