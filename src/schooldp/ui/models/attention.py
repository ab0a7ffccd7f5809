"""The dashboard's "needs attention" list: status in a symbol and words, colour only as a help."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.deadlines import LONDON, DeadlineStatus, describe_time_left, format_due
from schooldp.services.dashboard import Attention, AttentionItem
from schooldp.ui.icons import icon
from schooldp.ui.models.base import RowTableModel
from schooldp.ui.style import AMBER, GREEN, MUTED, RED

__all__ = ["STATUS_COLOURS", "STATUS_TEXT", "AttentionModel"]

AREA_NAMES = {"breach": "Breach", "request": "Request", "consent": "Consent"}
STATUS_TEXT = {
    DeadlineStatus.OVERDUE: "⚠ Overdue",
    DeadlineStatus.DUE_TODAY: "● Due today",
    DeadlineStatus.UPCOMING: "○ Coming up",
    DeadlineStatus.PAUSED: "Waiting",
}
STATUS_ICONS = {DeadlineStatus.PAUSED: "pause"}
"""Marks no font on a stock Windows install can draw come as bundled icons beside the words."""
STATUS_COLOURS = {
    DeadlineStatus.OVERDUE: RED,
    DeadlineStatus.DUE_TODAY: AMBER,
    DeadlineStatus.UPCOMING: GREEN,
    DeadlineStatus.PAUSED: MUTED,
}
_URGENCY = {status: i for i, status in enumerate(STATUS_TEXT)}


class AttentionModel(RowTableModel[AttentionItem]):
    """One row per deadline, in the order the service gives (overdue first)."""

    class Columns(IntEnum):
        STATUS = 0
        REGISTER = 1
        REFERENCE = 2
        WHAT = 3
        DUE = 4
        TIME_LEFT = 5

    headers = {
        Columns.STATUS: "Status",
        Columns.REGISTER: "Register",
        Columns.REFERENCE: "Reference",
        Columns.WHAT: "What",
        Columns.DUE: "Due",
        Columns.TIME_LEFT: "Time left",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: Attention | None = None

    def set_attention(self, view: Attention | None) -> None:
        with self.resetting():
            self.view = view
            self._rows = list(view.items) if view else []

    def clear(self) -> None:
        self.set_attention(None)

    @property
    def items(self) -> list[AttentionItem]:
        return self.rows

    def _status(self, item: AttentionItem) -> DeadlineStatus:
        assert self.view is not None  # rows exist only with a view
        return item.deadline.status(self.view.now)

    def display(self, row: AttentionItem, column: int) -> str:
        d = row.deadline
        match column:
            case self.Columns.STATUS:
                status = self._status(row)
                return STATUS_TEXT.get(status, status.label)
            case self.Columns.REGISTER:
                return AREA_NAMES.get(row.area, row.area)
            case self.Columns.REFERENCE:
                return d.ref
            case self.Columns.WHAT:
                return d.title
            case self.Columns.DUE:
                return format_due(d.due) if d.due is not None else "—"
            case self.Columns.TIME_LEFT:
                return self._time_left(row)
        return ""

    def _time_left(self, row: AttentionItem) -> str:
        assert self.view is not None
        d = row.deadline
        if d.due is None or d.paused:
            return d.describe(self.view.now)
        return describe_time_left(d.due, self.view.now)

    def accessible_text(self, row: AttentionItem, column: int) -> str:
        """The whole row in one sentence, wherever the reader lands: status, what, reference."""
        return f"{self._status(row).label}: {row.deadline.title}, {row.deadline.ref}"

    def sort_key(self, row: AttentionItem, column: int) -> Any:
        if column == self.Columns.STATUS:
            return _URGENCY.get(self._status(row), len(_URGENCY))
        if column in (self.Columns.DUE, self.Columns.TIME_LEFT):
            return _due_order(row.deadline.due)
        return super().sort_key(row, column)

    def record_id(self, row: AttentionItem) -> Any:
        return row.record_id

    def reference(self, row: AttentionItem) -> str | None:
        return row.deadline.ref

    def extra(self, row: AttentionItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Columns.STATUS:
            return QBrush(QColor(STATUS_COLOURS.get(self._status(row), MUTED)))
        if role == Qt.ItemDataRole.DecorationRole and column == self.Columns.STATUS:
            name = STATUS_ICONS.get(self._status(row))
            return icon(name) if name else None
        return None


def _due_order(due: date | datetime | None) -> float:
    """Dates and times on one scale (a date counts to the end of its UK day); none sorts last."""
    if due is None:
        return math.inf
    if not isinstance(due, datetime):
        due = datetime.combine(due + timedelta(days=1), time(0), LONDON)
    return due.timestamp()
