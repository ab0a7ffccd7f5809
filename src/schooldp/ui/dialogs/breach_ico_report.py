"""Record a report made to the ICO from the breach page: a follow-up, or an initial one.

Every answer is the DPO's: when, how (online form or breach line), who, the case reference or
"not yet given", what is new, and the reason for any delay past 72 hours.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import ConflictError, SchoolDPError, ValidationError
from schooldp.services.breaches import BreachRecord, BreachService, IcoReportKind, IcoSubmission
from schooldp.services.school import SchoolSession
from schooldp.ui.conflicts import ConflictBox, show_conflict, show_message_line
from schooldp.ui.documents import make_document
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, error_label, ok_cancel, subtitle
from schooldp.ui.wizards.breach.reporting_pages import ico_method_choice, not_yet_time
from schooldp.ui.wizards.breach_fields import text_box


class IcoReportDialog(QDialog):
    """One report to the ICO, recorded as made; the pack for it is one click away."""

    def __init__(self, session: SchoolSession, record: BreachRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record = record
        self.saved: BreachRecord | None = None
        self.kind = IcoReportKind.FOLLOW_UP if record.initial_report else IcoReportKind.INITIAL
        self.setWindowTitle(f"{record.reference}: record {self.kind.label.lower()} to the ICO")
        fit_resize(self, 640, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(subtitle(f"{record.ico_status}. Record a report only once it has been made."))
        self.pack_button = QPushButton("ICO report &pack for this report…")
        layout.addWidget(self.pack_button)
        form = QFormLayout()
        self.when = add_field(form, "&Reported:", not_yet_time("When this report was made", "Not made yet"))
        self.method, self.method_buttons, row = ico_method_choice(self)
        form.addRow("How:", row)
        self.made_by = add_field(form, "Reported &by:", QLineEdit(), "Who made the report")
        self.reference = add_field(form, "ICO case &reference:", QLineEdit(), "ICO case reference")
        known = next((r.ico_reference for r in record.ico_reports if r.ico_reference), "")
        self.reference.setText(known)  # the reference the ICO already gave, as recorded
        self.pending = QCheckBox("The ICO has not given a reference yet")
        form.addRow("", self.pending)
        self.notes = add_field(
            form,
            "What is &new:",
            text_box("What is new in this report", "What you know now that you did not", 70),
        )
        self.delay = add_field(
            form, "Reason for &delay:", text_box("Reason for any delay past 72 hours", "Only if late", 50)
        )
        layout.addLayout(form)
        self.error = error_label()
        self.conflict_box: ConflictBox | None = None
        layout.addWidget(self.error)
        buttons, self.ok_button = ok_cancel(self, "&Record this report", self.submit)
        layout.addWidget(buttons)
        self.pack_button.clicked.connect(self._pack)

    def _pack(self) -> None:
        from schooldp.services.breaches import ico_pack
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        session, record, follow_up = self.session, self.record, self.kind is IcoReportKind.FOLLOW_UP

        def build() -> tuple[bytes, tuple[tuple[str, str], ...]]:
            pack = ico_pack(session, record, follow_up=follow_up)
            return pack.render(), pack.sections

        def show(made: tuple[bytes, tuple[tuple[str, str], ...]]) -> None:
            pdf, sections = made
            stem = f"{record.reference} ICO report"
            self.pack = BreachPdfDialog(session, record.id, pdf, stem, "ICO report pack", self, sections)
            self.pack.open()

        make_document(self, "ICO report pack", build, show, label="Preparing the pack…")

    def submission(self) -> IcoSubmission:
        when = self.when.value()
        if when is None:
            raise ValidationError("Enter when the report was made to the ICO.", "submitted_at")
        return IcoSubmission(
            self.kind,
            when,
            self.reference.text().strip(),
            self.delay.toPlainText().strip(),
            self.notes.toPlainText().strip(),
            next((m for m, b in self.method_buttons.items() if b.isChecked()), None),
            self.made_by.text().strip(),
            self.pending.isChecked(),
        )

    def submit(self) -> None:
        try:
            self.saved = BreachService(self.session).record_ico_report(
                self.record.id, self.submission(), expected_version=self.record.row_version
            )
        except ConflictError as exc:
            show_message_line(self.error, str(exc))
            self.conflict_box = show_conflict(self, exc, self.reload)
            return
        except SchoolDPError as exc:
            show_message_line(self.error, str(exc))
            return
        self.accept()

    def reload(self) -> None:
        """The breach as it is now; the report typed here stays, to check against it and save."""
        self.record = BreachService(self.session).breach(self.record.id)
        show_message_line(
            self.error,
            "Reloaded: check the breach's reports to the ICO, then save this one again if it is still needed.",
            reloaded=True,
        )
