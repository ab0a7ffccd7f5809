"""What every table-model test asks: keys Qt can sort, and the order a user sees after sorting."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt

from schooldp.ui.models.base import SORT_ROLE


def sorted_column(
    model: QAbstractItemModel,
    column: int,
    role: int = SORT_ROLE,
    order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
) -> list[str]:
    """The texts of `column` as a view shows them once the user sorts by it (a plain proxy)."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(role)
    proxy.sort(int(column), order)
    return [proxy.index(r, int(column)).data() for r in range(proxy.rowCount())]


def assert_sortable(model: QAbstractItemModel, role: int = SORT_ROLE) -> None:
    """Every sort key is a value Qt can compare (a Python tuple sorts in no useful order)."""
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            key = model.index(r, c).data(role)
            assert isinstance(key, str | int | float), (r, c, key)


def header_texts(model: QAbstractItemModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
