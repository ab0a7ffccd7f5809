"""Reading files the school already has (term dates from the local authority, MIS exports).

Importers turn outside files into domain values and raise `ValidationError` naming the row
(or event) that is wrong; they never write anything themselves.
"""

from __future__ import annotations

from schooldp.imports.calendar_files import (
    CalendarImport,
    CalendarImportError,
    parse_calendar_csv,
    parse_calendar_ics,
    read_calendar_file,
)

__all__ = [
    "CalendarImport",
    "CalendarImportError",
    "parse_calendar_csv",
    "parse_calendar_ics",
    "read_calendar_file",
]
