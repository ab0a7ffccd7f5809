"""Steps 5 and 6: consequences before and after mitigation, and the reportability decision."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
)

from schooldp.domain.breach import (
    BreachStep,
    Exfiltration,
    Recipients,
    assess,
    decide,
)
from schooldp.domain.errors import ValidationError
from schooldp.flows.breach_triage import (
    TriageData,
)
from schooldp.ui.style import NAVY
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, escape, watch
from schooldp.ui.wizards.breach_fields import (
    enum_combo,
    set_combo,
    text_box,
)


class ConsequencesPage(StepPage):
    step = BreachStep.CONSEQUENCES

    def build(self) -> None:
        box = QGroupBox("What has been done to lower the risk (mitigation)")
        form = QFormLayout(box)
        self.deleted = QCheckBox(
            "The people who received it are trusted and have confirmed in writing that they deleted it"
        )
        self.deleted.setAccessibleName("Recipients confirmed deletion in writing")
        form.addRow("", self.deleted)
        self.exfiltration = enum_combo("Copied out or accessed", Exfiltration)
        form.addRow("Copied or &accessed:", self.exfiltration)
        self.restored = QCheckBox("Restored from backup")
        self.hours = QSpinBox()
        self.hours.setRange(0, 2000)
        self.hours.setSuffix(" hours")
        self.hours.setAccessibleName("Hours to restore from backup")
        row = QHBoxLayout()
        row.addWidget(self.restored)
        row.addWidget(QLabel("within"))
        row.addWidget(self.hours)
        row.addStretch()
        form.addRow("", row)
        self.contained = QCheckBox("Containment achieved: it cannot spread any further")
        self.contained.setAccessibleName("Containment achieved")
        form.addRow("", self.contained)
        self.body.addWidget(box)
        self.summary = self.add_rich_label("Consequences before and after mitigation")
        cform = self.add_form()
        self.likely = add_field(
            cform,
            "&Likely consequences:",
            text_box(
                "Likely consequences for the people affected",
                "For example distress, risk to a child's safety, fraud",
                70,
            ),
        )
        self.body.addStretch()
        watch(self, self.deleted, self.exfiltration, self.restored, self.hours, self.contained, self.likely)

    def load(self, d: TriageData) -> None:
        f = d.facts
        if f is None:
            return
        self.deleted.setChecked(f.recipients is Recipients.TRUSTED_CONFIRMED_DELETION)
        self.deleted.setEnabled(f.recipients in (Recipients.KNOWN, Recipients.TRUSTED_CONFIRMED_DELETION))
        set_combo(self.exfiltration, f.exfiltration)
        recoverable = f.integrity_lost or f.availability_lost
        self.restored.setEnabled(recoverable)
        self.hours.setEnabled(recoverable)
        self.restored.setChecked(f.backup_restored)
        self.hours.setValue(int(f.hours_to_restore or 0))
        self.contained.setChecked(f.containment_achieved)
        self.likely.setPlainText(d.likely_consequences)

    def collect(self, d: TriageData) -> TriageData:
        f = d.facts
        if f is not None:
            recipients = f.recipients
            if self.deleted.isEnabled():
                recipients = (
                    Recipients.TRUSTED_CONFIRMED_DELETION if self.deleted.isChecked() else Recipients.KNOWN
                )
            restored = self.restored.isEnabled() and self.restored.isChecked()
            exfil = self.exfiltration.currentData()
            if exfil is Exfiltration.CONFIRMED and not f.confidentiality_lost:
                exfil = f.exfiltration
            f = replace(
                f,
                recipients=recipients,
                exfiltration=exfil,
                backup_restored=restored,
                hours_to_restore=float(self.hours.value()) if restored else None,
                containment_achieved=self.contained.isChecked(),
            )
        return replace(d, facts=f, likely_consequences=self.likely.toPlainText().strip())

    def changed(self, *args: object) -> None:
        ba = self.wiz.flow.before_and_after(self.collect(self.wiz.data))
        if ba is not None:
            self.summary.setText("<br>".join(f"• {escape(line)}" for line in ba.summary))
        super().changed(*args)


class _DecisionBox(QGroupBox):
    def __init__(self, title: str, follow: str, override: str) -> None:
        super().__init__(title)
        lay = QVBoxLayout(self)
        self.recommended_label = QLabel()
        self.recommended_label.setWordWrap(True)
        lay.addWidget(self.recommended_label)
        self.follow = QRadioButton(follow)
        self.override = QRadioButton(override)
        self.follow.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.follow)
        group.addButton(self.override)
        lay.addLayout(button_row(left=(self.follow, self.override)))
        self.reason = text_box(
            f"{title}: reason", "Reason (required to override, in case the decision is challenged)", 46
        )
        lay.addWidget(self.reason)


class ReportabilityPage(StepPage):
    step = BreachStep.REPORTABILITY

    def build(self) -> None:
        top = QHBoxLayout()
        self.severity = QLabel()
        self.severity.setAccessibleName("Severity")
        self.likelihood = QLabel()
        self.likelihood.setAccessibleName("Likelihood")
        for lbl in (self.severity, self.likelihood):
            lbl.setStyleSheet(f"QLabel {{ font-size: 12pt; font-weight: 600; color: {NAVY}; }}")
            top.addWidget(lbl)
        top.addStretch()
        self.body.addLayout(top)
        self.recommendation = QLabel()
        self.recommendation.setWordWrap(True)
        self.recommendation.setAccessibleName("Recommendation")
        self.recommendation.setStyleSheet("QLabel { font-weight: 600; }")
        self.body.addWidget(self.recommendation)
        self.reasons = QTextBrowser()
        self.reasons.setAccessibleName("Reasons, factor by factor")
        self.reasons.setMinimumHeight(150)
        self.body.addWidget(self.reasons, 1)
        self.ico = _DecisionBox("Report to the ICO", "&Follow the recommendation", "&Override it")
        self.tell = _DecisionBox("Tell the people affected", "F&ollow the recommendation", "O&verride it")
        row = QHBoxLayout()
        row.addWidget(self.ico)
        row.addWidget(self.tell)
        self.body.addLayout(row)
        self.print_button = QPushButton("Decision &record…")
        self.print_button.setToolTip("The facts, the reasons and your decision, to print or save")
        self.body.addLayout(button_row(left=(self.print_button,)))
        self.print_button.clicked.connect(self.wiz.show_decision_record)
        watch(self, self.ico.follow, self.ico.reason, self.tell.follow, self.tell.reason)
        self._error = ""

    def load(self, d: TriageData) -> None:
        if d.facts is None:
            return
        a = assess(d.facts)
        weighed = a.weighed_band
        scale = "" if weighed is a.band else f", weighed as {weighed.label.lower()} for the number of people"
        self.severity.setText(f"Severity {a.severity:g}: {a.band.label}{scale}")
        self.likelihood.setText(f"Likelihood of harm: {a.likelihood.label}")
        self.recommendation.setText(f"Recommendation: {a.recommendation}")
        ico = a.ico
        answers = (
            f"<p><b>ICO self-assessment</b>: living people's personal data: {'yes' if ico.involves_personal_data else 'no'}; "
            f"risk likely: {'yes' if ico.risk_likely else 'no'}; high risk: {'yes' if ico.high_risk else 'no'}.</p>"
        )
        self.reasons.setHtml(answers + "<ol>" + "".join(f"<li>{escape(r)}</li>" for r in a.reasons) + "</ol>")
        self.ico.recommended_label.setText(
            "Recommended: " + ("report to the ICO." if a.report_to_ico else "do not report.")
        )
        self.tell.recommended_label.setText(
            "Recommended: "
            + ("tell them in writing." if a.tell_individuals else "telling them is not required.")
        )
        self.ico.override.setText("&Override: " + ("do not report" if a.report_to_ico else "report anyway"))
        self.tell.override.setText(
            "O&verride: " + ("do not tell them" if a.tell_individuals else "tell them anyway")
        )
        dec = d.decision
        if dec is not None and dec.assessment == a:
            (self.ico.override if dec.ico.overridden else self.ico.follow).setChecked(True)
            (self.tell.override if dec.individuals.overridden else self.tell.follow).setChecked(True)
            self.ico.reason.setPlainText(dec.ico.reason)
            self.tell.reason.setPlainText(dec.individuals.reason)

    def collect(self, d: TriageData) -> TriageData:
        self._error = ""
        if d.facts is None:
            return replace(d, decision=None)
        a = assess(d.facts)
        try:
            dec = decide(
                a,
                report_to_ico=None if self.ico.follow.isChecked() else not a.report_to_ico,
                tell_individuals=None if self.tell.follow.isChecked() else not a.tell_individuals,
                ico_reason=self.ico.reason.toPlainText().strip(),
                individuals_reason=self.tell.reason.toPlainText().strip(),
            )
        except ValidationError as exc:
            self._error = str(exc)
            return replace(d, decision=None)
        return replace(d, decision=dec)

    def extra_problems(self) -> list[str]:
        self.collect(self.wiz.data)
        return [self._error] if self._error else []
