"""People: ages on birthdays, UPN check letters, year groups, name search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schooldp.domain.errors import ValidationError
from schooldp.domain.people import (
    Contact,
    KeyStage,
    Pupil,
    Staff,
    YearGroup,
    age_on,
    birthday_in,
    date_of_birth_problem,
    is_email_address,
    is_temporary_upn,
    key_stage,
    matches_search,
    on_roll,
    parse_year_group,
    reaches_age_on,
    recorded_parental_responsibility,
    search_key,
    upn_check_letter,
    validate_upn,
)

# --- ages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day,expected",
    [
        (date(2026, 5, 13), 11),  # day before the 12th birthday
        (date(2026, 5, 14), 12),  # on the birthday
        (date(2026, 5, 15), 12),  # day after
        (date(2027, 5, 13), 12),
        (date(2014, 5, 14), 0),
    ],
)
def test_age_on_birthdays(day: date, expected: int) -> None:
    assert age_on(date(2014, 5, 14), day) == expected


def test_29_february_birthday_is_1_march_in_common_years() -> None:
    dob = date(2008, 2, 29)
    assert age_on(dob, date(2026, 2, 28)) == 17
    assert age_on(dob, date(2026, 3, 1)) == 18
    assert birthday_in(dob, 2026) == date(2026, 3, 1)
    # In a leap year the birthday is the 29th itself.
    assert age_on(dob, date(2024, 2, 28)) == 15
    assert age_on(dob, date(2024, 2, 29)) == 16
    assert reaches_age_on(dob, 18) == date(2026, 3, 1)
    assert reaches_age_on(dob, 16) == date(2024, 2, 29)


def test_age_before_birth_is_an_error() -> None:
    with pytest.raises(ValidationError) as err:
        age_on(date(2020, 1, 1), date(2019, 12, 31))
    assert err.value.field == "date_of_birth"


def test_reaches_age_rejects_negative() -> None:
    with pytest.raises(ValidationError):
        reaches_age_on(date(2010, 1, 1), -1)


dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))


@given(dob=dates, years=st.integers(min_value=1, max_value=60))
def test_age_changes_exactly_on_the_birthday(dob: date, years: int) -> None:
    birthday = reaches_age_on(dob, years)
    assert age_on(dob, birthday) == years
    assert age_on(dob, birthday - timedelta(days=1)) == years - 1


@given(dob=dates, a=st.integers(0, 30000), b=st.integers(0, 30000))
def test_age_never_goes_down(dob: date, a: int, b: int) -> None:
    first, second = sorted((a, b))
    assert age_on(dob, dob + timedelta(days=first)) <= age_on(dob, dob + timedelta(days=second))


@given(dob=dates, days=st.integers(0, 40000))
def test_age_matches_a_simple_count(dob: date, days: int) -> None:
    day = dob + timedelta(days=days)
    birthdays_passed = sum(1 for y in range(dob.year + 1, day.year + 1) if birthday_in(dob, y) <= day)
    assert age_on(dob, day) == birthdays_passed


def test_date_of_birth_problems() -> None:
    today = date(2026, 3, 1)
    assert date_of_birth_problem(date(2015, 6, 1), today) is None
    assert "future" in (date_of_birth_problem(date(2027, 1, 1), today) or "")
    assert "age of 0" in (date_of_birth_problem(date(2025, 6, 1), today) or "")
    assert "age of 76" in (date_of_birth_problem(date(1950, 1, 1), today) or "")


# --- UPN --------------------------------------------------------------------------------------

# Check letters worked by hand: e.g. 2,0,1,1,0,0,1,1,0,0,4,2 x weights 2..13 = 104;
# 104 mod 23 = 12 -> N.
VALID_UPNS = ["B801200005001", "N201100110042", "T30512345678Z"]


@pytest.mark.parametrize("upn", VALID_UPNS)
def test_valid_upns(upn: str) -> None:
    assert validate_upn(upn) is None


def test_temporary_upn_with_final_letter() -> None:
    # 9,3,8,2,6,1,2,3,4,0,0,A(=0) x 2..13 = 195; 195 mod 23 = 11 -> M
    assert upn_check_letter("93826123400A") == "M"
    assert validate_upn("M93826123400A") is None
    assert is_temporary_upn("M93826123400A")
    assert not is_temporary_upn("B801200005001")


def test_upn_is_normalised_before_checking() -> None:
    assert validate_upn(" b801 2000 05001 ") is None


@pytest.mark.parametrize(
    "upn,fragment",
    [
        ("", "missing"),
        ("B80120000500", "13 characters; this one has 12"),
        ("A801200005001", "should be B, not A"),
        ("B801200005011", "should be"),  # one digit mistyped
        ("I801200005001", "never I, O or S"),
        ("1801200005001", "starts with a check letter"),
        ("B80120000X001", "2 to 12"),
        ("B80120000500I", "last character"),
        ("B80120000500!", "last character"),
    ],
)
def test_invalid_upns_say_why(upn: str, fragment: str) -> None:
    problem = validate_upn(upn)
    assert problem is not None and fragment in problem


def test_check_letter_needs_twelve_characters() -> None:
    with pytest.raises(ValidationError):
        upn_check_letter("80120000500")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.sampled_from("0123456789AZ"))
def test_computed_check_letter_always_validates(body: str, last: str) -> None:
    upn = upn_check_letter(body + last) + body + last
    assert validate_upn(upn) is None


# --- year groups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nursery", YearGroup.NURSERY),
        ("N2", YearGroup.NURSERY),
        ("Reception", YearGroup.RECEPTION),
        ("R", YearGroup.RECEPTION),
        ("YR", YearGroup.RECEPTION),
        ("Year 1", YearGroup.Y1),
        ("year 7", YearGroup.Y7),
        ("Y11", YearGroup.Y11),
        ("Yr 10", YearGroup.Y10),
        ("13", YearGroup.Y13),
        (" 07 ", YearGroup.Y7),
        ("P1", YearGroup.P1),
        ("p7", YearGroup.P7),
        ("S6", YearGroup.S6),
        ("Primary 3", YearGroup.P3),
    ],
)
def test_parse_year_group(text: str, expected: YearGroup) -> None:
    assert parse_year_group(text) is expected


@pytest.mark.parametrize("text", ["Year 14", "0", "P8", "S7", "Sixth form", "", "X"])
def test_unknown_year_group_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_year_group(text)
    assert "Unknown year group" in str(err.value)
    assert "Reception" in str(err.value)
    assert err.value.field == "year_group"


def test_year_group_labels_and_shift() -> None:
    assert YearGroup.Y7.label == "Year 7"
    assert YearGroup.RECEPTION.label == "Reception"
    assert YearGroup.P3.label == "P3"
    assert YearGroup.Y6.shifted(1) is YearGroup.Y7
    assert YearGroup.Y1.shifted(-1) is YearGroup.RECEPTION
    assert YearGroup.P1.shifted(-1) is YearGroup.NURSERY
    assert YearGroup.P7.shifted(1) is YearGroup.S1
    assert YearGroup.Y13.shifted(1) is None
    assert YearGroup.NURSERY.shifted(-1) is None


@pytest.mark.parametrize(
    "year_group,stage",
    [
        (YearGroup.NURSERY, KeyStage.EARLY_YEARS),
        (YearGroup.RECEPTION, KeyStage.KS1),
        (YearGroup.Y2, KeyStage.KS1),
        (YearGroup.Y3, KeyStage.KS2),
        (YearGroup.Y6, KeyStage.KS2),
        (YearGroup.Y7, KeyStage.KS3),
        (YearGroup.Y9, KeyStage.KS3),
        (YearGroup.Y10, KeyStage.KS4),
        (YearGroup.Y11, KeyStage.KS4),
        (YearGroup.Y12, KeyStage.KS5),
        (YearGroup.Y13, KeyStage.KS5),
        (YearGroup.P1, KeyStage.CFE_EARLY),
        (YearGroup.P4, KeyStage.CFE_FIRST),
        (YearGroup.P5, KeyStage.CFE_SECOND),
        (YearGroup.S3, KeyStage.CFE_THIRD_FOURTH),
        (YearGroup.S4, KeyStage.CFE_SENIOR),
    ],
)
def test_key_stages(year_group: YearGroup, stage: KeyStage) -> None:
    assert key_stage(year_group) is stage


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,name",
    [
        ("Zoe", "Zoë"),
        ("zoe", "ZOË"),
        ("lukasz", "Łukasz"),
        ("jose", "José"),
        ("francois", "François"),
        ("obrien", "O'Brien"),
        ("o'brien", "O’Brien"),
        ("smith jones", "Smith-Jones"),
        ("soren", "Søren"),
        ("strasse", "Straße"),
        ("Дмитрий", "дмитрий"),
        ("김민준", "김민준"),
        ("محمد", "محمد"),
    ],
)
def test_search_key_matches_across_accents_and_scripts(query: str, name: str) -> None:
    assert search_key(query) in search_key(name)


def test_search_key_collapses_whitespace() -> None:
    assert search_key("  Anna   Maria ") == "anna maria"


def test_matches_search_needs_every_word() -> None:
    fields = ["Zoë", "Kowalska-Nowak", "7KT"]
    assert matches_search("zoe nowak", fields)
    assert matches_search("7kt", fields)
    assert not matches_search("zoe smith", fields)
    assert matches_search("", fields)


# --- people -----------------------------------------------------------------------------------


def _pupil(**kw: object) -> Pupil:
    base: dict[str, object] = dict(
        upn="B801200005001",
        legal_first_name="Zoë",
        legal_last_name="Kowalska",
        date_of_birth=date(2014, 5, 14),
        year_group=YearGroup.Y7,
        reg_group="7KT",
    )
    base.update(kw)
    return Pupil(**base)  # type: ignore[arg-type]


def test_pupil_names_and_search_text() -> None:
    pupil = _pupil(preferred_first_name="Zo")
    assert pupil.legal_name == "Zoë Kowalska"
    assert pupil.display_name == "Zo Kowalska"
    assert "zoe kowalska" in pupil.search_text
    assert "year 7" in pupil.search_text
    assert pupil.age_on(date(2026, 5, 14)) == 12


def test_pupil_leaver() -> None:
    assert not _pupil().is_leaver
    leaver = _pupil(admission_date=date(2025, 9, 1), leaving_date=date(2026, 7, 22))
    assert leaver.is_leaver
    assert not leaver.has_left_by(date(2026, 7, 21))
    assert leaver.has_left_by(date(2026, 7, 22))


@pytest.mark.parametrize(
    "kw,field",
    [
        ({"legal_first_name": " ", "legal_last_name": ""}, "legal_last_name"),
        ({"admission_date": date(2025, 9, 1), "leaving_date": date(2025, 8, 1)}, "leaving_date"),
        ({"admission_date": date(2010, 9, 1)}, "admission_date"),
    ],
)
def test_pupil_validation(kw: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        _pupil(**kw)
    assert err.value.field == field


def test_pupils_are_frozen() -> None:
    pupil = _pupil()
    with pytest.raises(AttributeError):
        pupil.upn = "X"  # type: ignore[misc]


def test_contact() -> None:
    contact = Contact(
        first_name="Anna",
        last_name="Kowalska",
        title="Mrs",
        relationship="Mother",
        parental_responsibility=True,
        address_lines=("12 Oak Road", "", "Leicester"),
        postcode="le1 1aa",
        email="anna@example.org",
    )
    assert contact.salutation == "Mrs Kowalska"
    assert contact.postal_address == ("12 Oak Road", "Leicester", "LE1 1AA")
    assert contact.has_postal_address
    assert Contact(first_name="Sam", last_name="").salutation == "Sam"
    with pytest.raises(ValidationError):
        Contact(first_name="A", last_name="B", email="not an email")
    with pytest.raises(ValidationError):
        Contact(first_name="A", last_name="B", priority=0)
    with pytest.raises(ValidationError):
        Contact(first_name="", last_name=" ")


def test_staff() -> None:
    assert Staff(name=" Ruth Evans ", role="Headteacher").display_name == "Ruth Evans"
    with pytest.raises(ValidationError):
        Staff(name="")
    with pytest.raises(ValidationError):
        Staff(name="X", email="x@")


def test_on_roll_until_the_leaving_date_has_passed() -> None:
    day = date(2026, 3, 2)
    assert on_roll(None, day)
    assert on_roll(date(2026, 3, 3), day)  # a planned leaving date still counts as on roll
    assert not on_roll(day, day) and not on_roll(date(2026, 3, 1), day)
    pupil = Pupil("A820123450011", "Ann", "Lee", date(2018, 1, 1), YearGroup.Y2, leaving_date=day)
    assert pupil.has_left_by(day) and not pupil.has_left_by(date(2026, 3, 1))


def test_parental_responsibility_is_recorded_only_on_a_clear_yes() -> None:
    assert recorded_parental_responsibility(True) is True
    assert recorded_parental_responsibility(False) is False
    assert recorded_parental_responsibility(None) is False


def test_email_address_shape() -> None:
    assert is_email_address("ayse@example.org") and is_email_address("  ayse@example.org ")
    assert not is_email_address("ayse at example") and not is_email_address("a@b")
