"""Withdrawal follow-up tasks: due date first, overdue ones said in words, not only colour."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from schooldp.documents.templates import uk_date
from schooldp.services.consent import FollowUpTask


class ConsentTasksModel(QAbstractTableModel):
    HEADERS = ("Due", "Task", "Pupil", "Purpose", "Done")

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.tasks: list[FollowUpTask] = []
        self.names: dict[int, str] = {}
        self.today = date.today()

    def set_tasks(self, tasks: list[FollowUpTask], names: dict[int, str], today: date) -> None:
        self.beginResetModel()
        self.tasks, self.names, self.today = list(tasks), dict(names), today
        self.endResetModel()

    def clear(self) -> None:
        self.set_tasks([], {}, self.today)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        t = self.tasks[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                due = uk_date(t.due_on)
                if t.is_overdue(self.today):
                    return f"⚠ Overdue: {due}"
                return f"Today: {due}" if t.is_open and t.due_on == self.today else due
            if col == 1:
                return t.title
            if col == 2:
                return self.names.get(t.pupil_id, f"Pupil {t.pupil_id}")
            if col == 3:
                return t.purpose_title
            return f"✓ {uk_date(t.done_on)} by {t.done_by}" if t.done_on else "Open"
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and t.is_overdue(self.today):
            return QBrush(QColor("#B00020"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return t.detail or t.title
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
