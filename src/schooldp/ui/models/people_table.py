"""Table models for the People page: pupils, contacts or staff, filtered as you type.

Each row carries its precomputed search key, so filtering 2,000 pupils on a keystroke is a
substring test per row in memory, with no database round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.people import search_key
from schooldp.ui.models.base import FIRST_MODEL_ROLE, ID_ROLE, SORT_ROLE, DynamicColumnsModel, Index

SEARCH_ROLE = FIRST_MODEL_ROLE
"""A row's search key: every name, reference and address word, accent- and case-folded."""
MUTED_GREY = "#6B7785"

__all__ = [
    "ID_ROLE",
    "SEARCH_ROLE",
    "SORT_ROLE",
    "PeopleRow",
    "PeopleTableModel",
    "RowBuilder",
    "SearchProxy",
]


@dataclass(frozen=True)
class PeopleRow:
    id: int
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]
    search: str
    muted: bool = False  # leavers: shown, but greyed


class PeopleTableModel(DynamicColumnsModel[PeopleRow]):
    """Pupils, contacts or staff: the name first, then the columns of that kind of person.

    The page builds each row's cells and sort keys and passes the headings with the rows, so
    switching between pupils, contacts and staff is one model reset.
    """

    class Columns(IntEnum):
        NAME = 0

    headers = {Columns.NAME: "Name"}

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.set_dynamic_headers(headers[1:])

    def set_rows(self, headers: Sequence[str], rows: Iterable[PeopleRow]) -> None:  # type: ignore[override]
        """The headings (the name first) and the rows of one kind of person."""
        with self.resetting():
            self.set_dynamic_headers(headers[1:])
            self._rows = list(rows)

    def clear(self) -> None:
        with self.resetting():
            self._rows = []

    def display(self, row: PeopleRow, column: int) -> str:
        return row.cells[column]

    def sort_key(self, row: PeopleRow, column: int) -> Any:
        return row.sort_keys[column]

    def extra(self, row: PeopleRow, column: int, role: int) -> Any:
        if role == SEARCH_ROLE:
            return row.search
        if role == Qt.ItemDataRole.ForegroundRole and row.muted:
            return QBrush(QColor(MUTED_GREY))
        return None


class SearchProxy(QSortFilterProxyModel):
    """Every word typed must appear in the row's search key (accent- and case-insensitive)."""

    def __init__(self, parent: Any = None) -> None:
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
