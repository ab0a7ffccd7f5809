"""Training: each member of staff's data protection training status against the school's
refresher period, and sessions with their attendance (policy sections 14 and 18). Keyboard first:
every button has a mnemonic; Ctrl+Tab moves between the tabs; Space ticks an attendee."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.training import TrainingService, TrainingSession, TrainingStatus
from schooldp.ui.dialogs.record_fields import date_edit, date_of
from schooldp.ui.documents import make_document
from schooldp.ui.models.training_tables import SessionsModel, StaffTrainingModel
from schooldp.ui.pages.base import Page
from schooldp.ui.printing import save_pdf
from schooldp.ui.widgets.forms import add_field, line, subtitle, title
from schooldp.ui.widgets.tables import register_view

__all__ = ["TrainingPage"]


class TrainingPage(Page):
    title_text = "Training"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Staff training"))
        self.summary = subtitle("")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Training sections")
        self.tabs.addTab(self._staff_tab(), "&Staff")
        self.tabs.addTab(self._sessions_tab(), "S&essions")
        layout.addWidget(self.tabs, 1)

    def _staff_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.import_button = QPushButton("&Import staff (CSV)…")
        self.import_button.setToolTip(
            "A CSV from the MIS or HR system with a Name (or First name and Surname) column"
        )
        self.import_button.clicked.connect(self.import_staff)
        self.refresher = QSpinBox()
        self.refresher.setRange(1, 60)
        self.refresher.setSuffix(" months")
        label = QLabel("&Refresher every:")
        label.setBuddy(self.refresher)
        self.refresher.setAccessibleName("Refresher period in months")
        self.save_refresher_button = QPushButton("Sa&ve the period")
        self.save_refresher_button.clicked.connect(self.save_refresher)
        for w in (self.import_button, label, self.refresher, self.save_refresher_button):
            row.addWidget(w)
        row.addStretch(1)
        v.addLayout(row)
        self.staff = StaffTrainingModel(self)
        self.staff_table = register_view(self.staff, "Staff training status", stretch_last=True)
        for column, width in {0: 240, 1: 200, 2: 130, 3: 110, 4: 280}.items():
            self.staff_table.setColumnWidth(column, width)
        v.addWidget(self.staff_table, 1)
        return tab

    def _sessions_tab(self) -> QWidget:
        tab = QWidget()
        outer = QHBoxLayout(tab)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        v = QVBoxLayout(left)
        v.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.course = QComboBox()
        add_field(form, "&Course:", self.course)
        self.held_on = date_edit(None)
        add_field(form, "&Date:", self.held_on, "Date of the session")
        self.trainer = line("Who delivered it")
        add_field(form, "&Trainer:", self.trainer)
        v.addLayout(form)
        caption = QLabel("&Attended (tick each person; Space ticks):")
        self.attendees = QListWidget()
        self.attendees.setAccessibleName("Staff who attended")
        caption.setBuddy(self.attendees)
        v.addWidget(caption)
        v.addWidget(self.attendees, 1)
        buttons = QHBoxLayout()
        self.sheet_button = QPushButton("Attendance s&heet to sign…")
        self.record_button = QPushButton("Rec&ord the session")
        self.sheet_button.clicked.connect(self.attendance_sheet)
        self.record_button.clicked.connect(self.record_session)
        buttons.addWidget(self.sheet_button)
        buttons.addWidget(self.record_button)
        v.addLayout(buttons)
        split.addWidget(left)
        self.sessions = SessionsModel(self)
        self.session_table = register_view(
            self.sessions, "Sessions held", stretch=SessionsModel.Columns.COURSE
        )
        split.addWidget(self.session_table)
        split.setSizes([460, 620])
        outer.addWidget(split)
        return tab

    # ---- data -----------------------------------------------------------------------------------
    def service(self) -> TrainingService:
        assert self.session is not None
        return TrainingService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        service = self.service()
        statuses = service.statuses()
        self.staff.set_rows(statuses)
        months = service.refresher_months()
        self.refresher.setValue(months)
        courses = service.courses()
        current = self.course.currentData()
        self.course.clear()
        for c in courses:
            self.course.addItem(c.title, c.id)
        self.course.setCurrentIndex(max(self.course.findData(current), 0))
        self.sessions.set_sessions(service.sessions(), {c.id: c.title for c in courses if c.id is not None})
        self.attendees.clear()
        for t in statuses:
            item = QListWidgetItem(f"{t.staff.name} ({t.staff.role})" if t.staff.role else t.staff.name)
            item.setData(Qt.ItemDataRole.UserRole, t.staff.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        if not self.held_on.text():
            self.held_on.setText(f"{self.session.clock.today():%d/%m/%Y}")
        counts = {s: sum(t.status is s for t in statuses) for s in TrainingStatus}
        self.summary.setText(
            f"{len(statuses)} staff: {counts[TrainingStatus.OVERDUE]} overdue, {counts[TrainingStatus.NEVER]} never "
            f"trained, {counts[TrainingStatus.DUE]} due within 30 days. Refresher every {months} months "
            "(policy section 18: at induction and regularly)."
            if statuses
            else "No staff yet. Import them from a CSV (or add them on the People page)."
        )
        writable = not self.session.read_only
        for b in (self.import_button, self.save_refresher_button, self.record_button):
            b.setEnabled(writable)

    def clear(self) -> None:
        self.staff.clear()
        self.sessions.clear()
        self.attendees.clear()
        super().clear()

    def open_record(self, record_id: int) -> None:
        self.tabs.setCurrentIndex(0)

    def _run(self, action, done: str | None = None) -> object:  # type: ignore[no-untyped-def]
        try:
            result = action()
        except (SchoolDPError, OSError) as exc:
            QMessageBox.warning(self, "Training", str(exc))
            return None
        self.refresh()
        if done:
            QMessageBox.information(self, "Training", done)
        return result

    # ---- actions --------------------------------------------------------------------------------
    def import_staff(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import staff", "", "CSV file (*.csv)")
        if not path:
            return
        result = self._run(lambda: self.service().import_staff(Path(path)))
        if result is not None:
            QMessageBox.information(
                self,
                "Training",
                f"{result.added} staff added to the People register; {result.already_there} were already there.",
            )

    def save_refresher(self) -> None:
        months = self.refresher.value()
        self._run(lambda: self.service().set_refresher_months(months), "The refresher period was saved.")

    def _ticked(self) -> frozenset[int]:
        ids = []
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return frozenset(ids)

    def record_session(self) -> None:
        course_id = self.course.currentData()

        def record() -> TrainingSession:
            held_on = date_of(self.held_on, "session date")
            if held_on is None or course_id is None:
                raise SchoolDPError("Choose the course and give the date of the session.")
            return self.service().record_session(
                TrainingSession(int(course_id), held_on, self.trainer.text().strip(), self._ticked())
            )

        saved = self._run(record)
        if isinstance(saved, TrainingSession):
            QMessageBox.information(self, "Training", f"Session recorded: {len(saved.attendees)} attended.")

    def attendance_sheet(self) -> None:
        course_id = self.course.currentData()
        try:
            held_on = date_of(self.held_on, "session date") or self.service().session.clock.today()
            course = int(course_id)
        except (SchoolDPError, TypeError) as exc:
            QMessageBox.warning(self, "Training", str(exc))
            return
        service, trainer = self.service(), self.trainer.text().strip()
        make_document(
            self,
            "Attendance sheet",
            lambda: service.attendance_sheet(course, held_on, trainer),
            lambda data: save_pdf(data, self, f"attendance sheet {held_on:%Y-%m-%d}.pdf"),
        )
