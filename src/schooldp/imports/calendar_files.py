"""Import term dates and INSET/closure days from a CSV file or an iCalendar (.ics) file.

CSV (typed in a spreadsheet, saved as CSV; Excel's UTF-8 and Windows-1252 both read):

    type,name,start,end
    term,Autumn term,03/09/2026,18/12/2026
    closure,Half term,26/10/2026,30/10/2026
    inset,INSET day,02/09/2026,

* `type`: term | inset | closure (also "INSET day", "training day", "half term", "holiday",
  "closed"). Columns may come in any order; "start date"/"from" and "end date"/"to" work too.
* Dates: dd/mm/yyyy (UK), d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd. An INSET or
  closure row may leave `end` empty (one day); a term needs both dates.
* Row numbers in messages are spreadsheet rows: the header is row 1.

iCalendar (as local authorities publish term dates): each VEVENT is read by its SUMMARY:

* "half term" (any spelling)                          -> closure over the event's days
* "INSET", "training day", "staff development", "non-pupil day", "in-service" -> INSET day(s)
* "... term starts/begins/first day" and "... term ends/last day/finishes/breaks up"
                                                       -> a term from the start to the end
                                                          marker (paired in date order)
* "... term" spanning several days                    -> a term over the event's days
* "holiday", "closed", "closure", "polling day", "bank holiday" -> closure
* anything else (parents' evenings, trips) and repeating or cancelled events are left out
  and listed in `CalendarImport.warnings`.

All-day events end the day before DTEND (RFC 5545: DTEND is exclusive). Events with a time
are taken in Europe/London. Numbers in messages count VEVENTs from 1 in file order.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term, format_uk_date
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import Nation

__all__ = [
    "CalendarImport",
    "CalendarImportError",
    "parse_calendar_csv",
    "parse_calendar_ics",
    "read_calendar_file",
]

_LONDON = ZoneInfo("Europe/London")
_MAX_LISTED_PROBLEMS = 10
_MAX_FILE_BYTES = 5 * 1024 * 1024  # a term-dates file is a few kB; refuse anything absurd


class CalendarImportError(ValidationError):
    """The file could not be imported. `problems` lists every row or event that is wrong."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:_MAX_LISTED_PROBLEMS])
        if len(problems) > _MAX_LISTED_PROBLEMS:
            shown.append(f"... and {len(problems) - _MAX_LISTED_PROBLEMS} more problems.")
        super().__init__("\n".join(shown), "file")
        self.problems: tuple[str, ...] = tuple(problems)


@dataclass(frozen=True)
class CalendarImport:
    """The imported calendar and anything that was left out, in words a DPO can check."""

    calendar: SchoolCalendar
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Entry:
    where: str  # "Row 4" or "Event 4"
    kind: ClosureKind | None  # None for a term
    name: str
    start: date
    end: date


# --------------------------------------------------------------------------- shared checks


def _build(
    entries: Iterable[_Entry], nation: Nation, warnings: list[str], *, warn_all_outside: bool
) -> CalendarImport:
    """Check terms for overlaps and return the calendar, or raise naming the rows.

    A closure outside every term changes nothing; it is kept, and reported if it is an INSET
    day (or anything typed into a CSV), since that usually means a wrong date.
    """
    entries = list(entries)
    problems: list[str] = []
    terms = sorted((e for e in entries if e.kind is None), key=lambda e: (e.start, e.end))
    for earlier, later in zip(terms, terms[1:], strict=False):
        if later.start <= earlier.end:
            problems.append(
                f"{earlier.where} and {later.where[:1].lower()}{later.where[1:]}: terms “{earlier.name}” "
                f"({format_uk_date(earlier.start)} to {format_uk_date(earlier.end)}) and "
                f"“{later.name}” ({format_uk_date(later.start)} to {format_uk_date(later.end)})"
                " overlap."
            )
    if problems:
        raise CalendarImportError(problems)
    if not terms:
        raise CalendarImportError(["The file has no term dates: add at least one term."])
    closures: list[Closure] = []
    for e in entries:
        if e.kind is None:
            continue
        outside = not any(t.start <= e.end and e.start <= t.end for t in terms)
        if outside and (warn_all_outside or e.kind is ClosureKind.INSET):
            warnings.append(
                f"{e.where}: {e.name or e.kind.label} ({format_uk_date(e.start)}) is outside "
                "every term, so it changes nothing."
            )
        closures.append(Closure(e.start, e.end, e.kind, e.name))
    calendar = SchoolCalendar(tuple(Term(t.name, t.start, t.end) for t in terms), tuple(closures), nation)
    return CalendarImport(calendar, tuple(warnings))


