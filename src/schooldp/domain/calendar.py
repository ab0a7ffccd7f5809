"""Working days per UK nation and the school's own term calendar.

Two kinds of day matter to a school DPO:

* a *working day* (for the one-month rights deadlines): Monday to Friday and not a bank
  holiday in the school's nation. Bank holidays come from the `holidays` package
  (`holidays.UK`, subdivisions ENG, WLS, SCT, NIR), which follows the gov.uk list, including
  substitute ("observed") days and one-off days such as the Scottish 15 June 2026 holiday.
  Nothing here is a hand-typed list of dates.
* a *school day* (for the parents' educational-record right): a day in term on which the
  school meets, so not a weekend, not a bank holiday and not an INSET or closure day.
  Education Act 1996 s579: a "school day" is a day on which there is a school session.

One-off bank holidays (a jubilee, a coronation) are only known once announced: keep the
`holidays` package up to date.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from types import MappingProxyType
from typing import Any, TypeVar

import holidays

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.school import Nation

__all__ = [
    "Closure",
    "ClosureKind",
    "SchoolCalendar",
    "Term",
    "add_working_days",
    "bank_holiday_name",
    "bank_holidays",
    "format_uk_date",
    "is_bank_holiday",
    "is_weekend",
    "is_working_day",
    "next_working_day",
    "previous_working_day",
    "working_day_on_or_after",
]

# Subdivision codes of holidays.UK (checked against holidays 0.109: ENG, NIR, SCT, WLS).
_SUBDIVISION: Mapping[Nation, str] = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}

_ONE_DAY = timedelta(days=1)

# Safety stop for searches that walk day by day: no UK run of non-working days or
# non-school days is anywhere near this long (the summer holiday is about 6-7 weeks).
_MAX_SCAN_DAYS = 400


def format_uk_date(d: date) -> str:
    """dd/mm/yyyy, as UK schools write dates."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_uk_long_date(d: date) -> str:
    """``22 November 2026``, as UK letters write dates.

    Not strftime: %B follows the Windows locale, and strftime is slow in bulk (the consent
    matrix words 16,000 states at once). A datetime is written as its date.
    """
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


@lru_cache(maxsize=512)
def _holidays_in_year(nation: Nation, year: int) -> Mapping[date, str]:
    # Source: gov.uk bank holidays, via the `holidays` package (UK subdivisions).
    # Neighbouring years are generated too so that substitute days are never lost at a
    # year boundary; only dates inside `year` are kept.
    table = holidays.country_holidays("GB", subdiv=_SUBDIVISION[nation], years=range(year - 1, year + 2))
    return MappingProxyType(dict(sorted((d, str(name)) for d, name in table.items() if d.year == year)))


def bank_holidays(nation: Nation, year: int) -> dict[date, str]:
    """The bank holidays of `nation` in `year`, date -> name (some fall on a weekend)."""
    return dict(_holidays_in_year(nation, year))


def bank_holiday_name(d: date, nation: Nation = Nation.ENGLAND) -> str | None:
    """The bank holiday's name if `d` is one in `nation`, else None."""
    return _holidays_in_year(nation, d.year).get(d)


def is_bank_holiday(d: date, nation: Nation = Nation.ENGLAND) -> bool:
    return bank_holiday_name(d, nation) is not None


def is_weekend(d: date) -> bool:
    return d.weekday() >= 5


def is_working_day(d: date, nation: Nation = Nation.ENGLAND) -> bool:
    """Monday to Friday and not a bank holiday in the nation (ICO: "weekend or public holiday")."""
    return not is_weekend(d) and not is_bank_holiday(d, nation)


def working_day_on_or_after(d: date, nation: Nation = Nation.ENGLAND) -> date:
    """`d` itself if it is a working day, else the next working day (the ICO roll-forward)."""
    day = d
    for _ in range(_MAX_SCAN_DAYS):
        if is_working_day(day, nation):
            return day
        day += _ONE_DAY
    raise AssertionError("no working day found")  # pragma: no cover - impossible calendar


def next_working_day(d: date, nation: Nation = Nation.ENGLAND) -> date:
    """The first working day strictly after `d`."""
    return working_day_on_or_after(d + _ONE_DAY, nation)


def previous_working_day(d: date, nation: Nation = Nation.ENGLAND) -> date:
    """The last working day strictly before `d`."""
    day = d - _ONE_DAY
    for _ in range(_MAX_SCAN_DAYS):
        if is_working_day(day, nation):
            return day
        day -= _ONE_DAY
    raise AssertionError("no working day found")  # pragma: no cover - impossible calendar


