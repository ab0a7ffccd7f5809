"""One clock for the whole program.

The school session carries a `Clock`; services ask it for "now" and "today" instead of reading
the wall clock, and tests freeze it. Dates are UK dates: the school is in England, Wales,
Scotland or Northern Ireland, so "today" is today in Europe/London whatever the laptop's zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")  # needs the tzdata package on Windows


class Clock(Protocol):
    """What services need to know about the time."""

    def now(self) -> datetime:
        """The current moment, time-zone aware (UTC)."""
        ...

    def london_now(self) -> datetime:
        """The current moment in Europe/London, time-zone aware."""
        ...

    def today(self) -> date:
        """Today's date in the UK."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def london_now(self) -> datetime:
        return datetime.now(LONDON)

    def today(self) -> date:
        return self.london_now().date()


class FrozenClock:
    """A clock that stands still until moved: for tests, benchmarks and the demo school."""

    def __init__(self, at: datetime | date) -> None:
        self._at = _aware(at)

    def now(self) -> datetime:
        return self._at.astimezone(UTC)

    def london_now(self) -> datetime:
        return self._at.astimezone(LONDON)

    def today(self) -> date:
        return self.london_now().date()

    def set(self, at: datetime | date) -> None:
        self._at = _aware(at)

    def advance(self, delta: timedelta) -> None:
        self._at = self._at + delta


def _aware(at: datetime | date) -> datetime:
    if not isinstance(at, datetime):
        # A bare date means mid-morning on that UK day: well clear of midnight and DST changes.
        return datetime(at.year, at.month, at.day, 10, 0, tzinfo=LONDON)
    return at if at.tzinfo is not None else at.replace(tzinfo=LONDON)


SYSTEM_CLOCK: Clock = SystemClock()
