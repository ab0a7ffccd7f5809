"""Letters as the reader sees them: render real PDFs, extract the text with pypdf."""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import (
    LetterData,
    MissingFieldError,
    TemplateError,
    generic_letter,
    letter_type,
    letter_types,
    page_count,
    pdf_sha256,
)
from schooldp.documents.fonts import register_fonts
from schooldp.documents.letterhead import PAGE_HEIGHT
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import ContactPerson, SchoolProfile

NAMES = ("Łukasz", "Zoë", "Şahin", "Nguyễn", "Ó Súilleabháin")
MM = 72 / 25.4

SCHOOL = SchoolProfile(
    name="Oakfield Primary School",
    address_lines=("12 Mill Lane", "Ashby"),
    postcode="LE65 1AB",
    phone="01530 000000",
    email="office@oakfield.example.sch.uk",
    urn="123456",
    ico_registration="Z1234567",
    dpo=ContactPerson("Zoë Şahin", "dpo@oakfield.example.sch.uk", "", "Data Protection Officer"),
    headteacher=ContactPerson("Łukasz Nowak", role="Headteacher"),
)

PARAGRAPH = (
    "We are writing about an incident involving personal information the school holds "
    "about your child. The email was recalled within ten minutes and the person who "
    "received it has confirmed in writing that they deleted it."
)


