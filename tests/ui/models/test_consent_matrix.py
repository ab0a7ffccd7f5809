"""The consent matrix: one row per pupil, one column per purpose, each cell a symbol and a word."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from schooldp.domain.consent import DEFAULT_PURPOSES, ConsentState, ConsentStatus
from schooldp.domain.people import Pupil, YearGroup
from schooldp.services.consent import ConsentMatrix, MatrixRow
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.consent_matrix import (
    FIXED_COLUMNS,
    SORT_ROLE,
    STATE_COLOURS,
    STATE_ROLE,
    ConsentMatrixModel,
    cell_text,
)
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

C = ConsentMatrixModel.Columns
PURPOSES = DEFAULT_PURPOSES[:3]  # in school, outside school, online
G, R, W, A = ConsentState.GIVEN, ConsentState.REFUSED, ConsentState.WITHDRAWN, ConsentState.AWAITING_REPLY


def pupil(id: int, first: str, last: str, year: YearGroup, reg: str, preferred: str = "") -> Pupil:
    return Pupil(
        f"A{id:03d}", first, last, date(2017, 3, 1), year, reg, preferred_first_name=preferred, id=id
    )


def row(p: Pupil, *states: ConsentState) -> MatrixRow:
    return MatrixRow(p, tuple(ConsentStatus(s, f"{s.label} by a parent") for s in states))


def matrix() -> ConsentMatrix:
    return ConsentMatrix(
        purposes=PURPOSES,
        rows=(
            row(pupil(1, "Amelia", "Brown", YearGroup.Y3, "3B", preferred="Millie"), G, R, G),
            row(pupil(2, "Ben", "Carter", YearGroup.Y3, "3A"), G, G, W),
            row(pupil(3, "Chloe", "Ahmed", YearGroup.Y4, ""), A, A, A),
        ),
        today=date(2026, 11, 20),
    )


def test_empty_model_has_only_the_pupil_and_class_columns() -> None:
    model = ConsentMatrixModel()
    assert model.rowCount() == 0
    assert header_texts(model) == ["Pupil", "Class"]
    assert FIXED_COLUMNS == len(C) == 2


def test_a_column_per_purpose_with_its_description_as_tooltip() -> None:
    model = ConsentMatrixModel()
    model.set_matrix(matrix())
    assert model.columnCount() == 2 + 3
    assert header_texts(model) == ["Pupil", "Class", "In school", "Outside school", "Online"]
    tip = model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert (
        tip
        == "Photos and videos in school. Displays, notice boards, school magazines, brochures and newsletters."
    )
    assert model.headerData(C.PUPIL, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None
    model.clear()
    assert model.rowCount() == 0 and model.columnCount() == 2


def test_each_cell_by_named_column_and_purpose() -> None:
    model = ConsentMatrixModel()
    model.set_matrix(matrix())
    assert model.cell(0, C.PUPIL) == "Millie Brown"
    assert model.cell(0, C.CLASS) == "3B"
    assert model.cell(2, C.CLASS) == "Year 4"  # no registration group: the year group
    assert model.cell(0, FIXED_COLUMNS + 1) == "✗ No"
    assert model.cell(1, FIXED_COLUMNS + 2) == "⊘ Withdrawn"
    assert model.cell(2, FIXED_COLUMNS) == cell_text(A) == "… Awaiting"
    # A screen reader hears the purpose and the full state; the tooltip adds the reason.
    assert model.cell(0, FIXED_COLUMNS + 1, Qt.ItemDataRole.AccessibleTextRole) == (
        "Photos and videos outside school: Consent refused"
    )
    assert model.cell(0, FIXED_COLUMNS + 1, Qt.ItemDataRole.ToolTipRole) == (
        "Photos and videos outside school: Consent refused. Consent refused by a parent"
    )
    assert model.cell(0, C.PUPIL, Qt.ItemDataRole.AccessibleTextRole) == "Millie Brown"
    assert model.cell(0, C.PUPIL, Qt.ItemDataRole.ToolTipRole) is None
    assert model.pupil_at(1).legal_first_name == "Ben"


def test_colour_only_helps_the_symbol_and_word() -> None:
    model = ConsentMatrixModel()
    model.set_matrix(matrix())
    refused = model.cell(0, FIXED_COLUMNS + 1, Qt.ItemDataRole.BackgroundRole)
    assert refused.color().name().upper() == STATE_COLOURS[R].upper()
    assert model.cell(0, FIXED_COLUMNS + 1, Qt.ItemDataRole.ForegroundRole).color().name() == "#1a1a1a"
    assert model.cell(0, FIXED_COLUMNS, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter
    )
    assert model.cell(0, FIXED_COLUMNS + 1, STATE_ROLE) == "refused"
    assert model.cell(0, C.PUPIL, Qt.ItemDataRole.BackgroundRole) is None


def test_filters_by_year_class_state_and_search() -> None:
    model = ConsentMatrixModel()
    model.set_matrix(matrix())
    model.set_filter(year_group="Y3")
    assert [model.pupil_at(r).id for r in range(model.rowCount())] == [1, 2]
    model.set_filter(reg_group="3A")
    assert [model.pupil_at(r).id for r in range(model.rowCount())] == [2]
    model.set_filter(states=[W])  # withdrawn for any purpose
    assert [model.pupil_at(r).id for r in range(model.rowCount())] == [2]
    model.set_filter(purpose_index=1, states=[G])  # given for photos outside school
    assert [model.pupil_at(r).id for r in range(model.rowCount())] == [2]
    model.set_filter(search="millie")
    assert [model.pupil_at(r).id for r in range(model.rowCount())] == [1]
    assert model.cell(0, C.PUPIL) == "Millie Brown"
    model.set_filter()
    assert model.rowCount() == 3 and len(model.all_rows) == 3


def test_sorts_by_surname_and_ids_are_pupil_ids() -> None:
    model = ConsentMatrixModel()
    model.set_matrix(matrix())
    assert_sortable(model)
    # By legal surname (Ahmed, Brown, Carter), whatever name the pupil is known by.
    assert sorted_column(model, C.PUPIL, SORT_ROLE) == ["Chloe Ahmed", "Millie Brown", "Ben Carter"]
    assert model.cell(1, FIXED_COLUMNS, SORT_ROLE) == "given"
    assert [model.cell(r, C.PUPIL, ID_ROLE) for r in range(3)] == [1, 2, 3]


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ConsentMatrixModel()
    qtmodeltester.check(model)
    model.set_matrix(matrix())
    qtmodeltester.check(model)
    model.set_filter(year_group="Y3")
    qtmodeltester.check(model)