def add_working_days(d: date, n: int, nation: Nation = Nation.ENGLAND) -> date:
    """The `n`th working day after `d` (`d` itself does not count); n = 0 returns `d`."""
    if n < 0:
        raise ValidationError("The number of working days cannot be negative.", "days")
    day = d
    for _ in range(n):
        day = next_working_day(day, nation)
    return day


# --------------------------------------------------------------------------- school calendar


class ClosureKind(LabelledEnum):
    """Why pupils are not in school on a day inside term."""

    INSET = ("inset", "INSET day")  # staff training day: no school session for pupils
    CLOSURE = ("closure", "School closed")  # half term, polling day, snow day, other planned closure


def _check_span(start: object, end: object, field: str, missing: str, what: str) -> None:
    """Both ends are dates and the span does not run backwards."""
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError(missing, field)
    if end < start:
        raise ValidationError(
            f"{what} ends ({format_uk_date(end)}) before it starts ({format_uk_date(start)}).", field
        )


@dataclass(frozen=True)
class Term:
    """A term (or half term) from its first to its last day, both included."""

    name: str
    start: date
    end: date

    def __post_init__(self) -> None:
        _check_span(
            self.start, self.end, "terms", "A term needs a start date and an end date.", f"Term “{self.name}”"
        )

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


@dataclass(frozen=True)
class Closure:
    """INSET or closure day(s) from `start` to `end`, both included."""

    start: date
    end: date
    kind: ClosureKind = ClosureKind.INSET
    name: str = ""

    def __post_init__(self) -> None:
        _check_span(
            self.start,
            self.end,
            "closures",
            "An INSET or closure day needs a date.",
            f"{self.kind.label} “{self.name}”",
        )

    @classmethod
    def day(cls, d: date, kind: ClosureKind = ClosureKind.INSET, name: str = "") -> Closure:
        return cls(d, d, kind, name)

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


_Choice = TypeVar("_Choice", bound=Enum)


def _saved_items(data: Mapping[str, Any], key: str, what: str) -> Iterator[Mapping[str, Any]]:
    for item in data.get(key, ()):
        if not isinstance(item, Mapping):
            raise ValidationError(f"The saved school calendar has a broken {what}.", "calendar")
        yield item


def _parse_choice(item: Mapping[str, Any], key: str, default: _Choice, what: str) -> _Choice:
    try:
        return type(default)(item.get(key, default.value))
    except ValueError:
        raise ValidationError(
            f"The saved school calendar has an unknown {what}: “{item.get(key)}”.", "calendar"
        ) from None


def _parse_iso(value: object, what: str) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValidationError(f"The saved school calendar has no valid {what}.", "calendar")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            f"The saved school calendar has an invalid {what}: “{value}”.", "calendar"
        ) from None


