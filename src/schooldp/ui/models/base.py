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

A table whose columns come with the data (one per consent purpose) subclasses
`DynamicColumnsModel`: its `Columns` name the leading columns, the rest are set with the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The value a proxy sorts by (a date sorts as a date, not as its text)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The vault id of the record a row shows."""
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 3
"""The reference a person sees for the record (SAR-2026-005, BR-2026-003)."""
FIRST_MODEL_ROLE = Qt.ItemDataRole.UserRole + 16
"""A role only one model has (a consent state, a search key) starts here, clear of the shared ones."""

Index = QModelIndex | QPersistentModelIndex

_ROOT = QModelIndex()

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
        with self.resetting():
            self._rows = list(rows)

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

    @contextmanager
    def resetting(self) -> Iterator[None]:
        """Change rows and whatever else the cells read (a date, names) in one model reset."""
        self.beginResetModel()
        try:
            yield
        finally:
            self.endResetModel()

    # ---- what a subclass says -----------------------------------------------------------------
    def display(self, row: RowT, column: int) -> str:
        """The text shown in one cell."""
        raise NotImplementedError

    def accessible_text(self, row: RowT, column: int) -> str:
        """What a screen reader says for the cell; the shown text unless a subclass says more."""
        return self.display(row, column)

    def tooltip(self, row: RowT, column: int) -> str | None:
        text = self.display(row, column)
        return text or None

    def sort_key(self, row: RowT, column: int) -> Any:
        """A str, int or float: a plain QSortFilterProxyModel compares these. A Python tuple
        reaches Qt as an opaque object and sorts in no useful order, so fold keys into one value."""
        return self.display(row, column).casefold()

    def record_id(self, row: RowT) -> Any:
        return getattr(row, "id", None)

    def reference(self, row: RowT) -> str | None:
        value = getattr(row, "reference", None)
        return value if isinstance(value, str) else None

    def extra(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (colour, font, alignment, check state). None by default."""
        return None

    # ---- the columns --------------------------------------------------------------------------
    def column_count(self) -> int:
        return len(self.Columns)

    def header(self, column: int) -> str:
        return self.headers[self.Columns(column)]

    def header_tooltip(self, column: int) -> str | None:
        return self.header(column)

    # ---- Qt plumbing --------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.column_count()

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < self.column_count()):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tooltip(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < self.column_count()):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(row, column)
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
    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """`model.cell(0, Model.Columns.TITLE)`: one cell by its named column."""
        return self.data(self.index(row, int(column)), role)

    def column_texts(self, column: int) -> Sequence[str]:
        return [self.display(r, int(column)) for r in self._rows]


class DynamicColumnsModel(RowTableModel[RowT]):
    """Named leading columns, then one column per thing the data brings (a consent purpose).

    `Columns` and `headers` name the fixed columns; `set_dynamic_headers` (inside a reset) sets
    the rest. `dynamic_index(column)` turns a column number into a position among the dynamic ones.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._dynamic_headers: tuple[str, ...] = ()

    @property
    def fixed_count(self) -> int:
        return len(self.Columns)

    def set_dynamic_headers(self, headers: Iterable[str]) -> None:
        """Call inside `resetting()`: the column count changes with the headers."""
        self._dynamic_headers = tuple(headers)

    def dynamic_index(self, column: int) -> int | None:
        """The position among the dynamic columns, or None for a fixed column."""
        return column - self.fixed_count if column >= self.fixed_count else None

    def column_count(self) -> int:
        return self.fixed_count + len(self._dynamic_headers)

    def header(self, column: int) -> str:
        dynamic = self.dynamic_index(column)
        return super().header(column) if dynamic is None else self._dynamic_headers[dynamic]
