"""Policies: the school's data protection documents with version, approval and next review
(policy 19: reviewed annually, approved by the headteacher), and the yearly accountability
checklist under the ICO accountability framework's ten headings (policy 14: regular reviews).
Keyboard first: every field has a label with a mnemonic; Ctrl+Tab moves between the tabs."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import ConflictError, SchoolDPError
from schooldp.services.policies import (
    ACCOUNTABILITY_CATEGORIES,
    CheckState,
    PoliciesService,
    PolicyDocument,
)
from schooldp.ui.conflicts import show_conflict
from schooldp.ui.dialogs.record_fields import date_edit, date_of, enum_combo, text_edit, text_of
from schooldp.ui.models.policies_tables import ChecklistModel, ChecklistRow, DocumentsModel
from schooldp.ui.pages.base import Page
from schooldp.ui.widgets.forms import add_field, line, subtitle, title
from schooldp.ui.widgets.tables import register_view

__all__ = ["EVIDENCE_PAGES", "PoliciesPage"]

EVIDENCE_PAGES = {
    "leadership": "Settings",
    "policies": "Policies",
    "training": "Training",
    "rights": "Requests",
    "transparency": "Records",
    "ropa": "Records",
    "contracts": "Records",
    "risks": "DPIAs",
    "records_security": "Retention",
    "breaches": "Breaches",
}
"""Where the records behind each accountability heading are kept in SchoolDP."""


class PoliciesPage(Page):
    title_text = "Policies"
    go_to = Signal(str)  # a sidebar page name: the records behind a checklist heading

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Policies and reviews"))
        self.summary = subtitle("")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Policies sections")
        self.tabs.addTab(self._documents_tab(), "&Documents")
        self.tabs.addTab(self._checklist_tab(), "Accountability &checklist")
        layout.addWidget(self.tabs, 1)

    def _documents_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        self.documents = DocumentsModel(self)
        self.doc_table = register_view(self.documents, "Data protection documents", stretch_last=True)
        for column, width in {0: 320, 1: 90, 2: 250, 3: 110, 4: 110}.items():
            self.doc_table.setColumnWidth(column, width)
        self.doc_table.selectionModel().currentRowChanged.connect(self._load_document)
        v.addWidget(self.doc_table, 1)
        form = QFormLayout()
        self.doc_title = line("e.g. Data protection policy")
        add_field(form, "&Title:", self.doc_title, "Document title")
        row = QHBoxLayout()
        self.version = line("e.g. 2026.1")
        self.approver_role = line("Headteacher")
        self.approved_by = line("Name")
        self.approved_on = date_edit(None)
        for label, widget, name in (
            ("&Version:", self.version, "Version"),
            ("A&pprover:", self.approver_role, "Who approves it (role)"),
            ("Approved &by:", self.approved_by, "Approved by"),
            ("Approved &on:", self.approved_on, "Approved on"),
        ):
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            widget.setAccessibleName(name)
            row.addWidget(lbl)
            row.addWidget(widget)
        form.addRow(row)
        row2 = QHBoxLayout()
        self.review_months = QSpinBox()
        self.review_months.setRange(1, 60)
        self.review_months.setSuffix(" months")
        self.next_review = date_edit(None)
        self.notes = line("Notes")
        for label, widget, name in (
            ("Review &every:", self.review_months, "Review every (months)"),
            ("Ne&xt review:", self.next_review, "Next review date (blank: from approval)"),
            ("&Notes:", self.notes, "Notes"),
        ):
            lbl = QLabel(label)
            lbl.setBuddy(widget)
            widget.setAccessibleName(name)
            row2.addWidget(lbl)
            row2.addWidget(widget)
        form.addRow(row2)
        v.addLayout(form)
        buttons = QHBoxLayout()
        self.save_doc_button = QPushButton("&Save the document")
        self.new_doc_button = QPushButton("Add a ne&w document")
        self.save_doc_button.clicked.connect(self.save_document)
        self.new_doc_button.clicked.connect(self.new_document)
        buttons.addWidget(self.save_doc_button)
        buttons.addWidget(self.new_doc_button)
        buttons.addStretch(1)
        v.addLayout(buttons)
        self._editing: PolicyDocument | None = None
        return tab

    def _checklist_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year)
        self.year.setAccessibleName("Year of the review")
        self.year.valueChanged.connect(lambda _y: self._load_checklist())
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(
            subtitle("Work through each heading once a year; what SchoolDP holds is shown as evidence."), 1
        )
        v.addLayout(top)
        self.checklist = ChecklistModel(self)
        self.check_table = register_view(self.checklist, "Accountability checklist", stretch_last=True)
        for column, width in {0: 300, 1: 100, 2: 330}.items():
            self.check_table.setColumnWidth(column, width)
        self.check_table.selectionModel().currentRowChanged.connect(self._load_check)
        v.addWidget(self.check_table, 1)
        form = QFormLayout()
        self.check_asks = QLabel("")
        self.check_asks.setWordWrap(True)
        form.addRow(self.check_asks)
        self.check_state = enum_combo(CheckState, CheckState.NOT_STARTED, lambda s: s.label)
        add_field(form, "St&ate:", self.check_state, "State of this category")
        self.check_evidence = text_edit("", 2)
        add_field(form, "E&vidence:", self.check_evidence, "The school's evidence")
        self.check_actions = text_edit("", 2)
        add_field(form, "Ac&tions:", self.check_actions, "Actions to take")
        v.addLayout(form)
        self.save_check_button = QPushButton("Save this &heading")
        self.save_check_button.clicked.connect(self.save_check)
        self.evidence_button = QPushButton("&Go to the records behind this heading")
        self.evidence_button.clicked.connect(self.open_evidence)
        row = QHBoxLayout()
        row.addWidget(self.save_check_button, 1)
        row.addWidget(self.evidence_button)
        v.addLayout(row)
        return tab

    # ---- data -----------------------------------------------------------------------------------
    def service(self) -> PoliciesService:
        assert self.session is not None
        return PoliciesService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        service = self.service()
        docs = service.documents(seed=not self.session.read_only)
        today = service.today()
        self.documents.set_documents(docs, today)
        due = sum(d.state(today).name in ("OVERDUE", "DUE_SOON", "NOT_APPROVED") for d in docs)
        self.summary.setText(
            f"{len(docs)} documents; {due} to approve or review. The data protection policy is reviewed every year "
            "and approved by the headteacher (policy section 19)."
        )
        self.year.blockSignals(True)
        self.year.setValue(service.latest_year())
        self.year.blockSignals(False)
        self._load_checklist()
        writable = not self.session.read_only
        for b in (self.save_doc_button, self.new_doc_button, self.save_check_button):
            b.setEnabled(writable)

    def clear(self) -> None:
        self.documents.clear()
        self.checklist.clear()
        super().clear()

    def open_record(self, record_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        for row, d in enumerate(self.documents.rows):
            if d.id == record_id:
                self.doc_table.setCurrentIndex(self.documents.index(row, 0))

    def _run(self, action, done: str | None = None) -> object:  # type: ignore[no-untyped-def]
        try:
            result = action()
        except ConflictError:
            raise  # the caller offers Reload
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Policies", str(exc))
            return None
        if done:
            QMessageBox.information(self, "Policies", done)
        return result

    # ---- documents ------------------------------------------------------------------------------
    def _load_document(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        d = self.documents.row_at(current.row())
        self._editing = d
        self.doc_title.setText(d.title)
        self.version.setText(d.version)
        self.approver_role.setText(d.approver_role)
        self.approved_by.setText(d.approved_by)
        self.approved_on.setText(f"{d.approved_on:%d/%m/%Y}" if d.approved_on else "")
        self.review_months.setValue(d.review_months)
        self.next_review.setText(f"{d.next_review:%d/%m/%Y}" if d.next_review else "")
        self.notes.setText(d.notes)

    def new_document(self) -> None:
        self._editing = None
        self.doc_table.clearSelection()
        for edit in (
            self.doc_title,
            self.version,
            self.approved_by,
            self.approved_on,
            self.next_review,
            self.notes,
        ):
            edit.clear()
        self.approver_role.setText("Headteacher")
        self.review_months.setValue(12)
        self.doc_title.setFocus()

    def save_document(self) -> None:
        def save() -> PolicyDocument:
            base = self._editing or PolicyDocument("")
            return self.service().save_document(
                replace(
                    base,
                    title=self.doc_title.text().strip(),
                    version=self.version.text().strip(),
                    approver_role=self.approver_role.text().strip(),
                    approved_by=self.approved_by.text().strip(),
                    approved_on=date_of(self.approved_on, "approval date"),
                    review_months=self.review_months.value(),
                    next_review=date_of(self.next_review, "next review date"),
                    notes=self.notes.text().strip(),
                )
            )

        try:
            saved = self._run(save)
        except ConflictError as exc:
            editing = self._editing

            def reload() -> None:
                self.refresh()
                if editing is not None and editing.id is not None:
                    self.open_record(editing.id)

            self.conflict_box = show_conflict(self, exc, reload)
            return
        if isinstance(saved, PolicyDocument):
            self.refresh()
            self.open_record(saved.id or 0)

    # ---- checklist ------------------------------------------------------------------------------
    def _load_checklist(self) -> None:
        if self.session is None:
            return
        service = self.service()
        holds = service.holdings()
        titles = {c.key: c.title for c in ACCOUNTABILITY_CATEGORIES}
        self.checklist.set_rows(
            ChecklistRow(titles[e.category], e, holds.get(e.category, ""))
            for e in service.checklist(self.year.value())
        )

    def _load_check(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.checklist.row_at(current.row())
        asks = next(c.asks for c in ACCOUNTABILITY_CATEGORIES if c.key == row.entry.category)
        checked = (
            f" Last saved by {row.entry.checked_by} on {row.entry.checked_on:%d/%m/%Y}."
            if row.entry.checked_on
            else ""
        )
        self.check_asks.setText(f"<b>{row.title}</b>: {asks}{checked}")
        self.check_state.setCurrentIndex(self.check_state.findData(row.entry.state))
        self.check_evidence.setPlainText(row.entry.evidence)
        self.check_actions.setPlainText(row.entry.actions)

    def open_evidence(self) -> None:
        index = self.check_table.currentIndex()
        if not index.isValid():
            return
        page = EVIDENCE_PAGES[self.checklist.row_at(index.row()).entry.category]
        if page == "Policies":
            self.tabs.setCurrentIndex(0)
        else:
            self.go_to.emit(page)

    def save_check(self) -> None:
        index = self.check_table.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        entry = replace(
            self.checklist.row_at(row).entry,
            state=self.check_state.currentData(),
            evidence=text_of(self.check_evidence),
            actions=text_of(self.check_actions),
        )
        if self._run(lambda: self.service().save_check(entry)) is not None:
            self._load_checklist()
            self.check_table.setCurrentIndex(self.checklist.index(row, 0))
