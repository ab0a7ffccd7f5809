"""The shared base: named columns, headers, roles, replace_row and a dynamic-columns table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QModelIndex, Qt

from schooldp.ui.models.base import ID_ROLE, REFERENCE_ROLE, SORT_ROLE, DynamicColumnsModel, RowTableModel
from tests.ui.models.checks import header_texts


@dataclass(frozen=True)
class Thing:
    id: int
    reference: str
    name: str
    scores: tuple[int, ...] = ()


class ThingModel(RowTableModel[Thing]):
    class Columns(IntEnum):
        REFERENCE = 0
        NAME = 1

    headers = {Columns.REFERENCE: "Reference", Columns.NAME: "Name"}

    def display(self, row: Thing, column: int) -> str:
        return row.reference if column == self.Columns.REFERENCE else row.name


class ScoresModel(DynamicColumnsModel[Thing]):
    class Columns(IntEnum):
        NAME = 0

    headers = {Columns.NAME: "Name"}

    def show(self, subjects: list[str], rows: list[Thing]) -> None:
        with self.resetting():
            self.set_dynamic_headers(subjects)
            self._rows = rows

    def display(self, row: Thing, column: int) -> str:
        subject = self.dynamic_index(column)
        return row.name if subject is None else str(row.scores[subject])


THINGS = [Thing(7, "T-002", "beta", (3, 9)), Thing(8, "T-001", "Alpha", (5, 1))]


def test_headers_roles_and_defaults() -> None:
    model = ThingModel()
    model.set_rows(THINGS)
    assert header_texts(model) == ["Reference", "Name"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Reference"
    assert model.cell(0, ThingModel.Columns.NAME) == "beta"
    assert model.cell(1, ThingModel.Columns.NAME, SORT_ROLE) == "alpha"  # text sorts without case
    assert model.cell(0, ThingModel.Columns.NAME, ID_ROLE) == 7
    assert model.cell(0, ThingModel.Columns.NAME, REFERENCE_ROLE) == "T-002"
    assert model.cell(0, ThingModel.Columns.NAME, Qt.ItemDataRole.AccessibleTextRole) == "beta"
    assert model.column_texts(ThingModel.Columns.REFERENCE) == ["T-002", "T-001"]
    assert model.data(model.index(5, 0)) is None and model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0  # a flat table: no children


def test_replace_row_keeps_the_rest_and_signals_the_row() -> None:
    model = ThingModel()
    model.set_rows(THINGS)
    changed: list[tuple[int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), a.column(), b.column())))
    model.replace_row(1, Thing(8, "T-001", "Alpha two"))
    assert model.cell(1, ThingModel.Columns.NAME) == "Alpha two"
    assert changed == [(1, 0, 1)]


def test_dynamic_columns_follow_the_data(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ScoresModel()
    assert header_texts(model) == ["Name"]
    model.show(["Maths", "Art"], THINGS)
    assert header_texts(model) == ["Name", "Maths", "Art"]
    assert model.cell(0, 2) == "9" and model.cell(1, 1) == "5"
    assert model.dynamic_index(0) is None and model.dynamic_index(2) == 1
    qtmodeltester.check(model)
    model.show([], [])
    assert model.columnCount() == 1 and model.rowCount() == 0
