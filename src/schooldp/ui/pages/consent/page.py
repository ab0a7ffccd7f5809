"""Consent page: the register matrix, fast entry of returned forms, tasks, coverage, purposes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.calendar import format_uk_long_date as uk_date
from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.domain.consent import ConsentPurpose, ConsentState, school_year_start
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil, YearGroup
from schooldp.services.consent import ConsentMatrix, ConsentService, MatrixRow
from schooldp.services.school import SchoolSession
from schooldp.ui.models.consent_matrix import ConsentMatrixModel
from schooldp.ui.models.consent_tasks import ConsentTasksModel
from schooldp.ui.pages.base import Page, page_layout
from schooldp.ui.pages.consent import printing
from schooldp.ui.pages.consent.fast_entry import FastEntry
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import button_row, error_label, show_error, subtitle, title
from schooldp.ui.widgets.tables import fit_columns, list_table, register_view, setup_table

__all__ = ["ConsentPage"]


class ConsentPage(Page):
    title_text = "Consent"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: ConsentService | None = None
        self.purposes: tuple[ConsentPurpose, ...] = ()
        self.today = SYSTEM_CLOCK.today()  # until a school is open; then the session's clock
        self.dialog: QWidget | None = None  # the last dialog opened, for tests and screenshots
        layout = page_layout(self)
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
        self.table = register_view(self.model, "Consent register: pupils by purposes")
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
        self.tasks_table = register_view(self.tasks_model, "Follow-up tasks", stretch_last=True)
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
        self.coverage_table = setup_table(
            list_table(["Purpose", "✓ Given", "✗ Refused", "⊘ Withdrawn", "Outstanding", "· N/A", "Given %"]),
            "Coverage per purpose",
            stretch=0,
        )
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
        self.purpose_table = setup_table(
            list_table(["Purpose", "Who decides", "Lasts", "Source"]),
            "Consent purposes",
            select_rows=True,
            read_only=True,
            stretch=0,
        )
        v.addWidget(self.purpose_table, 1)
        self.add_purpose_button = QPushButton("&Add purpose…")
        self.edit_purpose_button = QPushButton("&Edit purpose…")
        v.addLayout(button_row(self.add_purpose_button, self.edit_purpose_button))
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
        self.today = self.session.clock.today()
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
        # The purposes share the spare width; the name and class keep theirs.
        fit_columns(self.table, range(2, self.model.columnCount()), essential=(0, 1))
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
        order = [y.value for y in YearGroup]
        for value in sorted(seen, key=order.index):
            self.year.addItem(seen[value], value)
        self.reg.addItem("All classes", None)
        for reg in sorted({p.reg_group for p in pupils if p.reg_group}):
            self.reg.addItem(reg, reg)
        self.purpose_filter.addItem("Any purpose", None)
        for i, purpose in enumerate(self.purposes):
            self.purpose_filter.addItem(purpose.title, i)
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

    def _fill_coverage(self, matrix: ConsentMatrix) -> None:
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
        # The class beside the name: two pupils may share a name, never a name and a class here.
        names = {
            r.pupil.id: f"{r.pupil.display_name} ({r.pupil.reg_group})"
            if r.pupil.reg_group
            else r.pupil.display_name
            for r in self.model.all_rows
            if r.pupil.id is not None
        }
        self.tasks_model.set_tasks(tasks, names, self.today)
        fit_columns(self.tasks_table, ConsentTasksModel.Columns.TASK)
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
        return printing.export_register(self, self.session)

    def print_class_list(self) -> None:
        """Make the class's "Do not photograph" list on a worker; its preview opens when ready."""
        if self.service is None:
            return
        pupils, name = self._class_pupils()
        if not pupils:
            QMessageBox.information(
                self, "Class list", "Choose a class or a year group in the filters above first."
            )
            return

        def shown(dialog: QWidget) -> None:
            self.dialog = dialog

        printing.class_list_dialog(self, self.service, pupils, name, self.purposes, self.today, shown)

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
        dialog = printing.forms_dialog(self, self.session, self.service, pupils, name, case_id, self.today)
        if dialog is not None:
            self.dialog = dialog
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
        item = self.purpose_table.item(rows[0].row(), 0)
        if item is None:
            return
        self.edit_purpose(self.service.purpose(item.data(Qt.ItemDataRole.UserRole)))

    def edit_purpose(self, purpose: ConsentPurpose | None) -> QWidget | None:
        if self.service is None:
            return None
        from schooldp.ui.dialogs.consent_purpose import ConsentPurposeDialog

        dialog = ConsentPurposeDialog(self.service, purpose, self)
        dialog.accepted.connect(self.data_changed)
        if purpose is not None:  # Reload after a conflict: open it again on the purpose as it now is
            service = self.service
            dialog.rejected.connect(
                lambda: dialog.reload_requested and self.edit_purpose(service.purpose(purpose.key))
            )
        self.dialog = dialog
        dialog.open()
        return dialog
