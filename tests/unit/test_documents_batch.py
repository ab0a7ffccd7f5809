"""Mail merge: many letters in one PDF (or one each), progress, cancel and early checks."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import BatchLetterError, LetterData, RenderCancelled, page_count
from schooldp.documents.generic_letter import LETTER
from schooldp.domain.school import ContactPerson, SchoolProfile

SCHOOL = SchoolProfile(
    name="Oakfield Primary School",
    address_lines=("12 Mill Lane", "Ashby"),
    postcode="LE65 1AB",
    ico_registration="Z1234567",
    dpo=ContactPerson("Zoë Şahin", "dpo@oakfield.example.sch.uk", "", "Data Protection Officer"),
)
NAMES = ("Łukasz Nowak", "Zoë Brown", "Ayşe Şahin", "Nguyễn Thị Hoa", "Cian Ó Súilleabháin")
PARAGRAPH = (
    "We are writing about an incident involving personal information the school holds "
    "about your child. The email was recalled within ten minutes and the person who "
    "received it has confirmed in writing that they deleted it."
)


def letters(n: int) -> list[LetterData]:
    """Even-numbered letters fit one page; odd-numbered ones run to two."""
    out = []
    for i in range(n):
        paragraphs = 1 if i % 2 == 0 else 12
        out.append(
            LetterData(
                school=SCHOOL,
                recipient_name=f"{NAMES[i % len(NAMES)]} ({i})",
                recipient_address=(f"{i + 1} Station Road", "Ashby", "LE65 2XY"),
                letter_date=date(2026, 11, 22),
                reference=f"CON-{i:03d}",
                fields={"subject": "Photo consent", "body": "\n\n".join([PARAGRAPH] * paragraphs)},
            )
        )
    return out


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_one_pdf_with_every_letter_and_page_numbers_per_letter() -> None:
    n = 7
    pdf = LETTER.render_batch(letters(n))
    pages = pages_text(pdf)
    expected_pages = sum(1 if i % 2 == 0 else 2 for i in range(n))
    assert len(pages) == expected_pages == page_count(pdf)
    starts = [i for i, text in enumerate(pages) if "Dear " in text]
    assert len(starts) == n
    for letter_no, start in enumerate(starts):
        first = pages[start]
        assert f"CON-{letter_no:03d}" in first
        assert f"{NAMES[letter_no % len(NAMES)]} ({letter_no})" in first
        if letter_no % 2 == 0:
            assert "Page 1 of" not in first
        else:
            assert "Page 1 of 2" in first
            assert "Page 2 of 2" in pages[start + 1]
            assert "Yours sincerely," in pages[start + 1]
    # No letter ever reports a total larger than its own.
    assert all(m == "2" for text in pages for m in re.findall(r"Page \d of (\d+)", text))


def test_one_pdf_per_recipient() -> None:
    pdfs = LETTER.render_each(letters(4))
    assert [page_count(p) for p in pdfs] == [1, 2, 1, 2]
    for i, pdf in enumerate(pdfs):
        assert f"{NAMES[i]} ({i})" in " ".join(pages_text(pdf))


def test_progress_reports_every_letter_and_finishes_at_total() -> None:
    seen: list[tuple[int, int]] = []
    LETTER.render_batch(letters(5), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 5)
    assert seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert {t for _, t in seen} == {5}


@pytest.mark.parametrize("each", [False, True])
def test_cancel_stops_the_batch(each: bool) -> None:
    done: list[int] = []

    def cancelled() -> bool:
        return len(done) >= 3

    render = LETTER.render_each if each else LETTER.render_batch
    with pytest.raises(RenderCancelled, match="cancelled"):
        render(letters(20), progress=lambda d, t: done.append(d), is_cancelled=cancelled)
    assert len(done) == 3  # stopped between letters, not at the end


def test_cancel_before_start() -> None:
    with pytest.raises(RenderCancelled):
        LETTER.render_batch(letters(3), is_cancelled=lambda: True)


def test_a_bad_letter_fails_before_anything_is_drawn_and_says_which() -> None:
    batch = letters(6)
    batch[4] = replace(batch[4], fields={"subject": "Photo consent"})
    progress: list[int] = []
    with pytest.raises(BatchLetterError) as info:
        LETTER.render_batch(batch, progress=lambda d, t: progress.append(d))
    assert info.value.index == 4
    assert info.value.field == "body"
    assert str(info.value).startswith("Letter 5 of 6:")
    assert progress == []


def test_empty_batch_is_an_error() -> None:
    with pytest.raises(ValueError):
        LETTER.render_batch([])


def test_a_letter_no_font_can_draw_is_set_aside_and_the_rest_print() -> None:
    batch = letters(30)
    batch[7] = replace(batch[7], recipient_name="ተስፋዬ ገብሬ")  # Ge'ez: no bundled font draws it
    batch[8] = replace(batch[8], recipient_name="محمد Ahmed")  # prints, through the fallback fonts
    result = LETTER.render_each_setting_aside(batch)
    assert len(result.pdfs) == 30
    assert sum(pdf is not None for pdf in result.pdfs) == 29
    assert result.pdfs[7] is None
    assert [s.index for s in result.set_aside] == [7]
    assert "no font in SchoolDP can print" in result.set_aside[0].reason
    assert "ተ" in result.set_aside[0].reason  # the reason names the characters
