"""Pupils x purposes table: every cell shows a symbol AND a word, colour only as a help."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.consent import ConsentPurpose, ConsentState
from schooldp.domain.people import Pupil, search_key
from schooldp.services.consent import ConsentMatrix, MatrixRow, short_title

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
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
FIXED_COLUMNS = 2  # pupil, class


def cell_text(state: ConsentState) -> str:
    return f"{state.symbol} {state.short}"


class ConsentMatrixModel(QAbstractTableModel):
    """Rows are the pupils the filter lets through; filtering is a list of indexes (fast)."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.purposes: tuple[ConsentPurpose, ...] = ()
        self.all_rows: tuple[MatrixRow, ...] = ()
        self.visible: list[int] = []
        self._brushes = {s: QBrush(QColor(c)) for s, c in STATE_COLOURS.items()}
        self._headers: list[str] = []

    # ---- data in ---------------------------------------------------------------------------
    def set_matrix(self, matrix: ConsentMatrix | None) -> None:
        self.beginResetModel()
        if matrix is None:
            self.purposes, self.all_rows = (), ()
        else:
            self.purposes, self.all_rows = matrix.purposes, matrix.rows
        self._headers = ["Pupil", "Class", *(short_title(p) for p in self.purposes)]
        self.visible = list(range(len(self.all_rows)))
        self.endResetModel()

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
        out: list[int] = []
        for i, row in enumerate(self.all_rows):
            p = row.pupil
            if year_group and p.year_group.value != year_group:
                continue
            if reg_group and p.reg_group != reg_group:
                continue
            if wanted is not None:
                if purpose_index is not None:
                    if row.statuses[purpose_index].state not in wanted:
                        continue
                elif not any(s.state in wanted for s in row.statuses):
                    continue
            if words:
                hay = p.search_text
                if not all(w in hay for w in words):
                    continue
            out.append(i)
        self.beginResetModel()
        self.visible = out
        self.endResetModel()

    # ---- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self.purposes)

    def row_at(self, row: int) -> MatrixRow:
        return self.all_rows[self.visible[row]]

    def pupil_at(self, row: int) -> Pupil:
        return self.row_at(row).pupil

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        col = index.column()
        if col < FIXED_COLUMNS:
            pupil = row.pupil
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return pupil.display_name if col == 0 else (pupil.reg_group or pupil.year_group.label)
            if role == SORT_ROLE:
                return pupil.legal_last_name.casefold() if col == 0 else pupil.reg_group
            return None
        status = row.statuses[col - FIXED_COLUMNS]
        state = status.state
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(state)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[state]
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.purposes[col - FIXED_COLUMNS].title}: {state.label}. {status.reason}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.purposes[col - FIXED_COLUMNS].title}: {state.label}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (STATE_ROLE, SORT_ROLE):
            return state.value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIXED_COLUMNS:
            p = self.purposes[section - FIXED_COLUMNS]
            return f"{p.title}. {p.description}"
        return None
