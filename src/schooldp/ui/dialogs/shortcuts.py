"""Help > Keyboard shortcuts: every key SchoolDP answers to, on one page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from schooldp.ui.sections import NUMBERED, SECTIONS
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.tables import setup_table

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+L", "Lock SchoolDP now"),
    *((f"Ctrl+{i}", f"Go to {name}") for i, name in enumerate(SECTIONS[:NUMBERED], start=1)),
    ("F1", "This list of keyboard shortcuts"),
    ("Alt + underlined letter", "Press that button or move to that field"),
    ("Tab / Shift+Tab", "Next / previous field or button"),
    ("Up / Down in the sections list", "Move between sections"),
    ("Enter on a table row", "Open that record"),
    ("Space", "Tick or untick a box; press the focused button"),
    ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab"),
    ("Escape", "Close a dialog without saving (a preview closes as Close does)"),
    ("Alt+N / Alt+B in a wizard", "Next / Back"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        fit_resize(self, 620, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(subtitle("Everything in SchoolDP can be done from the keyboard."))
        self.table = setup_table(QTableWidget(len(SHORTCUTS), 2), "Keyboard shortcuts", read_only=True)
        self.table.setHorizontalHeaderLabels(["Keys", "What they do"])
        for row, (keys, what) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
