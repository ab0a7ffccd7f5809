"""The DPO's annual report (policy 5.1) and governors' summary: period, commentary, preview, print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.files import save_bytes
from schooldp.services.reports import (
    ReportNotes,
    annual_report_data,
    annual_report_pdf,
    governors_summary_pdf,
    last_school_year,
    load_notes,
    save_notes,
)
from schooldp.services.school import SchoolSession
from schooldp.ui.operations import Op
from schooldp.ui.printing import ask_save_path, load_pdf, print_pdf
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, error_label, show_error, subtitle


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class AnnualReportDialog(QDialog):
    def __init__(
        self, session: SchoolSession, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Annual report and governors' summary")
        fit_resize(self, 1100, 780)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(
            subtitle(
                "The report to the headteacher that policy section 5.1 asks for, and a one-page summary for governors. Both hold counts only, never names."
            )
        )
        form = QFormLayout()
        start, end = last_school_year(today or session.clock.today())
        self.start = QDateEdit(_qdate(start))
        self.end = QDateEdit(_qdate(end))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("dd/MM/yyyy")
        add_field(form, "&From:", self.start)
        add_field(form, "&To:", self.end)
        left.addLayout(form)
        notes = load_notes(session)
        self.commentary = QPlainTextEdit(notes.commentary)
        self.commentary.setAccessibleName("Commentary")
        self.commentary.setTabChangesFocus(True)
        self.recommendations = QPlainTextEdit(notes.recommendations)
        self.recommendations.setAccessibleName("Recommendations")
        self.recommendations.setTabChangesFocus(True)
        left.addWidget(QLabel("&Commentary:", buddy=self.commentary))
        left.addWidget(self.commentary, 1)
        left.addWidget(QLabel("&Recommendations:", buddy=self.recommendations))
        left.addWidget(self.recommendations, 1)
        self.error = error_label()
        left.addWidget(self.error)
        row = QHBoxLayout()
        self.report_button = QPushButton("Show &annual report")
        set_role(self.report_button, "primary")
        self.summary_button = QPushButton("Show &governors' summary")
        row.addWidget(self.report_button)
        row.addWidget(self.summary_button)
        left.addLayout(row)
        row2 = QHBoxLayout()
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save PDF…")
        self.close_button = QPushButton("C&lose")
        for b in (self.print_button, self.save_button, self.close_button):
            row2.addWidget(b)
        left.addLayout(row2)
        self.status = QLabel()
        self.status.setWordWrap(True)
        left.addWidget(self.status)
        outer.addLayout(left, 2)
        self.view = QPdfView()
        self.view.setAccessibleName("Report preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        outer.addWidget(self.view, 3)
        self.pdf: bytes | None = None
        self.kind = ""
        self.report_button.clicked.connect(lambda: self.show_pdf("annual"))
        self.summary_button.clicked.connect(lambda: self.show_pdf("governors"))
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.accept)
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        if session.read_only:
            self.commentary.setReadOnly(True)
            self.recommendations.setReadOnly(True)

    def period(self) -> tuple[date, date]:
        s, e = self.start.date(), self.end.date()
        return date(s.year(), s.month(), s.day()), date(e.year(), e.month(), e.day())

    def show_pdf(self, kind: str) -> bytes | None:
        start, end = self.period()
        if end < start:
            show_error(self.error, "The end of the period is before its start.")
            return None
        notes = ReportNotes(self.commentary.toPlainText(), self.recommendations.toPlainText())
        try:
            if not self.session.read_only and notes != load_notes(self.session):
                save_notes(self.session, notes)
            session = self.session

            def build(job: object) -> bytes:
                data = annual_report_data(session, start, end, notes)
                return annual_report_pdf(data) if kind == "annual" else governors_summary_pdf(data)

            op = Op(self, build).with_progress(
                "Building the report…", title="Annual report", cancellable=False
            )
            self.pdf = op.run_and_wait()
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return None
        show_error(self.error, None)
        self.kind = kind
        self._doc, self._buf = load_pdf(self.pdf, self)
        self.view.setDocument(self._doc)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        return self.pdf

    def _note(self, what: str) -> None:
        if self.session.read_only:
            return
        with self.session.change() as ch:
            ch.record("report.issued", "report", self.kind, what)

    def print_pdf(self) -> None:
        if self.pdf and print_pdf(self.pdf, self, "SchoolDP report"):
            self._note("Report printed")
            self.status.setText("✔ Sent to the printer.")

    def save_pdf(self) -> Path | None:
        if not self.pdf:
            return None
        start, end = self.period()
        name = (
            "Data protection annual report" if self.kind == "annual" else "Governors data protection summary"
        ) + f" {start:%Y}-{end:%y}.pdf"
        path = ask_save_path(self, "Save as PDF", str(Path.home() / name), "PDF (*.pdf)")
        if path is None:
            return None
        target = path if path.name.lower().endswith(".pdf") else Path(f"{path}.pdf")
        try:
            save_bytes(target, self.pdf)
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"The report could not be saved there: {exc.strerror}.")
            return None
        self._note("Report saved as PDF")
        self.status.setText(f"✔ Saved as {target}")
        return target
