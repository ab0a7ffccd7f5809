"""Dates as UK exports write them (never month-first), and Excel serial dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_DMONY = re.compile(r"^(\d{1,2})[\s\-/]*([a-z]{3,9})[\s\-/,]*(\d{2}|\d{4})$")
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")


def parse_uk_date(value: object, today: date) -> date | None:
    """A date as UK exports write it: 01/09/2015, 1/9/15, 2015-09-01, 1 Sep 2015, Excel dates.

    Never month-first. Two-digit years fall in the century that does not put the date more than
    a year in the future. Blank gives None; anything else unreadable raises ValueError.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(float(value))
    text = str(value).strip().casefold()
    if not text:
        return None
    text = _TIME_TAIL.sub("", text)
    try:
        m = _ISO.match(text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DMY.match(text)
        if m:
            return date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
        m = _DMONY.match(text)
        if m and m.group(2) in _MONTHS:
            return date(_year(m.group(3), today), _MONTHS[m.group(2)], int(m.group(1)))
        if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
            return _excel_serial(float(text))
    except ValueError:
        pass
    raise ValueError(f"'{value}' is not a date SchoolDP can read (use day/month/year, e.g. 01/09/2015).")


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year - 100 if year > today.year + 1 else year


def _excel_serial(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"'{serial}' is not a date.")
    return _EXCEL_EPOCH + timedelta(days=int(serial))
