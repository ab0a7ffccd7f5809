"""Consent page: the register matrix, fast entry of returned forms, tasks, coverage, purposes."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.documents import consent_form
from schooldp.documents.consent_class_list import render as render_class_list
from schooldp.documents.templates import uk_date
from schooldp.domain.consent import (
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentState,
    school_year_start,
    who_may_consent,
)
from schooldp.domain.deadlines import london_now
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil, search_key
from schooldp.services.consent import Answer, ConsentService, MatrixRow, short_title
from schooldp.services.school import SchoolSession
from schooldp.ui.models.consent_matrix import ConsentMatrixModel, cell_text
from schooldp.ui.models.consent_tasks import ConsentTasksModel
from schooldp.ui.pages.base import Page
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import add_field, error_label, show_error, subtitle, title

# Fast entry: one key per purpose, in the order printed on the return slip.
ENTRY_KEYS: dict[str, ConsentEventKind | None] = {
    "G": ConsentEventKind.GIVEN,
    "R": ConsentEventKind.REFUSED,
    "W": ConsentEventKind.WITHDRAWN,
    "A": ConsentEventKind.ASKED,
    "-": None,
    " ": None,
}
ENTRY_HELP = (
    "<b>Keys</b> — one per purpose, in the order printed on the return slip: "
    "<b>G</b> consent given · <b>R</b> refused · <b>W</b> withdrawn · <b>A</b> awaiting reply (form sent) · "
    "<b>-</b> or <b>Space</b> leave unchanged · <b>Backspace</b> go back · "
    "<b>Enter</b> save this form and start the next · <b>Esc</b> clear this form."
)
PHOTO_KEYS = ("photos_in_school", "photos_outside_school", "photos_online")


def _today() -> date:
    return london_now().date()


class FastEntry(QWidget):
    """Type a pupil's name or UPN, Enter; type the answers, Enter. Repeat for the whole stack."""

    def __init__(self, page: ConsentPage) -> None:
        super().__init__(page)
        self.page = page
        self.pupils: list[Pupil] = []
        self.pupil: Pupil | None = None
        self.slots: list[ConsentPurpose] = []
        self.saved_count = 0
        layout = QVBoxLayout(self)
        help_label = QLabel(ENTRY_HELP)
        help_label.setWordWrap(True)
        help_label.setAccessibleName("Keys for fast entry")
        layout.addWidget(help_label)
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Pupil's name or UPN, then Enter (Down arrow to choose)")
        add_field(form, "&Pupil:", self.search)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Matching pupils")
        self.matches.setMaximumHeight(110)
        form.addRow("", self.matches)
        self.chosen = QLabel("No pupil chosen yet.")
        self.chosen.setAccessibleName("Chosen pupil")
        form.addRow("", self.chosen)
        self.by = QComboBox()
        add_field(form, "Answered &by:", self.by)
        self.method = QComboBox()
        for m in ConsentMethod:
            if m is not ConsentMethod.SYSTEM:
                self.method.addItem(m.label, m)
        add_field(form, "&How:", self.method)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        add_field(form, "Date on the &form:", self.date)
        self.answers = QLineEdit()
        self.answers.setPlaceholderText("e.g. GGRG")
        self.answers.setEnabled(False)
        add_field(form, "&Answers:", self.answers, "Answers, one key per purpose")
        layout.addLayout(form)
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAccessibleName("What will be recorded")
        layout.addWidget(self.preview)
        self.error = error_label()
        layout.addWidget(self.error)
        self.status = QLabel()
        self.status.setAccessibleName("Last saved")
        set_role(self.status, "subtitle")
        layout.addWidget(self.status)
        layout.addWidget(QLabel("Saved this session:"))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Forms saved this session")
        layout.addWidget(self.recent, 1)

        self.search.textChanged.connect(self._find)
        self.search.returnPressed.connect(self.choose)
        self.matches.itemActivated.connect(lambda _i: self.choose())
        self.answers.textEdited.connect(self._answers_edited)
        self.answers.returnPressed.connect(self.save)
        self.search.installEventFilter(self)
        self.answers.installEventFilter(self)

    def reset_date(self, today: date) -> None:
        self.date.setDate(QDate(today.year, today.month, today.day))

    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.clear_form()
                return True
            if obj is self.search and event.key() == Qt.Key.Key_Down and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(0)
                return True
        return super().eventFilter(obj, event)

    # ---- choosing the pupil --------------------------------------------------------------------
    def _find(self, text: str) -> None:
        self.matches.clear()
        words = search_key(text).split()
        if not words:
            return
        upn = text.strip().upper().replace(" ", "")
        found = [p for p in self.pupils if p.upn == upn] or [
            p for p in self.pupils if all(w in p.search_text for w in words)
        ]
        for p in found[:8]:
            self.matches.addItem(f"{p.display_name} — {p.reg_group or p.year_group.label}")
            self.matches.item(self.matches.count() - 1).setData(Qt.ItemDataRole.UserRole, p.id)
        self.matches.setCurrentRow(0)

    def choose(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            show_error(self.error, "No pupil matches that name or UPN.")
            return
        pupil_id = item.data(Qt.ItemDataRole.UserRole)
        pupil = next(p for p in self.pupils if p.id == pupil_id)
        self.set_pupil(pupil)

    def set_pupil(self, pupil: Pupil) -> None:
        show_error(self.error, None)
        self.pupil = pupil
        today = self.page.today
        self.slots = [
            p
            for p in self.page.purposes
            if who_may_consent(p, pupil.date_of_birth, today).giver is not ConsentGiver.NOBODY
        ]
        self.chosen.setText(
            f"<b>{pupil.display_name}</b> — {pupil.reg_group or pupil.year_group.label}, UPN {pupil.upn}"
        )
        self.by.clear()
        assert pupil.id is not None and self.page.service is not None
        for link in self.page.service.people.contacts_for(pupil.id):
            if link.parental_responsibility:
                rel = f" ({link.relationship})" if link.relationship else ""
                self.by.addItem(f"{link.contact.display_name}{rel}", link.contact.id)
        self.by.addItem("The pupil", "pupil")
        self.answers.setEnabled(True)
        self.answers.setMaxLength(len(self.slots))
        self.answers.clear()
        self.answers.setFocus()
        self._show_preview()

    # ---- answers -----------------------------------------------------------------------------
    def _answers_edited(self, text: str) -> None:
        clean = "".join(ch for ch in text.upper() if ch in ENTRY_KEYS)
        if clean != text:
            pos = self.answers.cursorPosition()
            self.answers.setText(clean)
            self.answers.setCursorPosition(min(pos, len(clean)))
        self._show_preview()

    def planned(self) -> list[Answer]:
        out = []
        for ch, purpose in zip(self.answers.text().upper(), self.slots, strict=False):
            kind = ENTRY_KEYS.get(ch)
            if kind is not None:
                out.append(Answer(purpose.key, kind))
        return out

    def _show_preview(self) -> None:
        if self.pupil is None:
            self.preview.setText("")
            return
        typed = self.answers.text().upper()
        parts = []
        for i, purpose in enumerate(self.slots):
            kind = ENTRY_KEYS.get(typed[i]) if i < len(typed) else None
            mark = "▶ " if i == len(typed) else ""
            what = kind.label if kind else ("unchanged" if i < len(typed) else "…")
            parts.append(f"{mark}{i + 1}. {short_title(purpose)}: <b>{what}</b>")
        self.preview.setText(" &nbsp;·&nbsp; ".join(parts))

    def save(self) -> None:
        pupil, service = self.pupil, self.page.service
        if pupil is None or service is None:
            return
        answers = self.planned()
        if not answers:
            show_error(self.error, "Type at least one answer (G, R, W or A) before pressing Enter.")
            return
        qd = self.date.date()
        effective = date(qd.year(), qd.month(), qd.day())
        by = self.by.currentData()
        today = self.page.today
        # Purposes that have passed to the pupil take the pupil's answer; the rest the chosen person.
        pupil_keys = {
            p.key
            for p in self.slots
            if who_may_consent(p, pupil.date_of_birth, effective).giver is ConsentGiver.PUPIL
        }
        groups = [
            (
                [a for a in answers if a.purpose_key not in pupil_keys],
                by == "pupil",
                None if by == "pupil" else by,
            ),
            ([a for a in answers if a.purpose_key in pupil_keys], True, None),
        ]
        tasks = 0
        try:
            for group, by_pupil, contact_id in groups:
                if group:
                    result = service.record_form(
                        pupil.id,  # type: ignore[arg-type]
                        group,
                        contact_id=contact_id,
                        by_pupil=by_pupil,
                        method=self.method.currentData(),
                        effective=effective,
                        today=today,
                    )
                    tasks += len(result.tasks)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        self.saved_count += 1
        summary = " ".join(ch if ch in "GRWA" else "-" for ch in self.answers.text().upper())
        note = f"; {tasks} follow-up tasks" if tasks else ""
        self.recent.insertItem(0, f"{pupil.display_name}: {summary}{note}")
        self.status.setText(f"✓ Saved {len(answers)} answers for {pupil.display_name}{note}. Next form.")
        self.clear_form()
        self.page.data_changed()

    def clear_form(self) -> None:
        show_error(self.error, None)
        self.pupil = None
        self.slots = []
        self.answers.clear()
        self.answers.setEnabled(False)
        self.by.clear()
        self.chosen.setText("No pupil chosen yet.")
        self.preview.setText("")
        self.search.clear()
        self.search.setFocus()


class ConsentPage(Page):
    title_text = "Consent"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: ConsentService | None = None
        self.purposes: tuple[ConsentPurpose, ...] = ()
        self.today = _today()
        self.dialog: QWidget | None = None  # the last dialog opened, for tests and screenshots
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Consent"))
        layout.addWidget(
            subtitle(
                "Photos, biometrics and other consents per pupil. Not answered is never consent. "
                "Every cell shows a symbol and a word: ✓ Yes · ✗ No · ⊘ Withdrawn · … Awaiting · "
                "– Not asked · ↻ Expired · ! Ask pupil · · N/A"
            )
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_register()
        self.entry = FastEntry(self)
        self.tabs.addTab(self.entry, "Record returned &forms")
        self._build_tasks()
        self._build_coverage()
        self._build_purposes()

    # ---- building ------------------------------------------------------------------------------
    def _build_register(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name or UPN")
        self.search.setAccessibleName("Search pupils")
        self.year = QComboBox()
        self.year.setAccessibleName("Year group filter")
        self.reg = QComboBox()
        self.reg.setAccessibleName("Class filter")
        self.purpose_filter = QComboBox()
        self.purpose_filter.setAccessibleName("Purpose filter")
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("State filter")
        self.state_filter.addItem("Any state", None)
        self.state_filter.addItem("Not consented (anything but ✓ Yes)", "not_given")
        for s in ConsentState:
            self.state_filter.addItem(f"{s.symbol} {s.label}", s)
        for w in (self.search, self.year, self.reg, self.purpose_filter, self.state_filter):
            filters.addWidget(w)
        v.addLayout(filters)
        self.model = ConsentMatrixModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Consent register: pupils by purposes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.open_pupil())
        self.table.activated.connect(lambda _i: self.open_pupil())
        v.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Pupils shown")
        buttons.addWidget(self.count_label, 1)
        self.open_button = QPushButton("&Open pupil's consents…")
        self.list_button = QPushButton("Print &class list…")
        self.forms_button = QPushButton("Print consent fo&rms…")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setAccessibleName("Export the consent register to CSV or Excel")
        for b in (self.open_button, self.list_button, self.forms_button, self.export_button):
            buttons.addWidget(b)
        v.addLayout(buttons)
        self.tabs.addTab(tab, "&Register")
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.year, self.reg, self.purpose_filter, self.state_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.open_button.clicked.connect(lambda: self.open_pupil())
        self.list_button.clicked.connect(lambda: self.print_class_list())
        self.forms_button.clicked.connect(lambda: self.print_forms())
        self.export_button.clicked.connect(lambda: self.export_register())

    def _build_tasks(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(
            subtitle("Jobs created when consent is withdrawn. They show on the dashboard until marked done.")
        )
        self.show_done = QCheckBox("Show &done tasks too")
        v.addWidget(self.show_done)
        self.tasks_model = ConsentTasksModel(self)
        self.tasks_table = QTableView()
        self.tasks_table.setModel(self.tasks_model)
        self.tasks_table.setAccessibleName("Follow-up tasks")
        self.tasks_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tasks_table.verticalHeader().hide()
        self.tasks_table.horizontalHeader().setStretchLastSection(True)
        v.addWidget(self.tasks_table, 1)
        row = QHBoxLayout()
        self.task_note = QLineEdit()
        self.task_note.setPlaceholderText("Note (optional), e.g. 'removed 3 photos from the website'")
        self.task_note.setAccessibleName("Note on the completed task")
        self.done_button = QPushButton("Mark &done")
        set_role(self.done_button, "primary")
        row.addWidget(self.task_note, 1)
        row.addWidget(self.done_button)
        v.addLayout(row)
        self.task_error = error_label()
        v.addWidget(self.task_error)
        self.tabs.addTab(tab, "Follow-up &tasks")
        self.done_button.clicked.connect(lambda: self.complete_task())
        self.show_done.toggled.connect(self.refresh_tasks)

    def _build_coverage(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(subtitle("How many pupils on roll have answered, per purpose."))
        self.coverage_table = QTableWidget(0, 7)
        self.coverage_table.setHorizontalHeaderLabels(
            ["Purpose", "✓ Given", "✗ Refused", "⊘ Withdrawn", "Outstanding", "· N/A", "Given %"]
        )
        self.coverage_table.setAccessibleName("Coverage per purpose")
        self.coverage_table.verticalHeader().hide()
        self.coverage_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.coverage_table, 1)
        row = QHBoxLayout()
        self.renew_label = QLabel()
        self.renew_label.setWordWrap(True)
        self.renew_button = QPushButton("Start-of-year &renewal…")
        row.addWidget(self.renew_label, 1)
        row.addWidget(self.renew_button)
        v.addLayout(row)
        self.tabs.addTab(tab, "C&overage")
        self.renew_button.clicked.connect(lambda: self.renew())

    def _build_purposes(self) -> None:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(subtitle("What the school asks consent for, who decides and how long an answer lasts."))
        self.purpose_table = QTableWidget(0, 4)
        self.purpose_table.setHorizontalHeaderLabels(["Purpose", "Who decides", "Lasts", "Source"])
        self.purpose_table.setAccessibleName("Consent purposes")
        self.purpose_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.purpose_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.purpose_table.verticalHeader().hide()
        self.purpose_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.purpose_table, 1)
        row = QHBoxLayout()
        row.addStretch()
        self.add_purpose_button = QPushButton("&Add purpose…")
        self.edit_purpose_button = QPushButton("&Edit purpose…")
        row.addWidget(self.add_purpose_button)
        row.addWidget(self.edit_purpose_button)
        v.addLayout(row)
        self.tabs.addTab(tab, "&Purposes")
        self.add_purpose_button.clicked.connect(lambda: self.edit_purpose(None))
        self.edit_purpose_button.clicked.connect(lambda: self.edit_selected_purpose())

    # ---- session -----------------------------------------------------------------------------
    def set_session(self, session: SchoolSession) -> None:
        self.service = ConsentService(session)
        writable = not session.read_only
        for b in (self.done_button, self.renew_button, self.add_purpose_button, self.edit_purpose_button):
            b.setEnabled(writable)
        self.tabs.setTabEnabled(1, writable)
        super().set_session(session)

    def clear(self) -> None:
        """Drop every decrypted value (called on lock)."""
        self.model.clear()
        self.tasks_model.clear()
        self.coverage_table.setRowCount(0)
        self.purpose_table.setRowCount(0)
        self.entry.pupils = []
        self.entry.clear_form()
        self.entry.recent.clear()
        self.entry.status.clear()
        for combo in (self.year, self.reg):
            combo.clear()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.service = None
        super().clear()

    def refresh(self) -> None:
        if self.service is None or self.session is None or self.session.locked:
            return
        self.today = _today()
        self.entry.reset_date(self.today)
        try:
            pupils = self.service.people.pupils()
            matrix = self.service.matrix(self.today, pupils)
        except SchoolDPError as exc:
            self.count_label.setText(str(exc))
            return
        self.purposes = matrix.purposes
        self.entry.pupils = pupils
        self.model.set_matrix(matrix)
        self._fill_filters(pupils)
        self.apply_filter()
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, max(self.table.columnWidth(0), 200))
        self._fill_coverage(matrix)
        self._fill_purposes()
        self.refresh_tasks()

    def data_changed(self) -> None:
        """After a save: refresh the states but keep the filters the user set."""
        self.refresh()

    def _fill_filters(self, pupils: list[Pupil]) -> None:
        keep = (self.year.currentData(), self.reg.currentData(), self.purpose_filter.currentData())
        for combo in (self.year, self.reg, self.purpose_filter):
            combo.blockSignals(True)
            combo.clear()
        self.year.addItem("All year groups", None)
        seen: dict[str, str] = {}
        for p in pupils:
            seen.setdefault(p.year_group.value, p.year_group.label)
        from schooldp.domain.people import YearGroup

        order = [y.value for y in YearGroup]
        for value in sorted(seen, key=order.index):
            self.year.addItem(seen[value], value)
        self.reg.addItem("All classes", None)
        for reg in sorted({p.reg_group for p in pupils if p.reg_group}):
            self.reg.addItem(reg, reg)
        self.purpose_filter.addItem("Any purpose", None)
        for i, p in enumerate(self.purposes):
            self.purpose_filter.addItem(p.title, i)
        for combo, value in zip((self.year, self.reg, self.purpose_filter), keep, strict=True):
            idx = combo.findData(value)
            combo.setCurrentIndex(max(idx, 0))
            combo.blockSignals(False)

    def apply_filter(self) -> None:
        state = self.state_filter.currentData()
        if state == "not_given":
            states = [
                s
                for s in ConsentState
                if s is not ConsentState.GIVEN and s is not ConsentState.NOT_APPLICABLE
            ]
        elif state is None:
            states = None
        else:
            states = [state]
        self.model.set_filter(
            year_group=self.year.currentData(),
            reg_group=self.reg.currentData(),
            purpose_index=self.purpose_filter.currentData(),
            states=states,
            search=self.search.text(),
        )
        self.count_label.setText(f"{self.model.rowCount():,} of {len(self.model.all_rows):,} pupils shown")

    def _fill_coverage(self, matrix) -> None:  # type: ignore[no-untyped-def]
        self.coverage_table.setRowCount(len(matrix.purposes))
        for i, p in enumerate(matrix.purposes):
            c = matrix.coverage.get(p.key)
            given = c.given if c else 0
            applicable = (c.total - c.not_applicable) if c else 0
            pct = f"{100 * given / applicable:.0f}%" if applicable else "–"
            values = [
                p.title,
                *(
                    str(getattr(c, f, 0) if c else 0)
                    for f in ("given", "refused", "withdrawn", "outstanding", "not_applicable")
                ),
                pct,
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.coverage_table.setItem(i, col, item)
        start = school_year_start(self.today)
        self.renew_label.setText(
            f"Purposes renewed each school year or at a key-stage change lapse on {uk_date(start)}. "
            "Renewal marks them expired and prints new forms for those pupils."
        )

    def _fill_purposes(self) -> None:
        assert self.service is not None
        purposes = self.service.purposes()
        self.purpose_table.setRowCount(len(purposes))
        for i, p in enumerate(purposes):
            who = "A parent or carer"
            if p.passes_to_pupil_at is not None:
                who += f"; the pupil from {p.passes_to_pupil_at}"
            if p.applies_from_age is not None:
                who += f" (applies from {p.applies_from_age})"
            if p.pupil_may_object:
                who += "; the pupil may object"
            for col, text in enumerate((p.title, who, p.duration.label, p.source)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.key)
                self.purpose_table.setItem(i, col, item)
        self.purpose_table.resizeColumnsToContents()
        self.purpose_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def refresh_tasks(self) -> None:
        if self.service is None:
            return
        tasks = self.service.tasks(include_done=self.show_done.isChecked())
        names = {r.pupil.id: r.pupil.display_name for r in self.model.all_rows if r.pupil.id is not None}
        self.tasks_model.set_tasks(tasks, names, self.today)
        self.tasks_table.resizeColumnsToContents()
        n_open = sum(t.is_open for t in tasks)
        self.tabs.setTabText(2, f"Follow-up &tasks ({n_open})" if n_open else "Follow-up &tasks")

    # ---- actions -----------------------------------------------------------------------------
    def selected_row(self) -> MatrixRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            idx = self.table.currentIndex()
            return self.model.row_at(idx.row()) if idx.isValid() else None
        return self.model.row_at(rows[0].row())

    def open_pupil(self, pupil: Pupil | None = None) -> QWidget | None:
        if self.service is None or self.session is None:
            return None
        if pupil is None:
            row = self.selected_row()
            if row is None:
                QMessageBox.information(self, "Consents", "Select a pupil in the register first.")
                return None
            pupil = row.pupil
        from schooldp.ui.dialogs.consent_pupil import ConsentPupilDialog

        dialog = ConsentPupilDialog(self.session, self.service, pupil, self.today, self)
        dialog.finished.connect(lambda _r: self.data_changed())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _class_pupils(self) -> tuple[list[Pupil], str]:
        reg, year = self.reg.currentData(), self.year.currentData()
        pupils = [r.pupil for r in self.model.all_rows]
        if reg:
            return [p for p in pupils if p.reg_group == reg], f"Class {reg}"
        if year:
            chosen = [p for p in pupils if p.year_group.value == year]
            return chosen, chosen[0].year_group.label if chosen else year
        return [], ""

    def export_register(self) -> Path | None:
        """The whole register (pupils on roll x purposes) to a CSV or Excel file the DPO chooses."""
        if self.session is None:
            return None
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from schooldp.domain.errors import SchoolDPError
        from schooldp.services.exports import export_consent_register

        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the consent register",
            str(Path.home() / "Consent register.xlsx"),
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if not path:
            return None
        try:
            return export_consent_register(self.session, Path(path))
        except (OSError, SchoolDPError) as exc:
            QMessageBox.warning(self, "Not exported", f"The register could not be exported: {exc}")
            return None

    def print_class_list(self) -> QWidget | None:
        if self.service is None:
            return None
        pupils, name = self._class_pupils()
        if not pupils:
            QMessageBox.information(
                self, "Class list", "Choose a class or a year group in the filters above first."
            )
            return None
        keys = [k for k in PHOTO_KEYS if any(p.key == k for p in self.purposes)]
        try:
            pdf = render_class_list(self.service.class_list(pupils, keys, name, self.today))
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Class list", str(exc))
            return None
        from schooldp.ui.dialogs.consent_class_list import ConsentClassListDialog

        dialog = ConsentClassListDialog(self.service, pdf, name, len(pupils), self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def print_forms(self, pupils: list[Pupil] | None = None, case_id: str = "") -> QWidget | None:
        """Pre-filled forms for the class or year group chosen (or the pupils given), in one batch."""
        if self.service is None or self.session is None:
            return None
        name = ""
        if pupils is None:
            pupils, name = self._class_pupils()
        if not pupils:
            QMessageBox.information(
                self, "Consent forms", "Choose a class or a year group in the filters above first."
            )
            return None
        from schooldp.services.letters import LetterService
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog
        from schooldp.ui.workers import Cancelled, run_with_progress

        service, session = self.service, self.session
        return_by = self.today + timedelta(days=14)
        try:
            jobs = service.form_jobs(pupils, return_by=return_by, today=self.today)
            if not jobs:
                QMessageBox.information(
                    self, "Consent forms", "None of these pupils has anything to ask about."
                )
                return None
            pdfs = run_with_progress(
                self,
                "Consent forms",
                lambda progress, cancelled: LetterService(session).render_batch(
                    consent_form.LETTER, jobs, progress, cancelled
                ),
                "Preparing forms…",
            )
        except Cancelled:
            return None
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Consent forms", str(exc))
            return None
        case = case_id or f"forms {name or 'selection'} {self.today:%Y-%m-%d}"
        dialog = LetterPreviewDialog(
            session,
            consent_form.LETTER,
            [(j.recipient, pdf) for j, pdf in zip(jobs, pdfs, strict=True)],
            "consent",
            case[:40],
            self,
            file_stem=f"Consent forms {name}".strip(),
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_record(self, task_id: int) -> None:
        """From the dashboard: show the follow-up task, selected, ready to mark done."""
        self.tabs.setCurrentIndex(2)
        self.refresh_tasks()
        for row, task in enumerate(self.tasks_model.tasks):
            if task.id == task_id:
                self.tasks_table.selectRow(row)
                self.tasks_table.setFocus()
                return

    def complete_task(self) -> None:
        if self.service is None:
            return
        rows = self.tasks_table.selectionModel().selectedRows()
        if not rows:
            show_error(self.task_error, "Select a task in the list first.")
            return
        task = self.tasks_model.tasks[rows[0].row()]
        try:
            self.service.complete_task(task.id, self.task_note.text(), self.today)
        except SchoolDPError as exc:
            show_error(self.task_error, str(exc))
            return
        show_error(self.task_error, None)
        self.task_note.clear()
        self.refresh_tasks()

    def renew(self) -> None:
        if self.service is None:
            return
        start = school_year_start(self.today)
        pupils = [r.pupil for r in self.model.all_rows]
        due = self.service.renewal_due(start, pupils)
        if not due:
            QMessageBox.information(
                self, "Renewal", f"Nothing lapses on {uk_date(start)}: every answer still stands."
            )
            return
        n_pupils = len({x.pupil_id for x in due})
        answer = QMessageBox.question(
            self,
            "Renewal",
            f"{len(due)} answers for {n_pupils} pupils lapsed on {uk_date(start)}. Mark them expired "
            "and prepare new consent forms for those pupils?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            lapses = self.service.renew(start, pupils)
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Renewal", str(exc))
            return
        self.data_changed()
        ids = {x.pupil_id for x in lapses}
        self.print_forms([p for p in pupils if p.id in ids], f"renewal {start:%Y}")

    def edit_selected_purpose(self) -> None:
        rows = self.purpose_table.selectionModel().selectedRows()
        if not rows or self.service is None:
            QMessageBox.information(self, "Purposes", "Select a purpose first.")
            return
        key = self.purpose_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        self.edit_purpose(self.service.purpose(key))

    def edit_purpose(self, purpose: ConsentPurpose | None) -> QWidget | None:
        if self.service is None:
            return None
        from schooldp.ui.dialogs.consent_purpose import ConsentPurposeDialog

        dialog = ConsentPurposeDialog(self.service, purpose, self)
        dialog.accepted.connect(self.data_changed)
        self.dialog = dialog
        dialog.open()
        return dialog


__all__ = ["ConsentPage", "FastEntry", "cell_text"]
