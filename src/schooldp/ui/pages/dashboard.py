"""Dashboard: everything that needs attention, most urgent first, with counts at a glance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.deadlines import DeadlineStatus, london_now
from schooldp.services.dashboard import attention
from schooldp.ui.models.attention import AttentionModel
from schooldp.ui.pages.base import Page, heading_row, page_layout
from schooldp.ui.style import AMBER, GREEN, MUTED, RED, set_role
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.tables import fit_columns, register_view


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
        self.now_fn: Callable[[], datetime] | None = None
        """Overrides the school session's clock when set."""
        layout = page_layout(self)
        self.report_button = QPushButton("Annual &report…")
        self.report_button.setAccessibleName("Annual report and governors' summary")
        layout.addLayout(heading_row("Dashboard", self.report_button))
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
        self.table = register_view(
            self.model, "Things that need attention", alternating=True, stretch=AttentionModel.Columns.WHAT
        )
        layout.addWidget(self.table, 1)
        self.empty = subtitle("Nothing needs attention. Well done.")
        layout.addWidget(self.empty)
        self.table.activated.connect(self._activated)

    def now(self) -> datetime:
        """The moment the dashboard counts from: the school session's clock (London time)."""
        if self.now_fn is not None:
            return self.now_fn()
        return self.session.clock.london_now() if self.session is not None else london_now()

    def refresh(self) -> None:
        if self.session is None or self.session.locked:
            return
        view = attention(self.session, self.now())
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
        c = AttentionModel.Columns
        fit_columns(self.table, c.WHAT, essential=(c.STATUS, c.REFERENCE, c.DUE))

    def clear(self) -> None:
        super().clear()
        self.model.set_attention(None)
        for t in (self.overdue, self.today, self.soon, self.waiting):
            t.set(0)

    def annual_report(self) -> None:
        if self.session is None or self.session.locked:
            return
        from schooldp.ui.dialogs.annual_report import AnnualReportDialog

        AnnualReportDialog(self.session, self, self.now().date()).exec()

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        self.open_record.emit(item.area, item.record_id)
