"""Letters: every letter SchoolDP has issued, for finding and reprinting; and each letter's wording."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.letters import (
    IssuedLetter,
    LetterService,
    LetterType,
    Recipient,
    letter_type,
    letter_types,
)
from schooldp.services.references import references
from schooldp.services.school import SchoolSession
from schooldp.ui.models.letter_log import LetterLogModel
from schooldp.ui.pages.base import Page, page_layout
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import buddy, error_label, show_error, subtitle, title
from schooldp.ui.widgets.tables import fit_columns, register_view, sort_proxy


class LettersPage(Page):
    title_text = "Letters"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(title("Letters"))
        layout.addWidget(
            subtitle("Every letter SchoolDP has printed or saved, with an exact copy for reprinting.")
        )
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by name, letter or case…")
        self.search.setAccessibleName("Filter letters")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Letter type")
        row.addWidget(buddy("&Filter:", self.search))
        row.addWidget(self.search, 1)
        row.addWidget(buddy("&Type:", self.kind))
        row.addWidget(self.kind)
        self.reprint_button = QPushButton("&Reprint…")
        self.wording_button = QPushButton("Edit &wording…")
        row.addWidget(self.reprint_button)
        row.addWidget(self.wording_button)
        layout.addLayout(row)
        self.model = LetterLogModel(self)
        self.proxy = sort_proxy(self.model, self, search_all=True)
        self.table = register_view(
            self.proxy,
            "Issued letters",
            sort_by=LetterLogModel.Columns.ISSUED,
            alternating=True,
            stretch=LetterLogModel.Columns.LETTER,
        )
        layout.addWidget(self.table, 1)
        self.empty = subtitle("No letters yet. Letters appear here once they are printed or saved.")
        layout.addWidget(self.empty)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.reprint_button.clicked.connect(self.reprint)
        self.table.doubleClicked.connect(lambda _i: self.reprint())
        self.wording_button.clicked.connect(self.edit_wording)
        self.kind.addItem("All letters", None)
        for lt in letter_types():
            self.kind.addItem(lt.title, lt.key)

    def refresh(self) -> None:
        if self.session is None or self.session.locked:
            return
        rows = LetterService(self.session).issued(letter_type=self.kind.currentData())
        keys = {(r.case_kind, str(r.case_id)) for r in rows if r.case_kind}
        self.model.set_letters(rows, references(self.session, keys))
        self.empty.setVisible(not rows)
        fit_columns(self.table, LetterLogModel.Columns.LETTER)
        self.wording_button.setEnabled(not self.session.read_only)

    def clear(self) -> None:
        super().clear()
        self.model.set_rows([])

    def selected(self) -> IssuedLetter | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def reprint(self) -> None:
        letter = self.selected()
        if self.session is None or letter is None:
            QMessageBox.information(self, "Reprint", "Select a letter first.")
            return
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

        try:
            pdf = LetterService(self.session).pdf(letter.id)
            lt = letter_type(letter.letter_type)
        except (SchoolDPError, KeyError) as exc:
            QMessageBox.warning(self, "Reprint", str(exc))
            return
        dialog = LetterPreviewDialog(
            self.session,
            lt,
            [(Recipient(letter.recipient_name, letter.recipient_kind, letter.recipient_ref), pdf)],
            letter.case_kind,
            letter.case_id,
            self,
            reprint_of=letter.id,
            file_stem=f"Letter {letter.id}",
        )
        dialog.exec()
        self.refresh()

    def edit_wording(self) -> None:
        if self.session is None:
            return
        WordingDialog(self.session, self).exec()


class WordingDialog(QDialog):
    """Edit a letter type's wording; "Reset to default" brings back the shipped text."""

    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = LetterService(session)
        self.setWindowTitle("Letter wording")
        fit_resize(self, 760, 620)
        layout = QVBoxLayout(self)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Letter type")
        self.types = letter_types()
        for lt in self.types:
            self.kind.addItem(lt.title, lt.key)
        layout.addWidget(buddy("&Letter:", self.kind))
        layout.addWidget(self.kind)
        self.help = subtitle("")
        layout.addWidget(self.help)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Wording")
        layout.addWidget(self.text, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save wording", QDialogButtonBox.ButtonRole.AcceptRole)
        self.reset_button = buttons.addButton("&Reset to default", QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self.load)
        self.load()

    def current(self) -> LetterType:
        return self.types[self.kind.currentIndex()]

    def load(self) -> None:
        lt = self.current()
        own = self.service.wording(lt)
        self.text.setPlainText(own if own is not None else lt.default_wording())
        fields = ", ".join("{" + f + "}" for f in sorted(lt.allowed_fields()))
        self.help.setText(
            ("This school's own wording." if own is not None else "The standard wording.")
            + f" Blank lines separate paragraphs; '- ' starts a bullet; **bold**. Fields: {fields}"
        )
        show_error(self.error, None)

    def save(self) -> None:
        try:
            self.service.set_wording(self.current(), self.text.toPlainText())
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        show_error(self.error, None)
        self.help.setText("✔ Saved. New letters of this type use this wording.")

    def reset(self) -> None:
        self.service.reset_wording(self.current())
        self.load()
