"""One base for every table in SchoolDP (the pattern of Electrum's `MyTreeView` models).

A subclass declares its columns as an `IntEnum` and their headings, and says how one row shows
in one column; the plumbing (row count, headers, accessibility text, tooltips, the sort key and
the record id roles) is written once here. Rows are typed: `RowTableModel[RegisterRow]`.

    class BreachRegisterModel(RowTableModel[RegisterRow]):
        class Columns(IntEnum):
            REFERENCE = 0
            TITLE = 1
        headers = {Columns.REFERENCE: "Reference", Columns.TITLE: "Title"}

        def display(self, row: RegisterRow, column: int) -> str:
            ...
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The value a proxy sorts by (a date sorts as a date, not as its text)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The vault id of the record a row shows."""
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 3
"""The reference a person sees for the record (SAR-2026-005, BR-2026-003)."""

_ROOT = QModelIndex()
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)

RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat table of typed rows with named columns."""

    Columns: ClassVar[type[IntEnum]]
    headers: ClassVar[Mapping[Any, str]]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # ---- rows ---------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    @property
    def rows(self) -> list[RowT]:
        return list(self._rows)

    def replace_row(self, row: int, value: RowT) -> None:
        """Change one row in place (the view keeps its selection and scroll position)."""
        self._rows[row] = value
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    # ---- what a subclass says -----------------------------------------------------------------
    def display(self, row: RowT, column: int) -> str:
        """The text shown in one cell (also read by screen readers)."""
        raise NotImplementedError

    def tooltip(self, row: RowT, column: int) -> str | None:
        text = self.display(row, column)
        return text or None

    def sort_key(self, row: RowT, column: int) -> Any:
        return self.display(row, column).casefold()

    def record_id(self, row: RowT) -> Any:
        return getattr(row, "id", None)

    def reference(self, row: RowT) -> str | None:
        value = getattr(row, "reference", None)
        return value if isinstance(value, str) else None

    def extra(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (colour, font, alignment, check state). None by default."""
        return None

    # ---- Qt plumbing --------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.Columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.Columns)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.headers[self.Columns(section)]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.Columns)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in _TEXT_ROLES:
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == ID_ROLE:
            return self.record_id(row)
        if role == REFERENCE_ROLE:
            return self.reference(row)
        return self.extra(row, column, role)

    # ---- helpers for views and tests ----------------------------------------------------------
    def cell(self, row: int, column: IntEnum, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.data(self.index(row, int(column)), role)

    def column_texts(self, column: IntEnum) -> Sequence[str]:
        return [self.display(r, int(column)) for r in self._rows]
