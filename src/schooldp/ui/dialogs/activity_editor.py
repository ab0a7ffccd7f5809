"""Add or change one processing activity: every Art 30 field, the bases and conditions, the
history of changes. Scrolls, so it fits a 1366x768 screen; every field has a keyboard label."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from schooldp.services.records import (
    RETENTION_GUIDANCE,
    CriminalCondition,
    DataSubject,
    LawfulBasis,
    ProcessingActivity,
    RecordsService,
    Retention,
    Schedule1Condition,
    SpecialCondition,
)
from schooldp.ui.conflicts import ReopenOnReload
from schooldp.ui.dialogs.record_fields import enum_combo, lines_edit, lines_of, text_edit, text_of
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, error_label, line, subtitle


def _with_article(v: LawfulBasis | SpecialCondition | Schedule1Condition | CriminalCondition) -> str:
    return f"{v.label} ({v.article})"


class ActivityDialog(ReopenOnReload, QDialog):
    def __init__(
        self, service: RecordsService, activity: ProcessingActivity | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.service = service
        self.original = activity
        self.saved: ProcessingActivity | None = None
        self.setWindowTitle("Change processing activity" if activity else "Add processing activity")
        fit_resize(self, 760, 640)
        a = activity or ProcessingActivity("", "", "", (), (), LawfulBasis.PUBLIC_TASK)
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
        self._what(form, a)
        self._law(form, a)
        self._where(form, a)
        if activity is not None and activity.id is not None:
            form.addRow(QLabel("<b>History</b>"), self._history(activity.id))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.name.setFocus()

    def _what(self, form: QFormLayout, a: ProcessingActivity) -> None:
        self.name = add_field(form, "&Name:", line("Admissions", a.name))
        self.purpose = add_field(form, "&Purpose:", text_edit(a.purpose))
        grid = QGridLayout()
        self.subjects: dict[DataSubject, QCheckBox] = {}
        for i, s in enumerate(DataSubject):
            box = QCheckBox(s.label)
            box.setChecked(s in a.subjects)
            self.subjects[s] = box
            grid.addWidget(box, i // 3, i % 3)
        holder = QWidget()
        holder.setLayout(grid)
        holder.setAccessibleName("Whose data")
        form.addRow(QLabel("Whose data:"), holder)
        self.data = add_field(form, "&Kinds of data (one a line):", lines_edit(a.data_categories, 4))

    def _law(self, form: QFormLayout, a: ProcessingActivity) -> None:
        self.basis = add_field(form, "&Lawful basis:", enum_combo(LawfulBasis, a.lawful_basis, _with_article))
        self.law = add_field(
            form, "Law relied on (&Act):", line("Education Act 1996 s537A", a.legal_reference)
        )
        self.special = add_field(
            form, "Special &category data (one a line):", lines_edit(a.special_categories, 2)
        )
        self.art9 = add_field(
            form,
            "Article &9 condition:",
            enum_combo(SpecialCondition, a.special_condition, _with_article, "None"),
        )
        self.sch1 = add_field(
            form,
            "DPA 2018 Sc&hedule 1:",
            enum_combo(Schedule1Condition, a.schedule1_condition, _with_article, "None"),
        )
        self.criminal = QCheckBox("Includes criminal offence data (Article 10)")
        self.criminal.setChecked(a.criminal_data)
        form.addRow("", self.criminal)
        self.crim = add_field(
            form,
            "Criminal data condi&tion:",
            enum_combo(CriminalCondition, a.criminal_condition, _with_article, "None"),
        )

    def _where(self, form: QFormLayout, a: ProcessingActivity) -> None:
        self.source = add_field(form, "&Source:", line("Parents and carers; previous school", a.source))
        self.systems = add_field(form, "S&ystems where it is held (one a line):", lines_edit(a.systems, 2))
        self.recipients = add_field(form, "Sha&red with (one a line):", lines_edit(a.recipients, 3))
        self.transfers = add_field(form, "Trans&fers outside the UK:", line("None", a.transfers))
        self.safeguards = add_field(form, "Transfer safe&guards:", line("", a.transfer_safeguards))
        self.trigger = add_field(
            form, "Retention start (trigg&er):", line("Pupil's date of birth", a.retention.trigger)
        )
        self.period = add_field(form, "Retention peri&od:", line("25 years", a.retention.period))
        self.retention_source = add_field(form, "Retention so&urce:", line("", a.retention.source))
        hint = subtitle(RETENTION_GUIDANCE)
        form.addRow("", hint)
        self.security = add_field(form, "Secur&ity measures:", text_edit(a.security))
        self.dpia = add_field(form, "&DPIA:", line("Name or location of the DPIA, if one is needed", a.dpia))
        self.owner = add_field(form, "O&wner (a role):", line("School business manager", a.owner_role))
        self.active = QCheckBox("The school still does this (untick to retire it; its history is kept)")
        self.active.setChecked(a.active)
        form.addRow("", self.active)

    def _history(self, activity_id: int) -> QLabel:
        rows = [
            f"Version {c.version} · {c.changed_at:%d/%m/%Y %H:%M} · {c.changed_by} · {c.summary}"
            for c in self.service.history("activity", activity_id)
        ]
        label = QLabel("\n".join(rows) or "No changes yet.")
        label.setWordWrap(True)
        label.setAccessibleName("History of changes")
        return label

    def activity(self) -> ProcessingActivity:
        base = self.original or ProcessingActivity("", "", "", (), (), LawfulBasis.PUBLIC_TASK)
        return replace(
            base,
            name=self.name.text().strip(),
            purpose=text_of(self.purpose),
            subjects=tuple(s for s, box in self.subjects.items() if box.isChecked()),
            data_categories=lines_of(self.data),
            lawful_basis=self.basis.currentData(),
            legal_reference=self.law.text().strip(),
            special_categories=lines_of(self.special),
            special_condition=self.art9.currentData(),
            schedule1_condition=self.sch1.currentData(),
            criminal_data=self.criminal.isChecked(),
            criminal_condition=self.crim.currentData(),
            source=self.source.text().strip(),
            systems=lines_of(self.systems),
            recipients=lines_of(self.recipients),
            transfers=self.transfers.text().strip(),
            transfer_safeguards=self.safeguards.text().strip(),
            retention=Retention(
                self.trigger.text().strip(), self.period.text().strip(), self.retention_source.text().strip()
            ),
            security=text_of(self.security),
            dpia=self.dpia.text().strip(),
            owner_role=self.owner.text().strip(),
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        def write() -> object:
            activity = self.activity()
            if self.original is None:
                return self.service.add_activity(activity)
            return self.service.update_activity(activity)

        self.save_or_explain(self.error, write)
