"""The school calendar (terms, INSET days, closures) kept in the vault's meta table.

An educational-record request counts 15 school days (Education (Pupil Information) (England)
Regulations 2005 reg 5), so its due date needs these term dates.
"""

from __future__ import annotations

from pathlib import Path

from schooldp.domain.calendar import SchoolCalendar
from schooldp.domain.school import Nation
from schooldp.imports.calendar_files import CalendarImport, read_calendar_file
from schooldp.services.school import SchoolSession
from schooldp.storage.models import Meta

CALENDAR_KEY = "school_calendar"


def load_school_calendar(session: SchoolSession) -> SchoolCalendar | None:
    """The school's term dates, or None if none have been entered yet."""
    with session.read() as s:
        row = s.get(Meta, CALENDAR_KEY)
        if row is None or not row.value.strip():
            return None
        return SchoolCalendar.from_json(row.value)


def save_school_calendar(session: SchoolSession, calendar: SchoolCalendar) -> None:
    """Store the term dates (needed for the 15 school days of an educational-record request)."""
    with session.change() as ch:
        row = ch.session.get(Meta, CALENDAR_KEY)
        if row is None:
            ch.session.add(Meta(key=CALENDAR_KEY, value=calendar.to_json()))
        else:
            row.value = calendar.to_json()
        ch.record(
            "calendar.saved",
            "school",
            1,
            f"School calendar saved: {len(calendar.terms)} terms, {len(calendar.closures)} closures",
        )


def import_calendar_file(path: str | Path, nation: Nation) -> CalendarImport:
    """Read the local authority's term dates from a .csv or .ics file (nothing is saved yet)."""
    return read_calendar_file(path, nation)


__all__ = [
    "CALENDAR_KEY",
    "CalendarImport",
    "import_calendar_file",
    "load_school_calendar",
    "save_school_calendar",
]
