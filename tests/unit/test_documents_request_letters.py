"""Request letters: registered, wording valid, and each says what the law requires."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import STANDARD_FIELDS, LetterData, MissingFieldError
from schooldp.documents.registry import letter_type, letter_types
from tests.conftest import sample_profile

KEYS = (
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
)

SAMPLE = {
    "request_title": "Subject access request",
    "legal_basis": "UK GDPR Article 15",
    "received_date": "14 September 2026",
    "request_summary": "Everything about my daughter.",
    "due_sentence": "We will reply by 14 October 2026 at the latest.",
    "next_steps": "Nothing more is needed.",
    "needed": "Two forms of identification.",
    "time_limit": "We will then reply within one month.",
    "clarification_question": "Which years?",
    "original_due": "22 October 2026",
    "extended_due": "22 December 2026",
    "extension_reasons": "Over 400 emails to review.",
    "requester_description": "Ruth Okafor (parent or carer)",
    "reply_by": "29 September 2026",
    "subject_description": "Maya Okafor",
    "confirmation": "We confirm that we process personal data about Maya Okafor, and we enclose a copy of it.",
    "disclosure_summary": "1 item is enclosed: Attendance record",
    "withheld_summary": "We have withheld Email from another parent, because of: another person's data.",
    "purposes": "Education.",
    "categories": "Attendance.",
    "recipients": "The local authority.",
    "retention": "Until 25.",
    "source": "You.",
    "automated_decisions": "None.",
    "transfers": "None.",
    "refusal_reasons": "Repeats an earlier request.",
    "outcome_note": "Within 20 school days.",
    "complaint_outcome": "The photo was removed.",
    "access_arrangements": "At the school by 18 November 2026.",
    "copy_fee": "We will tell you the amount first.",
    "outcome": "Your address has been corrected.",
}


def _data(**fields: str) -> LetterData:
    return LetterData(
        school=sample_profile(),
        recipient_name="Mrs Ruth Okafor",
        recipient_address=("4 Church Street", "Ashby", "LE65 2AB"),
        letter_date=date(2026, 11, 20),
        reference="SAR-2026-001",
        fields=fields,
    )


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_every_request_letter_is_registered() -> None:
    keys = {lt.key for lt in letter_types()}
    assert set(KEYS) <= keys


@pytest.mark.parametrize("key", KEYS)
def test_wording_uses_only_known_fields_and_renders(key: str) -> None:
    lt = letter_type(key)
    own = lt.template().fields - set(STANDARD_FIELDS)
    assert own <= set(SAMPLE), own - set(SAMPLE)
    text = _text(lt.render(_data(**SAMPLE)))
    assert "Mrs Ruth Okafor" in text and "SAR-2026-001" in text


@pytest.mark.parametrize("key", KEYS)
def test_a_blank_field_is_refused_not_printed(key: str) -> None:
    lt = letter_type(key)
    own = sorted(lt.template().fields - set(STANDARD_FIELDS))
    if not own:
        pytest.skip("no fields of its own")
    with pytest.raises(MissingFieldError):
        lt.render(_data(**{**SAMPLE, own[0]: " "}))


def test_response_covers_policy_9_1() -> None:
    text = _text(letter_type("request_response").render(_data(**SAMPLE)))
    for words in (
        "We confirm that we process personal data",
        "we enclose a copy",
        "Why we use the data",
        "The kinds of data we hold",
        "Who we share it with",
        "How long we keep it",
        "correct (rectify)",
        "erase",
        "restrict",
        "object",
        "Information Commissioner's Office",
        "Where the data came from",
        "Automated decision-making",
        "Transfers outside the UK",
        "We have withheld Email from another parent",
    ):
        assert words in text, words


def test_refusal_gives_reasons_ico_and_courts() -> None:
    text = _text(letter_type("request_refusal").render(_data(**SAMPLE)))
    assert "Repeats an earlier request." in text
    assert "Information Commissioner's Office" in text and "0303 123 1113" in text
    assert "through the courts" in text


def test_extension_and_clarification_explain_the_clock() -> None:
    ext = _text(letter_type("request_extension").render(_data(**SAMPLE)))
    assert "Over 400 emails to review." in ext and "22 December 2026" in ext and "Article 12(3)" in ext
    clar = _text(letter_type("request_clarification").render(_data(**SAMPLE)))
    assert "paused" in clar and "Which years?" in clar


def test_pupil_consent_letter_speaks_to_the_pupil() -> None:
    text = _text(letter_type("request_pupil_consent").render(_data(**SAMPLE)))
    assert "Ruth Okafor (parent or carer) has asked" in text
    assert "I agree" in text and "I do not agree" in text and "29 September 2026" in text
