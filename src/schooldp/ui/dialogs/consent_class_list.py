"""Preview, print or save the "Do not photograph / do not publish" list for one class."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from schooldp.services.consent import ConsentService
from schooldp.ui.printing import print_pdf, save_pdf
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.pdf_preview import PdfPreviewDialog


class ConsentClassListDialog(PdfPreviewDialog):
    escape_accepts = False

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
        fit_resize(self, 820, 900)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Names only. Print it for the trip leader; shred it afterwards. Printing is noted in the activity log."
            )
        )
        layout.addWidget(self.pdf_view("List preview"), 1)
        self.show_pdf(pdf)
        layout.addLayout(self.actions_row(self.print_list, self.save_list))

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
