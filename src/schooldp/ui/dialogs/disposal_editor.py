"""Log one disposal of records: what, which activity, how much, how, who and when (policy 16)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from schooldp.domain.errors import SchoolDPError
from schooldp.services.retention import Disposal, DisposalMethod, RetentionService
from schooldp.ui.dialogs.record_fields import date_edit, date_of, enum_combo, text_edit, text_of
from schooldp.ui.widgets.forms import add_field, error_label, line, show_error, subtitle

__all__ = ["DisposalDialog"]


class DisposalDialog(QDialog):
    def __init__(
        self, service: RetentionService, activity_key: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.saved: Disposal | None = None
        self.setWindowTitle("Record a disposal")
        self.resize(640, 460)
        outer = QVBoxLayout(self)
        outer.addWidget(
            subtitle(
                "Describe the records, not the people in them. A contractor's certificate can be kept afterwards."
            )
        )
        self.error = error_label()
        outer.addWidget(self.error)
        form = QFormLayout()
        self.what = line("e.g. Pupil files of the 2000 leavers")
        add_field(form, "&What:", self.what, "What was disposed of")
        self.activity = QComboBox()
        self.activity.addItem("Not linked to an activity", "")
        for a in service.activities():
            self.activity.addItem(a.name, a.key)
        self.activity.setCurrentIndex(max(self.activity.findData(activity_key), 0))
        add_field(form, "Processing &activity:", self.activity)
        self.volume = line("e.g. 3 archive boxes, 240 records")
        add_field(form, "How &much:", self.volume)
        self.method = enum_combo(DisposalMethod, DisposalMethod.SHREDDED, lambda m: m.label)
        add_field(form, "&How:", self.method, "How it was disposed of")
        self.contractor = line("The company, if a contractor destroyed them")
        add_field(form, "&Contractor:", self.contractor)
        session = service.session
        self.on = date_edit(session.clock.today())
        add_field(form, "&Date:", self.on, "Date of disposal")
        self.by = line("Name and role", session.account.display_name)
        add_field(form, "&By:", self.by, "Who disposed of them")
        self.notes = text_edit("", 2)
        add_field(form, "&Notes:", self.notes)
        outer.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

    def save(self) -> None:
        try:
            disposal = Disposal(
                what=self.what.text().strip(),
                activity_key=str(self.activity.currentData() or ""),
                volume=self.volume.text().strip(),
                method=self.method.currentData(),
                disposed_on=date_of(self.on, "disposal date") or self.service.session.clock.today(),
                disposed_by=self.by.text().strip(),
                contractor=self.contractor.text().strip(),
                notes=text_of(self.notes),
            )
            self.saved = self.service.log_disposal(disposal)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        self.accept()
