"""Steps 3, 7 and 8: alerting the headteacher, the ICO report and telling the people affected.

Each records something done outside SchoolDP, so nothing is filled in for the DPO: the time
starts "not yet", and pressing Next with nothing entered leaves the step "not done yet".
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.breach import ICO_BREACH_LINE, BreachStep
from schooldp.domain.breach.reporting import IcoMethod, ToldHow, told_summary
from schooldp.domain.deadlines import format_due
from schooldp.flows.breach_triage import TriageData
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, escape, watch
from schooldp.ui.wizards.breach_fields import DateField, DateTimeField, text_box


def not_yet_time(accessible: str, not_yet: str) -> DateTimeField:
    """A date and time that starts as "not yet" (ticked): never a default of now."""
    field = DateTimeField(accessible, optional=True)
    field.unknown.setText(not_yet)
    field.unknown.setAccessibleName(f"{accessible}: {not_yet.lower()}")
    field.set_value(None)
    return field


def ico_method_choice(owner: QWidget) -> tuple[QButtonGroup, dict[IcoMethod, QRadioButton], QHBoxLayout]:
    """How the report was made: one radio button per way (online form, breach line), none chosen."""
    group = QButtonGroup(owner)
    buttons: dict[IcoMethod, QRadioButton] = {}
    row = QHBoxLayout()
    for m in IcoMethod:
        b = QRadioButton(m.label)
        b.setAccessibleName(f"Reported using {m.label}")
        group.addButton(b)
        buttons[m] = b
        row.addWidget(b)
    return group, buttons, row


class HeadteacherPage(StepPage):
    step = BreachStep.HEADTEACHER_ALERTED

    def build(self) -> None:
        head = self.wiz.session.profile().headteacher.name or "the headteacher"
        self.body.addWidget(QLabel(f"Alert {head} now: a breach has occurred or is likely."))
        form = self.add_form()
        self.alerted = add_field(
            form,
            "Headteacher &alerted:",
            not_yet_time("When the headteacher was alerted", "Not alerted yet"),
        )
        self.body.addStretch()
        watch(self, self.alerted, self.alerted.unknown)

    def load(self, d: TriageData) -> None:
        self.alerted.set_value(d.headteacher_alerted_at)

    def collect(self, d: TriageData) -> TriageData:
        return replace(d, headteacher_alerted_at=self.alerted.value())


class IcoReportPage(StepPage):
    step = BreachStep.ICO_REPORT

    def build(self) -> None:
        self.info = self.add_rich_label()
        self.status = QLabel()
        self.status.setAccessibleName("ICO report status")
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self.pack_button = QPushButton("ICO report &pack…")
        self.pack_button.setToolTip(
            "Every answer the ICO's form asks for, section by section, to read out or paste"
        )
        self.follow_up = QCheckBox("Pack for a follow-up report")
        self.follow_up.setAccessibleName("Pack is for a follow-up report")
        self.body.addLayout(button_row(left=(self.pack_button, self.follow_up)))
        form = self.add_form()
        self.reported = add_field(
            form, "&Reported to the ICO:", not_yet_time("When the ICO report was made", "Not reported yet")
        )
        self.method, self.method_buttons, method_row = ico_method_choice(self)
        method_row.addStretch()
        form.addRow("How:", method_row)
        self.reported_by = add_field(form, "Reported &by:", QLineEdit(), "Who made the report")
        self.reported_by.setPlaceholderText("The person who filled in the form or made the call")
        self.reference = add_field(form, "ICO case &reference:", QLineEdit(), "ICO case reference")
        self.reference.setPlaceholderText("Given by the ICO, e.g. IC-123456-A1B2")
        self.pending = QCheckBox("The ICO has not given a reference yet (the dashboard will remind you)")
        self.pending.setAccessibleName("ICO reference not yet given")
        form.addRow("", self.pending)
        self.delay = add_field(
            form,
            "Reason for &delay:",
            text_box("Reason for any delay past 72 hours", "Only if reported after the 72 hours", 50),
        )
        self.body.addStretch()
        self.pack_button.clicked.connect(lambda: self.wiz.show_ico_pack(self.follow_up.isChecked()))
        self.method.buttonToggled.connect(self.changed)
        watch(
            self,
            self.reported,
            self.reported.unknown,
            self.reported_by,
            self.reference,
            self.pending,
            self.delay,
        )

    def load(self, d: TriageData) -> None:
        due = d.ico_due_at
        self.info.setText(
            f"Report by <b>{escape(format_due(due)) if due else '—'}</b> online or on the ICO breach line "
            f"<b>{ICO_BREACH_LINE}</b>. The online form cannot be saved part way: open the report pack "
            "first and read or paste each section from it."
        )
        self.status.setText(f"Now: {self.wiz.record.ico_status}.")
        self.reported.set_value(d.ico_reported_at)
        self.method.setExclusive(False)
        for m, b in self.method_buttons.items():
            b.setChecked(d.ico_method is m)
        self.method.setExclusive(True)
        self.reported_by.setText(d.ico_reported_by)
        self.reference.setText(d.ico_reference)
        self.pending.setChecked(d.ico_reference_pending)
        self.delay.setPlainText(d.ico_delay_reason)

    def collect(self, d: TriageData) -> TriageData:
        method = next((m for m, b in self.method_buttons.items() if b.isChecked()), None)
        return replace(
            d,
            ico_reported_at=self.reported.value(),
            ico_method=method,
            ico_reported_by=self.reported_by.text().strip(),
            ico_reference=self.reference.text().strip(),
            ico_reference_pending=self.pending.isChecked(),
            ico_delay_reason=self.delay.toPlainText().strip(),
        )


class IndividualsPage(StepPage):
    step = BreachStep.INDIVIDUALS

    def build(self) -> None:
        intro = QLabel(
            "Choose the pupils (their parents and carers with parental responsibility are written to) "
            "or staff affected, check the wording, then print the letters. Or record how they were told "
            "another way, or why they will not be told."
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        row = QHBoxLayout()
        self.letters_button = QPushButton("Choose people and prepare &letters…")
        set_role(self.letters_button, "primary")
        self.issued = QLabel()
        self.issued.setAccessibleName("Letters issued")
        row.addWidget(self.letters_button)
        row.addWidget(self.issued, 1)
        self.body.addLayout(row)
        self.told_label = QLabel()
        self.told_label.setAccessibleName("People told")
        set_role(self.told_label, "subtitle")
        self.body.addWidget(self.told_label)
        self._told_form()
        self._override_box()
        self.body.addStretch()
        self.letters_button.clicked.connect(self.wiz.prepare_letters)

    def _told_form(self) -> None:
        box = QGroupBox("How they were told")
        form = QFormLayout(box)
        self.body.addWidget(box)
        self.told_on = add_field(
            form, "&Told on:", DateField("Date the people affected were told", "Not yet")
        )
        self.told_on.set_value(None)
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItem("")
        self.how.addItems([h.label for h in ToldHow])
        add_field(form, "&How:", self.how, "How they were told")
        self.told_by = add_field(form, "Told &by:", QLineEdit(), "Who told them")
        self.count = QSpinBox()
        self.count.setRange(0, 100000)
        self.count.setAccessibleName("Number of people told")
        count_row = QHBoxLayout()
        count_row.addWidget(self.count)
        self.from_letters = QPushButton("Count from letters &issued")
        self.from_letters.setAutoDefault(False)
        count_row.addWidget(self.from_letters)
        count_row.addStretch()
        form.addRow("Number told:", count_row)
        self.from_letters.clicked.connect(self.fill_from_letters)
        watch(self, self.told_on, self.told_on.none, self.how, self.told_by, self.count)

    def _override_box(self) -> None:
        self.override = QGroupBox("Not telling them after all (give the reason)")
        self.override.setCheckable(True)
        self.override.setChecked(False)
        lay = QVBoxLayout(self.override)
        self.override_reason = text_box(
            "Reason for not telling them",
            "For example: the designated safeguarding lead advised that telling the family would put the child at risk",
            50,
        )
        lay.addWidget(self.override_reason)
        self.body.addWidget(self.override)
        watch(self, self.override, self.override_reason)

    def load(self, d: TriageData) -> None:
        self.told_on.set_value(d.individuals_told_on)
        self.how.setCurrentText(d.individuals_told_how)
        self.told_by.setText(d.individuals_told_by)
        self.count.setValue(d.individuals_told_count or 0)
        self.override.setChecked(bool(d.individuals_override_reason))
        self.override_reason.setPlainText(d.individuals_override_reason)
        self.refresh_issued()

    def refresh_issued(self) -> None:
        n = self.wiz.letters_issued()
        self.issued.setText(f"{n} letter{'s' if n != 1 else ''} issued for this breach so far.")
        self._show_told()

    def _show_told(self) -> None:
        chosen = len(self.wiz.record.affected_pupils) + len(self.wiz.record.affected_staff)
        self.told_label.setText(f"People affected: {told_summary(self.count.value(), chosen or None)}.")

    def fill_from_letters(self) -> None:
        """The letters SchoolDP issued are the record: who they reached, when, and by whom."""
        told = self.wiz.people_told_by_letter()
        if told:
            self.count.setValue(told)
            self.how.setCurrentText(ToldHow.LETTER.label)
            if self.told_on.value() is None:
                self.told_on.set_value(self.wiz.session.clock.today())
            if not self.told_by.text().strip():
                self.told_by.setText(self.wiz.session.account.display_name)

    def changed(self, *args: object) -> None:
        if hasattr(self, "told_label"):
            self._show_told()
        super().changed(*args)

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d,
            individuals_told_on=self.told_on.value(),
            individuals_told_how=self.how.currentText().strip(),
            individuals_told_by=self.told_by.text().strip(),
            individuals_told_count=self.count.value() or None,
            individuals_chosen=(len(self.wiz.record.affected_pupils) + len(self.wiz.record.affected_staff))
            or None,
            individuals_override_reason=(
                self.override_reason.toPlainText().strip() if self.override.isChecked() else ""
            ),
        )
