"""The breach register as a table: the countdown shows a symbol and words as well as colour."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches import ClockState, RegisterRow
from schooldp.ui.icons import icon
from schooldp.ui.models.base import ID_ROLE, SORT_ROLE, RowTableModel
from schooldp.ui.style import AMBER, GREEN, MUTED, NAVY, RED

__all__ = ["CLOCK_COLOURS", "ID_ROLE", "SORT_ROLE", "BreachRegisterModel"]

CLOCK_COLOURS = {
    ClockState.NOT_NEEDED: (MUTED, None),
    ClockState.REPORTED: (GREEN, None),
    ClockState.RUNNING: (NAVY, None),
    ClockState.AMBER: (AMBER, "#FFF3DC"),
    ClockState.RED: (RED, "#FDE7EA"),
    ClockState.OVERDUE: (RED, "#FDE7EA"),
}
_URGENCY = {
    ClockState.OVERDUE: 0,
    ClockState.RED: 1,
    ClockState.AMBER: 2,
    ClockState.RUNNING: 3,
    ClockState.REPORTED: 4,
    ClockState.NOT_NEEDED: 5,
}
_URGENCY_STEP = 1e10
"""Seconds: larger than any due time's timestamp, so urgency always counts before the time."""


def _uk_time(moment: datetime) -> str:
    return f"{moment.astimezone(LONDON):%d/%m/%Y %H:%M}"


class BreachRegisterModel(RowTableModel[RegisterRow]):
    class Columns(IntEnum):
        REFERENCE = 0
        TITLE = 1
        STATUS = 2
        AWARE = 3
        CLOCK = 4
        REPORTABLE = 5
        SEVERITY = 6
        CAUSE = 7

    headers = {
        Columns.REFERENCE: "Reference",
        Columns.TITLE: "Title",
        Columns.STATUS: "Status",
        Columns.AWARE: "Aware",
        Columns.CLOCK: "72-hour clock",
        Columns.REPORTABLE: "Reportable",
        Columns.SEVERITY: "Severity",
        Columns.CAUSE: "Cause",
    }
    CLOCK_COLUMN = Columns.CLOCK

    def display(self, row: RegisterRow, column: int) -> str:
        match column:
            case self.Columns.REFERENCE:
                return row.reference
            case self.Columns.TITLE:
                return row.title
            case self.Columns.STATUS:
                return row.stage
            case self.Columns.AWARE:
                return _uk_time(row.aware_at)
            case self.Columns.CLOCK:
                return _without_glyph(row.countdown.text)
            case self.Columns.REPORTABLE:
                return row.reportable_label
            case self.Columns.SEVERITY:
                return row.band
            case self.Columns.CAUSE:
                return row.cause.label if row.cause else ""
        return ""

    def tooltip(self, row: RegisterRow, column: int) -> str | None:
        if column == self.Columns.CLOCK:
            return f"ICO report due {_uk_time(row.countdown.due)} (72 hours after the school became aware)"
        return self.display(row, column)

    def sort_key(self, row: RegisterRow, column: int) -> Any:
        """The year then the reference; the aware time; the most urgent clock first."""
        if column == self.Columns.AWARE:
            return row.aware_at.timestamp()
        if column == self.Columns.CLOCK:
            return _URGENCY[row.countdown.state] * _URGENCY_STEP + row.countdown.due.timestamp()
        if column == self.Columns.REFERENCE:
            return f"{row.aware_at.year:04d} {row.reference}"
        return super().sort_key(row, column)

    def extra(self, row: RegisterRow, column: int, role: int) -> Any:
        """The clock column: colour and bold back up the symbol and words, never replace them."""
        if column != self.Columns.CLOCK:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("clock") if row.countdown.state is ClockState.RUNNING else None
        foreground, background = CLOCK_COLOURS[row.countdown.state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(foreground))
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(background)) if background else None
        if role == Qt.ItemDataRole.FontRole and row.countdown.urgent:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _without_glyph(text: str) -> str:
    """The countdown's words without the running-clock glyph, which the clock icon replaces."""
    return text.removeprefix(f"{ClockState.RUNNING.symbol} ")
