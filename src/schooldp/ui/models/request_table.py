"""The requests register and a request's timeline, as table models fed with service values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from schooldp.domain.calendar import format_uk_date
from schooldp.domain.deadlines import DeadlineStatus, london_now
from schooldp.services.requests import RequestSummary, TimelineEntry
from schooldp.ui.models.base import SORT_ROLE, RowTableModel
from schooldp.ui.style import AMBER, RED

__all__ = ["CLOSED_GREY", "NO_DUE_DATE", "SORT_ROLE", "RequestTableModel", "TimelineTableModel"]

CLOSED_GREY = "#5F6B7A"
NO_DUE_DATE = 10**7
"""Sort key for a paused clock: after every real due date."""


class RequestTableModel(RowTableModel[RequestSummary]):
    class Columns(IntEnum):
        REFERENCE = 0
        TYPE = 1
        SUBJECT = 2
        RECEIVED = 3
        DUE = 4
        TIME_LEFT = 5
        STATUS = 6

    headers = {
        Columns.REFERENCE: "Reference",
        Columns.TYPE: "Type",
        Columns.SUBJECT: "Data subject",
        Columns.RECEIVED: "Received",
        Columns.DUE: "Due",
        Columns.TIME_LEFT: "Time left",
        Columns.STATUS: "Status",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now: datetime = london_now()

    def set_rows(self, rows: Iterable[RequestSummary], now: datetime | None = None) -> None:
        """`now` is the moment the time-left column counts from (the page passes its clock)."""
        with self.resetting():
            self._rows = list(rows)
            self.now = now or london_now()

    def summary(self, row: int) -> RequestSummary:
        return self.row_at(row)

    def display(self, row: RequestSummary, column: int) -> str:
        match column:
            case self.Columns.REFERENCE:
                return row.reference
            case self.Columns.TYPE:
                return row.request_type.label
            case self.Columns.SUBJECT:
                return row.subject.name
            case self.Columns.RECEIVED:
                return format_uk_date(row.received_on)
            case self.Columns.DUE:
                return row.due_text()
            case self.Columns.TIME_LEFT:
                return row.time_left(self.now)
            case self.Columns.STATUS:
                return row.status.label
        return ""

    def sort_key(self, row: RequestSummary, column: int) -> Any:
        """Dates sort as dates; a paused clock sorts after every due date."""
        if column == self.Columns.RECEIVED:
            return row.received_on.toordinal()
        if column in (self.Columns.DUE, self.Columns.TIME_LEFT):
            return row.due.toordinal() if row.due else NO_DUE_DATE
        return super().sort_key(row, column)

    def extra(self, row: RequestSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and column in (self.Columns.DUE, self.Columns.TIME_LEFT):
            return _bold() if row.is_overdue(self.now) else None
        return None

    def _colour(self, row: RequestSummary) -> str | None:
        """Red when overdue, amber when due today or the due date needs fixing, grey when closed."""
        if row.is_overdue(self.now):
            return RED
        if row.is_open and (row.due_problem or row.deadline.status(self.now) is DeadlineStatus.DUE_TODAY):
            return AMBER
        return None if row.is_open else CLOSED_GREY


class TimelineTableModel(RowTableModel[TimelineEntry]):
    class Columns(IntEnum):
        DATE = 0
        WHAT = 1
        DETAILS = 2
        BY = 3

    headers = {Columns.DATE: "Date", Columns.WHAT: "What", Columns.DETAILS: "Details", Columns.BY: "By"}

    def display(self, row: TimelineEntry, column: int) -> str:
        match column:
            case self.Columns.DATE:
                return format_uk_date(row.on)
            case self.Columns.WHAT:
                return row.what
            case self.Columns.DETAILS:
                return row.detail
            case self.Columns.BY:
                return row.by
        return ""

    def sort_key(self, row: TimelineEntry, column: int) -> Any:
        if column == self.Columns.DATE:
            return row.at.timestamp()
        return super().sort_key(row, column)

    def entry(self, row: int) -> TimelineEntry:
        return self.row_at(row)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
