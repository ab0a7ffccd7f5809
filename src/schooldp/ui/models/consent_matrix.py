"""Pupils x purposes table: every cell shows a symbol AND a word, colour only as a help."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.consent import ConsentPurpose, ConsentState, ConsentStatus
from schooldp.domain.people import Pupil, search_key
from schooldp.services.consent import ConsentMatrix, MatrixRow, short_title
from schooldp.ui.models.base import FIRST_MODEL_ROLE, SORT_ROLE, DynamicColumnsModel

__all__ = [
    "FIXED_COLUMNS",
    "SORT_ROLE",
    "STATE_COLOURS",
    "STATE_ROLE",
    "ConsentMatrixModel",
    "cell_text",
]

# Background tints, chosen to stay readable with black text; the symbol and word carry meaning.
STATE_COLOURS: dict[ConsentState, str] = {
    ConsentState.GIVEN: "#D7EFD8",
    ConsentState.REFUSED: "#F7D4D4",
    ConsentState.WITHDRAWN: "#F3D1E6",
    ConsentState.EXPIRED: "#FCE6C4",
    ConsentState.NEEDS_PUPIL_CONSENT: "#FCE6C4",
    ConsentState.AWAITING_REPLY: "#DDE6F2",
    ConsentState.NOT_ASKED: "#FFFFFF",
    ConsentState.NOT_APPLICABLE: "#EFEFEF",
}
CELL_TEXT_COLOUR = "#1a1a1a"
STATE_ROLE = FIRST_MODEL_ROLE
"""A purpose cell's `ConsentState` value."""


def cell_text(state: ConsentState) -> str:
    return f"{state.symbol} {state.short}"


class ConsentMatrixModel(DynamicColumnsModel[MatrixRow]):
    """Rows are the pupils the filter lets through; filtering is a list of indexes (fast).

    The pupil and class columns are fixed; then one column per purpose, in the school's order.
    """

    class Columns(IntEnum):
        PUPIL = 0
        CLASS = 1

    headers = {Columns.PUPIL: "Pupil", Columns.CLASS: "Class"}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.purposes: tuple[ConsentPurpose, ...] = ()
        self.all_rows: tuple[MatrixRow, ...] = ()
        self.visible: list[int] = []
        self._brushes = {s: QBrush(QColor(c)) for s, c in STATE_COLOURS.items()}
        self._text_brush = QBrush(QColor(CELL_TEXT_COLOUR))

    # ---- data in ---------------------------------------------------------------------------
    def set_matrix(self, matrix: ConsentMatrix | None) -> None:
        with self.resetting():
            if matrix is None:
                self.purposes, self.all_rows = (), ()
            else:
                self.purposes, self.all_rows = matrix.purposes, matrix.rows
            self.set_dynamic_headers(short_title(p) for p in self.purposes)
            self._show(list(range(len(self.all_rows))))

    def clear(self) -> None:
        self.set_matrix(None)

    def set_filter(
        self,
        *,
        year_group: str | None = None,
        reg_group: str | None = None,
        purpose_index: int | None = None,
        states: Sequence[ConsentState] | None = None,
        search: str = "",
    ) -> None:
        """Show only rows matching every filter. A state filter without a purpose means any purpose."""
        wanted = frozenset(states) if states else None
        words = search_key(search).split()

        def keep(row: MatrixRow) -> bool:
            p = row.pupil
            if (year_group and p.year_group.value != year_group) or (reg_group and p.reg_group != reg_group):
                return False
            if wanted is not None and not _has_state(row, wanted, purpose_index):
                return False
            return all(w in p.search_text for w in words)

        with self.resetting():
            self._show([i for i, row in enumerate(self.all_rows) if keep(row)])

    def _show(self, visible: list[int]) -> None:
        self.visible = visible
        self._rows = [self.all_rows[i] for i in visible]

    def pupil_at(self, row: int) -> Pupil:
        return self.row_at(row).pupil

    # ---- one cell --------------------------------------------------------------------------
    def _status(self, row: MatrixRow, column: int) -> tuple[ConsentPurpose, ConsentStatus] | None:
        """The purpose and the pupil's status for a purpose column; None for a fixed column."""
        purpose = self.dynamic_index(column)
        if purpose is None:
            return None
        return self.purposes[purpose], row.statuses[purpose]

    def display(self, row: MatrixRow, column: int) -> str:
        cell = self._status(row, column)
        if cell is not None:
            return cell_text(cell[1].state)
        pupil = row.pupil
        if column == self.Columns.PUPIL:
            return pupil.display_name
        return pupil.reg_group or pupil.year_group.label

    def accessible_text(self, row: MatrixRow, column: int) -> str:
        cell = self._status(row, column)
        if cell is None:
            return self.display(row, column)
        purpose, status = cell
        return f"{purpose.title}: {status.state.label}"

    def tooltip(self, row: MatrixRow, column: int) -> str | None:
        cell = self._status(row, column)
        if cell is None:
            return None
        purpose, status = cell
        return f"{purpose.title}: {status.state.label}. {status.reason}"

    def sort_key(self, row: MatrixRow, column: int) -> Any:
        """Pupils by legal surname, classes by name, purposes by the state's value."""
        cell = self._status(row, column)
        if cell is not None:
            return cell[1].state.value
        if column == self.Columns.PUPIL:
            return row.pupil.legal_last_name.casefold()
        return row.pupil.reg_group

    def record_id(self, row: MatrixRow) -> Any:
        return row.pupil.id

    def extra(self, row: MatrixRow, column: int, role: int) -> Any:
        cell = self._status(row, column)
        if cell is None:
            return None
        state = cell[1].state
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._text_brush
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == STATE_ROLE:
            return state.value
        return None

    # ---- headers ---------------------------------------------------------------------------
    def header_tooltip(self, column: int) -> str | None:
        purpose = self.dynamic_index(column)
        if purpose is None:
            return None
        p = self.purposes[purpose]
        return f"{p.title}. {p.description}"


FIXED_COLUMNS = len(ConsentMatrixModel.Columns)
"""The pupil and class columns before the purposes."""


def _has_state(row: MatrixRow, wanted: frozenset[ConsentState], purpose_index: int | None) -> bool:
    if purpose_index is not None:
        return row.statuses[purpose_index].state in wanted
    return any(s.state in wanted for s in row.statuses)
