"""The consent printables as a reader sees them (pypdf text)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import consent_form, registry
from schooldp.documents.consent_class_list import ClassListData, ClassListRow, render
from schooldp.documents.letterhead import LetterData
from schooldp.domain.errors import ValidationError
from tests.conftest import sample_profile


def _text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)


def test_class_list_restricted_first_with_symbol_and_word() -> None:
    data = ClassListData(
        "Oakfield Primary School",
        "Class 4B",
        date(2026, 3, 10),
        ("In school", "Online"),
        (ClassListRow("Zoë Nowak", (True, True)), ClassListRow("Łukasz Patel", (True, False))),
    )
    text = _text(render(data))
    restricted, _, agreed = text.partition("Consent given for every use listed")
    assert "Łukasz Patel" in restricted and "NO" in restricted
    assert "Zoë Nowak" in agreed and "10 March 2026" in text


def test_class_list_refuses_unprintable_names_and_no_columns() -> None:
    # Chinese now prints through the fallback fonts; Ge'ez (Amharic, Tigrinya) has no bundled font.
    render(ClassListData("S", "4B", date(2026, 3, 10), ("Online",), (ClassListRow("王芳", (False,)),)))
    with pytest.raises(ValidationError, match="cannot print"):
        render(ClassListData("S", "4B", date(2026, 3, 10), ("Online",), (ClassListRow("አበበ", (False,)),)))
    with pytest.raises(ValidationError, match="at least one purpose"):
        render(ClassListData("S", "4B", date(2026, 3, 10), (), ()))


def test_consent_form_has_its_return_slip_after_the_signature() -> None:
    data = LetterData(
        school=sample_profile(),
        recipient_name="Sarah Brown",
        recipient_address=("4 Elm Road", "Ashby", "LE65 1AA"),
        letter_date=date(2026, 9, 4),
        reference="CF-1",
        fields={
            "pupil_name": "Amelia Brown",
            "class_name": "4B",
            "return_by": date(2026, 9, 18),
            "purpose_list": "Photos and videos in school: displays.\n\nBiometrics: school meals.",
            "slip_purposes": "Photos and videos in school\nBiometrics (cashless catering)",
            "slip_ref": "CF-1",
            "slip_signer": "parent",
        },
    )
    text = _text(consent_form.render(data))
    assert text.index("Priya Raman") < text.index("Return slip")
    assert "Biometrics (cashless catering)" in text and "parental responsibility" in text
    assert "18 September 2026" in text
    assert {"consent_form", "consent_withdrawal"} <= {t.key for t in registry.letter_types()}
    # The DPO may edit the wording; the slip fields are allowed there.
    consent_form.LETTER.check_wording("Dear {salutation},\n\n{pupil_name} {class_name} by {return_by}.")
