"""What every sidebar page offers the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from schooldp.services.school import SchoolSession
from schooldp.ui.widgets.forms import subtitle, title


def page_layout(page: QWidget) -> QVBoxLayout:
    """The page's column, with the margins every sidebar page uses."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 20, 24, 20)
    return layout


def heading_row(text: str, *buttons: QWidget) -> QHBoxLayout:
    """The page title on the left, the page's main buttons on the right."""
    row = QHBoxLayout()
    row.addWidget(title(text))
    row.addStretch()
    for button in buttons:
        row.addWidget(button)
    return row


class Page(QWidget):
    """A sidebar page. set_session() fills it; clear() drops every decrypted value (on lock)."""

    title_text = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: SchoolSession | None = None

    def set_session(self, session: SchoolSession) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        pass

    def clear(self) -> None:
        self.session = None


class ComingSoonPage(Page):
    """An honest placeholder for a feature not built yet: says what it will do, pretends nothing."""

    def __init__(self, heading: str, promise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_text = heading
        layout = page_layout(self)
        layout.addWidget(title(heading))
        note = subtitle(f"Not available in this version yet. {promise}")
        note.setAccessibleName(f"{heading}: not available yet")
        layout.addWidget(note)
        layout.addWidget(QLabel(""))
        layout.addStretch()
