"""Preview, print or save the "Do not photograph / do not publish" list for one class."""

from __future__ import annotations

from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from schooldp.services.consent import ConsentService
from schooldp.ui.printing import load_pdf, print_pdf, save_pdf
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import subtitle


class ConsentClassListDialog(QDialog):
    def __init__(
        self,
        service: ConsentService,
        pdf: bytes,
        class_name: str,
        count: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.pdf, self.class_name, self.count = service, pdf, class_name, count
        self.setWindowTitle(f"Do not photograph list: {class_name}")
        self.resize(820, 900)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Names only. Print it for the trip leader; shred it afterwards. Printing is noted in the activity log."
            )
        )
        self.view = QPdfView()
        self.view.setAccessibleName("List preview")
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
        close = QPushButton("&Close")
        for b in (self.print_button, self.save_button, close):
            row.addWidget(b)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_list)
        self.save_button.clicked.connect(self.save_list)
        close.clicked.connect(self.accept)

    def print_list(self) -> bool:
        if not print_pdf(self.pdf, self, f"Do not photograph list {self.class_name}"):
            return False
        self.service.note_printed("Do not photograph list", self.count)
        self.status.setText("✓ Sent to the printer.")
        return True

    def save_list(self) -> None:
        try:
            path = save_pdf(self.pdf, self, f"Do not photograph list {self.class_name}.pdf")
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"The list could not be saved there: {exc.strerror}.")
            return
        if path is None:
            return
        self.service.note_printed("Do not photograph list (saved as PDF)", self.count)
        self.status.setText(f"✓ Saved to {path}.")
