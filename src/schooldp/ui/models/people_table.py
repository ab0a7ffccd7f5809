"""Table models for the People page: pupils, contacts or staff, filtered as you type.

Each row carries its precomputed search key, so filtering 2,000 pupils on a keystroke is a
substring test per row in memory, with no database round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from schooldp.domain.people import search_key

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PeopleRow:
    id: int
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]
    search: str
    muted: bool = False  # leavers: shown, but greyed


class PeopleTableModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[PeopleRow] = []

    def set_rows(self, headers: Sequence[str], rows: list[PeopleRow]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = rows
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(self.headers, [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.cells[index.column()]
        if role == SORT_ROLE:
            return row.sort_keys[index.column()]
        if role == SEARCH_ROLE:
            return row.search
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.muted:
            from PySide6.QtGui import QColor

            return QColor("#6B7785")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None


class SearchProxy(QSortFilterProxyModel):
    """Every word typed must appear in the row's search key (accent- and case-insensitive)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        words = search_key(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        key = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        return all(word in key for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


RowBuilder = Callable[[object], PeopleRow]
