"""Preview letters, then print them or save them as PDF; printing or saving records them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QListWidget, QMessageBox, QSplitter, QVBoxLayout, QWidget

from schooldp.domain.errors import SchoolDPError
from schooldp.services.files import save_bytes
from schooldp.services.letters import IssuedLetter, LetterService, LetterType, Recipient
from schooldp.services.school import SchoolSession
from schooldp.ui.printing import ask_save_path, print_pdfs
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.pdf_preview import PdfPreviewDialog


class LetterPreviewDialog(PdfPreviewDialog):
    """Shows each letter; Print… and Save PDF… record the batch in the letter log once.

    ``reprint_of`` marks a reprint from the log: nothing new is recorded, the reprint is noted.
    """

    def __init__(
        self,
        session: SchoolSession,
        letter_type: LetterType,
        letters: list[tuple[Recipient, bytes]],
        case_kind: str = "",
        case_id: object = "",
        parent: QWidget | None = None,
        *,
        file_stem: str = "",
        reprint_of: int | None = None,
    ) -> None:
        super().__init__(parent)
        if not letters:
            raise SchoolDPError("There are no letters to show.")
        self.session = session
        self.letter_type = letter_type
        self.letters = letters
        self.case_kind = case_kind
        self.case_id = case_id
        self.file_stem = file_stem or (
            f"{case_kind} {case_id} {letter_type.key}".strip() if case_kind else letter_type.key
        )
        self.reprint_of = reprint_of
        self.recorded: list[IssuedLetter] = []
        self.setWindowTitle(f"{letter_type.title} — preview")
        fit_resize(self, 980, 820)
        layout = QVBoxLayout(self)
        n = len(letters)
        layout.addWidget(
            subtitle(
                f"{n} letter{'s' if n != 1 else ''}. Check them, then print or save. "
                + (
                    "Printing or saving records them in the letter log."
                    if reprint_of is None
                    else "This is a reprint."
                )
            )
        )
        split = QSplitter()
        self.list = QListWidget()
        self.list.setAccessibleName("Letters")
        for i, (recipient, _pdf) in enumerate(letters, 1):
            self.list.addItem(f"{i}. {recipient.name}")
        split.addWidget(self.list)
        split.addWidget(self.pdf_view("Letter preview"))
        split.setSizes([220, 760])
        if n == 1:
            self.list.hide()
        layout.addWidget(split, 1)
        layout.addLayout(self.actions_row(self.print_all, self.save_all))
        self.list.currentRowChanged.connect(self.show_letter)
        self.list.setCurrentRow(0)
        self.show_letter(0)

    def show_letter(self, row: int) -> None:
        if not (0 <= row < len(self.letters)):
            return
        self.show_pdf(self.letters[row][1])

    def _record(self) -> None:
        if self.recorded:
            return
        service = LetterService(self.session)
        if self.reprint_of is not None:
            service.note_reprint(self.reprint_of)
            self.recorded = service.issued(limit=1)
            return
        self.recorded = service.record_many(
            self.letter_type, self.letters, case_kind=self.case_kind, case_id=self.case_id
        )

    def print_all(self) -> bool:
        if not print_pdfs([pdf for _r, pdf in self.letters], self, self.letter_type.title):
            return False
        self._record()
        self.status.setText("✔ Sent to the printer and recorded in the letter log.")
        return True

    def save_all(self) -> Path | None:
        if len(self.letters) == 1:
            path = ask_save_path(
                self, "Save letter as PDF", str(Path.home() / f"{self.file_stem}.pdf"), "PDF (*.pdf)"
            )
            if path is None:
                return None
            target = path if path.name.lower().endswith(".pdf") else Path(f"{path}.pdf")
            try:
                save_bytes(target, self.letters[0][1])
            except OSError as exc:
                QMessageBox.warning(
                    self, "Not saved", f"The letter could not be saved there: {exc.strerror}."
                )
                return None
        else:
            folder = QFileDialog.getExistingDirectory(self, "Choose a folder for the letters")
            if not folder:
                return None
            target = Path(folder)
            try:
                for i, (_recipient, pdf) in enumerate(self.letters, 1):
                    save_bytes(target / f"{self.file_stem} {i:03d}.pdf", pdf)
            except OSError as exc:
                QMessageBox.warning(
                    self, "Not saved", f"The letters could not be saved there: {exc.strerror}."
                )
                return None
        self._record()
        self.status.setText(f"✔ Saved to {target} and recorded in the letter log.")
        return target
