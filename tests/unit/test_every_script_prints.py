"""Every printed document, for a school whose people write their names in many scripts.

Each document is rendered with names in Arabic, Urdu, Bengali, Gurmukhi, Chinese, Polish,
Vietnamese and Irish; the text a PDF reader copies (NFKC-normalised: Arabic letters come out
in their presentation forms) must hold every name. Right-to-left names are compared word by
word: a PDF stores words in the order they sit on the line, so a reader copies a two-word
Arabic name right word first.

Set SCHOOLDP_PAGES_DIR to keep every PDF for looking at (``pdftoppm -png -r 70``).
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from schooldp.documents import (
    STANDARD_FIELDS,
    LetterData,
    annual_report,
    breach_decision_record,
    breach_ico_report,
    breach_trends,
    page_count,
)
from schooldp.documents.consent_class_list import ClassListData, ClassListRow
from schooldp.documents.consent_class_list import render as render_class_list
from schooldp.documents.emergency_sheet import EmergencySheetData
from schooldp.documents.emergency_sheet import render as render_emergency_sheet
from schooldp.documents.registry import letter_types
from schooldp.domain.consent.purposes import DEFAULT_PURPOSES
from schooldp.domain.school import ContactPerson
from schooldp.services.consent.forms import _purpose_line
from tests.conftest import sample_profile
from tests.unit.test_documents_annual_report import _figures
from tests.unit.test_documents_breach import _doc

NAMES = {
    "Arabic": "محمد يوسف",
    "Urdu": "عائشہ بی بی",
    "Bengali": "সুমাইয়া রহমান",
    "Gurmukhi": "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
    "Chinese": "王芳",
    "Polish": "Łukasz Wójcik",
    "Vietnamese": "Nguyễn Thị Hoa",
    "Irish": "Siobhán Ó Súilleabháin",
}
RTL = {"Arabic", "Urdu"}
MIXED = "محمد Ahmed"


def _text(pdf: bytes) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _keep(name: str, pdf: bytes) -> bytes:
    folder = os.environ.get("SCHOOLDP_PAGES_DIR")
    if folder:
        Path(folder, f"{name}.pdf").write_bytes(pdf)
    return pdf


def _missing(text: str) -> list[str]:
    missing = []
    for script, name in NAMES.items():
        parts = name.split() if script in RTL else [name]
        if not all(part in text for part in parts):
            missing.append(f"{script}: {name}")
    return missing


def _school():
    return replace(
        sample_profile(),
        dpo=ContactPerson(
            "Nguyễn Thị Hoa", "dpo@oakfield.example.sch.uk", "01530 000001", "Data Protection Officer"
        ),
    )


ALL = " · ".join(NAMES.values())


@pytest.mark.parametrize("letter", letter_types(), ids=lambda t: t.key)
def test_every_letter_prints_every_name(letter) -> None:
    for script, name in NAMES.items():
        fields = {f: f"{ALL} ({f})" for f in letter.allowed_fields() - set(STANDARD_FIELDS)}
        data = LetterData(
            school=_school(),
            recipient_name=name,
            recipient_address=("1 Mill Lane", "Ashby", "LE65 1AB"),
            letter_date=date(2026, 11, 23),
            reference="SAR-2026-001",
            fields=fields,
            salutation=name,
        )
        pdf = letter.render(data)
        if script == "Arabic":
            _keep(f"letter-{letter.key}", pdf)
        text = _text(pdf)
        assert not _missing(text), (letter.key, _missing(text))
        assert all(part in text for part in name.split()), (letter.key, name)


def test_consent_form_with_its_slip_is_one_page() -> None:
    (form,) = [t for t in letter_types() if t.key == "consent_form"]
    data = LetterData(
        school=_school(),
        recipient_name=NAMES["Urdu"],
        recipient_address=("1 Mill Lane", "Ashby", "LE65 1AB"),
        letter_date=date(2026, 11, 23),
        fields={
            "pupil_name": NAMES["Bengali"],
            "class_name": "4B",
            "return_by": date(2026, 12, 4),
            "slip_ref": "CF-1",
            "purpose_list": "\n\n".join(_purpose_line(p) for p in DEFAULT_PURPOSES),
            "slip_purposes": "\n".join(f"{p.title}\t{p.description}" for p in DEFAULT_PURPOSES),
            "slip_signer": "parent",
        },
    )
    pdf = _keep("consent-form-default", form.render(data))
    assert page_count(pdf) == 1


def test_class_list_prints_every_name_on_one_page() -> None:
    rows = [ClassListRow(name, (i % 2 == 0, True)) for i, name in enumerate([*NAMES.values(), MIXED])]
    pdf = _keep(
        "class-list",
        render_class_list(
            ClassListData(
                "Oakfield Primary School", "4B", date(2026, 3, 10), ("Website", "Press"), tuple(rows)
            )
        ),
    )
    assert not _missing(_text(pdf))
    assert page_count(pdf) == 1


def test_breach_printouts_print_every_name() -> None:
    doc = _doc(prepared_by=ALL)
    doc = replace(
        doc, triage=replace(doc.triage, reported_by=ALL, what_happened=f"A list naming {ALL} was emailed.")
    )
    for name, render in (
        ("ico-pack", breach_ico_report.render),
        ("decision-record", breach_decision_record.render),
    ):
        pdf = _keep(name, render(doc))
        assert not _missing(_text(pdf)), (name, _missing(_text(pdf)))


def test_trends_annual_report_and_governors_summary_print_every_name() -> None:
    trends = breach_trends.TrendsDocument(
        "Oakfield Primary School",
        date(2025, 9, 1),
        date(2026, 8, 31),
        3,
        [("Sep 2025", 3)],
        [("Email", 3)],
        [("Contact details", 3)],
        1,
        2,
        0,
        0,
        datetime(2026, 9, 2, 9, tzinfo=UTC),
        ALL,
    )
    pdf = _keep("breach-trends", breach_trends.render(trends))
    assert not _missing(_text(pdf))
    report = annual_report.AnnualReportData(
        _school(),
        _figures(),
        ALL,
        date(2026, 9, 10),
        commentary=f"Thanks to {ALL}.",
        recommendations=f"Train {ALL}.",
    )
    pdf = _keep("annual-report", annual_report.render(report))
    assert not _missing(_text(pdf))
    pdf = _keep(
        "governors-summary", annual_report.render_governors_summary(_school(), _figures(), date(2026, 9, 10))
    )
    assert "Oakfield Primary School" in _text(pdf)


def test_emergency_sheet_prints_a_path_in_any_script() -> None:
    path = r"C:\Users\محمد يوسف\OneDrive - 王芳\Łukasz\oakfield.schooldp"
    pdf = _keep(
        "emergency-sheet",
        render_emergency_sheet(
            EmergencySheetData("Oakfield Primary School", path, date(2026, 11, 22), "K7QX-M2PA-9ZLD-0O1I")
        ),
    )
    text = _text(pdf)
    assert page_count(pdf) == 1
    assert "王芳" in text and "Łukasz" in text and "محمد" in text


def test_a_mixed_name_reads_in_order() -> None:
    (letter,) = [t for t in letter_types() if t.key == "generic"]
    fields = {f: MIXED for f in letter.allowed_fields() - set(STANDARD_FIELDS)}
    data = LetterData(
        school=_school(),
        recipient_name=MIXED,
        recipient_address=("1 Mill Lane",),
        letter_date=date(2026, 11, 23),
        fields=fields,
    )
    text = _text(_keep("mixed-name", letter.render(data)))
    assert re.search(r"محمد\s*Ahmed", text)


def test_a_confirmation_slip_after_a_cut_line_fits_the_deletion_request_on_one_page() -> None:
    """The slip mechanism with the deletion request's own wording and one cut line added."""
    (letter,) = [t for t in letter_types() if t.key == "breach_deletion_request"]
    wording = letter.default_wording()
    marker = "**Confirmation"
    if marker in wording and "--- cut here ---" not in wording:
        wording = wording.replace(marker, "--- cut here ---\n\n" + marker, 1)
    data = LetterData(
        school=_school(),
        recipient_name=NAMES["Bengali"],
        recipient_address=("1 Mill Lane", "Ashby", "LE65 1AB"),
        letter_date=date(2026, 11, 23),
        reference="BR-2026-004",
        fields={f: "a list of pupils in class 4B" for f in letter.allowed_fields() - set(STANDARD_FIELDS)}
        | {"sent_on": "20 November 2026", "reply_by": "27 November 2026"},
    )
    pdf = _keep("deletion-request-with-slip", letter.render(data, wording))
    assert page_count(pdf) == 1
    text = _text(pdf)
    assert text.index("Yours sincerely") < text.index("cut here") < text.index("Confirmation")


def test_table_headers_do_not_split_words() -> None:
    from schooldp.documents.a4 import header_widths
    from schooldp.documents.fonts import SANS_BOLD, register_fonts

    register_fonts()
    widths = header_widths(("Question", "Recommended", "Reason"), (100.0, 40.0, 200.0), SANS_BOLD, 8.5)
    assert widths[1] > 40 and sum(widths) == 340  # the narrow column grew, the widest gave way
    text = _text(breach_decision_record.render(_doc()))
    assert "Recommended" in text
