"""The school year that consents are renewed by: 1 September to 31 August."""

from __future__ import annotations

from datetime import date

__all__ = ["SCHOOL_YEAR_START", "school_year_start"]

# The school year runs from 1 September to 31 August: the academic year DfE uses for year
# groups (pupils are grouped by age on 31 August) and for consents renewed "each school year".
# Scottish schools go back in mid-August; 1 September is kept so one rule serves every nation.
SCHOOL_YEAR_START = (9, 1)


def school_year_start(day: date) -> date:
    """1 September that begins the school year containing `day`."""
    month, dom = SCHOOL_YEAR_START
    year = day.year if (day.month, day.day) >= (month, dom) else day.year - 1
    return date(year, month, dom)