# --------------------------------------------------------------------------- CSV

_COLUMN_ALIASES = {
    "type": "type",
    "kind": "type",
    "category": "type",
    "name": "name",
    "description": "name",
    "title": "name",
    "summary": "name",
    "start": "start",
    "start date": "start",
    "from": "start",
    "date": "start",
    "end": "end",
    "end date": "end",
    "to": "end",
    "until": "end",
}

_TYPE_ALIASES: dict[str, ClosureKind | None] = {
    "term": None,
    "half term": ClosureKind.CLOSURE,
    "half-term": ClosureKind.CLOSURE,
    "closure": ClosureKind.CLOSURE,
    "closed": ClosureKind.CLOSURE,
    "school closed": ClosureKind.CLOSURE,
    "holiday": ClosureKind.CLOSURE,
    "bank holiday": ClosureKind.CLOSURE,
    "inset": ClosureKind.INSET,
    "inset day": ClosureKind.INSET,
    "training day": ClosureKind.INSET,
    "staff training": ClosureKind.INSET,
}

_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def _parse_date(raw: str, where: str, what: str) -> date | str:
    """A date, or the problem with it as a sentence."""
    text = raw.strip()
    iso = _ISO_DATE.match(text)
    uk = _UK_DATE.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif uk:
        day, month = int(uk.group(1)), int(uk.group(2))
        if len(uk.group(3)) == 2:
            return f"{where}: {what} {text} needs a four-digit year, for example 01/09/2026."
        year = int(uk.group(3))
    else:
        return f"{where}: {what} “{text}” is not a date; write it as dd/mm/yyyy, for example 01/09/2026."
    try:
        return date(year, month, day)
    except ValueError:
        return f"{where}: {what} {text} is not a real date."


def _csv_rows(text: str) -> list[list[str]]:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _csv_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The header row's position and where each known column is in it."""
    header_index = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if header_index is None:
        raise CalendarImportError(["The file is empty."])
    columns: dict[str, int] = {}
    for position, heading in enumerate(rows[header_index]):
        key = _COLUMN_ALIASES.get(" ".join(heading.strip().lower().split()))
        if key is not None and key not in columns:
            columns[key] = position
    missing = [c for c in ("type", "start") if c not in columns]
    if missing:
        raise CalendarImportError(
            [
                f"Row {header_index + 1}: the header needs the columns type, name, start, end "
                f"(missing: {', '.join(missing)})."
            ]
        )
    return header_index, columns


def _csv_kind(shown: str, where: str) -> ClosureKind | None | str:
    """The row's kind (None for a term), or the problem with its type as a sentence."""
    raw_type = " ".join(shown.lower().split())
    if raw_type in _TYPE_ALIASES:
        return _TYPE_ALIASES[raw_type]
    if shown:
        return f"{where}: type “{shown}” is not one of term, inset, closure."
    return f"{where}: the type is empty; write term, inset or closure."


def _csv_span(
    kind: ClosureKind | None, raw_start: str, raw_end: str, where: str
) -> tuple[date, date] | list[str]:
    """First and last day of a row, or the problems with its dates."""
    if not raw_start:
        return [f"{where}: the start date is empty."]
    start = _parse_date(raw_start, where, "start date")
    if raw_end:
        end: date | str = _parse_date(raw_end, where, "end date")
    elif kind is None:
        return [f"{where}: a term needs an end date."]
    else:
        end = start
    bad = [p for p in (start, end) if isinstance(p, str)]
    if bad:
        return list(dict.fromkeys(bad))  # same sentence once
    assert isinstance(start, date) and isinstance(end, date)
    if end < start:
        return [
            f"{where}: the end date {format_uk_date(end)} is before the start date {format_uk_date(start)}."
        ]
    return start, end


