"""The first screen: create a school file, open one, or pick a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import button_row, centred_card, subtitle, title


class StartPage(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(Path)
    demo_requested = Signal()
    server_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = centred_card(self, 620)
        box.addWidget(title("Welcome to SchoolDP"))
        box.addWidget(
            subtitle(
                "Breaches, subject access and other rights requests, and consents: your school's "
                "data-protection duties in one encrypted file on this computer. Nothing is sent "
                "over the internet."
            )
        )
        self.create_button = QPushButton("&Create a school file…")
        set_role(self.create_button, "primary")
        self.open_button = QPushButton("&Open a school file…")
        self.demo_button = QPushButton("Try the &demo school")
        box.addLayout(button_row(left=(self.create_button, self.open_button, self.demo_button)))
        self.server_button = QPushButton("Connect to the &trust's server…")
        self.server_button.setToolTip(
            "For schools in a trust whose IT staff keep the records on the trust's own server"
        )
        box.addLayout(button_row(left=(self.server_button,)))
        self.recent_label = subtitle("Recently opened:")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recently opened school files")
        self.recent.setMaximumHeight(140)
        box.addWidget(self.recent_label)
        box.addWidget(self.recent)
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.server_button.clicked.connect(self.server_requested)
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        existing = [p for p in paths if Path(p).exists()]
        for p in existing:
            item = QListWidgetItem(f"{Path(p).stem}    —    {p}")
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(item)
        self.recent.setVisible(bool(existing))
        self.recent_label.setVisible(bool(existing))
