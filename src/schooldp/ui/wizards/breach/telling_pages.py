"""Steps 7 to 9: the ICO report, telling the people affected, and third parties."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from schooldp.domain.breach import (
    ICO_BREACH_LINE,
    BreachStep,
    ThirdParty,
    ThirdPartyDecision,
    suggested_third_parties,
)
from schooldp.domain.deadlines import format_due
from schooldp.domain.errors import ValidationError
from schooldp.flows.breach_triage import (
    REQUIRED_THIRD_PARTIES,
    TriageData,
)
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, escape, watch
from schooldp.ui.wizards.breach_fields import (
    DateField,
    DateTimeField,
    text_box,
)


class IcoReportPage(StepPage):
    step = BreachStep.ICO_REPORT

    def build(self) -> None:
        self.info = self.add_rich_label()
        self.pack_button = QPushButton("ICO report &pack…")
        self.pack_button.setToolTip(
            "Every answer the ICO's form asks for, from this record, to read out or paste"
        )
        self.follow_up = QCheckBox("Follow-up report")
        self.follow_up.setAccessibleName("Pack is for a follow-up report")
        self.body.addLayout(button_row(left=(self.pack_button, self.follow_up)))
        form = self.add_form()
        self.reported = add_field(
            form, "&Reported to the ICO:", DateTimeField("When the ICO report was made")
        )
        self.reference = add_field(form, "ICO case &reference:", QLineEdit(), "ICO case reference")
        self.reference.setPlaceholderText("Given by the ICO, e.g. IC-123456-A1B2 (needed before closing)")
        self.delay = add_field(
            form,
            "Reason for &delay:",
            text_box("Reason for any delay past 72 hours", "Only if reported after the 72 hours", 50),
        )
        self.body.addStretch()
        self.pack_button.clicked.connect(lambda: self.wiz.show_ico_pack(self.follow_up.isChecked()))
        watch(self, self.reported, self.reference, self.delay)

    def load(self, d: TriageData) -> None:
        due = d.ico_due_at
        self.info.setText(
            f"Report by <b>{escape(format_due(due)) if due else '—'}</b> on the ICO breach line "
            f"<b>{ICO_BREACH_LINE}</b> or online. Open the report pack to read the answers down the phone."
        )
        if d.ico_reported_at is not None:
            self.reported.set_value(d.ico_reported_at)
        self.reference.setText(d.ico_reference)
        self.delay.setPlainText(d.ico_delay_reason)

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d,
            ico_reported_at=self.reported.value(),
            ico_reference=self.reference.text().strip(),
            ico_delay_reason=self.delay.toPlainText().strip(),
        )


class IndividualsPage(StepPage):
    step = BreachStep.INDIVIDUALS

    def build(self) -> None:
        self.body.addWidget(
            QLabel(
                "Choose the pupils (their parents and carers with parental responsibility are written to) "
                "or staff affected, check the wording, then print the letters in one batch."
            )
        )
        row = QHBoxLayout()
        self.letters_button = QPushButton("Choose people and prepare &letters…")
        set_role(self.letters_button, "primary")
        self.issued = QLabel()
        self.issued.setAccessibleName("Letters issued")
        row.addWidget(self.letters_button)
        row.addWidget(self.issued, 1)
        self.body.addLayout(row)
        form = self.add_form()
        self.told_on = add_field(form, "&Told on:", DateField("Date the people affected were told"))
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItems(["Letter", "Letter and phone call", "Email", "Meeting, confirmed by letter"])
        add_field(form, "&How:", self.how, "How they were told")
        self.body.addStretch()
        self.letters_button.clicked.connect(self.wiz.prepare_letters)
        watch(self, self.told_on, self.how)

    def load(self, d: TriageData) -> None:
        if d.individuals_told_on is not None:
            self.told_on.set_value(d.individuals_told_on)
        if d.individuals_told_how:
            self.how.setCurrentText(d.individuals_told_how)
        self.refresh_issued()

    def refresh_issued(self) -> None:
        n = self.wiz.letters_issued()
        self.issued.setText(f"{n} letter{'s' if n != 1 else ''} issued for this breach so far.")

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d, individuals_told_on=self.told_on.value(), individuals_told_how=self.how.currentText().strip()
        )


class ThirdPartiesPage(StepPage):
    step = BreachStep.THIRD_PARTIES

    def build(self) -> None:
        grid = QGridLayout()
        self.rows: dict[ThirdParty, tuple[QRadioButton, QRadioButton, QLineEdit, QLabel]] = {}
        for i, party in enumerate(REQUIRED_THIRD_PARTIES):
            label = QLabel(f"<b>{escape(party.label)}</b>")
            tell = QRadioButton("Tell")
            dont = QRadioButton("Don't tell")
            tell.setAccessibleName(f"Tell {party.phrase}")
            dont.setAccessibleName(f"Do not tell {party.phrase}")
            group = QButtonGroup(self)
            group.addButton(tell)
            group.addButton(dont)
            reason = QLineEdit()
            reason.setAccessibleName(f"Reason about {party.phrase}")
            reason.setPlaceholderText("Why")
            why = QLabel()
            why.setWordWrap(True)
            set_role(why, "subtitle")
            grid.addWidget(label, i * 2, 0)
            grid.addWidget(tell, i * 2, 1)
            grid.addWidget(dont, i * 2, 2)
            grid.addWidget(reason, i * 2, 3)
            grid.addWidget(why, i * 2 + 1, 0, 1, 4)
            self.rows[party] = (tell, dont, reason, why)
            watch(self, tell, reason)
        grid.setColumnStretch(3, 1)
        self.body.addLayout(grid)
        other = QGroupBox("Another organisation (optional)")
        other.setCheckable(True)
        other.setChecked(False)
        self.other = other
        ol = QFormLayout(other)
        self.other_name = add_field(ol, "&Name:", QLineEdit(), "Other organisation's name")
        self.other_tell = QCheckBox("Tell them")
        ol.addRow("", self.other_tell)
        self.other_reason = add_field(ol, "Reason:", QLineEdit(), "Reason about the other organisation")
        self.body.addWidget(other)
        self.body.addStretch()
        watch(self, other, self.other_name, self.other_tell, self.other_reason)

    def load(self, d: TriageData) -> None:
        decided = {t.party: t for t in d.third_parties}
        suggestions = {s.party: s for s in suggested_third_parties(d.facts)} if d.facts else {}
        for party, (tell, dont, reason, why) in self.rows.items():
            s = suggestions.get(party)
            why.setText(f"Suggestion: {'tell' if s.notify else 'no need'}. {s.why}" if s else "")
            t = decided.get(party)
            if t is not None:
                (tell if t.notify else dont).setChecked(True)
                reason.setText(t.reason)
            elif s is not None:
                (tell if s.notify else dont).setChecked(True)
                reason.setText(s.why)
        other = decided.get(ThirdParty.OTHER)
        self.other.setChecked(other is not None)
        if other is not None:
            self.other_name.setText(other.name)
            self.other_tell.setChecked(other.notify)
            self.other_reason.setText(other.reason)
        self._other_error = ""

    def collect(self, d: TriageData) -> TriageData:
        out: list[ThirdPartyDecision] = []
        self._other_error = ""
        for party, (tell, dont, reason, _why) in self.rows.items():
            if not (tell.isChecked() or dont.isChecked()) or not reason.text().strip():
                continue
            out.append(ThirdPartyDecision(party, tell.isChecked(), reason.text().strip()))
        if self.other.isChecked():
            try:
                out.append(
                    ThirdPartyDecision(
                        ThirdParty.OTHER,
                        self.other_tell.isChecked(),
                        self.other_reason.text().strip(),
                        self.other_name.text().strip(),
                    )
                )
            except ValidationError as exc:
                self._other_error = str(exc)
        return replace(d, third_parties=tuple(out))

    def extra_problems(self) -> list[str]:
        self.collect(self.wiz.data)
        return [self._other_error] if self._other_error else []
