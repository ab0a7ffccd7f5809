"""One pupil's consents: the state per purpose, recording an answer, and the full history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.calendar import format_uk_long_date as uk_date
from schooldp.domain.consent import ConsentEventKind, ConsentMethod, who_may_consent
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil
from schooldp.services.consent import WITHDRAWAL_LETTER, ConsentService, RecordResult
from schooldp.services.school import SchoolSession
from schooldp.ui.models.consent_matrix import STATE_COLOURS, cell_text
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, choice_combo, error_label, show_error, subtitle, title
from schooldp.ui.widgets.tables import fit_columns, list_table, setup_table

KINDS = (
    ConsentEventKind.GIVEN,
    ConsentEventKind.REFUSED,
    ConsentEventKind.WITHDRAWN,
    ConsentEventKind.ASKED,
    ConsentEventKind.PUPIL_OBJECTED,
    ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN,
)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class ConsentPupilDialog(QDialog):
    """Opened from the register; everything recorded here is added to the history."""

    def __init__(
        self,
        session: SchoolSession,
        service: ConsentService,
        pupil: Pupil,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.service, self.pupil, self.today = session, service, pupil, today
        self.last_result: RecordResult | None = None
        self.letter_dialog: QDialog | None = None
        self.setWindowTitle(f"Consents: {pupil.display_name}")
        fit_resize(self, 980, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(title(pupil.display_name))
        layout.addWidget(
            subtitle(
                f"{pupil.reg_group or pupil.year_group.label} · {pupil.year_group.label} · "
                f"age {pupil.age_on(today)} · UPN {pupil.upn}"
            )
        )

        self.states = setup_table(
            list_table(["Purpose", "State", "Who decides", "Why"]), "Consent state per purpose", stretch=3
        )
        layout.addWidget(self.states, 2)

        layout.addLayout(self._build_entry(today))
        self.error = error_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Result")
        layout.addWidget(self.error)
        layout.addWidget(self.status)

        layout.addWidget(QLabel("<b>History</b> (newest first; entries are never changed)"))
        self.history = setup_table(
            list_table(["Takes effect", "Purpose", "Entry", "By", "How", "Recorded", "Evidence note"]),
            "Consent history",
            stretch=6,
        )
        layout.addWidget(self.history, 3)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(close)
        layout.addLayout(row)

        self.record_button.clicked.connect(self.record)
        self.letter_button.clicked.connect(self.print_letter)
        self.purpose.currentIndexChanged.connect(self._default_by)
        if session.read_only:
            self.record_button.setEnabled(False)
            self.record_button.setToolTip("Your account can view consents but not change them.")
        self.refresh()

    def _build_entry(self, today: date) -> QHBoxLayout:
        """The fields for one new entry, with Record and the confirmation letter beside them."""
        box = QHBoxLayout()
        form = QFormLayout()
        self.purpose = QComboBox()
        self.kind = choice_combo(KINDS)
        self.by = QComboBox()
        self.method = choice_combo(m for m in ConsentMethod if m is not ConsentMethod.SYSTEM)
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.note = QLineEdit()
        self.note.setPlaceholderText("e.g. form returned in book bag; email of 3 March")
        add_field(form, "&Purpose:", self.purpose)
        add_field(form, "&Answer:", self.kind)
        add_field(form, "Answered &by:", self.by)
        add_field(form, "&How:", self.method)
        add_field(form, "Takes effect &on:", self.date)
        add_field(form, "&Evidence note:", self.note)
        box.addLayout(form, 1)
        side = QVBoxLayout()
        self.record_button = QPushButton("&Record")
        set_role(self.record_button, "primary")
        self.letter_button = QPushButton("Print confirmation &letter…")
        self.letter_button.setEnabled(False)
        side.addWidget(self.record_button)
        side.addWidget(self.letter_button)
        side.addStretch()
        box.addLayout(side)
        return box

    def refresh(self) -> None:
        statuses = self.service.statuses(self.pupil, self.today)
        self.purposes = [p for p, _s in statuses]
        if self.purpose.count() != len(statuses):
            self.purpose.clear()
            for p, _s in statuses:
                self.purpose.addItem(p.title, p.key)
        if self.by.count() == 0:
            assert self.pupil.id is not None
            for link in self.service.people.contacts_for(self.pupil.id):
                pr = "" if link.parental_responsibility else " — no parental responsibility"
                rel = f" ({link.relationship})" if link.relationship else ""
                self.by.addItem(f"{link.contact.display_name}{rel}{pr}", link.contact.id)
            self.by.addItem("The pupil", "pupil")
            self._default_by()
        self.states.setRowCount(len(statuses))
        for i, (p, st) in enumerate(statuses):
            who = who_may_consent(p, self.pupil.date_of_birth, self.today)
            state_item = _item(f"{cell_text(st.state)} — {st.state.label}")
            state_item.setBackground(QColor(STATE_COLOURS[st.state]))
            for col, item in enumerate(
                (_item(p.title), state_item, _item(who.giver.label), _item(st.reason))
            ):
                self.states.setItem(i, col, item)
        fit_columns(self.states, 3)
        rows_h = sum(self.states.rowHeight(i) for i in range(len(statuses)))
        self.states.setMinimumHeight(min(self.states.horizontalHeader().height() + rows_h + 6, 300))
        assert self.pupil.id is not None
        entries = self.service.history(self.pupil.id)
        self.history.setRowCount(len(entries))
        for i, h in enumerate(entries):
            e = h.event
            recorded = f"{e.recorded_at:%d/%m/%Y %H:%M} UTC by {h.recorded_by}"
            for col, text in enumerate(
                (
                    uk_date(e.effective_date),
                    h.purpose_title,
                    e.kind.label,
                    h.given_by,
                    e.method.label,
                    recorded,
                    e.evidence_note,
                )
            ):
                self.history.setItem(i, col, _item(text))
        fit_columns(self.history, 6)

    def _default_by(self) -> None:
        """The pupil once the purpose has passed to them; else the first parent with responsibility."""
        key = self.purpose.currentData()
        purpose = next((p for p in getattr(self, "purposes", []) if p.key == key), None)
        if purpose is None or self.by.count() == 0:
            return
        who = who_may_consent(purpose, self.pupil.date_of_birth, self.today)
        if who.giver.value == "pupil":
            self.by.setCurrentIndex(self.by.findData("pupil"))
            return
        for i in range(self.by.count()):
            if self.by.itemData(i) != "pupil" and "no parental" not in self.by.itemText(i):
                self.by.setCurrentIndex(i)
                return

    def record(self) -> RecordResult | None:
        assert self.pupil.id is not None
        by = self.by.currentData()
        qd = self.date.date()
        kind = self.kind.currentData()
        by_pupil = by == "pupil" or kind in (
            ConsentEventKind.PUPIL_OBJECTED,
            ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN,
        )
        try:
            result = self.service.record(
                self.pupil.id,
                self.purpose.currentData(),
                kind,
                contact_id=None if by_pupil else by,
                by_pupil=by_pupil,
                method=self.method.currentData(),
                effective=date(qd.year(), qd.month(), qd.day()),
                evidence_note=self.note.text(),
                today=self.today,
            )
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return None
        show_error(self.error, None)
        self.last_result = result
        self.note.clear()
        text = f"✓ Recorded: {kind.label.lower()} for {self.purpose.currentText()}."
        if result.tasks:
            text += f" {len(result.tasks)} follow-up tasks added to the task list and the dashboard."
        self.status.setText(text)
        self.letter_button.setEnabled(bool(result.tasks))
        self.refresh()
        return result

    def print_letter(self) -> None:
        if self.last_result is None or not self.last_result.events:
            return
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

        event = self.last_result.events[0]
        assert event.id is not None
        try:
            job, pdf = self.service.withdrawal_letter(event.id, self.today)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        self.letter_dialog = LetterPreviewDialog(
            self.session,
            WITHDRAWAL_LETTER,
            [(job.recipient, pdf)],
            "consent",
            f"CW-{event.id}",
            self,
            file_stem=f"CW-{event.id} consent withdrawn",
        )
        self.letter_dialog.open()
