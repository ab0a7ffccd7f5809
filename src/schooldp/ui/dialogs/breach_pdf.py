"""Show a breach printout (ICO report pack, decision record, trends) to print or save."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldp.services.breaches import BreachService
from schooldp.services.school import SchoolSession
from schooldp.ui.printing import print_pdf, save_pdf
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.pdf_preview import PdfPreviewDialog


class BreachPdfDialog(PdfPreviewDialog):
    """A PDF made in memory; Print… and Save PDF… (to a place the DPO chooses) are audited."""

    def __init__(
        self,
        session: SchoolSession,
        breach_id: int | None,
        pdf: bytes,
        file_stem: str,
        what: str,
        parent: QWidget | None = None,
        sections: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.breach_id = breach_id
        self.pdf = pdf
        self.file_stem = file_stem  # a reference, never a person's name
        self.what = what
        self.setWindowTitle(f"{what} — {file_stem}")
        fit_resize(self, 900, 860)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pdf_view(f"{what} preview"), 1)
        self.show_pdf(pdf)
        self.sections = sections
        if sections:
            # The ICO's online form cannot be saved part way: copy one section at a time into it.
            row = QHBoxLayout()
            self.section = QComboBox()
            self.section.setAccessibleName("Section to copy")
            for title, text in sections:
                self.section.addItem(title, text)
            self.copy_button = QPushButton("&Copy this section")
            self.copy_button.setToolTip(
                "Copy the answers of this section, to paste into the ICO's online form"
            )
            row.addWidget(QLabel("Section:"))
            row.addWidget(self.section, 1)
            row.addWidget(self.copy_button)
            layout.addLayout(row)
            self.copy_button.clicked.connect(self.copy_section)
        layout.addLayout(self.actions_row(self.print_pdf, self.save))

    def copy_section(self) -> str:
        text = str(self.section.currentData() or "")
        QApplication.clipboard().setText(text)
        self.status.setText(
            f"✔ Copied “{self.section.currentText()}”. Paste it into the matching part of the form."
        )
        return text

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
