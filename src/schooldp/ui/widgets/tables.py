"""How SchoolDP's tables are set up: one place for the view options every register repeats."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QObject, QSortFilterProxyModel, Qt
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