@dataclass(frozen=True)
class SchoolCalendar:
    """The school's terms and INSET/closure days, in the school's nation.

    A school day is a weekday inside a term that is neither a bank holiday of `nation` nor an
    INSET/closure day (Education Act 1996 s579: a day with a school session). Terms must not
    overlap. Terms and closures are kept sorted; lists are accepted and stored as tuples.
    """

    terms: tuple[Term, ...] = ()
    closures: tuple[Closure, ...] = ()
    nation: Nation = Nation.ENGLAND
    _term_index: tuple[date, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        terms = tuple(sorted(self.terms, key=lambda t: (t.start, t.end)))
        closures = tuple(sorted(self.closures, key=lambda c: (c.start, c.end, c.kind.value)))
        for earlier, later in zip(terms, terms[1:], strict=False):
            if later.start <= earlier.end:
                raise ValidationError(
                    f"Terms “{earlier.name}” ({format_uk_date(earlier.start)} to "
                    f"{format_uk_date(earlier.end)}) and “{later.name}” "
                    f"({format_uk_date(later.start)} to {format_uk_date(later.end)}) overlap.",
                    "terms",
                )
        if not isinstance(self.nation, Nation):
            raise ValidationError("Choose the school's nation.", "nation")
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "closures", closures)
        object.__setattr__(self, "_term_index", tuple(t.start for t in terms))

    # ---- queries

    @property
    def first_day(self) -> date | None:
        return self.terms[0].start if self.terms else None

    @property
    def last_day(self) -> date | None:
        return self.terms[-1].end if self.terms else None

    def term_for(self, d: date) -> Term | None:
        """The term containing `d`, if any."""
        # Terms are sorted and disjoint: only the last term starting on or before d can hold it.
        lo, hi = 0, len(self._term_index)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._term_index[mid] <= d:
                lo = mid + 1
            else:
                hi = mid
        if lo == 0:
            return None
        term = self.terms[lo - 1]
        return term if d <= term.end else None

    def in_term(self, d: date) -> bool:
        return self.term_for(d) is not None

    def closure_for(self, d: date) -> Closure | None:
        for closure in self.closures:
            if closure.start > d:
                break
            if d <= closure.end:
                return closure
        return None

    def is_school_day(self, d: date) -> bool:
        """In term, a weekday, not a bank holiday, not an INSET/closure day."""
        return (
            self.in_term(d)
            and not is_weekend(d)
            and not is_bank_holiday(d, self.nation)
            and self.closure_for(d) is None
        )

    def why_not_school_day(self, d: date) -> str | None:
        """A short reason a DPO can read, or None if `d` is a school day."""
        if not self.in_term(d):
            return "Outside term"
        if is_weekend(d):
            return "Weekend"
        holiday = bank_holiday_name(d, self.nation)
        if holiday is not None:
            return f"Bank holiday ({holiday})"
        closure = self.closure_for(d)
        if closure is not None:
            return closure.name or closure.kind.label
        return None

    def school_days(self, start: date, end: date) -> Iterator[date]:
        """The school days from `start` to `end`, both included."""
        day = start
        while day <= end:
            if self.is_school_day(day):
                yield day
            day += _ONE_DAY

    def next_school_day(self, d: date) -> date:
        """The first school day strictly after `d`."""
        return self.school_days_after(d, 1)

    def school_days_after(self, start: date, n: int) -> date:
        """The `n`th school day after `start`; `start` itself never counts.

        If `start` is outside term or not a school day, counting simply begins at the next
        school day. Raises ValidationError when the calendar runs out of term dates.
        """
        if n < 1:
            raise ValidationError("Count at least one school day.", "days")
        last = self.last_day
        if last is None:
            raise ValidationError(
                "The school calendar has no term dates. Add this year's terms first.", "calendar"
            )
        day = start
        counted = 0
        while counted < n:
            day += _ONE_DAY
            if day > last:
                raise ValidationError(
                    f"The school calendar ends on {format_uk_date(last)}, too soon to count "
                    f"{n} school days from {format_uk_date(start)}. Add the next term dates.",
                    "calendar",
                )
            if self.is_school_day(day):
                counted += 1
        return day

    def school_days_between(self, start: date, end: date) -> int:
        """How many school days fall after `start` and on or before `end`."""
        if end <= start:
            return 0
        return sum(1 for _ in self.school_days(start + _ONE_DAY, end))

    # ---- editing (returns new calendars: the value is frozen)

    def with_term(self, term: Term) -> SchoolCalendar:
        return SchoolCalendar((*self.terms, term), self.closures, self.nation)

    def with_closure(self, closure: Closure) -> SchoolCalendar:
        return SchoolCalendar(self.terms, (*self.closures, closure), self.nation)

    # ---- serialisation (plain JSON types, ISO dates) so the vault can store it

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "nation": self.nation.value,
            "terms": [
                {"name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat()} for t in self.terms
            ],
            "closures": [
                {
                    "kind": c.kind.value,
                    "name": c.name,
                    "start": c.start.isoformat(),
                    "end": c.end.isoformat(),
                }
                for c in self.closures
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SchoolCalendar:
        if not isinstance(data, Mapping):
            raise ValidationError("The saved school calendar is not readable.", "calendar")
        nation = _parse_choice(data, "nation", Nation.ENGLAND, "nation")
        terms: list[Term] = []
        for item in _saved_items(data, "terms", "term"):
            terms.append(
                Term(
                    str(item.get("name", "")),
                    _parse_iso(item.get("start"), "term start"),
                    _parse_iso(item.get("end"), "term end"),
                )
            )
        closures: list[Closure] = []
        for item in _saved_items(data, "closures", "INSET/closure day"):
            kind = _parse_choice(item, "kind", ClosureKind.INSET, "day type")
            start = _parse_iso(item.get("start"), "closure date")
            end = _parse_iso(item.get("end", item.get("start")), "closure date")
            closures.append(Closure(start, end, kind, str(item.get("name", ""))))
        return cls(tuple(terms), tuple(closures), nation)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SchoolCalendar:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise ValidationError("The saved school calendar is not readable.", "calendar") from None
        return cls.from_dict(data)


def school_day_on_or_after(
    d: date, calendar: SchoolCalendar | None = None, nation: Nation = Nation.ENGLAND
) -> date:
    """A date to hand something in by: `d` if the school is open then, else the next school day.

    School practice (a slip can only be handed in at the school office when it is open): with
    term dates, the next school day; without them, or past the last term entered, the next
    working day (never a Sunday or bank holiday).
    """
    if calendar is not None:
        if calendar.is_school_day(d):
            return d
        try:
            return calendar.next_school_day(d)
        except ValidationError:
            pass
    return working_day_on_or_after(d, nation)
