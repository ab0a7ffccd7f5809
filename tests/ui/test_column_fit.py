"""Columns sized from header and rows: the descriptive one stretches, essential ones keep their
width, the rest shrink before a horizontal scrollbar would appear."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from schooldp.ui.widgets.tables import NARROWEST, _shrink, fit_columns


def test_shrink_caps_the_widest_columns_to_fit() -> None:
    assert _shrink({0: 100, 1: 300}, 500) == {0: 100, 1: 300}
    assert _shrink({0: 100, 1: 300, 2: 200}, 400) == {0: 100, 1: 150, 2: 150}
    assert min(_shrink({0: 300, 1: 300}, 10).values()) == NARROWEST


def test_fit_columns_keeps_essential_columns_and_no_horizontal_scrollbar(qtbot) -> None:
    model = QStandardItemModel(3, 4)
    model.setHorizontalHeaderLabels(["Reference", "Title", "Clock", "Cause"])
    for r in range(3):
        for c, text in enumerate(
            ["BR-2026-001", "A long title " * 4, "19 h 59 min left to report", "Cause " * 8]
        ):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(620, 200)
    view.show()
    fit_columns(view, 1, essential=(0, 2))
    natural_clock = view.sizeHintForColumn(2)
    assert view.columnWidth(2) >= natural_clock  # the deadline is never cut
    assert view.columnWidth(3) < view.sizeHintForColumn(3)  # the cause gave way
    total = sum(view.columnWidth(c) for c in range(4))
    assert total <= view.viewport().width() + 1
    assert not view.horizontalScrollBar().isVisible()
