"""DPIAs: the school's data protection impact assessments (UK GDPR Art 35; policy sections 13
and 14), each linked to its processing activity, with every saved version kept. Keyboard first:
every button has a mnemonic and Enter on a row opens it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schooldp.services.dpia import Dpia, DpiaService, DpiaStage
from schooldp.ui.conflicts import edit_with_reload
from schooldp.ui.documents import make_document
from schooldp.ui.models.dpia_tables import DpiaRegisterModel, DpiaVersionsModel
from schooldp.ui.pages.base import Page
from schooldp.ui.printing import save_pdf
from schooldp.ui.widgets.forms import subtitle, title
from schooldp.ui.widgets.tables import register_view, setup_table

__all__ = ["DpiasPage"]


class _EnterOpens(QTableView):
    def __init__(self, on_open) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_open = on_open

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_open()
            return
        super().keyPressEvent(event)


class DpiasPage(Page):
    title_text = "DPIAs"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title("Data protection impact assessments"))
        self.summary = subtitle(
            "Screen every new project or system first; a DPIA is needed where processing is likely to be "
            "high risk and whenever new technology, including AI, is introduced (policy sections 13 and 14)."
        )
        layout.addWidget(self.summary)
        self.new_button = QPushButton("&New DPIA…")
        self.example_button = QPushButton("Start from an e&xample…")
        self.open_button = QPushButton("&Open…")
        self.pdf_button = QPushButton("Save as &PDF…")
        self.version_pdf_button = QPushButton("PDF of that ve&rsion…")
        row = QHBoxLayout()
        for b in (
            self.new_button,
            self.example_button,
            self.open_button,
            self.pdf_button,
            self.version_pdf_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.new_dpia)
        self.example_button.clicked.connect(self.from_example)
        self.open_button.clicked.connect(self.open_dpia)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.version_pdf_button.clicked.connect(self.save_version_pdf)

        self.model = DpiaRegisterModel(self)
        self.table = _EnterOpens(self.open_dpia)
        self.table.setModel(self.model)
        setup_table(self.table, "DPIAs", select_rows=True, single=True, read_only=True, alternating=True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_dpia())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        for column, width in {0: 120, 1: 300, 2: 250, 3: 140, 4: 190}.items():
            self.table.setColumnWidth(column, width)
        self.versions = DpiaVersionsModel(self)
        self.version_table = register_view(
            self.versions, "Saved versions of the selected DPIA", stretch_last=True
        )
        for column, width in {0: 70, 1: 130, 2: 160}.items():
            self.version_table.setColumnWidth(column, width)
        versions = QWidget()
        box = QVBoxLayout(versions)
        box.setContentsMargins(0, 6, 0, 0)
        caption = QLabel("Saved &versions of the selected DPIA (each save is kept):")
        caption.setBuddy(self.version_table)
        box.addWidget(caption)
        box.addWidget(self.version_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(versions)
        split.setSizes([380, 160])
        layout.addWidget(split, 1)

    # ---- data -----------------------------------------------------------------------------------
    def service(self) -> DpiaService:
        assert self.session is not None
        return DpiaService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        service = self.service()
        names = {a.key: a.name for a in service.activities()}
        rows = service.assessments()
        today = self.session.clock.today()
        self.model.set_assessments(rows, today, names)
        self.versions.clear()
        waiting = sum(d.stage(today) is DpiaStage.AWAITING_SIGN_OFF for d in rows)
        self.summary.setText(
            f"{len(rows)} DPIAs; {waiting} awaiting the headteacher's sign-off. "
            "Screen every new project first (policy sections 13 and 14)."
            if rows
            else "No DPIAs yet. Start a new one (screening comes first) or adapt an example: CCTV, biometric "
            "catering, a cloud MIS, an AI marking tool."
        )
        writable = not self.session.read_only
        for b in (self.new_button, self.example_button):
            b.setEnabled(writable)

    def clear(self) -> None:
        self.model.clear()
        self.versions.clear()
        super().clear()

    def open_record(self, record_id: int) -> None:
        for row, d in enumerate(self.model.rows):
            if d.id == record_id:
                self.table.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> Dpia | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.session is None or not current.isValid():
            self.versions.clear()
            return
        d = self.model.row_at(current.row())
        assert d.id is not None
        self.versions.set_rows(self.service().versions(d.id))

    # ---- actions --------------------------------------------------------------------------------
    def _edit(self, dpia: Dpia | None) -> None:
        from schooldp.ui.dialogs.dpia_editor import DpiaDialog

        if self.session is None:
            return
        service = self.service()
        if dpia is not None and dpia.id is not None:  # Reload after a conflict opens it again, fresh
            dialog = edit_with_reload(
                lambda d: DpiaDialog(service, d, self), dpia, lambda d: service.assessment(d.id or 0)
            )
        else:
            dialog = DpiaDialog(service, dpia, self)
            dialog.exec()
        if dialog.result() and dialog.saved is not None:
            self.refresh()
            self.open_record(dialog.saved.id or 0)

    def new_dpia(self) -> None:
        self._edit(None)

    def from_example(self) -> None:
        if self.session is None:
            return
        examples = self.service().examples()
        titles = [e.title for e in examples]
        chosen, ok = QInputDialog.getItem(self, "Start from an example", "Example DPIA:", titles, 0, False)
        if ok and chosen in titles:
            self._edit(examples[titles.index(chosen)])

    def open_dpia(self) -> None:
        d = self.current()
        if d is not None:
            self._edit(d)

    def save_pdf(self) -> None:
        d = self.current()
        if d is None or d.id is None:
            return
        service, dpia_id, name = self.service(), d.id, f"{d.reference} {d.title}.pdf"
        make_document(self, "DPIA", lambda: service.pdf(dpia_id), lambda data: save_pdf(data, self, name))

    def save_version_pdf(self) -> None:
        d = self.current()
        index = self.version_table.currentIndex()
        if d is None or d.id is None or not index.isValid():
            return
        version = self.versions.row_at(index.row()).version
        service, dpia_id, name = self.service(), d.id, f"{d.reference} version {version}.pdf"
        make_document(
            self, "DPIA", lambda: service.pdf(dpia_id, version), lambda data: save_pdf(data, self, name)
        )
