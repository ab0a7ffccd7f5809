"""Request letters: which make sense now, and the fields each starts with.

Each letter type owns its fields: one module per letter (``acknowledgement``, ``response``,
...) with ``KEY`` and ``build(record, profile, today) -> LetterParts``, testable alone; the
wording is the type's ``resources/letters/<key>.txt``. ``builders`` is the table from key to
builder, ``offer`` says which letters make sense now, ``plan`` holds the plan the DPO edits,
and ``use_cases`` is what the request service exposes. The builders live here in services,
not in ``schooldp.documents`` beside each LetterType, because they read the request register
(documents must not import services).
"""

from __future__ import annotations

from schooldp.services.requests.letters.acknowledgement import build as acknowledgement
from schooldp.services.requests.letters.builders import LETTER_BUILDERS, LETTER_MODULES
from schooldp.services.requests.letters.clarification import build as clarification
from schooldp.services.requests.letters.complaint_ack import build as complaint_ack
from schooldp.services.requests.letters.complaint_outcome import build as complaint_outcome
from schooldp.services.requests.letters.extension import build as extension
from schooldp.services.requests.letters.id_authority import build as id_authority
from schooldp.services.requests.letters.offer import available_letters, letter_choices
from schooldp.services.requests.letters.plan import (
    Addressee,
    LetterBuilder,
    LetterField,
    LetterParts,
    LetterPlan,
    common_fields,
    plan_letter,
    replace_fields,
)
from schooldp.services.requests.letters.pupil_consent import PUPIL_REPLY_DAYS
from schooldp.services.requests.letters.pupil_consent import build as pupil_consent
from schooldp.services.requests.letters.record_access import build as record_access
from schooldp.services.requests.letters.refusal import build as refusal
from schooldp.services.requests.letters.response import build as response
from schooldp.services.requests.letters.rights_outcome import build as rights_outcome
from schooldp.services.requests.letters.use_cases import LetterUseCases, request_letter_type

__all__ = [
    "LETTER_BUILDERS",
    "LETTER_MODULES",
    "PUPIL_REPLY_DAYS",
    "Addressee",
    "LetterBuilder",
    "LetterField",
    "LetterParts",
    "LetterPlan",
    "LetterUseCases",
    "acknowledgement",
    "available_letters",
    "clarification",
    "common_fields",
    "complaint_ack",
    "complaint_outcome",
    "extension",
    "id_authority",
    "letter_choices",
    "plan_letter",
    "pupil_consent",
    "record_access",
    "refusal",
    "replace_fields",
    "request_letter_type",
    "response",
    "rights_outcome",
]
