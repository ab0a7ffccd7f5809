"""Records: the school's record of processing (activities), the organisations it shares with
or uses, and the privacy notices written from the record. Keyboard first: every button has a
mnemonic, Enter on a row opens it, Ctrl+Tab moves between the tabs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.records import NoticeAudience, RecordsService
from schooldp.ui.conflicts import edit_with_reload
from schooldp.ui.documents import make_document
from schooldp.ui.models.base import SORT_ROLE, RowTableModel
from schooldp.ui.models.records_tables import ActivitiesModel, NoticesModel, OrganisationsModel
from schooldp.ui.pages.base import Page
from schooldp.ui.printing import save_pdf
from schooldp.ui.widgets.forms import subtitle, title


class RecordTable(QTableView):
    """A sortable table whose Enter key opens the current row."""

    def __init__(self, model: RowTableModel, name: str, widths: dict[int, int], on_open) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.source_model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in widths.items():
            self.setColumnWidth(column, width)
        # The record's own order (as the school arranged it) until a heading is clicked.
        self.proxy.sort(-1)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._on_open = on_open
        self.doubleClicked.connect(lambda _index: on_open())

    def current_row(self):  # type: ignore[no-untyped-def]
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.source_model.row_at(self.proxy.mapToSource(index).row())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_open()
            return
        super().keyPressEvent(event)


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    return row


class RecordsPage(Page):
    title_text = "Records"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Record of processing"))
        layout.addWidget(
            subtitle(
                "What the school does with personal data and why (UK GDPR Article 30), who it shares it with, "
                "and the privacy notices written from it."
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Record of processing sections")
        self.tabs.addTab(self._activities_tab(), "&Activities")
        self.tabs.addTab(self._organisations_tab(), "&Organisations")
        self.tabs.addTab(self._notices_tab(), "Privacy &notices")
        layout.addWidget(self.tabs, 1)

    # ---- tabs -----------------------------------------------------------------------------------
    def _activities_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        self.activities = ActivitiesModel(self)
        self.activity_table = RecordTable(
            self.activities,
            "Processing activities",
            {0: 210, 1: 150, 2: 110, 3: 210, 4: 100, 5: 125, 6: 80},
            self.edit_activity,
        )
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter activities…")
        self.filter.setAccessibleName("Filter activities")
        self.filter.textChanged.connect(self.activity_table.proxy.setFilterFixedString)
        self.adopt_button = QPushButton("Adopt the &starter record")
        self.add_button = QPushButton("A&dd…")
        self.edit_button = QPushButton("&Edit…")
        self.reviewed_button = QPushButton("Mark &reviewed")
        self.reviewed_button.setToolTip("Record that you checked this entry today")
        self.export_button = QPushButton("E&xport for the ICO (XLSX)…")
        self.governors_button = QPushButton("&Governors' PDF…")
        self.adopt_button.clicked.connect(self.adopt_starter)
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button.clicked.connect(self.edit_activity)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.export_button.clicked.connect(self.export_record)
        self.governors_button.clicked.connect(self.governors_pdf)
        row = _buttons(
            self.adopt_button,
            self.add_button,
            self.edit_button,
            self.reviewed_button,
            self.export_button,
            self.governors_button,
        )
        row.addWidget(self.filter)
        v.addLayout(row)
        v.addWidget(self.activity_table, 1)
        return tab

    def _organisations_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(
            subtitle(
                "Processors need a contract with the Article 28(3) particulars and due diligence (policy section 8). "
                "Evidence files are kept inside the encrypted school file."
            )
        )
        self.organisations = OrganisationsModel(self)
        self.org_table = RecordTable(
            self.organisations,
            "Organisations",
            {0: 260, 1: 110, 2: 250, 3: 90, 4: 110},
            self.edit_organisation,
        )
        self.add_org_button = QPushButton("Add &organisation…")
        self.edit_org_button = QPushButton("&Edit…")
        self.evidence_button = QPushButton("Keep an evidence &file…")
        self.save_evidence_button = QPushButton("Save a &copy of the evidence…")
        self.add_org_button.clicked.connect(self.add_organisation)
        self.edit_org_button.clicked.connect(self.edit_organisation)
        self.evidence_button.clicked.connect(self.attach_evidence)
        self.save_evidence_button.clicked.connect(self.save_evidence)
        v.addLayout(
            _buttons(
                self.add_org_button, self.edit_org_button, self.evidence_button, self.save_evidence_button
            )
        )
        v.addWidget(self.org_table, 1)
        return tab

    def _notices_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        v.addWidget(
            subtitle(
                "Each notice is written from the activities about those people. When the record changes, "
                "the notice shows as out of date here and on the dashboard until you generate it again."
            )
        )
        self.notices = NoticesModel(self)
        self.notice_table = RecordTable(
            self.notices, "Privacy notices", {0: 220, 1: 300, 2: 140}, self.generate_notice
        )
        self.generate_button = QPushButton("&Generate from the record")
        self.save_pdf_button = QPushButton("Save as &PDF…")
        self.save_html_button = QPushButton("Save as &web page…")
        self.generate_button.clicked.connect(self.generate_notice)
        self.save_pdf_button.clicked.connect(lambda: self.save_notice("pdf"))
        self.save_html_button.clicked.connect(lambda: self.save_notice("html"))
        v.addLayout(_buttons(self.generate_button, self.save_pdf_button, self.save_html_button))
        v.addWidget(self.notice_table, 1)
        return tab

    # ---- data -----------------------------------------------------------------------------------
    def service(self) -> RecordsService:
        assert self.session is not None
        return RecordsService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        service = self.service()
        activities = service.activities(include_inactive=True)
        self.activities.set_rows(activities)
        self.organisations.set_rows(service.organisations())
        self.notices.set_rows(service.notice_statuses())
        gaps = sum(bool(a.gaps()) for a in activities if a.active)
        self.summary.setText(
            f"{len(activities)} activities; {gaps} with something still to fill in."
            if activities
            else "The record is empty. Adopt the starter record (about 20 typical school activities) and edit it, "
            "or add your own."
        )
        writable = not self.session.read_only
        for b in (
            self.adopt_button,
            self.add_button,
            self.reviewed_button,
            self.add_org_button,
            self.evidence_button,
            self.generate_button,
        ):
            b.setEnabled(writable)

    def clear(self) -> None:
        for model in (self.activities, self.organisations, self.notices):
            model.clear()
        super().clear()

    def open_record(self, record_id: int) -> None:
        """From the dashboard: an organisation's review (its id), or a notice (a negative id)."""
        if record_id < 0:
            self.tabs.setCurrentIndex(2)
            return
        self.tabs.setCurrentIndex(1)
        for row, org in enumerate(self.organisations.rows):
            if org.id == record_id:
                self.org_table.setCurrentIndex(
                    self.org_table.proxy.mapFromSource(self.organisations.index(row, 0))
                )

    def _run(self, action, done: str | None = None) -> object:  # type: ignore[no-untyped-def]
        try:
            result = action()
        except (SchoolDPError, OSError, KeyError) as exc:
            QMessageBox.warning(self, "Records", str(exc))
            return None
        self.refresh()
        if done:
            QMessageBox.information(self, "Records", done)
        return result

    def _make(self, what: str, build, done: str = "") -> None:  # type: ignore[no-untyped-def]
        """Make a document on a worker (a notice, the export, a PDF); then refresh and say so."""

        def finished(_result: object) -> None:
            self.refresh()
            if done:
                QMessageBox.information(self, "Records", done)

        make_document(self, what, build, finished)

    # ---- activities -----------------------------------------------------------------------------
    def adopt_starter(self) -> None:
        result = self._run(lambda: self.service().adopt_starter())
        if result is not None:
            QMessageBox.information(
                self,
                "Starter record",
                f"{result.activities} activities and {result.organisations} organisations added. Check each one "
                "against what your school does, and set the retention periods from your own schedule.",
            )

    def add_activity(self) -> None:
        from schooldp.ui.dialogs.activity_editor import ActivityDialog

        if self.session is not None and ActivityDialog(self.service(), None, self).exec():
            self.refresh()

    def edit_activity(self) -> None:
        from schooldp.ui.dialogs.activity_editor import ActivityDialog

        activity = self.activity_table.current_row()
        if self.session is None or activity is None:
            return
        service = self.service()
        dialog = edit_with_reload(
            lambda a: ActivityDialog(service, a, self), activity, lambda a: service.activity(a.id)
        )
        if dialog.result():
            self.refresh()

    def mark_reviewed(self) -> None:
        activity = self.activity_table.current_row()
        if self.session is not None and activity is not None:
            self._run(lambda: self.service().mark_reviewed(activity.id))

    def export_record(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the record", "record of processing.xlsx", "Excel (*.xlsx)"
        )
        if path:
            service = self.service()
            self._make(
                "Record export",
                lambda: service.export_record(Path(path)),
                "The record was exported in the column order of the ICO's template.",
            )

    def governors_pdf(self) -> None:
        if self.session is None:
            return
        service = self.service()
        make_document(
            self,
            "Record for governors",
            service.governors_pdf,
            lambda data: save_pdf(data, self, "record of processing for governors.pdf"),
        )

    # ---- organisations --------------------------------------------------------------------------
    def add_organisation(self) -> None:
        from schooldp.ui.dialogs.organisation_editor import OrganisationDialog

        if self.session is not None and OrganisationDialog(self.service(), None, self).exec():
            self.refresh()

    def edit_organisation(self) -> None:
        from schooldp.ui.dialogs.organisation_editor import OrganisationDialog

        org = self.org_table.current_row()
        if self.session is None or org is None:
            return
        service = self.service()
        dialog = edit_with_reload(
            lambda o: OrganisationDialog(service, o, self), org, lambda o: service.organisation(o.id)
        )
        if dialog.result():
            self.refresh()

    def attach_evidence(self) -> None:
        org = self.org_table.current_row()
        if org is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, f"Evidence for {org.name}", "", "Any file (*)")
        if path:
            self._run(
                lambda: self.service().attach_evidence(org.id, Path(path)),
                "A copy is now kept inside the encrypted school file. You may delete the original.",
            )

    def save_evidence(self) -> None:
        org = self.org_table.current_row()
        if org is None or not org.evidence_name:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save a copy of the evidence", org.evidence_name)
        if path:
            self._run(lambda: self.service().save_evidence(org.id, Path(path)))

    # ---- notices --------------------------------------------------------------------------------
    def _audience(self) -> NoticeAudience:
        info = self.notice_table.current_row()
        return info.audience if info is not None else NoticeAudience.PUPILS_PARENTS

    def generate_notice(self) -> None:
        if self.session is None:
            return
        audience, service = self._audience(), self.service()
        self._make(
            "Privacy notice",
            lambda: service.generate_notice(audience),
            f"The {audience.label.lower()} notice was generated. Save it as a PDF or a web page.",
        )

    def save_notice(self, kind: str) -> None:
        audience = self._audience()
        suffix, kind_filter = (".pdf", "PDF (*.pdf)") if kind == "pdf" else (".html", "Web page (*.html)")
        name = f"privacy notice {audience.label.lower()}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the notice", name, kind_filter)
        if path:
            service = self.service()
            self._make("Privacy notice", lambda: service.save_notice(audience, Path(path), kind))
