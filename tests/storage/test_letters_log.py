"""The letter log: every letter recorded with its hash, reprinted exactly, wording per school."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import LetterData, TemplateError
from schooldp.documents.generic_letter import LETTER
from schooldp.services.letters import LetterJob, LetterService, Recipient

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server


def _data(school, name: str = "Mrs Zoë Nguyễn") -> LetterData:
    return LetterData(
        school=school.profile(),
        recipient_name=name,
        recipient_address=("4 Church Street", "Ashby", "LE65 2AB"),
        letter_date=date(2026, 11, 22),
        reference="SAR-2026-004",
        fields={"subject": "Your request", "body": "We have received your request."},
    )


def _text(pdf: bytes) -> str:
    import io

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_letter_is_recorded_and_reprinted_exactly(school) -> None:
    letters = LetterService(school)
    pdf = letters.render(LETTER, _data(school))
    issued = letters.record(
        LETTER, Recipient("Mrs Zoë Nguyễn", "contact", "17"), pdf, case_kind="request", case_id=4
    )
    assert issued.sha256 and issued.pages == 1 and issued.issued_by == "Priya Raman"
    log = letters.issued(case_kind="request", case_id=4)
    assert [entry.id for entry in log] == [issued.id]
    assert letters.pdf(issued.id) == pdf
    assert "Zoë Nguyễn" in _text(letters.pdf(issued.id))
    actions = [e.action for e in school.activity()]
    assert actions[0] == "letter.issued"
    assert all("Zoë" not in e.summary for e in school.activity())


def test_batch_is_recorded_in_one_go(school) -> None:
    letters = LetterService(school)
    jobs = [
        LetterJob(_data(school, f"Parent {i}"), Recipient(f"Parent {i}", "contact", str(i))) for i in range(5)
    ]
    pdfs = letters.render_batch(LETTER, jobs)
    issued = letters.record_many(
        LETTER, list(zip([j.recipient for j in jobs], pdfs, strict=True)), case_kind="breach", case_id=1
    )
    assert len(issued) == 5 and len({i.batch_id for i in issued}) == 1
    assert "Parent 3" in _text(letters.pdf(issued[3].id))


def test_school_wording_is_used_and_can_be_reset(school) -> None:
    letters = LetterService(school)
    default = LETTER.default_wording()
    letters.set_wording(LETTER, default + "\n\nWith warm wishes from the office.")
    assert "warm wishes" in _text(letters.render(LETTER, _data(school)))
    with pytest.raises(TemplateError, match="no field"):
        letters.set_wording(LETTER, default + "\n\n{favourite_colour}")
    letters.reset_wording(LETTER)
    assert "warm wishes" not in _text(letters.render(LETTER, _data(school)))


def test_unkept_pdf_cannot_be_reprinted(school) -> None:
    from schooldp.domain.errors import SchoolDPError

    letters = LetterService(school)
    issued = letters.record(
        LETTER, Recipient("A Parent"), letters.render(LETTER, _data(school)), keep_pdf=False
    )
    with pytest.raises(SchoolDPError, match="not kept"):
        letters.pdf(issued.id)


def test_a_batch_of_30_with_one_undrawable_name_prints_29_records_29_and_reports_1(school) -> None:
    names = [
        "محمد Ahmed",
        "সুমাইয়া রহমান",
        "ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ",
        "王芳",
        "Łukasz Wójcik",
        "Nguyễn Thị Hoa",
        "Siobhán Ó Súilleabháin",
    ]
    jobs = [
        LetterJob(
            _data(school, name=f"{names[i % len(names)]} {i}"), Recipient(f"Parent {i}", "contact", str(i))
        )
        for i in range(30)
    ]
    jobs[12] = LetterJob(_data(school, name="ተስፋዬ ገብሬ"), Recipient("Parent 12", "contact", "12"))
    letters = LetterService(school)
    outcome = letters.render_batch_setting_aside(LETTER, jobs)
    assert len(outcome.printed) == 29 and len(outcome.set_aside) == 1
    letters.record_many(
        LETTER, [(job.recipient, pdf) for job, pdf in outcome.printed], case_kind="batch", case_id=1
    )
    assert len(letters.issued(case_kind="batch", case_id=1)) == 29
    summary = outcome.summary()
    assert summary.startswith("29 printed, 1 could not be printed")
    assert "Parent 12" in summary and "no font in SchoolDP can print" in summary
