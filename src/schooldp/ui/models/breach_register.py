"""The breach register as a table: the countdown shows a symbol and words as well as colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches import ClockState, RegisterRow
from schooldp.ui.style import AMBER, GREEN, MUTED, NAVY, RED

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ROOT = QModelIndex()

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


class BreachRegisterModel(QAbstractTableModel):
    HEADERS = ("Reference", "Title", "Status", "Aware", "72-hour clock", "Reportable", "Severity", "Cause")
    CLOCK_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RegisterRow] = []

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    @property
    def rows(self) -> list[RegisterRow]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def _text(self, r: RegisterRow, col: int) -> str:
        if col == 0:
            return r.reference
        if col == 1:
            return r.title
        if col == 2:
            return r.stage
        if col == 3:
            return r.aware_at.astimezone(LONDON).strftime("%d/%m/%Y %H:%M")
        if col == 4:
            return r.countdown.text
        if col == 5:
            return r.reportable_label
        if col == 6:
            return r.band
        return r.cause.label if r.cause else ""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.CLOCK_COLUMN:
                return f"ICO report due {r.countdown.due.astimezone(LONDON):%d/%m/%Y %H:%M} (72 hours after the school became aware)"
            return self._text(r, col)
        if role == ID_ROLE:
            return r.id
        if col == self.CLOCK_COLUMN and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(CLOCK_COLOURS[r.countdown.state][0]))
        if col == self.CLOCK_COLUMN and role == Qt.ItemDataRole.BackgroundRole:
            bg = CLOCK_COLOURS[r.countdown.state][1]
            return QBrush(QColor(bg)) if bg else None
        if col == self.CLOCK_COLUMN and role == Qt.ItemDataRole.FontRole and r.countdown.urgent:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role == SORT_ROLE:
            if col == 3:
                return r.aware_at.timestamp()
            if col == self.CLOCK_COLUMN:
                return (_URGENCY[r.countdown.state], r.countdown.due.timestamp())
            if col == 0:
                return (r.aware_at.year, r.reference)
            return self._text(r, col)
        return None
