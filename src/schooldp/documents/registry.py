"""Every letter type SchoolDP can print, for Settings (edit wording) and the Letters page."""

from __future__ import annotations

import importlib

from schooldp.documents.letter_type import LetterType

# One module per letter type, each defining LETTER; add a new type's module here.
LETTER_MODULES: tuple[str, ...] = (
    "generic_letter",
    "request_acknowledgement",
    "request_id_authority",
    "request_clarification",
    "request_extension",
    "request_pupil_consent",
    "request_response",
    "request_refusal",
    "request_complaint_ack",
    "request_complaint_outcome",
    "request_record_access",
    "request_rights_outcome",
    "consent_form",
    "consent_withdrawal",
    "breach_notice_parent",
    "breach_notice_staff",
    "breach_deletion_request",
)


def letter_types() -> tuple[LetterType, ...]:
    """All letter types, in the order the DPO sees them."""
    types: list[LetterType] = []
    for name in LETTER_MODULES:
        module = importlib.import_module(f"schooldp.documents.{name}")
        letter = module.LETTER
        if not isinstance(letter, LetterType):
            raise TypeError(f"schooldp.documents.{name}.LETTER is not a LetterType")
        types.append(letter)
    return tuple(types)


def letter_type(key: str) -> LetterType:
    """The letter type with this key; KeyError names it when there is none."""
    for letter in letter_types():
        if letter.key == key:
            return letter
    raise KeyError(f"No letter type {key!r}")
