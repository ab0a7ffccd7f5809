"""How SchoolDP's tables are set up: one place for the view options every register repeats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

from schooldp.ui.models.base import SORT_ROLE

TableT = TypeVar("TableT", bound=QTableView)


def setup_table(
    table: TableT,
    name: str,
    *,
    model: QAbstractItemModel | None = None,
    select_rows: bool = False,
    single: bool = False,
    read_only: bool = False,
    sortable: bool = False,
    sort_by: int | None = None,
    alternating: bool = False,
    stretch: int | None = None,
    stretch_last: bool = False,
    row_numbers: bool = False,
) -> TableT:
    """Give a table its accessible name and the options asked for; returns the same table.

    `sort_by` sorts that column newest first; `stretch` gives one column the spare width.
    """
    if model is not None:
        table.setModel(model)
    table.setAccessibleName(name)
    if select_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if read_only:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if sortable or sort_by is not None:
        table.setSortingEnabled(True)
    if sort_by is not None:
        table.sortByColumn(sort_by, Qt.SortOrder.DescendingOrder)
    if not row_numbers:
        table.verticalHeader().hide()
    if alternating:
        table.setAlternatingRowColors(True)
    if stretch is not None:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if stretch_last:
        table.horizontalHeader().setStretchLastSection(True)
    return table


def register_view(
    model: QAbstractItemModel,
    name: str,
    *,
    single: bool = True,
    sortable: bool = False,
    sort_by: int | None = None,
    alternating: bool = False,
    stretch: int | None = None,
    stretch_last: bool = False,
) -> QTableView:
    """A register of records: read-only, whole rows selected (one at a time unless `single=False`)."""
    return setup_table(
        QTableView(),
        name,
        model=model,
        select_rows=True,
        single=single,
        read_only=True,
        sortable=sortable,
        sort_by=sort_by,
        alternating=alternating,
        stretch=stretch,
        stretch_last=stretch_last,
    )


def list_table(headers: list[str]) -> QTableWidget:
    """A QTableWidget with these column headings and no rows yet (pass it to `setup_table`)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    return table


def sort_proxy(
    model: QAbstractItemModel, parent: QObject, *, search_all: bool = False
) -> QSortFilterProxyModel:
    """A proxy sorting by the models' sort key; `search_all` filters on any column, any case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    if search_all:
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


SAMPLE_ROWS = 40
"""How many rows a column's width is measured on (with its header), so a long register sizes fast."""
NARROWEST = 56
"""No column is squeezed below this many pixels; its header and cells elide, with tooltips."""


class _ColumnFitter(QObject):
    """Keeps a table's columns at their natural widths while they fit, shrinking the widest ones
    (never the descriptive one below its share) as the table narrows: no horizontal scrollbar."""

    def __init__(self, table: QTableView, stretch: tuple[int, ...], essential: tuple[int, ...]) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self.essential = essential
        self.natural: dict[int, int] = {}
        table.viewport().installEventFilter(self)

    def measure(self) -> None:
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        model = self.table.model()
        count = model.columnCount() if model is not None else 0
        self.natural = {
            c: max(header.sectionSizeFromContents(c).width(), self.table.sizeHintForColumn(c)) + 6
            for c in range(count)
            if not self.table.isColumnHidden(c)
        }
        self.apply()

    def apply(self) -> None:
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        kept = {c: w for c, w in self.natural.items() if c in self.essential and c not in self.stretch}
        others = {c: w for c, w in self.natural.items() if c not in self.stretch and c not in kept}
        descriptive = sum(self.natural.get(c, 0) for c in self.stretch)
        reserve = min(descriptive, max(160 * len(self.stretch), room // 4))
        widths = kept | _shrink(others, room - reserve - sum(kept.values()))
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        for column in self.stretch:
            if column in self.natural:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.natural:
            self.apply()
        return False


def _shrink(widths: dict[int, int], room: int) -> dict[int, int]:
    """Cap the widest columns at one width so the total fits `room` (none below NARROWEST)."""
    if room <= 0 or sum(widths.values()) <= room:
        return dict(widths)
    low, high = NARROWEST, max(widths.values(), default=NARROWEST)
    while low < high:  # the largest cap whose total still fits
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths.values()) <= room:
            low = cap
        else:
            high = cap - 1
    return {c: max(NARROWEST, min(w, low)) for c, w in widths.items()}


def fit_columns(
    table: QTableView, stretch: int | Iterable[int] | None = None, *, essential: Iterable[int] = ()
) -> None:
    """Size the columns from their header and a sample of rows; `stretch` (the descriptive column,
    or several sharing) takes the spare width; when the table is narrow the widest columns shrink
    and elide instead of pushing anything behind a horizontal scrollbar, except the `essential`
    ones (a reference, a deadline), which keep their width. Call again after the rows change."""
    stretched = () if stretch is None else (int(stretch),) if isinstance(stretch, int) else tuple(stretch)
    fitter = table.findChild(_ColumnFitter)
    if fitter is None:
        fitter = _ColumnFitter(table, stretched, ())
    fitter.stretch, fitter.essential = stretched, tuple(int(c) for c in essential)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    fitter.measure()
