"""The base of every dialog that shows a PDF made in memory, with Print…, Save PDF… and Close."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from schooldp.ui.printing import load_pdf
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import button_row


class PdfPreviewDialog(QDialog):
    """A QPdfView reading from memory (never a temp file) and the Print… / Save PDF… / Close row.

    A subclass builds its own layout, puts `pdf_view(...)` in it, shows a document with
    `show_pdf(data)` and adds `actions_row(on_print, on_save)` under it.
    """

    escape_accepts = True
    """Escape closes the preview as Close does (the printing, if any, is already recorded)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: QPdfDocument | None = None
        self._buf: QBuffer | None = None

    def pdf_view(self, accessible_name: str) -> QPdfView:
        self.view = QPdfView()
        self.view.setAccessibleName(accessible_name)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        return self.view

    def show_pdf(self, data: bytes) -> None:
        self._doc, self._buf = load_pdf(data, self)
        self.view.setDocument(self._doc)

    def page_count(self) -> int:
        return self._doc.pageCount() if self._doc is not None else 0

    def actions_row(self, on_print: Callable[[], Any], on_save: Callable[[], Any]) -> QHBoxLayout:
        """The status line, then Print… (the primary action), Save PDF… and Close."""
        self.status = QLabel()
        self.print_button = QPushButton("&Print…")
        set_role(self.print_button, "primary")
        self.save_button = QPushButton("&Save PDF…")
        self.close_button = QPushButton("&Close")
        self.print_button.clicked.connect(on_print)
        self.save_button.clicked.connect(on_save)
        self.close_button.clicked.connect(self.accept)
        return button_row(self.print_button, self.save_button, self.close_button, lead=self.status)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.escape_accepts and event.key() == Qt.Key.Key_Escape:
            self.accept()
            return
        super().keyPressEvent(event)