def _csv_entry(cells: dict[str, str], where: str) -> _Entry | list[str]:
    kind = _csv_kind(cells["type"], where)
    if isinstance(kind, str):
        return [kind]
    span = _csv_span(kind, cells["start"], cells["end"], where)
    if isinstance(span, list):
        return span
    name = cells["name"]
    if kind is None and not name:
        name = f"Term from {format_uk_date(span[0])}"
    return _Entry(where, kind, name, span[0], span[1])


def parse_calendar_csv(text: str, nation: Nation = Nation.ENGLAND) -> CalendarImport:
    """Read a `type,name,start,end` CSV into a SchoolCalendar (see the module docstring)."""
    rows = _csv_rows(text)
    header_index, columns = _csv_header(rows)

    def cell(row: list[str], key: str) -> str:
        position = columns.get(key)
        return row[position].strip() if position is not None and position < len(row) else ""

    problems: list[str] = []
    entries: list[_Entry] = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        cells = {key: cell(row, key) for key in ("type", "name", "start", "end")}
        entry = _csv_entry(cells, f"Row {index + 1}")
        if isinstance(entry, list):
            problems.extend(entry)
        else:
            entries.append(entry)
    if problems:
        raise CalendarImportError(problems)
    return _build(entries, nation, [], warn_all_outside=True)


# --------------------------------------------------------------------------- iCalendar

_HALF_TERM = re.compile(r"\bhalf[\s\-]*term\b")
_INSET = re.compile(
    r"\binset\b|\btraining day|\bstaff development|\bnon[\s\-]*pupil day|\bin[\s\-]service"
    r"|\bteacher day|\bprofessional development day|\bstaff day\b|\bpd day\b"
)
_TERM = re.compile(r"\bterms?\b")
_TERM_START = re.compile(r"\b(starts?|begins?|beginning|first day|opens?|commences?|returns?)\b")
_TERM_END = re.compile(r"\b(ends?|last day|finish(es)?|closes?|breaks?[\s\-]*up|break[\s\-]*up)\b")
_CLOSURE = re.compile(r"\bholidays?\b|\bclosed\b|\bclosure\b|\bpolling\b|\belection\b|\bvacation\b|\bbreak\b")
_MARKER_WORDS = re.compile(
    r"\b((start|end|beginning) of|starts?|begins?|beginning|first day( of)?|opens?|commences?|returns?"
    r"|ends?|last day( of)?"
    r"|finish(es)?|closes?|breaks?[\s\-]*up)\b",
    re.IGNORECASE,
)


def _local_date(value: date) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(_LONDON).date()
        return value.date()
    return value


def _event_days(event: icalendar.cal.Component) -> tuple[date, date] | str:
    """First and last day (both included) of a VEVENT, or a problem sentence."""
    dtstart = event.get("DTSTART")
    if dtstart is None:
        return "it has no start date."
    start_value = dtstart.dt
    if not isinstance(start_value, date):
        return "its start is not a date."
    start = _local_date(start_value)
    end_prop = event.get("DTEND")
    if end_prop is not None:
        end_value = end_prop.dt
    elif event.get("DURATION") is not None:
        end_value = start_value + event.get("DURATION").dt
    else:
        return start, start
    if not isinstance(end_value, date):
        return "its end is not a date."
    if isinstance(end_value, datetime):
        local_end = end_value.astimezone(_LONDON) if end_value.tzinfo is not None else end_value
        # An event ending at midnight ends on the previous day.
        end = local_end.date()
        if local_end.time() == datetime.min.time() and end > start:
            end -= timedelta(days=1)
    else:
        end = end_value - timedelta(days=1)  # RFC 5545: DTEND of an all-day event is exclusive
        if end < start and end_value == start_value:
            end = start
    if end < start:
        return f"it ends ({format_uk_date(end)}) before it starts ({format_uk_date(start)})."
    return start, end


def _clean_name(summary: str) -> str:
    name = _MARKER_WORDS.sub(" ", summary)
    name = re.sub(r"[\s\-:,]+$", "", " ".join(name.split()))
    return name.strip(" -:,") or "Term"


_Marker = tuple[date, int, bool, str, str]  # day, event number, is it a start, name, where


