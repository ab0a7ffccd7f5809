"""The 72-hour countdown shown on the register and on every wizard page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from schooldp.domain.deadlines import LONDON, breach_report_due, describe_time_left

# SchoolDP: the countdown turns amber under 24 hours and red under 6 hours of the 72.
AMBER_HOURS = 24
RED_HOURS = 6


class ClockState(Enum):
    """Where the 72 hours stand. Each state has a symbol so colour is never the only signal."""

    NOT_NEEDED = "not_needed"
    REPORTED = "reported"
    RUNNING = "running"
    AMBER = "amber"
    RED = "red"
    OVERDUE = "overdue"

    @property
    def symbol(self) -> str:
        return {
            ClockState.NOT_NEEDED: "—",
            ClockState.REPORTED: "✔",
            ClockState.RUNNING: "⏱",
            ClockState.AMBER: "⚠",
            ClockState.RED: "‼",
            ClockState.OVERDUE: "✖",
        }[self]


@dataclass(frozen=True)
class Countdown:
    state: ClockState
    due: datetime
    text: str  # starts with the symbol

    @property
    def urgent(self) -> bool:
        return self.state in (ClockState.AMBER, ClockState.RED, ClockState.OVERDUE)


def countdown(
    aware_at: datetime,
    now: datetime,
    *,
    reported_at: datetime | None = None,
    not_needed: str = "",
) -> Countdown:
    """The 72-hour countdown for the register and every wizard page.

    `not_needed` is the reason no report is due (a near miss, or the DPO decided not to
    report); a report already made stops the clock.
    """
    due = breach_report_due(aware_at)
    if reported_at is not None:
        late = reported_at.astimezone(UTC) > due.astimezone(UTC)
        local = reported_at.astimezone(LONDON)
        text = f"✔ Reported {local.day} {local:%b %Y %H:%M}" + (" (after 72 h)" if late else "")
        return Countdown(ClockState.REPORTED, due, text)
    if not_needed:
        return Countdown(ClockState.NOT_NEEDED, due, f"— {not_needed}")
    left = due.astimezone(UTC) - now.astimezone(UTC)
    describe = describe_time_left(due, now)
    if left < timedelta(0):
        return Countdown(ClockState.OVERDUE, due, f"✖ ICO report {describe}")
    if left < timedelta(hours=RED_HOURS):
        return Countdown(ClockState.RED, due, f"‼ {describe} to report to the ICO")
    if left < timedelta(hours=AMBER_HOURS):
        return Countdown(ClockState.AMBER, due, f"⚠ {describe} to report to the ICO")
    return Countdown(ClockState.RUNNING, due, f"⏱ {describe} to report to the ICO")
