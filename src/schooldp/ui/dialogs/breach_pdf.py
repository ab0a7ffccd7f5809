"""Show a breach printout (ICO report pack, decision record, trends) to print or save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldp.services.breaches import BreachService
from schooldp.services.school import SchoolSession
from schooldp.ui.printing import load_pdf, print_pdf, save_pdf
from schooldp.ui.style import set_role


class BreachPdfDialog(QDialog):
    """A PDF made in memory; Print… and Save PDF… (to a place the DPO chooses) are audited."""

    def __init__(
        self,
        session: SchoolSession,
        breach_id: int | None,
        pdf: bytes,
        file_stem: str,
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.breach_id = breach_id
        self.pdf = pdf
        self.file_stem = file_stem  # a reference, never a person's name
        self.what = what
        self.setWindowTitle(f"{what} — {file_stem}")
        self.resize(900, 860)
        layout = QVBoxLayout(self)
        self.view = QPdfView()
        self.view.setAccessibleName(f"{what} preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._doc, self._buf = load_pdf(pdf, self)
        self.view.setDocument(self._doc)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.status = QLabel()
        row.addWidget(self.status, 1)
        self.print_button = QPushButton("&Print…")
        set_role(self.print_button, "primary")
        self.save_button = QPushButton("&Save PDF…")
        self.close_button = QPushButton("&Close")
        for b in (self.print_button, self.save_button, self.close_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)

    def page_count(self) -> int:
        return self._doc.pageCount()

    def _note(self, verb: str) -> None:
        if self.breach_id is not None and not self.session.read_only:
            BreachService(self.session).note_document(self.breach_id, f"{self.what} {verb}")

    def print_pdf(self) -> bool:
        if not print_pdf(self.pdf, self, self.file_stem):
            return False
        self._note("printed")
        self.status.setText("✔ Sent to the printer.")
        return True

    def save(self):  # type: ignore[no-untyped-def]
        path = save_pdf(self.pdf, self, f"{self.file_stem}.pdf")
        if path is not None:
            self._note("saved")
            self.status.setText(f"✔ Saved to {path}.")
        return path

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.accept()
            return
        super().keyPressEvent(event)
