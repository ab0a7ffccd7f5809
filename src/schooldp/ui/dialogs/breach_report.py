"""“Report a breach”: the short form that starts the 72-hour clock."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from schooldp.domain.errors import SchoolDPError
from schooldp.services.breaches import BreachRecord, BreachReport, BreachService
from schooldp.services.school import SchoolSession
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, error_label, ok_cancel, show_error, subtitle
from schooldp.ui.wizards.breach_fields import DateTimeField, text_box


class ReportBreachDialog(QDialog):
    """Who found it, when it happened, when the school became aware, how, what, which systems."""

    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.created: BreachRecord | None = None
        self.setWindowTitle("Report a breach")
        fit_resize(self, 640, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Fill this in as soon as a breach is reported to you. The ICO must be told within 72 hours of the "
                "school becoming aware, weekends included, so the clock starts from the time you give below."
            )
        )
        form = QFormLayout()
        self.title_edit = add_field(form, "&Title:", QLineEdit(), "Title (no names)")
        self.title_edit.setPlaceholderText("Short, without names: 'Reports posted to wrong families'")
        self.reported_by = add_field(form, "Reported &by:", QLineEdit(), "Who found or reported it")
        self.reported_by.setPlaceholderText("Who found it, e.g. 'Year 6 teacher' or a name")
        self.occurred = add_field(form, "&Happened:", DateTimeField("When it happened", optional=True))
        self.occurred.set_value(None)
        self.aware = add_field(form, "School became &aware:", DateTimeField("When the school became aware"))
        self.how_found = add_field(form, "How it was &found:", text_box("How it was found", height=50))
        self.what = add_field(form, "&What happened:", text_box("What happened", "A few sentences", 90))
        self.systems = add_field(form, "&Systems and data:", QLineEdit(), "Systems and data involved")
        self.systems.setPlaceholderText("e.g. school email, MIS, a laptop, paper reports")
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons, self.ok_button = ok_cancel(self, "&Start the 72-hour clock", self.submit)
        layout.addWidget(buttons)
        self.title_edit.setFocus()

    def submit(self) -> None:
        report = BreachReport(
            title=self.title_edit.text(),
            reported_by=self.reported_by.text(),
            aware_at=self.aware.value(),  # type: ignore[arg-type]
            how_found=self.how_found.toPlainText(),
            what_happened=self.what.toPlainText(),
            occurred_at=self.occurred.value(),
            systems_involved=self.systems.text(),
            dpo_notified_at=self.aware.value(),
        )
        try:
            self.created = BreachService(self.session).report_breach(report)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        self.accept()