def letter(**changes: object) -> LetterData:
    base = LetterData(
        school=SCHOOL,
        recipient_name="Mrs Siobhán Ó Súilleabháin",
        recipient_address=("Flat 3, The Old Forge", "27 Church Street", "Ashby", "LE65 2XY"),
        letter_date=date(2026, 11, 22),
        reference="SAR-2026-014",
        fields={"subject": "Your request for information", "body": PARAGRAPH},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def long_letter(paragraphs: int = 12, **changes: object) -> LetterData:
    body = "\n\n".join([PARAGRAPH] * paragraphs)
    return letter(fields={"subject": "A long letter", "body": body}, **changes)


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def text_of(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def test_names_with_diacritics_print_correctly() -> None:
    name = "Łukasz Nguyễn-Şahin"
    pdf = generic_letter.render(letter(recipient_name=name, salutation="Zoë Ó Súilleabháin"))
    text = text_of(pdf)
    assert name in text
    assert "Dear Zoë Ó Súilleabháin," in text
    for fragment in NAMES:
        assert fragment in text
    assert "Zoë Şahin" in text  # the DPO signs by default
    assert "Data Protection Officer" in text


def test_letterhead_date_reference_address_and_footer() -> None:
    text = text_of(generic_letter.render(letter()))
    assert "22 November 2026" in text
    assert "SAR-2026-014" in text
    for line in ("Flat 3, The Old Forge", "27 Church Street", "LE65 2XY"):
        assert line in text
    assert "Oakfield Primary School" in text
    assert "01530 000000" in text and "office@oakfield.example.sch.uk" in text
    assert "ICO registration Z1234567" in text
    assert "URN 123456" in text
    assert "Your request for information" in text
    assert "Yours sincerely," in text
    assert "PRIVATE AND CONFIDENTIAL" not in text


def test_private_and_confidential_when_asked() -> None:
    assert "PRIVATE AND CONFIDENTIAL" in text_of(generic_letter.render(letter(private=True)))


def test_short_letter_has_one_page_and_no_page_number() -> None:
    pdf = generic_letter.render(letter())
    assert page_count(pdf) == 1
    assert "Page 1 of" not in text_of(pdf)


def test_long_letter_numbers_its_pages() -> None:
    pdf = generic_letter.render(long_letter())
    pages = pages_text(pdf)
    assert len(pages) == 2 == page_count(pdf)
    assert "Page 1 of 2" in pages[0]
    assert "Page 2 of 2" in pages[1]
    assert "Yours sincerely," in pages[1]
    # Page 2 carries a running head so a loose page can be put back with its letter.
    assert "SAR-2026-014" in pages[1]


def test_user_text_with_ampersand_and_angle_brackets_prints_literally() -> None:
    pdf = generic_letter.render(
        letter(
            recipient_name="Smith & Jones <Trustees>",
            fields={"subject": "A & B <c>", "body": "1 < 2 & 3 > 2 </para> &amp;"},
        )
    )
    text = text_of(pdf)
    assert "Smith & Jones <Trustees>" in text
    assert "A & B <c>" in text
    assert "1 < 2 & 3 > 2 </para> &amp;" in text


def test_missing_field_raises_naming_it() -> None:
    with pytest.raises(MissingFieldError) as info:
        generic_letter.render(letter(fields={"subject": "Hello"}))
    assert info.value.field == "body"
    assert "{body}" in str(info.value)


def test_missing_school_detail_used_by_the_wording_names_it() -> None:
    school = replace(SCHOOL, dpo=ContactPerson("Zoë Şahin", "", "", "Data Protection Officer"))
    with pytest.raises(MissingFieldError) as info:
        generic_letter.render(letter(school=school))
    assert info.value.field == "dpo_email"


def test_override_wording_is_used() -> None:
    wording = "Dear {salutation},\n\n- first point\n- second point for {recipient_name}"
    text = text_of(generic_letter.render(letter(salutation="Mrs Ó Súilleabháin"), wording))
    assert "Dear Mrs Ó Súilleabháin," in text
    assert "second point for Mrs Siobhán Ó Súilleabháin" in text
    assert "If you have any questions" not in text


def test_character_the_font_cannot_print_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        generic_letter.render(letter(recipient_name="ተስፋዬ ገብሬ"))  # Ge'ez: no bundled font
    assert info.value.field == "recipient_name"


def test_address_too_long_for_the_window_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        generic_letter.render(letter(recipient_address=tuple(f"Line {i}" for i in range(7))))
    assert info.value.field == "recipient_address"


def test_recipient_block_sits_in_the_dl_window() -> None:
    """Always-visible part of a DL window: 20-100 mm across, 50-84 mm down the page."""
    pdf = generic_letter.render(letter(private=True))
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.setdefault(text.strip(), (tm[4], tm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    for line in ("PRIVATE AND CONFIDENTIAL", "Mrs Siobhán Ó Súilleabháin", "LE65 2XY"):
        x, baseline = found[line]
        assert 20 * MM <= x <= 30 * MM, line
        # Cap height above the baseline and descenders below must stay in the window.
        from_top = (PAGE_HEIGHT - baseline) / MM
        assert 50 + 3 <= from_top <= 84 - 1, (line, from_top)


def test_same_letter_same_bytes_and_hash() -> None:
    a = generic_letter.render(letter())
    b = generic_letter.render(letter())
    assert a == b
    assert pdf_sha256(a) == hashlib.sha256(a).hexdigest()
    assert len(pdf_sha256(a)) == 64


def test_page_count_agrees_with_pypdf() -> None:
    for data in (letter(), long_letter(), long_letter(30)):
        pdf = generic_letter.render(data)
        assert page_count(pdf) == len(PdfReader(io.BytesIO(pdf)).pages)


def test_logo_is_drawn_and_a_broken_logo_is_refused() -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (60, 40), (31, 58, 95, 255)).save(buffer, "PNG")
    pdf = generic_letter.render(letter(school=replace(SCHOOL, logo_png=buffer.getvalue())))
    assert b"/Subtype /Image" in pdf
    with pytest.raises(ValidationError) as info:
        generic_letter.render(letter(school=replace(SCHOOL, logo_png=b"not a png")))
    assert info.value.field == "logo_png"


def test_signatory_and_closing() -> None:
    head = ContactPerson("Łukasz Nowak", role="Headteacher")
    text = text_of(generic_letter.render(letter(signatory=head, closing="Yours faithfully")))
    assert "Yours faithfully," in text
    assert "Łukasz Nowak Headteacher" in text


def test_registry_and_wording_check() -> None:
    assert letter_type("generic") is generic_letter.LETTER
    assert generic_letter.LETTER in letter_types()
    generic_letter.LETTER.check_wording("Dear {salutation},\n\n{body}\n\n{dpo_phone}")
    with pytest.raises(TemplateError) as info:
        generic_letter.LETTER.check_wording("Dear {pupil_nmae},")
    assert "{pupil_nmae}" in str(info.value)


def test_font_registration_is_idempotent_across_threads() -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            register_fonts()
            generic_letter.render(letter())
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_tick_boxes_and_a_slip_cut_off_at_the_foot() -> None:
    from schooldp.documents.templates import parse_wording

    wording = "Dear {salutation},\n\nPlease tick one:\n\n- [ ] Yes\n- [ ] No\n\n--- cut here ---\n\n**Slip**\n\nSigned: ____"
    template = parse_wording(wording)
    assert [b.kind.value for b in template.blocks][-3:] == ["cut", "heading", "paragraph"]
    from schooldp.documents.letterhead import render_letter

    text = text_of(render_letter(letter(), template))
    assert "\u2610" in text and "Yes" in text and "cut here" in text
    assert text.index("Yours sincerely") < text.index("Slip")
