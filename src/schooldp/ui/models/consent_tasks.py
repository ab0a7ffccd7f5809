"""Withdrawal follow-up tasks: due date first, overdue ones said in words, not only colour."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.services.consent import FollowUpTask
from schooldp.services.letters import uk_date
from schooldp.ui.models.base import RowTableModel

OVERDUE_RED = "#B00020"


class ConsentTasksModel(RowTableModel[FollowUpTask]):
    class Columns(IntEnum):
        DUE = 0
        TASK = 1
        PUPIL = 2
        PURPOSE = 3
        DONE = 4

    headers = {
        Columns.DUE: "Due",
        Columns.TASK: "Task",
        Columns.PUPIL: "Pupil",
        Columns.PURPOSE: "Purpose",
        Columns.DONE: "Done",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[int, str] = {}
        self.today: date = SYSTEM_CLOCK.today()

    def set_tasks(self, tasks: Iterable[FollowUpTask], names: Mapping[int, str], today: date) -> None:
        """The tasks, the pupils' names by id, and the day that decides what is overdue."""
        with self.resetting():
            self._rows = list(tasks)
            self.names, self.today = dict(names), today

    def clear(self) -> None:
        self.set_tasks([], {}, self.today)

    @property
    def tasks(self) -> list[FollowUpTask]:
        return self.rows

    def display(self, row: FollowUpTask, column: int) -> str:
        match column:
            case self.Columns.DUE:
                return self._due_text(row)
            case self.Columns.TASK:
                return row.title
            case self.Columns.PUPIL:
                return self.names.get(row.pupil_id, f"Pupil {row.pupil_id}")
            case self.Columns.PURPOSE:
                return row.purpose_title
            case self.Columns.DONE:
                return f"✓ {uk_date(row.done_on)} by {row.done_by}" if row.done_on else "Open"
        return ""

    def _due_text(self, row: FollowUpTask) -> str:
        due = uk_date(row.due_on)
        if row.is_overdue(self.today):
            return f"⚠ Overdue: {due}"
        return f"Today: {due}" if row.is_open and row.due_on == self.today else due

    def tooltip(self, row: FollowUpTask, column: int) -> str | None:
        return row.detail or row.title

    def sort_key(self, row: FollowUpTask, column: int) -> Any:
        if column == self.Columns.DUE:
            return row.due_on.toordinal()
        return super().sort_key(row, column)

    def extra(self, row: FollowUpTask, column: int, role: int) -> Any:
        overdue = column == self.Columns.DUE and row.is_overdue(self.today)
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(QColor(OVERDUE_RED))
        return None
