"""Retention: the schedule built from the record of processing, the disposal log, and SchoolDP's
own retention with a reviewable purge (policy sections 7.2 and 16; UK GDPR Art 5(1)(e)).
Keyboard first: every button has a mnemonic; Ctrl+Tab moves between the tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.retention import OwnKind, RetentionService
from schooldp.ui.documents import make_document
from schooldp.ui.models.retention_tables import DisposalsModel, PurgeModel, ScheduleModel
from schooldp.ui.pages.base import Page
from schooldp.ui.widgets.forms import subtitle, title
from schooldp.ui.widgets.tables import register_view

__all__ = ["RetentionPage"]


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def _current(table: QTableView) -> int:
    index = table.currentIndex()
    return index.row() if index.isValid() else -1


class RetentionPage(Page):
    title_text = "Retention"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Retention and disposal"))
        layout.addWidget(
            subtitle(
                "Records are kept no longer than the school's schedule says, then disposed of securely and the "
                "disposal logged (policy sections 7.2 and 16). SchoolDP follows its own schedule too."
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Retention sections")
        self.tabs.addTab(self._schedule_tab(), "&Schedule")
        self.tabs.addTab(self._log_tab(), "Disposal &log")
        self.tabs.addTab(self._own_tab(), "SchoolDP's &own records")
        layout.addWidget(self.tabs, 1)

    # ---- tabs -----------------------------------------------------------------------------------
    def _schedule_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(
            subtitle(
                "Each processing activity's rule (set on the Records page): a trigger plus a period, or until an "
                "event. Records past their period are reviewed at least once a year."
            )
        )
        self.schedule = ScheduleModel(self)
        self.schedule_table = register_view(self.schedule, "Retention schedule", stretch_last=True)
        for column, width in {0: 300, 1: 330, 2: 110, 3: 150}.items():
            self.schedule_table.setColumnWidth(column, width)
        self.dispose_button = QPushButton("Record a &disposal for this activity…")
        self.dispose_button.clicked.connect(self.record_disposal_for_activity)
        self.export_button = QPushButton("E&xport the schedule and log…")
        self.export_button.clicked.connect(self.export)
        v.addLayout(_row(self.dispose_button, self.export_button))
        v.addWidget(self.schedule_table, 1)
        return tab

    def _log_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.disposals = DisposalsModel(self)
        self.log_table = register_view(self.disposals, "Disposal log", stretch_last=True)
        for column, width in {0: 105, 1: 170, 2: 220, 3: 120, 4: 220, 5: 120}.items():
            self.log_table.setColumnWidth(column, width)
        self.add_disposal_button = QPushButton("&Record a disposal…")
        self.certificate_button = QPushButton("Keep the &certificate…")
        self.save_certificate_button = QPushButton("Save a copy of the certi&ficate…")
        self.add_disposal_button.clicked.connect(lambda: self.record_disposal(""))
        self.certificate_button.clicked.connect(self.attach_certificate)
        self.save_certificate_button.clicked.connect(self.save_certificate)
        v.addLayout(_row(self.add_disposal_button, self.certificate_button, self.save_certificate_button))
        v.addWidget(self.log_table, 1)
        return tab

    def _own_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(
            subtitle(
                "How long SchoolDP keeps its own records once their purpose is over (UK GDPR Article 5(1)(e)). "
                "0 means not set: nothing is offered for deletion. Deletion is reviewed first, and the activity "
                "log records what kind and how many were deleted, never who."
            )
        )
        grid = QGridLayout()
        self.periods: dict[OwnKind, QSpinBox] = {}
        for i, kind in enumerate(OwnKind):
            spin = QSpinBox()
            spin.setRange(0, 1200)
            spin.setSuffix(" months")
            spin.setSpecialValueText("Not set")
            label = QLabel(f"{kind.label}, {kind.trigger}:")
            label.setBuddy(spin)
            spin.setAccessibleName(f"{kind.label}: months kept")
            grid.addWidget(label, i, 0)
            grid.addWidget(spin, i, 1)
            self.periods[kind] = spin
        grid.setColumnStretch(2, 1)
        v.addLayout(grid)
        self.save_periods_button = QPushButton("Save the &periods")
        self.save_periods_button.clicked.connect(self.save_periods)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of record to review")
        for kind in OwnKind:
            self.kind.addItem(kind.label, kind)
        self.review_button = QPushButton("Re&view what is due")
        self.purge_button = QPushButton("D&elete the selected records…")
        self.review_button.clicked.connect(self.review_due)
        self.purge_button.clicked.connect(self.purge)
        v.addLayout(_row(self.save_periods_button, self.kind, self.review_button, self.purge_button))
        self.due_summary = QLabel("Choose a kind of record and review what is due.")
        self.due_summary.setWordWrap(True)
        v.addWidget(self.due_summary)
        self.due = PurgeModel(self)
        self.due_table = register_view(self.due, "Records due for deletion", single=False, stretch_last=True)
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.due_table.setColumnWidth(0, 420)
        self.due_table.setColumnWidth(1, 180)
        v.addWidget(self.due_table, 1)
        return tab

    # ---- data -----------------------------------------------------------------------------------
    def service(self) -> RetentionService:
        assert self.session is not None
        return RetentionService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        service = self.service()
        self.schedule.set_rows(service.schedule())
        names = {a.key: a.name for a in service.activities()}
        self.disposals.set_disposals(service.disposals(), names)
        for kind, rule in service.own_rules().items():
            self.periods[kind].setValue(rule.months or 0)
        self.due.clear()
        writable = not self.session.read_only
        for b in (
            self.dispose_button,
            self.add_disposal_button,
            self.certificate_button,
            self.save_periods_button,
            self.purge_button,
        ):
            b.setEnabled(writable)

    def clear(self) -> None:
        for model in (self.schedule, self.disposals, self.due):
            model.clear()
        super().clear()

    def open_record(self, record_id: int) -> None:
        """From the dashboard: a schedule line (its position) or a disposal (a negative id)."""
        if record_id < 0:
            self.tabs.setCurrentIndex(1)
            for row, d in enumerate(self.disposals.rows):
                if d.id == -record_id:
                    self.log_table.setCurrentIndex(self.disposals.index(row, 0))
            return
        self.tabs.setCurrentIndex(0)
        if 0 < record_id <= self.schedule.rowCount():
            self.schedule_table.setCurrentIndex(self.schedule.index(record_id - 1, 0))

    def _run(self, action, done: str | None = None) -> object:  # type: ignore[no-untyped-def]
        try:
            result = action()
        except (SchoolDPError, OSError) as exc:
            QMessageBox.warning(self, "Retention", str(exc))
            return None
        self.refresh()
        if done:
            QMessageBox.information(self, "Retention", done)
        return result

    # ---- disposals ------------------------------------------------------------------------------
    def record_disposal(self, activity_key: str) -> None:
        from schooldp.ui.dialogs.disposal_editor import DisposalDialog

        if self.session is not None and DisposalDialog(self.service(), activity_key, self).exec():
            self.refresh()
            self.tabs.setCurrentIndex(1)

    def record_disposal_for_activity(self) -> None:
        row = _current(self.schedule_table)
        self.record_disposal(self.schedule.row_at(row).activity_key if row >= 0 else "")

    def attach_certificate(self) -> None:
        row = _current(self.log_table)
        if row < 0:
            return
        d = self.disposals.row_at(row)
        path, _ = QFileDialog.getOpenFileName(self, "The destruction certificate", "", "Any file (*)")
        if path and d.id is not None:
            disposal_id = d.id
            self._run(
                lambda: self.service().attach_certificate(disposal_id, Path(path)),
                "A copy is now kept inside the encrypted school file. You may delete the original.",
            )

    def save_certificate(self) -> None:
        row = _current(self.log_table)
        if row < 0 or not self.disposals.row_at(row).certificate_name:
            return
        d = self.disposals.row_at(row)
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy of the certificate", d.certificate_name)
        if path and d.id is not None:
            disposal_id = d.id
            self._run(lambda: self.service().save_certificate(disposal_id, Path(path)))

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the retention schedule", "retention schedule.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if path:
            service = self.service()
            make_document(
                self,
                "Retention schedule export",
                lambda: service.export(Path(path)),
                lambda _written: QMessageBox.information(
                    self, "Retention", "The schedule and the disposal log were exported."
                ),
            )

    # ---- SchoolDP's own records -----------------------------------------------------------------
    def save_periods(self) -> None:
        service = self.service()
        rules = service.own_rules()

        def save() -> None:
            for kind, spin in self.periods.items():
                months = spin.value() or None
                if rules[kind].months != months:
                    service.set_own_rule(kind, months)

        self._run(save, "The periods were saved.")

    def review_due(self) -> None:
        kind: OwnKind = self.kind.currentData()
        rows = self.service().due_for_deletion(kind)
        self.due.set_rows(rows)
        self.due_table.selectAll()
        rule = self.service().own_rules()[kind]
        self.due_summary.setText(
            f"{len(rows)} {kind.noun} are past the school's period ({rule.text}). Check the list; deselect any "
            "that must be kept longer (a complaint, a claim, a safeguarding concern), then delete."
            if rule.months is not None
            else f"Set how long {kind.label.lower()} are kept first."
        )

    def purge(self) -> None:
        kind: OwnKind = self.kind.currentData()
        rows = sorted({i.row() for i in self.due_table.selectionModel().selectedRows()})
        ids = [self.due.row_at(r).record_id for r in rows]
        if not ids:
            return
        answer = QMessageBox.question(
            self,
            "Delete records",
            f"Delete {len(ids)} {kind.noun} from the school file? This cannot be undone (backups expire in turn).",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        count = self._run(lambda: self.service().purge(kind, ids))
        if isinstance(count, int):
            self.review_due()
            self.due_summary.setText(f"{count} {kind.noun} were deleted. The activity log records the count.")
