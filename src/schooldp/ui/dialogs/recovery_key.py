"""Shown once after creating a school file: the recovery key and its emergency sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.services.school import SchoolSession, emergency_sheet_pdf
from schooldp.ui.documents import make_document
from schooldp.ui.printing import print_pdf, save_pdf
from schooldp.ui.widgets.forms import button_row, subtitle, title


class RecoveryKeyDialog(QDialog):
    def __init__(self, session: SchoolSession, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recovery_key = recovery_key
        self.setWindowTitle("Your recovery key")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(title("Keep the recovery key safe"))
        layout.addWidget(
            subtitle(
                "If every passphrase is forgotten, this key is the only way to open the school "
                "file. Without a passphrase or this key the data cannot be recovered by anyone, "
                "including SchoolDP. Print the emergency sheet or save it, and keep it locked away."
            )
        )
        key = QLabel(recovery_key)
        key.setObjectName("RecoveryKey")
        key.setWordWrap(True)
        key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key.setAccessibleName("Recovery key")
        layout.addWidget(key)
        self.print_button = QPushButton("&Print emergency sheet…")
        self.save_button = QPushButton("&Save emergency sheet as PDF…")
        layout.addLayout(button_row(left=(self.print_button, self.save_button)))
        self.confirm = QCheckBox("I have &printed or saved the emergency sheet and will keep it locked away")
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Continue")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)
        self.confirm.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._save)

    def _pdf(self) -> bytes:
        return emergency_sheet_pdf(self.session, self.recovery_key)

    def _print(self) -> None:
        make_document(self, "Emergency sheet", self._pdf, self._print_sheet)

    def _print_sheet(self, pdf: bytes) -> None:
        if print_pdf(pdf, self, "SchoolDP emergency sheet"):
            self.confirm.setChecked(True)

    def _save(self) -> None:
        make_document(self, "Emergency sheet", self._pdf, self._save_sheet)

    def _save_sheet(self, pdf: bytes) -> None:
        try:
            target = save_pdf(pdf, self, "SchoolDP emergency sheet.pdf")
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"The sheet could not be saved there: {exc.strerror}.")
            return
        if target is not None:
            QMessageBox.information(
                self,
                "Saved",
                f"The emergency sheet was saved as {target}.\nPrint it, then keep it somewhere locked.",
            )

    def reject(self) -> None:  # Escape must not skip the warning
        if self.confirm.isChecked():
            super().reject()
