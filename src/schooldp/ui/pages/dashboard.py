"""Dashboard: everything that needs attention, most urgent first, with counts at a glance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.deadlines import DeadlineStatus, describe_time_left, format_due, london_now
from schooldp.services.dashboard import Attention, AttentionItem, attention
from schooldp.ui.pages.base import Page
from schooldp.ui.style import AMBER, GREEN, MUTED, RED, set_role
from schooldp.ui.widgets.forms import subtitle, title

_ROOT = QModelIndex()
_AREA = {"breach": "Breach", "request": "Request", "consent": "Consent"}
_SYMBOL = {
    DeadlineStatus.OVERDUE: "⚠ Overdue",
    DeadlineStatus.DUE_TODAY: "● Due today",
    DeadlineStatus.UPCOMING: "○ Coming up",
    DeadlineStatus.PAUSED: "⏸ Waiting",
}
_COLOUR = {
    DeadlineStatus.OVERDUE: RED,
    DeadlineStatus.DUE_TODAY: AMBER,
    DeadlineStatus.UPCOMING: GREEN,
    DeadlineStatus.PAUSED: MUTED,
}


class AttentionModel(QAbstractTableModel):
    HEADERS = ("Status", "Register", "Reference", "What", "Due", "Time left")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view: Attention | None = None

    def set_attention(self, view: Attention | None) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    @property
    def items(self) -> list[AttentionItem]:
        return self.view.items if self.view else []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self.view is None:
            return None
        item = self.items[index.row()]
        d = item.deadline
        status = d.status(self.view.now)
        if role == Qt.ItemDataRole.DisplayRole:
            col = index.column()
            if col == 0:
                return _SYMBOL.get(status, status.label)
            if col == 1:
                return _AREA.get(item.area, item.area)
            if col == 2:
                return d.ref
            if col == 3:
                return d.title
            if col == 4:
                return format_due(d.due) if d.due is not None else "—"
            return (
                d.describe(self.view.now)
                if d.due is None or d.paused
                else describe_time_left(d.due, self.view.now)
            )
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            return QBrush(QColor(_COLOUR.get(status, MUTED)))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{status.label}: {d.title}, {d.ref}"
        return None


class _Tile(QFrame):
    def __init__(self, caption: str, colour: str) -> None:
        super().__init__()
        set_role(self, "card")
        box = QVBoxLayout(self)
        self.number = QLabel("0")
        self.number.setStyleSheet(f"font-size: 26pt; font-weight: 600; color: {colour};")
        self.caption = QLabel(caption)
        box.addWidget(self.number)
        box.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set(self, n: int) -> None:
        self.number.setText(str(n))
        self.setAccessibleDescription(f"{n} {self.caption.text()}")


class DashboardPage(Page):
    title_text = "Dashboard"
    open_record = Signal(str, int)  # area, record id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now_fn: Callable[[], datetime] = london_now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        head = QHBoxLayout()
        head.addWidget(title("Dashboard"))
        head.addStretch()
        self.report_button = QPushButton("Annual &report…")
        self.report_button.setAccessibleName("Annual report and governors' summary")
        head.addWidget(self.report_button)
        layout.addLayout(head)
        self.summary = subtitle("")
        layout.addWidget(self.summary)
        self.report_button.clicked.connect(self.annual_report)
        tiles = QGridLayout()
        self.overdue = _Tile("overdue", RED)
        self.today = _Tile("due today", AMBER)
        self.soon = _Tile("due in the next 7 days", GREEN)
        self.waiting = _Tile("waiting (clock paused)", MUTED)
        for i, t in enumerate((self.overdue, self.today, self.soon, self.waiting)):
            tiles.addWidget(t, 0, i)
        layout.addLayout(tiles)
        self.model = AttentionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Things that need attention")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.empty = subtitle("Nothing needs attention. Well done.")
        layout.addWidget(self.empty)
        self.table.activated.connect(self._activated)

    def refresh(self) -> None:
        if self.session is None or self.session.locked:
            return
        view = attention(self.session, self.now_fn())
        self.model.set_attention(view)
        c = view.counts
        self.overdue.set(c.get(DeadlineStatus.OVERDUE, 0))
        self.today.set(c.get(DeadlineStatus.DUE_TODAY, 0))
        self.soon.set(c.get(DeadlineStatus.UPCOMING, 0))
        self.waiting.set(c.get(DeadlineStatus.PAUSED, 0))
        self.empty.setVisible(not view.items)
        self.summary.setText(
            f"{view.now.astimezone():%A %d %B %Y, %H:%M}. Overdue items always come first; "
            "double-click or press Enter on an item to open it."
        )
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def clear(self) -> None:
        super().clear()
        self.model.set_attention(None)
        for t in (self.overdue, self.today, self.soon, self.waiting):
            t.set(0)

    def annual_report(self) -> None:
        if self.session is None or self.session.locked:
            return
        from schooldp.ui.dialogs.annual_report import AnnualReportDialog

        AnnualReportDialog(self.session, self, self.now_fn().date()).exec()

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.items[index.row()]
        self.open_record.emit(item.area, item.record_id)
