"""Add or change an organisation: its role, the agreement and review dates, a processor's
Art 28(3) particulars, due diligence and transfers. Scrolls to fit a 1366x768 screen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from schooldp.services.records import AgreementKind, Art28Particulars, Organisation, OrgRole, RecordsService
from schooldp.ui.conflicts import ReopenOnReload
from schooldp.ui.dialogs.record_fields import date_edit, date_of, enum_combo, text_edit, text_of
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, error_label, line

_ART28 = (
    ("subject_matter", "Su&bject matter:"),
    ("duration", "D&uration:"),
    ("nature_and_purpose", "Nature and &purpose:"),
    ("data_types", "T&ypes of data:"),
    ("subject_categories", "Whose &data:"),
    ("return_or_destruction", "Return or destruction at the &end:"),
)


class OrganisationDialog(ReopenOnReload, QDialog):
    def __init__(self, service: RecordsService, org: Organisation | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.original = org
        self.saved: Organisation | None = None
        self.setWindowTitle("Change organisation" if org else "Add organisation")
        fit_resize(self, 720, 620)
        o = org or Organisation("", OrgRole.PROCESSOR)
        outer = QVBoxLayout(self)
        self.error = error_label()
        outer.addWidget(self.error)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        form = QFormLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.name = add_field(form, "&Name:", line("Reading app supplier Ltd", o.name))
        self.role = add_field(form, "&Role:", enum_combo(OrgRole, o.role, lambda r: r.label))
        self.description = add_field(form, "&What they do:", line("", o.description))
        self.contact = add_field(form, "&Contact:", line("Name, email, phone", o.contact))
        self.agreement = add_field(
            form, "A&greement:", enum_combo(AgreementKind, o.agreement, lambda k: k.label)
        )
        self.agreement_date = add_field(form, "Agreement &signed:", date_edit(o.agreement_date))
        self.review_date = add_field(form, "Re&view by:", date_edit(o.review_date))
        form.addRow(QLabel("<b>Processor contract particulars (UK GDPR Art 28(3))</b>"))
        self.particulars = {
            field: add_field(form, label, text_edit(getattr(o.particulars, field), 2))
            for field, label in _ART28
        }
        self.due_diligence = add_field(form, "Due d&iligence notes:", text_edit(o.due_diligence, 3))
        self.transfers = add_field(form, "Transfers outside the UK:", line("None", o.transfers))
        self.safeguards = add_field(form, "Transfer safeguards:", line("", o.transfer_safeguards))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.name.setFocus()

    def organisation(self) -> Organisation:
        base = self.original or Organisation("", OrgRole.PROCESSOR)
        return replace(
            base,
            name=self.name.text().strip(),
            role=self.role.currentData(),
            description=self.description.text().strip(),
            contact=self.contact.text().strip(),
            agreement=self.agreement.currentData(),
            agreement_date=date_of(self.agreement_date, "agreement date"),
            review_date=date_of(self.review_date, "review date"),
            particulars=Art28Particulars(**{f: text_of(e) for f, e in self.particulars.items()}),
            due_diligence=text_of(self.due_diligence),
            transfers=self.transfers.text().strip(),
            transfer_safeguards=self.safeguards.text().strip(),
        )

    def save(self) -> None:
        def write() -> object:
            org = self.organisation()
            if self.original is None:
                return self.service.add_organisation(org)
            return self.service.update_organisation(org)

        self.save_or_explain(self.error, write)
