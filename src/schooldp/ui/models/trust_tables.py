"""The trust dashboard's tables: one row per school, and every open breach with its ICO clock."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches.countdown import ClockState
from schooldp.services.trust.rollup import BreachClock, SchoolFigures
from schooldp.ui.models.base import RowTableModel
from schooldp.ui.style import AMBER, MUTED, RED

__all__ = ["TrustBreachesModel", "TrustSchoolsModel"]

_CLOCK_COLOURS = {
    ClockState.OVERDUE: RED,
    ClockState.RED: RED,
    ClockState.AMBER: AMBER,
    ClockState.NOT_NEEDED: MUTED,
    ClockState.REPORTED: MUTED,
}


class TrustSchoolsModel(RowTableModel[SchoolFigures]):
    """One row per school: what is overdue and due, breaches, requests, consent coverage."""

    class Columns(IntEnum):
        SCHOOL = 0
        OVERDUE = 1
        DUE = 2
        BREACHES = 3
        REQUESTS = 4
        CONSENT = 5
        PUPILS = 6

    headers = {
        Columns.SCHOOL: "School",
        Columns.OVERDUE: "Overdue",
        Columns.DUE: "Due this week",
        Columns.BREACHES: "Open breaches",
        Columns.REQUESTS: "Requests",
        Columns.CONSENT: "Consent coverage",
        Columns.PUPILS: "Pupils on roll",
    }

    def display(self, row: SchoolFigures, column: int) -> str:
        c = self.Columns
        if column == c.SCHOOL:
            return row.school.name + (" (see note)" if row.problem else "")
        if column == c.OVERDUE:
            return str(row.overdue)
        if column == c.DUE:
            return str(row.due_this_week)
        if column == c.BREACHES:
            if not row.breaches:
                return "None open"
            waiting = row.breaches_awaiting_report
            text = f"{len(row.breaches)} open"
            return f"{text}, {waiting} awaiting ICO report" if waiting else text
        if column == c.REQUESTS:
            parts = [f"{row.open_requests} open"]
            if row.overdue_requests:
                parts.append(f"{row.overdue_requests} overdue")
            if row.waiting_requests:
                parts.append(f"{row.waiting_requests} waiting")
            return ", ".join(parts)
        if column == c.CONSENT:
            if not row.consent_asked:
                return "No purposes apply"
            return f"{row.consent_percent}% given, {row.unanswered:,} no answer"
        return f"{row.pupils_on_roll:,}"

    def sort_key(self, row: SchoolFigures, column: int) -> Any:
        c = self.Columns
        keys = {
            c.OVERDUE: row.overdue,
            c.DUE: row.due_this_week,
            c.BREACHES: row.breaches_awaiting_report * 1000 + len(row.breaches),
            c.REQUESTS: row.overdue_requests * 1000 + row.open_requests,
            c.CONSENT: row.consent_percent,
            c.PUPILS: row.pupils_on_roll,
        }
        return keys.get(c(column), row.school.name.casefold())

    def tooltip(self, row: SchoolFigures, column: int) -> str | None:
        if column == self.Columns.SCHOOL and row.problem:
            return row.problem
        if column == self.Columns.CONSENT and row.consent:
            return "\n".join(
                f"{p.title}: {p.given} of {p.on_roll} given, {p.unanswered} no answer"
                if p.on_roll
                else f"{p.title}: no pupil on roll is old enough yet"
                for p in row.consent
            )
        return super().tooltip(row, column)

    def record_id(self, row: SchoolFigures) -> Any:
        return row.school.code

    def reference(self, row: SchoolFigures) -> str | None:
        return row.school.code

    def extra(self, row: SchoolFigures, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Columns.OVERDUE and row.overdue:
            return QBrush(QColor(RED))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.Columns.OVERDUE, self.Columns.DUE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class TrustBreachesModel(RowTableModel[BreachClock]):
    """Every open breach across the trust, the nearest ICO deadline first."""

    class Columns(IntEnum):
        CLOCK = 0
        SCHOOL = 1
        REFERENCE = 2
        AWARE = 3

    headers = {
        Columns.CLOCK: "72-hour ICO clock",
        Columns.SCHOOL: "School",
        Columns.REFERENCE: "Breach",
        Columns.AWARE: "School became aware",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}

    def set_breaches(self, rows: list[BreachClock], names: dict[str, str]) -> None:
        with self.resetting():
            self.names = dict(names)
            self._rows = list(rows)

    def display(self, row: BreachClock, column: int) -> str:
        c = self.Columns
        if column == c.CLOCK:
            return row.countdown.text
        if column == c.SCHOOL:
            return self.names.get(row.school, row.school)
        if column == c.REFERENCE:
            return row.reference
        local = row.aware_at.astimezone(LONDON)
        return f"{local.day} {local:%b %Y %H:%M}"

    def sort_key(self, row: BreachClock, column: int) -> Any:
        if column == self.Columns.CLOCK:
            stopped = row.countdown.state in (ClockState.NOT_NEEDED, ClockState.REPORTED)
            return (1e12 if stopped else 0) + row.countdown.due.timestamp()
        if column == self.Columns.AWARE:
            return row.aware_at.timestamp()
        return self.display(row, column).casefold()

    def record_id(self, row: BreachClock) -> Any:
        return row.breach_id

    def extra(self, row: BreachClock, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Columns.CLOCK:
            colour = _CLOCK_COLOURS.get(row.countdown.state)
            return QBrush(QColor(colour)) if colour else None
        return None
