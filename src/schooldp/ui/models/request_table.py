"""The requests register and a request's timeline, as table models fed with service values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from schooldp.domain.calendar import format_uk_date
from schooldp.domain.deadlines import DeadlineStatus, london_now
from schooldp.services.requests import RequestSummary, TimelineEntry
from schooldp.ui.style import AMBER, RED

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


class RequestTableModel(QAbstractTableModel):
    HEADERS = ("Reference", "Type", "Data subject", "Received", "Due", "Time left", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestSummary] = []
        self.now: datetime = london_now()

    def set_rows(self, rows: list[RequestSummary], now: datetime | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.now = now or london_now()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def summary(self, row: int) -> RequestSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        overdue = r.is_overdue(self.now)
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._text(r, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return QBrush(QColor(RED))
            if r.is_open and (r.due_problem or r.deadline.status(self.now) is DeadlineStatus.DUE_TODAY):
                return QBrush(QColor(AMBER))
            if not r.is_open:
                return QBrush(QColor("#5F6B7A"))
            return None
        if role == Qt.ItemDataRole.FontRole and overdue and col in (4, 5):
            font = QFont()
            font.setBold(True)
            return font
        if role == SORT_ROLE:
            if col == 3:
                return r.received_on.toordinal()
            if col in (4, 5):
                return r.due.toordinal() if r.due else 10**7
            return self._text(r, col)
        return None

    def _text(self, r: RequestSummary, col: int) -> str:
        if col == 0:
            return r.reference
        if col == 1:
            return r.request_type.label
        if col == 2:
            return r.subject.name
        if col == 3:
            return format_uk_date(r.received_on)
        if col == 4:
            return r.due_text()
        if col == 5:
            return r.time_left(self.now)
        return r.status.label


class TimelineTableModel(QAbstractTableModel):
    HEADERS = ("Date", "What", "Details", "By")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineEntry] = []

    def set_rows(self, rows: list[TimelineEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        e = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (format_uk_date(e.on), e.what, e.detail, e.by)[index.column()]
        return None

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]
