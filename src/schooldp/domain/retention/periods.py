"""Retention periods as written in the record ("25 years", "6 months", "until the pupil leaves")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

__all__ = ["Period", "add_months", "parse_period"]

_UNITS = {"year": 12, "month": 1}
_PATTERN = re.compile(r"^\s*(\d{1,3})\s*(year|month)s?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A number of months, or an event ("until ...") when `months` is None (policy 7.2: each rule
    is a trigger plus a period, or lasts until a fixed event)."""

    months: int | None
    text: str

    @property
    def is_event(self) -> bool:
        return self.months is None

    def label(self) -> str:
        if self.months is None:
            return self.text.strip()
        years, months = divmod(self.months, 12)
        if months == 0:
            return f"{years} year{'s' if years != 1 else ''}"
        return f"{self.months} month{'s' if self.months != 1 else ''}"


def parse_period(text: str) -> Period | None:
    """None for an empty period; months for "N years"/"N months"; an event for anything else."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _PATTERN.match(cleaned)
    if match:
        return Period(int(match.group(1)) * _UNITS[match.group(2).lower()], cleaned)
    return Period(None, cleaned)


def add_months(start: date, months: int) -> date:
    """Calendar months (29 Feb + 12 months is 28 Feb)."""
    result: date = start + relativedelta(months=months)
    return result
