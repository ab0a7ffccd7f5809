"""Importing term dates from CSV and iCalendar files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schooldp.domain.calendar import Closure, ClosureKind, Term
from schooldp.domain.deadlines import educational_record_due
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import Nation
from schooldp.imports import (
    CalendarImportError,
    parse_calendar_csv,
    parse_calendar_ics,
    read_calendar_file,
)

DATA = Path(__file__).parent / "data" / "calendar"
D = date


# --------------------------------------------------------------------------- CSV


def test_csv_fixture_imports() -> None:
    result = read_calendar_file(DATA / "term_dates_2026_27.csv")
    calendar = result.calendar
    assert [t.name for t in calendar.terms] == ["Autumn term", "Spring term", "Summer term"]
    assert calendar.terms[1] == Term("Spring term", D(2027, 1, 4), D(2027, 3, 25))  # ISO dates
    assert Closure(D(2027, 5, 6), D(2027, 5, 6), ClosureKind.CLOSURE, "Polling day") in (
        calendar.closures
    )  # d/m/yyyy
    assert not calendar.is_school_day(D(2026, 9, 1))  # INSET
    assert calendar.is_school_day(D(2026, 9, 2))
    assert not calendar.is_school_day(D(2026, 10, 28))  # half term
    assert result.warnings == ()
    assert educational_record_due(D(2026, 10, 12), calendar) == D(2026, 11, 9)


def test_csv_nation_is_applied() -> None:
    text = "type,name,start,end\nterm,Term 1,17/08/2026,09/10/2026\n"
    assert parse_calendar_csv(text, Nation.SCOTLAND).calendar.nation is Nation.SCOTLAND


def test_csv_columns_in_any_order_with_aliases_bom_and_blank_rows() -> None:
    text = (
        "\ufeffStart Date,End Date,Description,Type\n"
        "\n"
        "01/09/2026,18/12/2026,Autumn,Term\n"
        "# a comment row\n"
        "02/09/2026,,Training,INSET Day\n"
        ",,,\n"
    )
    calendar = parse_calendar_csv(text).calendar
    assert calendar.terms == (Term("Autumn", D(2026, 9, 1), D(2026, 12, 18)),)
    assert calendar.closures == (Closure.day(D(2026, 9, 2), ClosureKind.INSET, "Training"),)


def test_csv_semicolon_separated() -> None:
    text = "type;name;start;end\nterm;Autumn;01.09.2026;18-12-2026\n"
    assert parse_calendar_csv(text).calendar.terms == (Term("Autumn", D(2026, 9, 1), D(2026, 12, 18)),)


def test_csv_term_without_name_gets_one() -> None:
    calendar = parse_calendar_csv("type,start,end\nterm,01/09/2026,18/12/2026\n").calendar
    assert calendar.terms[0].name == "Term from 01/09/2026"


def _problem(text: str) -> str:
    with pytest.raises(CalendarImportError) as err:
        parse_calendar_csv(text)
    assert isinstance(err.value, ValidationError)
    assert err.value.field == "file"
    return str(err.value)


HEADER = "type,name,start,end\nterm,Autumn,01/09/2026,18/12/2026\n"


@pytest.mark.parametrize(
    "rows,message",
    [
        (
            "closure,Half term,26/10/2026,30/10/2026\ninset,INSET,31/02/2026,\n",
            "Row 4: start date 31/02/2026 is not a real date.",
        ),
        (
            "closure,Half term,26/10/2026,30/10/2026\nterm,Spring,04/01/2027,31/02/2026\n",
            "Row 4: end date 31/02/2026 is not a real date.",
        ),
        ("term,Spring,04/01/2027,\n", "Row 3: a term needs an end date."),
        ("inset,INSET,,\n", "Row 3: the start date is empty."),
        ("trip,Museum,04/01/2027,\n", "Row 3: type “trip” is not one of term, inset, closure."),
        (",Museum,04/01/2027,\n", "Row 3: the type is empty; write term, inset or closure."),
        (
            "inset,INSET,next tuesday,\n",
            "Row 3: start date “next tuesday” is not a date; write it as dd/mm/yyyy, for example 01/09/2026.",
        ),
        (
            "inset,INSET,04/01/27,\n",
            "Row 3: start date 04/01/27 needs a four-digit year, for example 01/09/2026.",
        ),
        (
            "term,Spring,25/03/2027,04/01/2027\n",
            "Row 3: the end date 04/01/2027 is before the start date 25/03/2027.",
        ),
        (
            "term,Spring,01/12/2026,25/03/2027\n",
            "Row 2 and row 3: terms “Autumn” (01/09/2026 to 18/12/2026) and “Spring” "
            "(01/12/2026 to 25/03/2027) overlap.",
        ),
        ("inset,INSET,13/13/2026,\n", "Row 3: start date 13/13/2026 is not a real date."),
    ],
)
def test_csv_bad_rows_name_the_row(rows: str, message: str) -> None:
    assert _problem(HEADER + rows) == message


def test_csv_lists_every_problem() -> None:
    text = HEADER + "trip,A,01/01/2027,\ninset,B,31/02/2027,\nterm,C,01/01/2027,\n"
    with pytest.raises(CalendarImportError) as err:
        parse_calendar_csv(text)
    assert [p.split(":")[0] for p in err.value.problems] == ["Row 3", "Row 4", "Row 5"]
    assert str(err.value).count("\n") == 2


def test_csv_long_problem_list_is_shortened() -> None:
    text = HEADER + "trip,A,01/01/2027,\n" * 25
    with pytest.raises(CalendarImportError) as err:
        parse_calendar_csv(text)
    assert len(err.value.problems) == 25
    assert str(err.value).endswith("... and 15 more problems.")


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "The file is empty."),
        ("\n\n", "The file is empty."),
        ("name,end\nAutumn,18/12/2026\n", "Row 1: the header needs the columns"),
        ("type,name,start,end\n", "The file has no term dates"),
        ("type,name,start,end\ninset,INSET,01/09/2026,\n", "The file has no term dates"),
    ],
)
def test_csv_unusable_files(text: str, message: str) -> None:
    assert _problem(text).startswith(message)


def test_csv_closure_outside_term_is_reported() -> None:
    result = parse_calendar_csv(HEADER + "inset,INSET day,04/01/2027,\n")
    assert result.warnings == ("Row 3: INSET day (04/01/2027) is outside every term, so it changes nothing.",)


def test_csv_file_saved_by_excel_in_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes("type,name,start,end\nterm,Autumn – Hydref,01/09/2026,18/12/2026\n".encode("cp1252"))
    assert read_calendar_file(path).calendar.terms[0].name == "Autumn – Hydref"


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), iso=st.booleans())
def test_csv_dates_round_trip(day: date, iso: bool) -> None:
    written = day.isoformat() if iso else f"{day.day:02d}/{day.month:02d}/{day.year}"
    text = f"type,name,start,end\nterm,T,{written},{written}\n"
    assert parse_calendar_csv(text).calendar.terms == (Term("T", day, day),)


@settings(max_examples=100, deadline=None)
@given(cells=st.lists(st.text(max_size=12), min_size=4, max_size=4))
def test_csv_garbage_rows_raise_validation_errors_only(cells: list[str]) -> None:
    row = ",".join('"' + c.replace('"', '""') + '"' for c in cells)
    try:
        parse_calendar_csv(HEADER + row + "\n")
    except ValidationError as err:
        assert str(err)


# --------------------------------------------------------------------------- iCalendar


def test_ics_fixture_with_start_and_end_markers() -> None:
    result = read_calendar_file(DATA / "la_term_dates_2026_27.ics")
    calendar = result.calendar
    assert calendar.terms == (
        Term("Autumn Term", D(2026, 9, 1), D(2026, 12, 18)),
        Term("Spring Term", D(2027, 1, 4), D(2027, 3, 25)),
        Term("Summer Term", D(2027, 4, 12), D(2027, 7, 21)),
    )
    kinds = {(c.name, c.kind) for c in calendar.closures}
    assert ("INSET Day (school closed to pupils)", ClosureKind.INSET) in kinds
    assert ("Staff Training Day", ClosureKind.INSET) in kinds
    assert ("February Half-Term", ClosureKind.CLOSURE) in kinds
    # All-day DTEND is exclusive: half term 26-30 October, not 31.
    half_term = next(c for c in calendar.closures if c.name == "October Half Term")
    assert (half_term.start, half_term.end) == (D(2026, 10, 26), D(2026, 10, 30))
    assert not calendar.is_school_day(D(2026, 9, 1))
    assert not calendar.is_school_day(D(2027, 1, 4))
    assert calendar.is_school_day(D(2027, 1, 5))
    assert result.warnings == ("Event 13 (“Parents' Evening”): not a term, INSET day or holiday, left out.",)


def _ics(*events: tuple[str, str, str | None]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for number, (summary, start, end) in enumerate(events, start=1):
        lines += ["BEGIN:VEVENT", f"UID:{number}@test", "DTSTAMP:20260101T000000Z"]
        lines.append(f"SUMMARY:{summary}")
        lines.append(f"DTSTART;VALUE=DATE:{start}" if len(start) == 8 else f"DTSTART:{start}")
        if end is not None:
            lines.append(f"DTEND;VALUE=DATE:{end}" if len(end) == 8 else f"DTEND:{end}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def test_ics_terms_as_spanning_events() -> None:
    text = _ics(
        ("Autumn Term 1", "20260902", "20261024"),
        ("Autumn Term 2", "20261102", "20261219"),
        ("Teacher Day", "20261102", None),  # no DTEND: one day
        ("Bank Holiday", "20270503", "20270504"),
    )
    result = parse_calendar_ics(text, Nation.WALES)
    calendar = result.calendar
    assert calendar.nation is Nation.WALES
    assert calendar.terms == (
        Term("Autumn Term 1", D(2026, 9, 2), D(2026, 10, 23)),
        Term("Autumn Term 2", D(2026, 11, 2), D(2026, 12, 18)),
    )
    assert Closure.day(D(2026, 11, 2), ClosureKind.INSET, "Teacher Day") in calendar.closures
    assert result.warnings == ()  # a holiday outside term is expected in an LA file


def test_ics_timed_events_are_read_in_london() -> None:
    text = _ics(
        ("Summer term", "20270412T080000Z", "20270721T150000Z"),
        ("INSET", "20270412T070000Z", "20270412T150000Z"),
        ("Polling day: school closed", "20270505T230000Z", "20270506T230000Z"),  # BST midnight
    )
    calendar = parse_calendar_ics(text).calendar
    assert calendar.terms == (Term("Summer term", D(2027, 4, 12), D(2027, 7, 21)),)
    assert calendar.closures[0] == Closure.day(D(2027, 4, 12), ClosureKind.INSET, "INSET")
    assert (calendar.closures[1].start, calendar.closures[1].end) == (D(2027, 5, 6), D(2027, 5, 6))


def test_ics_left_out_events_are_reported() -> None:
    text = _ics(
        ("Autumn term", "20260901", "20261219"),
        ("Term", "20261001", "20261002"),
        ("Sports day", "20261003", None),
    )
    text = text.replace("SUMMARY:Sports day", "SUMMARY:Sports day\r\nRRULE:FREQ=YEARLY;COUNT=2").replace(
        "SUMMARY:Term\r\n", "SUMMARY:Term\r\nSTATUS:CANCELLED\r\n"
    )
    warnings = parse_calendar_ics(text).warnings
    assert warnings == (
        "Event 2 (“Term”): cancelled, left out.",
        "Event 3 (“Sports day”): repeating events are not read, left out.",
    )


def test_ics_marker_wording_variants() -> None:
    text = _ics(
        ("Start of Autumn Term", "20260901", None),
        ("End of Autumn Term", "20261218", None),
        ("First day of spring term", "20270104", None),
        ("Spring term: last day (pupils break up)", "20270325", None),
    )
    assert parse_calendar_ics(text).calendar.terms == (
        Term("Autumn Term", D(2026, 9, 1), D(2026, 12, 18)),
        Term("spring term", D(2027, 1, 4), D(2027, 3, 25)),
    )


def test_ics_one_day_term_event_without_marker_is_left_out() -> None:
    text = _ics(("Autumn term", "20260901", "20261219"), ("Summer term", "20270412", None))
    assert parse_calendar_ics(text).warnings == (
        "Event 2 (“Summer term”): a one-day term event that does not say whether the term "
        "starts or ends, left out.",
    )


@pytest.mark.parametrize(
    "events,message",
    [
        (
            [("Autumn term starts", "20260901", None)],
            "Event 1 (“Autumn term starts”): no matching 'term ends' event after it.",
        ),
        (
            [("Autumn term ends", "20261218", None)],
            "Event 1 (“Autumn term ends”): a term ends but no 'term starts' event comes before it.",
        ),
        (
            [
                ("Autumn term starts", "20260901", None),
                ("Spring term starts", "20270104", None),
                ("Spring term ends", "20270325", None),
            ],
            "Event 2 (“Spring term starts”): a term starts before Event 1 (“Autumn term starts”) "
            "has a matching 'term ends' event.",
        ),
        (
            [("Autumn term", "20260901", "20261219"), ("Spring term", "20261201", "20270326")],
            "Event 1 (“Autumn term”) and event 2 (“Spring term”): terms “Autumn term” "
            "(01/09/2026 to 18/12/2026) and “Spring term” (01/12/2026 to 25/03/2027) overlap.",
        ),
        (
            [("Autumn term", "20261219", "20260901")],
            "Event 1 (“Autumn term”): it ends (31/08/2026) before it starts (19/12/2026).",
        ),
    ],
)
def test_ics_bad_events_name_the_event(events: list[tuple[str, str, str | None]], message: str) -> None:
    with pytest.raises(CalendarImportError) as err:
        parse_calendar_ics(_ics(*events))
    assert str(err.value) == message


def test_ics_event_without_start_is_refused() -> None:
    text = _ics(("Autumn term", "20260901", "20261219")).replace("DTSTART;VALUE=DATE:20260901\r\n", "")
    with pytest.raises(CalendarImportError, match="Event 1 .*: it has no start date"):
        parse_calendar_ics(text)


@pytest.mark.parametrize("data", [b"not a calendar", b"", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"])
def test_ics_unreadable_files(data: bytes | str) -> None:
    with pytest.raises(ValidationError):
        parse_calendar_ics(data)


def test_ics_without_terms_is_refused() -> None:
    with pytest.raises(CalendarImportError, match="no term dates"):
        parse_calendar_ics(_ics(("INSET", "20260901", None)))


# --------------------------------------------------------------------------- files


def test_read_calendar_file_refuses_other_files(tmp_path: Path) -> None:
    with pytest.raises(CalendarImportError, match="choose a .csv or .ics file"):
        read_calendar_file(tmp_path / "terms.xlsx")
    with pytest.raises(CalendarImportError, match="could not be read"):
        read_calendar_file(tmp_path / "missing.csv")


def test_read_calendar_file_ics_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "TERMS.ICS"
    path.write_text(_ics(("Autumn term", "20260901", "20261219")), encoding="utf-8")
    assert read_calendar_file(path).calendar.terms[0].end == D(2026, 12, 18)


def test_imported_calendar_round_trips_through_json() -> None:
    from schooldp.domain.calendar import SchoolCalendar

    calendar = read_calendar_file(DATA / "la_term_dates_2026_27.ics").calendar
    assert SchoolCalendar.from_json(calendar.to_json()) == calendar
