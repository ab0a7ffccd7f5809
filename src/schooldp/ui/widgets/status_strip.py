"""The main window's status bar: school, account and lock state always shown, the attention
count in its own button, and Lock now. Nothing ever replaces them with a passing message."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QStatusBar, QToolButton, QWidget

from schooldp.ui.icons import icon


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class StatusStrip(QWidget):
    """Builds its widgets into a QStatusBar; the window keeps the labels as attributes."""

    attention_clicked = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.hide()  # only a holder for the signal; the widgets live in the bar itself
        self.state_icon = QLabel()
        self.state_icon.setAccessibleName("Lock state icon")
        self.state_label = QLabel()
        self.school_label = QLabel()
        self.account_label = QLabel()
        for label, name in (
            (self.school_label, "School"),
            (self.account_label, "Account"),
            (self.state_label, "Lock state"),
        ):
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.attention = QToolButton()
        self.attention.setIcon(icon("attention"))
        self.attention.setIconSize(QSize(16, 16))
        self.attention.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attention.setAutoRaise(True)
        self.attention.setAccessibleName("Items needing attention")
        self.attention.clicked.connect(self.attention_clicked)
        self.attention.hide()
        self.lock_button = QPushButton("Lock now")
        self.lock_button.setIcon(icon("lock"))
        self.lock_button.setAccessibleName("Lock now (Ctrl+L)")
        self.lock_button.setToolTip("Lock SchoolDP now (Ctrl+L)")
        bar.setSizeGripEnabled(True)
        for widget in (self.school_label, _separator(), self.account_label):
            bar.addWidget(widget)
        for widget in (self.attention, self.state_icon, self.state_label, self.lock_button):
            bar.addPermanentWidget(widget)

    def set_state(self, text: str, locked: bool | None) -> None:
        """The lock state in words, with a padlock icon (none when no file is open)."""
        self.state_label.setText(text)
        if locked is None:
            self.state_icon.clear()
            return
        self.state_icon.setPixmap(icon("lock" if locked else "unlock").pixmap(QSize(16, 16)))

    def set_attention(self, count: int | None, detail: str = "") -> None:
        """The count of overdue and due-today items (hidden while locked or when none)."""
        if not count:
            self.attention.hide()
            return
        words = "1 item needs attention" if count == 1 else f"{count} items need attention"
        self.attention.setText(words)
        self.attention.setToolTip(f"{words}. Open the dashboard." + (f"\n{detail}" if detail else ""))
        self.attention.setAccessibleName(words)
        self.attention.show()