@dataclass
class _IcsRead:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    markers: list[_Marker] = field(default_factory=list)


def _read_term_event(read: _IcsRead, number: int, summary: str, label: str, span: tuple[date, date]) -> None:
    """A "term" event: a whole term, or a start or end marker to pair up later."""
    start, end = span
    lowered = summary.lower()
    is_start = bool(_TERM_START.search(lowered))
    is_end = bool(_TERM_END.search(lowered))
    if is_start and not is_end:
        read.markers.append((start, number, True, _clean_name(summary), label))
    elif is_end and not is_start:
        read.markers.append((end, number, False, _clean_name(summary), label))
    elif end > start:
        read.entries.append(_Entry(label, None, summary, start, end))
    else:
        read.warnings.append(
            f"{label}: a one-day term event that does not say whether the term starts or ends, left out."
        )


def _read_event(read: _IcsRead, number: int, event: icalendar.cal.Component) -> None:
    summary = " ".join(str(event.get("SUMMARY", "")).split())
    label = f"Event {number} (“{summary}”)" if summary else f"Event {number}"
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        read.warnings.append(f"{label}: cancelled, left out.")
        return
    if event.get("RRULE") is not None:
        read.warnings.append(f"{label}: repeating events are not read, left out.")
        return
    days = _event_days(event)
    if isinstance(days, str):
        read.problems.append(f"{label}: {days}")
        return
    lowered = summary.lower()
    if _HALF_TERM.search(lowered):
        read.entries.append(_Entry(label, ClosureKind.CLOSURE, summary, *days))
    elif _INSET.search(lowered):
        read.entries.append(_Entry(label, ClosureKind.INSET, summary, *days))
    elif _TERM.search(lowered):
        _read_term_event(read, number, summary, label, days)
    elif _CLOSURE.search(lowered):
        read.entries.append(_Entry(label, ClosureKind.CLOSURE, summary, *days))
    else:
        read.warnings.append(f"{label}: not a term, INSET day or holiday, left out.")


def _pair_markers(read: _IcsRead) -> None:
    """Pair each "term starts" with the next "term ends" in date order."""
    open_start: tuple[date, str, str] | None = None
    for day, _number, is_start, name, label in sorted(read.markers):
        if is_start:
            if open_start is not None:
                read.problems.append(
                    f"{label}: a term starts before {open_start[2]} has a matching 'term ends' event."
                )
            open_start = (day, name, label)
        elif open_start is None:
            read.problems.append(f"{label}: a term ends but no 'term starts' event comes before it.")
        else:
            start_day, start_name, start_label = open_start
            read.entries.append(_Entry(start_label, None, start_name, start_day, day))
            open_start = None
    if open_start is not None:
        read.problems.append(f"{open_start[2]}: no matching 'term ends' event after it.")


def parse_calendar_ics(data: bytes | str, nation: Nation = Nation.ENGLAND) -> CalendarImport:
    """Read a local authority's term-dates .ics into a SchoolCalendar (see module docstring)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarImportError(
            [f"The file is not a readable iCalendar (.ics) file ({exc.__class__.__name__})."]
        ) from None
    read = _IcsRead()
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        _read_event(read, number, event)
    _pair_markers(read)
    if read.problems:
        raise CalendarImportError(read.problems)
    return _build(read.entries, nation, read.warnings, warn_all_outside=False)


# --------------------------------------------------------------------------- files


def read_calendar_file(path: str | Path, nation: Nation = Nation.ENGLAND) -> CalendarImport:
    """Import a .csv or .ics file, chosen by its extension."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in {".csv", ".txt", ".ics", ".ical", ".icalendar"}:
        raise CalendarImportError([f"{file.name}: choose a .csv or .ics file of term dates."])
    try:
        if file.stat().st_size > _MAX_FILE_BYTES:
            raise CalendarImportError([f"{file.name} is too large to be a term-dates file."])
        raw = file.read_bytes()
    except OSError as exc:
        raise CalendarImportError([f"{file.name} could not be read: {exc.strerror}."]) from None
    if suffix in {".ics", ".ical", ".icalendar"}:
        return parse_calendar_ics(raw, nation)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves ANSI CSV
    return parse_calendar_csv(text, nation)
