"""The Appendix 1 triage wizard: one page per step, each saved and stamped as you move on.

The decisions live in `flows.breach_triage.BreachTriageFlow` (nextId asks it, isComplete asks
its checks); pages only turn widgets into `TriageData`. Reopening a breach replays the saved
steps so Back works, then stops at the first unfinished step. The 72-hour clock is on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from schooldp.documents.templates import escape
from schooldp.domain.breach import (
    ICO_BREACH_LINE,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    Exfiltration,
    Recipients,
    ThirdParty,
    ThirdPartyDecision,
    assess,
    decide,
    suggested_third_parties,
)
from schooldp.domain.deadlines import format_due, london_now
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.flows.breach_triage import (
    REQUIRED_THIRD_PARTIES,
    BreachTriageFlow,
    ContainmentAction,
    TriageData,
)
from schooldp.services.breaches import BreachRecord, BreachService, ClockState, countdown
from schooldp.services.school import SchoolSession
from schooldp.ui.style import AMBER, GREEN, MUTED, NAVY, RED, set_role
from schooldp.ui.widgets.forms import add_field, error_label, show_error
from schooldp.ui.wizards.breach_fields import (
    DateField,
    DateTimeField,
    FactsEditor,
    enum_combo,
    set_combo,
    text_box,
)

CLOCK_STYLE = {
    ClockState.NOT_NEEDED: ("#EEF1F5", MUTED),
    ClockState.REPORTED: ("#E7F3E8", GREEN),
    ClockState.RUNNING: ("#E8EEF6", NAVY),
    ClockState.AMBER: ("#FFF3DC", AMBER),
    ClockState.RED: ("#FDE7EA", RED),
    ClockState.OVERDUE: ("#FDE7EA", RED),
}


def clock_style(state: ClockState) -> str:
    bg, fg = CLOCK_STYLE[state]
    return f"QLabel {{ background: {bg}; color: {fg}; font-weight: 600; padding: 5px 8px; border-left: 4px solid {fg}; }}"


# --------------------------------------------------------------------------- base page


class StepPage(QWizardPage):
    """One Appendix 1 step. Subclasses build widgets, `load` them and `collect` TriageData."""

    step: BreachStep

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(f"Step {self.step.number} of 12: {self.step.title}")
        self.setSubTitle(f"“{self.step.quote}” ({self.step.source})")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.clock = QLabel()
        self.clock.setAccessibleName("72-hour ICO clock")
        outer.addWidget(self.clock)
        self.stamp = QLabel()
        set_role(self.stamp, "subtitle")
        self.stamp.setAccessibleName("Step completed")
        outer.addWidget(self.stamp)
        self.content = QWidget()
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 4, 0, 0)
        outer.addWidget(self.content, 1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_role(self.hint, "warning")
        self.hint.setAccessibleName("What is still needed")
        outer.addWidget(self.hint)
        self.error = error_label()
        outer.addWidget(self.error)

    # -- to implement
    def load(self, data: TriageData) -> None:
        pass

    def collect(self, data: TriageData) -> TriageData:
        return data

    def extra_problems(self) -> list[str]:
        return []

    # -- shared behaviour
    def changed(self, *_: object) -> None:
        self.completeChanged.emit()
        problems = self.problems()
        self.hint.setText(("To continue: " + problems[0]) if problems else "")
        self.wiz.update_clock()

    def problems(self) -> list[str]:
        data = self.collect(self.wiz.data)
        return self.extra_problems() + [p.message for p in self.wiz.flow.validate(self.step, data)]

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.load(self.wiz.data)
        stamp = self.wiz.record.stamps.get(self.step)
        self.stamp.setText(
            f"✔ Completed {format_due(stamp.completed_at)} by {stamp.account_name}"
            if stamp
            else "Not completed yet. It is saved and stamped with your name when you press Next."
        )
        self.changed()

    def cleanupPage(self) -> None:  # noqa: N802 - Qt name: Back keeps what was typed, unsaved
        self.wiz.data = self.collect(self.wiz.data)

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz.read_only or not self.problems()

    def validatePage(self) -> bool:  # noqa: N802
        if self.wiz.replaying or self.wiz.read_only:
            return True
        problems = self.problems()
        if problems:
            show_error(self.error, problems[0])
            return False
        data = self.collect(self.wiz.data)
        try:
            self.wiz.record = self.wiz.service.complete_step(self.wiz.record.id, self.step, data)
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return False
        show_error(self.error, None)
        # Keep in memory what later pages typed but have not saved yet (none, moving forward).
        self.wiz.data = self.wiz.record.triage
        self.wiz.saved_steps.append(self.step)
        return True


def _watch(page: StepPage, *widgets: QWidget) -> None:
    """Re-check the page whenever one of these widgets changes."""
    for w in widgets:
        for signal in ("textChanged", "toggled", "currentIndexChanged", "valueChanged", "changed"):
            sig = getattr(w, signal, None)
            if sig is not None and hasattr(sig, "connect"):
                try:
                    sig.connect(page.changed)
                except (RuntimeError, TypeError):
                    continue
                break


# --------------------------------------------------------------------------- the pages


class NotifiedPage(StepPage):
    step = BreachStep.DPO_NOTIFIED

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        form = QFormLayout()
        self.title_edit = add_field(form, "&Title:", QLineEdit(), "Title (no names)")
        self.title_edit.setPlaceholderText(
            "A short name without anyone's name, e.g. 'SEN plan emailed to wrong parent'"
        )
        self.reported_by = add_field(form, "Reported &by:", QLineEdit(), "Reported by")
        self.occurred = add_field(form, "&Happened:", DateTimeField("When it happened", optional=True))
        self.aware = add_field(form, "School became &aware:", DateTimeField("When the school became aware"))
        self.notified = add_field(form, "&DPO told:", DateTimeField("When the DPO was told", optional=True))
        self.how_found = add_field(form, "How it was &found:", text_box("How it was found", height=50))
        self.what = add_field(form, "&What happened:", text_box("What happened", height=80))
        self.systems = add_field(form, "&Systems and data:", QLineEdit(), "Systems and data involved")
        self.body.addLayout(form)
        _watch(
            self,
            self.title_edit,
            self.reported_by,
            self.occurred,
            self.aware,
            self.notified,
            self.how_found,
            self.what,
            self.systems,
        )

    def load(self, d: TriageData) -> None:
        self.title_edit.setText(d.title)
        self.reported_by.setText(d.reported_by)
        self.occurred.set_value(d.occurred_at)
        if d.aware_at is not None:
            self.aware.set_value(d.aware_at)
        self.notified.set_value(d.dpo_notified_at or d.aware_at)
        self.how_found.setPlainText(d.how_found)
        self.what.setPlainText(d.what_happened)
        self.systems.setText(d.systems_involved)

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d,
            title=self.title_edit.text().strip(),
            reported_by=self.reported_by.text().strip(),
            occurred_at=self.occurred.value(),
            aware_at=self.aware.value(),
            dpo_notified_at=self.notified.value(),
            how_found=self.how_found.toPlainText().strip(),
            what_happened=self.what.toPlainText().strip(),
            systems_involved=self.systems.text().strip(),
        )

    def extra_problems(self) -> list[str]:
        return (
            []
            if self.title_edit.text().strip()
            else ["Give the breach a short title, without anyone's name."]
        )


class InvestigationPage(StepPage):
    step = BreachStep.INVESTIGATION

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(0, 0, 8, 0)
        nat = QGroupBox("What happened to the data? (Appendix 1)")
        nl = QGridLayout(nat)
        self.natures: dict[BreachNature, QCheckBox] = {}
        for i, n in enumerate(BreachNature):
            box = QCheckBox(n.label)
            box.setAccessibleName(f"Data {n.label.lower()}")
            self.natures[n] = box
            nl.addWidget(box, i // 2, i % 2)
        lay.addWidget(nat)
        con = QGroupBox("Conclusion")
        cl = QVBoxLayout(con)
        self.conclusion = QButtonGroup(self)
        self.conclusion_buttons: dict[Conclusion, QRadioButton] = {}
        row = QHBoxLayout()
        for c in Conclusion:
            b = QRadioButton(c.label)
            b.setAccessibleName(f"Conclusion: {c.label}")
            self.conclusion.addButton(b)
            self.conclusion_buttons[c] = b
            row.addWidget(b)
        cl.addLayout(row)
        self.reasons = text_box("Reasons for the conclusion", "Why you reached this conclusion", 50)
        cl.addWidget(self.reasons)
        lay.addWidget(con)
        self.facts = FactsEditor()
        lay.addWidget(self.facts)
        scroll.setWidget(inner)
        self.body.addWidget(scroll)
        _watch(self, *self.natures.values(), self.reasons, self.facts)
        self.conclusion.buttonToggled.connect(self.changed)

    def load(self, d: TriageData) -> None:
        for n, box in self.natures.items():
            box.setChecked(n in d.natures)
        if d.conclusion is not None:
            self.conclusion_buttons[d.conclusion].setChecked(True)
        self.reasons.setPlainText(d.conclusion_reasons)
        self.facts.load(d.facts)

    def _conclusion(self) -> Conclusion | None:
        return next((c for c, b in self.conclusion_buttons.items() if b.isChecked()), None)

    def collect(self, d: TriageData) -> TriageData:
        facts = self.facts.facts()
        conclusion = self._conclusion()
        return replace(
            d,
            natures=frozenset(n for n, b in self.natures.items() if b.isChecked()),
            conclusion=conclusion,
            conclusion_reasons=self.reasons.toPlainText().strip(),
            facts=facts
            if facts is not None
            else (None if conclusion is not Conclusion.NOT_A_BREACH else d.facts),
            cause=d.cause or (facts.cause if facts else None),
        )

    def extra_problems(self) -> list[str]:
        c = self._conclusion()
        if c is not None and c.is_breach and self.facts.error:
            return [self.facts.error]
        return []


class HeadteacherPage(StepPage):
    step = BreachStep.HEADTEACHER_ALERTED

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        head = wizard.session.profile().headteacher.name or "the headteacher"
        self.body.addWidget(QLabel(f"Alert {head} now: a breach has occurred or is likely."))
        form = QFormLayout()
        self.alerted = add_field(
            form, "Headteacher &alerted:", DateTimeField("When the headteacher was alerted")
        )
        self.body.addLayout(form)
        self.body.addStretch()
        _watch(self, self.alerted)

    def load(self, d: TriageData) -> None:
        if d.headteacher_alerted_at is not None:
            self.alerted.set_value(d.headteacher_alerted_at)

    def collect(self, d: TriageData) -> TriageData:
        return replace(d, headteacher_alerted_at=self.alerted.value())


class _ActionRow:
    def __init__(self, text: str, checklist_id: str | None, source: str = "") -> None:
        self.checklist_id = checklist_id
        if checklist_id is None:
            self.text: QLabel | QLineEdit = QLineEdit(text)
            self.text.setPlaceholderText("What was or will be done")
            self.text.setAccessibleName("Action")
        else:
            self.text = QLabel(text)
            self.text.setWordWrap(True)
            self.text.setToolTip(source)
            self.text.setAccessibleName("Checklist action")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who")
        self.owner.setAccessibleName(f"Who does it: {text[:40]}")
        self.done = DateField(f"Done on: {text[:40]}", "Not done")
        self.done.set_value(None)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Not needed because…")
        self.reason.setAccessibleName(f"Not needed because: {text[:40]}")

    def action(self) -> ContainmentAction | None:
        text = self.text.text().strip()
        owner, reason, done = self.owner.text().strip(), self.reason.text().strip(), self.done.value()
        if self.checklist_id is not None and not (owner or reason or done):
            return None
        if self.checklist_id is None and not text:
            return None
        return ContainmentAction(text, owner, done, self.checklist_id, reason)


class ContainmentPage(StepPage):
    step = BreachStep.CONTAINMENT

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        self.body.addWidget(
            QLabel(
                "Appendix 1 actions for this kind of breach. Fill in who does each; tick done with the date, "
                "or say why it is not needed."
            )
        )
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add an action")
        self.letter_button = QPushButton("&Letter asking recipients to delete…")
        self.letter_button.setToolTip(
            "Appendix 1: ask the people who received it to delete it and confirm in writing"
        )
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.letter_button)
        buttons.addStretch()
        self.body.addLayout(buttons)
        self.rows: list[_ActionRow] = []
        self.add_button.clicked.connect(lambda: self._add(_ActionRow("", None), focus=True))
        self.letter_button.clicked.connect(self.wiz.deletion_letter)

    def _rebuild(self) -> None:
        inner = QWidget()
        self.grid = QGridLayout(inner)
        for col, head in enumerate(("Action", "Who", "Done on", "Not needed because")):
            lbl = QLabel(f"<b>{head}</b>")
            self.grid.addWidget(lbl, 0, col)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.scroll.setWidget(inner)
        for i, row in enumerate(self.rows, 1):
            self._place(row, i)
        self.grid.setRowStretch(len(self.rows) + 1, 1)

    def _place(self, row: _ActionRow, i: int) -> None:
        self.grid.addWidget(row.text, i, 0)
        self.grid.addWidget(row.owner, i, 1)
        self.grid.addWidget(row.done, i, 2)
        self.grid.addWidget(row.reason, i, 3)
        _watch(self, row.text, row.owner, row.done, row.reason)

    def _add(self, row: _ActionRow, focus: bool = False) -> None:
        self.rows.append(row)
        self._rebuild()
        if focus:
            row.text.setFocus()
        self.changed()

    def load(self, d: TriageData) -> None:
        existing = {a.checklist_id: a for a in d.containment_actions if a.checklist_id}
        self.rows = []
        for item in self.wiz.flow.checklist(d):
            prefix = "" if item.policy else "(Suggestion) "
            row = _ActionRow(prefix + item.text, item.id, item.source)
            a = existing.get(item.id)
            if a is not None:
                row.owner.setText(a.owner)
                row.done.set_value(a.done_on)
                row.reason.setText(a.not_needed_reason)
            self.rows.append(row)
        for a in d.containment_actions:
            if a.checklist_id is None:
                row = _ActionRow(a.text, None)
                row.owner.setText(a.owner)
                row.done.set_value(a.done_on)
                row.reason.setText(a.not_needed_reason)
                self.rows.append(row)
        if not any(r.checklist_id is None for r in self.rows):
            self.rows.append(_ActionRow("", None))
        self._rebuild()

    def collect(self, d: TriageData) -> TriageData:
        actions = tuple(a for a in (r.action() for r in self.rows) if a is not None)
        # The checklist label carries "(Suggestion) "; store the plain checklist wording.
        texts = {i.id: i.text for i in self.wiz.flow.checklist(d)}
        actions = tuple(
            replace(a, text=texts.get(a.checklist_id, a.text)) if a.checklist_id else a for a in actions
        )
        return replace(d, containment_actions=actions)


class ConsequencesPage(StepPage):
    step = BreachStep.CONSEQUENCES

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
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
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Consequences before and after mitigation")
        self.body.addWidget(self.summary)
        cform = QFormLayout()
        self.likely = add_field(
            cform,
            "&Likely consequences:",
            text_box(
                "Likely consequences for the people affected",
                "For example distress, risk to a child's safety, fraud",
                70,
            ),
        )
        self.body.addLayout(cform)
        self.body.addStretch()
        _watch(self, self.deleted, self.exfiltration, self.restored, self.hours, self.contained, self.likely)

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
        row = QHBoxLayout()
        row.addWidget(self.follow)
        row.addWidget(self.override)
        row.addStretch()
        lay.addLayout(row)
        self.reason = text_box(
            f"{title}: reason", "Reason (required to override, in case the decision is challenged)", 46
        )
        lay.addWidget(self.reason)


class ReportabilityPage(StepPage):
    step = BreachStep.REPORTABILITY

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
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
        buttons = QHBoxLayout()
        self.print_button = QPushButton("Decision &record…")
        self.print_button.setToolTip("The facts, the reasons and your decision, to print or save")
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        self.body.addLayout(buttons)
        self.print_button.clicked.connect(self.wiz.show_decision_record)
        _watch(self, self.ico.follow, self.ico.reason, self.tell.follow, self.tell.reason)
        self._error = ""

    def load(self, d: TriageData) -> None:
        if d.facts is None:
            return
        a = assess(d.facts)
        self.severity.setText(f"Severity {a.severity:g}: {a.band.label}")
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


class IcoReportPage(StepPage):
    step = BreachStep.ICO_REPORT

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.info)
        buttons = QHBoxLayout()
        self.pack_button = QPushButton("ICO report &pack…")
        self.pack_button.setToolTip(
            "Every answer the ICO's form asks for, from this record, to read out or paste"
        )
        self.follow_up = QCheckBox("Follow-up report")
        self.follow_up.setAccessibleName("Pack is for a follow-up report")
        buttons.addWidget(self.pack_button)
        buttons.addWidget(self.follow_up)
        buttons.addStretch()
        self.body.addLayout(buttons)
        form = QFormLayout()
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
        self.body.addLayout(form)
        self.body.addStretch()
        self.pack_button.clicked.connect(lambda: self.wiz.show_ico_pack(self.follow_up.isChecked()))
        _watch(self, self.reported, self.reference, self.delay)

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

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
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
        form = QFormLayout()
        self.told_on = add_field(form, "&Told on:", DateField("Date the people affected were told"))
        self.how = QComboBox()
        self.how.setEditable(True)
        self.how.addItems(["Letter", "Letter and phone call", "Email", "Meeting, confirmed by letter"])
        add_field(form, "&How:", self.how, "How they were told")
        self.body.addLayout(form)
        self.body.addStretch()
        self.letters_button.clicked.connect(self.wiz.prepare_letters)
        _watch(self, self.told_on, self.how)

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

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
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
            _watch(self, tell, reason)
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
        _watch(self, other, self.other_name, self.other_tell, self.other_reason)

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


class RecordPage(StepPage):
    step = BreachStep.RECORD

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        form = QFormLayout()
        self.cause = add_field(form, "&Cause:", enum_combo("Cause", Cause, "Choose the cause…"))
        self.facts_cause = add_field(form, "&Facts and cause:", text_box("Facts and cause", height=80))
        self.effects = add_field(
            form, "&Effects:", text_box("Effects", "Write 'none' if there were none", 60)
        )
        self.prevention = add_field(
            form,
            "&Stop it happening again:",
            text_box("Actions to stop it happening again", "Processes, training, technical changes", 70),
        )
        self.body.addLayout(form)
        self.body.addStretch()
        _watch(self, self.cause, self.facts_cause, self.effects, self.prevention)

    def load(self, d: TriageData) -> None:
        set_combo(self.cause, d.cause or (d.facts.cause if d.facts else None))
        self.facts_cause.setPlainText(d.facts_and_cause or d.what_happened)
        self.effects.setPlainText(d.effects)
        self.prevention.setPlainText(d.prevention_actions)

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d,
            cause=self.cause.currentData(),
            facts_and_cause=self.facts_cause.toPlainText().strip(),
            effects=self.effects.toPlainText().strip(),
            prevention_actions=self.prevention.toPlainText().strip(),
        )


class ReviewPage(StepPage):
    step = BreachStep.REVIEW_MEETING

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        form = QFormLayout()
        self.held_on = add_field(form, "Meeting &held on:", DateField("Review meeting date"))
        self.attendees = add_field(form, "&Attendees:", QLineEdit(), "Attendees")
        self.notes = add_field(form, "&Notes:", text_box("Review meeting notes", "What was agreed", 110))
        self.body.addLayout(form)
        self.body.addStretch()
        _watch(self, self.held_on, self.attendees, self.notes)

    def load(self, d: TriageData) -> None:
        if d.review_held_on is not None:
            self.held_on.set_value(d.review_held_on)
        p = self.wiz.session.profile()
        self.attendees.setText(
            d.review_attendees
            or f"{p.dpo.name} (Data Protection Officer), {p.headteacher.name} (Headteacher)"
        )
        self.notes.setPlainText(d.review_notes)

    def collect(self, d: TriageData) -> TriageData:
        return replace(
            d,
            review_held_on=self.held_on.value(),
            review_attendees=self.attendees.text().strip(),
            review_notes=self.notes.toPlainText().strip(),
        )


class ClosePage(StepPage):
    step = BreachStep.CLOSE

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__(wizard)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Before closing")
        self.body.addWidget(self.summary)
        form = QFormLayout()
        self.closed_by = add_field(form, "Closed &by:", QLineEdit(), "Closed by")
        self.body.addLayout(form)
        row = QHBoxLayout()
        self.pack_button = QPushButton("ICO report &pack…")
        self.record_button = QPushButton("Decision &record…")
        row.addWidget(self.pack_button)
        row.addWidget(self.record_button)
        row.addStretch()
        self.body.addLayout(row)
        self.body.addStretch()
        self.pack_button.clicked.connect(lambda: self.wiz.show_ico_pack(False))
        self.record_button.clicked.connect(self.wiz.show_decision_record)
        _watch(self, self.closed_by)

    def load(self, d: TriageData) -> None:
        self.closed_by.setText(d.closed_by or self.wiz.session.account.display_name)
        self.pack_button.setEnabled(not d.is_near_miss and d.facts is not None)
        self.record_button.setEnabled(d.decision is not None)

    def changed(self, *args: object) -> None:
        problems = [p.message for p in self.wiz.flow.validate(self.step, self.collect(self.wiz.data))]
        if self.wiz.read_only:
            self.summary.setText("This breach is closed. Its record can be read and printed but not changed.")
        elif problems:
            self.summary.setText(
                "<b>Before the breach can be closed:</b><ul>"
                + "".join(f"<li>{escape(p)}</li>" for p in problems)
                + "</ul>"
            )
        else:
            self.summary.setText("✔ Every step is complete. Press <b>Finish</b> to close the breach record.")
        super().changed(*args)

    def collect(self, d: TriageData) -> TriageData:
        return replace(d, closed_by=self.closed_by.text().strip())


PAGES: tuple[type[StepPage], ...] = (
    NotifiedPage,
    InvestigationPage,
    HeadteacherPage,
    ContainmentPage,
    ConsequencesPage,
    ReportabilityPage,
    IcoReportPage,
    IndividualsPage,
    ThirdPartiesPage,
    RecordPage,
    ReviewPage,
    ClosePage,
)


# --------------------------------------------------------------------------- the wizard


class BreachTriageWizard(QWizard):
    def __init__(
        self,
        session: SchoolSession,
        breach_id: int,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = london_now,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.service = BreachService(session)
        self.record: BreachRecord = self.service.breach(breach_id)
        self.data: TriageData = self.record.triage
        self.now = now
        self.flow = BreachTriageFlow(now=lambda: now() + _SLACK)
        self.read_only = self.record.is_closed or session.read_only
        self.replaying = False
        self.saved_steps: list[BreachStep] = []
        self.children_dialogs: list[QWidget] = []
        self.setWindowTitle(f"{self.record.reference}: {self.record.triage.title}")
        self.setAccessibleName("Breach triage wizard")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.resize(900, 760)
        self.pages: dict[BreachStep, StepPage] = {}
        for cls in PAGES:
            page = cls(self)
            self.pages[cls.step] = page
            self.setPage(cls.step.value, page)
            if self.read_only:
                page.content.setEnabled(True)
                for w in page.content.findChildren(QWidget):
                    if not isinstance(w, QPushButton | QScrollArea | QTextBrowser | QLabel):
                        w.setEnabled(False)
        self.setStartId(BreachStep.DPO_NOTIFIED.value)
        self.timer = QTimer(self)
        self.timer.setInterval(30_000)
        self.timer.timeout.connect(self.update_clock)
        self.timer.start()
        self.restart()
        self._resume()

    def _resume(self) -> None:
        """Replay saved steps (so Back works) and stop at the first unfinished one."""
        target = self.record.resume_step or BreachStep.CLOSE
        self.replaying = True
        try:
            guard = 0
            while self.currentId() != target.value and guard < 12:
                before = self.currentId()
                self.next()
                guard += 1
                if self.currentId() == before:
                    break
        finally:
            self.replaying = False

    def current_data(self) -> TriageData:
        page = self.currentPage()
        return page.collect(self.data) if isinstance(page, StepPage) else self.data

    def nextId(self) -> int:  # noqa: N802 - Qt name: the flow decides the path
        if self.currentId() < 0:
            return BreachStep.DPO_NOTIFIED.value
        step = BreachStep(self.currentId())
        nxt = self.flow.resolve_next(step, self.current_data())
        return -1 if nxt is None else nxt.value

    def update_clock(self) -> None:
        page = self.currentPage()
        if not isinstance(page, StepPage):
            return
        d = self.current_data()
        if d.aware_at is None:
            page.clock.setText("Enter when the school became aware to start the 72-hour clock.")
            return
        not_needed = ""
        if d.is_near_miss:
            not_needed = "Near miss: no ICO report needed"
        elif d.decision is not None and not d.decision.report_to_ico:
            not_needed = "Not reportable (DPO's decision)"
        initial = self.record.initial_report
        cd = countdown(
            d.aware_at,
            self.now(),
            reported_at=initial.submitted_at if initial else None,
            not_needed=not_needed,
        )
        deadline = "" if cd.state is ClockState.NOT_NEEDED else f"   ·   ICO deadline {format_due(cd.due)}"
        page.clock.setText(f"{cd.text}{deadline}   ·   {self.record.reference}")
        page.clock.setStyleSheet(clock_style(cd.state))

    # ---- documents and letters -----------------------------------------------------------------
    def _record_now(self) -> BreachRecord:
        return replace(self.record, triage=self.current_data())

    def show_ico_pack(self, follow_up: bool = False) -> None:
        from schooldp.services.breaches import ico_pack_pdf
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        try:
            pdf = ico_pack_pdf(self.session, self._record_now(), follow_up=follow_up)
        except SchoolDPError as exc:
            QMessageBox.warning(self, "ICO report pack", str(exc))
            return
        dialog = BreachPdfDialog(
            self.session, self.record.id, pdf, f"{self.record.reference} ICO report", "ICO report pack", self
        )
        self._open(dialog)

    def show_decision_record(self) -> None:
        from schooldp.services.breaches import decision_record_pdf
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        try:
            pdf = decision_record_pdf(self.session, self._record_now())
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Decision record", str(exc))
            return
        dialog = BreachPdfDialog(
            self.session,
            self.record.id,
            pdf,
            f"{self.record.reference} decision record",
            "Decision record",
            self,
        )
        self._open(dialog)

    def prepare_letters(self) -> None:
        from schooldp.ui.dialogs.breach_letters import BreachLettersDialog

        dialog = BreachLettersDialog(self.session, self._record_now(), self)
        dialog.finished.connect(lambda *_: self._after_letters())
        self._open(dialog)

    def _after_letters(self) -> None:
        self.record = replace(self.service.breach(self.record.id), triage=self.data)
        page = self.pages[BreachStep.INDIVIDUALS]
        if isinstance(page, IndividualsPage):
            page.refresh_issued()

    def deletion_letter(self) -> None:
        from schooldp.ui.dialogs.breach_letters import DeletionRequestDialog

        self._open(DeletionRequestDialog(self.session, self._record_now(), self))

    def letters_issued(self) -> int:
        from schooldp.services.letters import LetterService

        return len(LetterService(self.session).issued(case_kind="breach", case_id=self.record.id))

    def _open(self, dialog: QWidget) -> None:
        self.children_dialogs.append(dialog)
        dialog.open()  # type: ignore[attr-defined]


from datetime import timedelta  # noqa: E402

_SLACK = timedelta(minutes=5)  # times typed as "now" a moment ago are not "in the future"
