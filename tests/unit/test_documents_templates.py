"""Letter wording: the small markup, fields, escaping and the errors a DPO will see."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from schooldp.documents.templates import (
    BlockKind,
    LetterTemplate,
    MissingFieldError,
    TemplateError,
    default_wording,
    load_template,
    uk_date,
)
from schooldp.domain.errors import ValidationError


def test_uk_date_is_day_month_year_in_english() -> None:
    assert uk_date(date(2026, 11, 22)) == "22 November 2026"
    assert uk_date(date(2027, 1, 1)) == "1 January 2027"
    assert uk_date(datetime(2026, 3, 2, 14, 5)) == "2 March 2026"


def test_blocks_bullets_heading_and_bold() -> None:
    text = (
        "Dear {salutation},\n\n"
        "**What happened**\n\n"
        "You can:\n"
        "- ask for a **copy** of {thing}\n"
        "- complain to the ICO,\n"
        "  who will look into it\n\n"
        "Line one\nline two\n"
    )
    template = LetterTemplate.parse(text)
    assert template.fields == {"salutation", "thing"}
    kinds = [b.kind for b in template.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.BULLETS,
        BlockKind.PARAGRAPH,
    ]
    filled = template.fill({"salutation": "Ms Nguyễn", "thing": "your file"})
    assert filled[0].markup == ("Dear Ms Nguyễn,",)
    assert filled[1].markup == ("What happened",)
    assert filled[3].markup == (
        "ask for a <b>copy</b> of your file",
        "complain to the ICO, who will look into it",
    )
    assert filled[4].markup == ("Line one<br/>line two",)


def test_values_are_escaped_and_never_markup() -> None:
    template = LetterTemplate.parse("To {name}: {note}")
    (block,) = template.fill({"name": "Smith & Sons <Ltd>", "note": "**not bold** {x}"})
    assert block.markup == ("To Smith &amp; Sons &lt;Ltd&gt;: **not bold** {x}",)


def test_literal_braces_and_asterisks() -> None:
    (block,) = LetterTemplate.parse("Use {{braces}} and 5 * 3").fill({})
    assert block.markup == ("Use {braces} and 5 * 3",)


def test_value_paragraphs_become_separate_paragraphs_and_keep_bold_balanced() -> None:
    template = LetterTemplate.parse("Note: **{body}**")
    filled = template.fill({"body": "First part.\n\nSecond\npart."})
    assert [b.markup[0] for b in filled] == [
        "Note: <b>First part.</b>",
        "<b>Second<br/>part.</b>",
    ]


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_or_blank_field_names_the_field(value: str | None) -> None:
    template = LetterTemplate.parse("Dear {salutation},\n\nAbout {pupil_name}.")
    values = {"salutation": "Mr Ó Súilleabháin"}
    if value is not None:
        values["pupil_name"] = value
    with pytest.raises(MissingFieldError) as info:
        template.fill(values)
    assert info.value.field == "pupil_name"
    assert "{pupil_name}" in str(info.value)
    assert isinstance(info.value, ValidationError)


def test_dates_and_numbers_as_values() -> None:
    (block,) = LetterTemplate.parse("By {due} ({days} days)").fill({"due": date(2026, 3, 2), "days": 30})
    assert block.markup == ("By 2 March 2026 (30 days)",)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Dear {Recipient Name},", 1),
        ("Fine\n\nDear {recipient_name,", 3),
        ("A lone } here", 1),
        ("ok\n**bold that never ends", 2),
    ],
)
def test_malformed_wording_names_the_line(text: str, line: int) -> None:
    with pytest.raises(TemplateError) as info:
        LetterTemplate.parse(text)
    assert info.value.line == line
    assert f"Line {line}" in str(info.value)
    assert info.value.field == "wording"


def test_override_wording_wins_and_blank_override_means_default() -> None:
    assert load_template("generic", "Hello {recipient_name}").fields == {"recipient_name"}
    default = load_template("generic", "   ")
    assert default == load_template("generic")
    assert "{subject}" in default_wording("generic")


def test_letter_type_names_cannot_escape_the_letters_folder() -> None:
    with pytest.raises(ValueError):
        default_wording("../fonts/README")
