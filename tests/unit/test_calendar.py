"""Working days per nation and the school term calendar."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from schooldp.domain.calendar import (
    Closure,
    ClosureKind,
    SchoolCalendar,
    Term,
    add_working_days,
    bank_holiday_name,
    bank_holidays,
    format_uk_date,
    is_bank_holiday,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_day_on_or_after,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import Nation

D = date

# Weekday bank holidays 2025-2028 as published on gov.uk/bank-holidays (typed here only as
# test data, to check the `holidays` package against the official list).
_EW = [
    D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26),
    D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26),
    D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25),
    D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28),
    D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31),
    D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28),
    D(2028, 1, 3), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 29),
    D(2028, 8, 28), D(2028, 12, 25), D(2028, 12, 26),
]  # fmt: skip
GOV_UK_BANK_HOLIDAYS: dict[Nation, frozenset[date]] = {
    Nation.ENGLAND: frozenset(_EW),
    Nation.WALES: frozenset(_EW),
    Nation.SCOTLAND: frozenset([
        D(2025, 1, 1), D(2025, 1, 2), D(2025, 4, 18), D(2025, 5, 5), D(2025, 5, 26),
        D(2025, 8, 4), D(2025, 12, 1), D(2025, 12, 25), D(2025, 12, 26),
        D(2026, 1, 1), D(2026, 1, 2), D(2026, 4, 3), D(2026, 5, 4), D(2026, 5, 25),
        D(2026, 6, 15), D(2026, 8, 3), D(2026, 11, 30), D(2026, 12, 25), D(2026, 12, 28),
        D(2027, 1, 1), D(2027, 1, 4), D(2027, 3, 26), D(2027, 5, 3), D(2027, 5, 31),
        D(2027, 8, 2), D(2027, 11, 30), D(2027, 12, 27), D(2027, 12, 28),
        D(2028, 1, 3), D(2028, 1, 4), D(2028, 4, 14), D(2028, 5, 1), D(2028, 5, 29),
        D(2028, 8, 7), D(2028, 11, 30), D(2028, 12, 25), D(2028, 12, 26),
    ]),
    Nation.NORTHERN_IRELAND: frozenset([
        D(2025, 1, 1), D(2025, 3, 17), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5),
        D(2025, 5, 26), D(2025, 7, 14), D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26),
        D(2026, 1, 1), D(2026, 3, 17), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4),
        D(2026, 5, 25), D(2026, 7, 13), D(2026, 8, 31), D(2026, 12, 25), D(2026, 12, 28),
        D(2027, 1, 1), D(2027, 3, 17), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3),
        D(2027, 5, 31), D(2027, 7, 12), D(2027, 8, 30), D(2027, 12, 27), D(2027, 12, 28),
        D(2028, 1, 3), D(2028, 3, 17), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1),
        D(2028, 5, 29), D(2028, 7, 12), D(2028, 8, 28), D(2028, 12, 25), D(2028, 12, 26),
    ]),
}  # fmt: skip

ALL_NATIONS = list(Nation)


@pytest.mark.parametrize("nation", ALL_NATIONS, ids=lambda n: n.value)
def test_package_matches_gov_uk_weekday_bank_holidays_2025_2028(nation: Nation) -> None:
    from_package = {d for year in range(2025, 2029) for d in bank_holidays(nation, year) if d.weekday() < 5}
    assert from_package == GOV_UK_BANK_HOLIDAYS[nation]


@pytest.mark.parametrize("nation", ALL_NATIONS, ids=lambda n: n.value)
def test_no_bank_holiday_2025_2028_is_a_working_day(nation: Nation) -> None:
    for holiday in GOV_UK_BANK_HOLIDAYS[nation]:
        assert is_bank_holiday(holiday, nation)
        assert not is_working_day(holiday, nation), holiday


@pytest.mark.parametrize("nation", ALL_NATIONS, ids=lambda n: n.value)
def test_every_other_weekday_2025_2028_is_a_working_day(nation: Nation) -> None:
    day = D(2025, 1, 1)
    while day <= D(2028, 12, 31):
        expected = day.weekday() < 5 and day not in GOV_UK_BANK_HOLIDAYS[nation]
        assert is_working_day(day, nation) is expected, day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    "day,nation,holiday",
    [
        # Easter Monday is not a bank holiday in Scotland, but 2 January is.
        (D(2026, 4, 6), Nation.SCOTLAND, False),
        (D(2026, 4, 6), Nation.ENGLAND, True),
        (D(2026, 4, 6), Nation.WALES, True),
        (D(2026, 4, 6), Nation.NORTHERN_IRELAND, True),
        (D(2026, 1, 2), Nation.SCOTLAND, True),
        (D(2026, 1, 2), Nation.ENGLAND, False),
        # St Patrick's Day and the Battle of the Boyne in Northern Ireland only.
        (D(2026, 3, 17), Nation.NORTHERN_IRELAND, True),
        (D(2026, 3, 17), Nation.ENGLAND, False),
        (D(2027, 7, 12), Nation.NORTHERN_IRELAND, True),
        (D(2027, 7, 12), Nation.SCOTLAND, False),
        (D(2026, 7, 13), Nation.NORTHERN_IRELAND, True),  # 12 July 2026 is a Sunday
        # St Andrew's Day in Scotland, with its substitute Monday in 2025.
        (D(2026, 11, 30), Nation.SCOTLAND, True),
        (D(2026, 11, 30), Nation.ENGLAND, False),
        (D(2025, 12, 1), Nation.SCOTLAND, True),
        # Substitute days at Christmas and New Year.
        (D(2026, 12, 28), Nation.ENGLAND, True),
        (D(2027, 12, 27), Nation.WALES, True),
        (D(2028, 1, 3), Nation.NORTHERN_IRELAND, True),
        (D(2028, 1, 4), Nation.SCOTLAND, True),
        (D(2028, 1, 4), Nation.ENGLAND, False),
        # Summer bank holiday: first Monday of August in Scotland, last Monday elsewhere.
        (D(2026, 8, 3), Nation.SCOTLAND, True),
        (D(2026, 8, 3), Nation.ENGLAND, False),
        (D(2026, 8, 31), Nation.SCOTLAND, False),
        (D(2026, 8, 31), Nation.ENGLAND, True),
    ],
)
def test_nation_specific_bank_holidays(day: date, nation: Nation, holiday: bool) -> None:
    assert is_bank_holiday(day, nation) is holiday
    assert is_working_day(day, nation) is not holiday


def test_bank_holiday_names() -> None:
    assert bank_holiday_name(D(2026, 12, 28)) == "Boxing Day (observed)"
    assert bank_holiday_name(D(2026, 3, 17), Nation.NORTHERN_IRELAND) == "Saint Patrick's Day"
    assert bank_holiday_name(D(2026, 3, 18), Nation.NORTHERN_IRELAND) is None


def test_bank_holidays_returns_a_copy() -> None:
    table = bank_holidays(Nation.ENGLAND, 2026)
    table.clear()
    assert bank_holidays(Nation.ENGLAND, 2026)


def test_working_day_navigation() -> None:
    friday, saturday, monday = D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 2)
    assert working_day_on_or_after(friday) == friday
    assert working_day_on_or_after(saturday) == monday
    assert next_working_day(friday) == monday
    assert previous_working_day(monday) == friday
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    assert next_working_day(D(2026, 4, 2)) == D(2026, 4, 7)
    assert next_working_day(D(2026, 4, 2), Nation.SCOTLAND) == D(2026, 4, 6)
    assert previous_working_day(D(2026, 4, 7)) == D(2026, 4, 2)


def test_add_working_days() -> None:
    assert add_working_days(D(2026, 12, 23), 0) == D(2026, 12, 23)
    assert add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 24)
    assert add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 23), 3) == D(2026, 12, 30)
    with pytest.raises(ValidationError):
        add_working_days(D(2026, 1, 1), -1)


def test_format_uk_date() -> None:
    assert format_uk_date(D(2026, 3, 2)) == "02/03/2026"


# --------------------------------------------------------------------------- school calendar


def autumn_2026() -> SchoolCalendar:
    return SchoolCalendar(
        terms=(Term("Autumn term", D(2026, 9, 1), D(2026, 12, 18)),),
        closures=(
            Closure.day(D(2026, 9, 1), ClosureKind.INSET, "INSET day"),
            Closure(D(2026, 10, 26), D(2026, 10, 30), ClosureKind.CLOSURE, "Half term"),
        ),
    )


def academic_year_2026_27(nation: Nation = Nation.ENGLAND) -> SchoolCalendar:
    return SchoolCalendar(
        terms=(
            Term("Summer term", D(2027, 4, 12), D(2027, 7, 21)),  # out of order on purpose
            Term("Autumn term", D(2026, 9, 1), D(2026, 12, 18)),
            Term("Spring term", D(2027, 1, 4), D(2027, 3, 25)),
        ),
        closures=(
            Closure.day(D(2026, 9, 1), ClosureKind.INSET),
            Closure(D(2026, 10, 26), D(2026, 10, 30), ClosureKind.CLOSURE, "Half term"),
            Closure(D(2027, 2, 15), D(2027, 2, 19), ClosureKind.CLOSURE, "Half term"),
            Closure(D(2027, 5, 31), D(2027, 6, 4), ClosureKind.CLOSURE, "Half term"),
            Closure.day(D(2027, 1, 4), ClosureKind.INSET),
        ),
        nation=nation,
    )


def test_terms_and_closures_are_sorted() -> None:
    calendar = academic_year_2026_27()
    assert [t.name for t in calendar.terms] == ["Autumn term", "Spring term", "Summer term"]
    assert [c.start for c in calendar.closures] == sorted(c.start for c in calendar.closures)
    assert calendar.first_day == D(2026, 9, 1)
    assert calendar.last_day == D(2027, 7, 21)


def test_lists_are_stored_as_tuples() -> None:
    calendar = SchoolCalendar([Term("T", D(2026, 9, 1), D(2026, 9, 30))], [])  # type: ignore[arg-type]
    assert isinstance(calendar.terms, tuple) and isinstance(calendar.closures, tuple)
    hash(calendar)


@pytest.mark.parametrize(
    "day,school,reason",
    [
        (D(2026, 9, 1), False, "INSET day"),  # Tuesday, first day of term, INSET
        (D(2026, 9, 2), True, None),
        (D(2026, 9, 5), False, "Weekend"),
        (D(2026, 10, 27), False, "Half term"),
        (D(2026, 12, 18), True, None),  # last day of term counts
        (D(2026, 12, 21), False, "Outside term"),
        (D(2026, 8, 31), False, "Outside term"),  # also a bank holiday, but out of term first
        (D(2027, 5, 3), False, "Bank holiday (May Day)"),  # inside the summer term
        (D(2027, 1, 4), False, "INSET day"),
        (D(2027, 1, 5), True, None),
    ],
)
def test_is_school_day(day: date, school: bool, reason: str | None) -> None:
    calendar = academic_year_2026_27()
    assert calendar.is_school_day(day) is school
    assert calendar.why_not_school_day(day) == reason


def test_bank_holidays_follow_the_calendar_nation() -> None:
    # 17 March 2027 (Wednesday) is St Patrick's Day: a school day in England only.
    assert academic_year_2026_27(Nation.ENGLAND).is_school_day(D(2027, 3, 17))
    assert not academic_year_2026_27(Nation.NORTHERN_IRELAND).is_school_day(D(2027, 3, 17))


def test_term_for_and_in_term() -> None:
    calendar = academic_year_2026_27()
    assert calendar.term_for(D(2027, 2, 1)) == Term("Spring term", D(2027, 1, 4), D(2027, 3, 25))
    assert calendar.term_for(D(2027, 4, 12)) is not None
    assert calendar.term_for(D(2027, 4, 11)) is None
    assert calendar.term_for(D(2026, 1, 1)) is None
    assert calendar.term_for(D(2030, 1, 1)) is None
    assert not SchoolCalendar().in_term(D(2026, 9, 2))


def test_school_days_after_skips_non_school_days() -> None:
    calendar = autumn_2026()
    # Day of receipt (Wednesday 2 Sept) does not count.
    assert calendar.school_days_after(D(2026, 9, 2), 1) == D(2026, 9, 3)
    assert calendar.school_days_after(D(2026, 9, 4), 1) == D(2026, 9, 7)  # over the weekend
    # Over half term: Friday 23 Oct -> Monday 2 Nov.
    assert calendar.school_days_after(D(2026, 10, 23), 1) == D(2026, 11, 2)
    # From the summer holiday: the INSET day 1 Sept is skipped.
    assert calendar.school_days_after(D(2026, 8, 10), 1) == D(2026, 9, 2)
    assert calendar.next_school_day(D(2026, 8, 10)) == D(2026, 9, 2)


def test_school_days_after_runs_out_of_terms() -> None:
    with pytest.raises(ValidationError, match="ends on 18/12/2026") as err:
        autumn_2026().school_days_after(D(2026, 12, 10), 15)
    assert err.value.field == "calendar"
    with pytest.raises(ValidationError, match="no term dates"):
        SchoolCalendar().school_days_after(D(2026, 9, 1), 1)
    with pytest.raises(ValidationError):
        autumn_2026().school_days_after(D(2026, 9, 1), 0)


def test_school_days_iteration_and_count() -> None:
    calendar = autumn_2026()
    week = list(calendar.school_days(D(2026, 8, 31), D(2026, 9, 6)))
    assert week == [D(2026, 9, 2), D(2026, 9, 3), D(2026, 9, 4)]
    assert calendar.school_days_between(D(2026, 9, 2), D(2026, 9, 8)) == 4
    assert calendar.school_days_between(D(2026, 9, 8), D(2026, 9, 2)) == 0
    # 79 weekdays from Tue 1 Sept to Fri 18 Dec, minus the INSET day and 5 days of half term.
    assert calendar.school_days_between(D(2026, 8, 31), D(2026, 12, 31)) == 73


def test_overlapping_terms_are_refused() -> None:
    with pytest.raises(ValidationError, match="overlap") as err:
        SchoolCalendar(
            terms=(
                Term("Autumn", D(2026, 9, 1), D(2026, 12, 18)),
                Term("Spring", D(2026, 12, 18), D(2027, 3, 25)),
            )
        )
    assert err.value.field == "terms"


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="ends .* before it starts"):
        Term("Autumn", D(2026, 12, 18), D(2026, 9, 1))
    with pytest.raises(ValidationError, match="before it starts"):
        Closure(D(2026, 10, 30), D(2026, 10, 26), ClosureKind.CLOSURE, "Half term")


def test_with_term_and_closure_return_new_values() -> None:
    calendar = autumn_2026()
    bigger = calendar.with_term(Term("Spring", D(2027, 1, 5), D(2027, 3, 26)))
    assert len(calendar.terms) == 1 and len(bigger.terms) == 2
    closed = bigger.with_closure(Closure.day(D(2027, 1, 5), ClosureKind.CLOSURE, "Snow"))
    assert not closed.is_school_day(D(2027, 1, 5))
    assert bigger.is_school_day(D(2027, 1, 5))


def test_round_trip_through_dict_and_json() -> None:
    calendar = academic_year_2026_27(Nation.WALES)
    data = calendar.to_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert data["terms"][0] == {"name": "Autumn term", "start": "2026-09-01", "end": "2026-12-18"}
    assert SchoolCalendar.from_dict(data) == calendar
    assert SchoolCalendar.from_json(calendar.to_json()) == calendar


def test_from_dict_accepts_one_day_closure_without_end() -> None:
    data = {
        "nation": "scotland",
        "terms": [{"name": "T1", "start": "2026-08-18", "end": "2026-10-09"}],
        "closures": [{"kind": "inset", "start": "2026-08-18"}],
    }
    calendar = SchoolCalendar.from_dict(data)
    assert calendar.nation is Nation.SCOTLAND
    assert calendar.closures == (Closure.day(D(2026, 8, 18)),)


@pytest.mark.parametrize(
    "data",
    [
        {"nation": "atlantis"},
        {"terms": [{"name": "T", "start": "2026-13-01", "end": "2026-12-01"}]},
        {"terms": [{"name": "T", "start": 5, "end": "2026-12-01"}]},
        {"terms": ["not a term"]},
        {"closures": [{"kind": "party", "start": "2026-09-01"}]},
        {"closures": [7]},
        {"terms": [{"name": "T", "start": "2026-12-01", "end": "2026-09-01"}]},
    ],
)
def test_from_dict_refuses_broken_data(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        SchoolCalendar.from_dict(data)


def test_from_json_refuses_garbage() -> None:
    with pytest.raises(ValidationError, match="not readable"):
        SchoolCalendar.from_json("{not json")
    with pytest.raises(ValidationError, match="not readable"):
        SchoolCalendar.from_json("[1, 2]")
