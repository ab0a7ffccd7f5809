"""The emergency sheet: the recovery key on one page, with plain instructions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import page_count
from schooldp.documents.emergency_sheet import EmergencySheetData, key_groups, render
from schooldp.domain.errors import ValidationError

KEY = "K7QX-M2PA-9ZLD-0O1I-T4WE-R8NB-V3HC-Y6UF-J5GS-E2KQ"
PATH = r"C:\Users\zsahin\OneDrive - Oakfield Primary School\SchoolDP\oakfield.schooldp"


def sheet(key: str = KEY) -> bytes:
    return render(EmergencySheetData("Oakfield Primary & Nursery", PATH, date(2026, 11, 22), key))


def text(pdf: bytes) -> str:
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    return page.extract_text()


def test_one_page_with_school_path_date_and_key() -> None:
    pdf = sheet()
    assert page_count(pdf) == 1
    content = text(pdf)
    assert "SchoolDP emergency sheet" in content
    assert "Oakfield Primary & Nursery" in content
    assert "22 November 2026" in content
    assert PATH in content.replace("\n", "")
    assert KEY in content.replace("\n", "")


def test_instructions_and_warning() -> None:
    content = " ".join(text(sheet()).split())
    assert "Keep this sheet locked away, like a spare key." in content
    assert "choose Use recovery key and type the key to set a new passphrase" in content
    assert (
        "Without a passphrase or this key the data cannot be recovered by anyone, "
        "including SchoolDP." in content
    )


def test_key_without_separators_is_grouped_in_fours_and_case_kept() -> None:
    assert key_groups("abcdEFGHijkl mn") == ("abcd", "EFGH", "ijkl", "mn")
    assert key_groups("abcdEFGHijklmn") == ("abcd", "EFGH", "ijkl", "mn")
    assert key_groups(" AB12-cd34 ") == ("AB12", "cd34")
    assert "abcd-EFGH-ijkl-mn" in text(sheet("abcdEFGHijklmn")).replace("\n", "")


def test_a_very_long_key_still_fits_on_one_page() -> None:
    pdf = sheet("ABCD" * 40)
    assert page_count(pdf) == 1
    assert "ABCD" * 40 in text(pdf).replace("\n", "").replace("-", "")


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        sheet("  ")
    assert info.value.field == "recovery_key"
