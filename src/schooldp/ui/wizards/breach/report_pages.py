"""Steps 1 to 4: DPO notified, investigation, headteacher alerted, containment."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.breach import (
    BreachNature,
    BreachStep,
    Conclusion,
)
from schooldp.flows.breach_triage import (
    ContainmentAction,
    TriageData,
)
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, watch
from schooldp.ui.wizards.breach_fields import (
    DateField,
    DateTimeField,
    FactsEditor,
    set_combo,
    text_box,
    yes_no,
)


class NotifiedPage(StepPage):
    step = BreachStep.DPO_NOTIFIED

    def build(self) -> None:
        form = self.add_form()
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
        watch(
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

    def build(self) -> None:
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
        lay.addWidget(self._ico_form_box())
        scroll.setWidget(inner)
        self.body.addWidget(scroll)
        watch(self, *self.natures.values(), self.reasons, self.facts)
        self.conclusion.buttonToggled.connect(self.changed)

    def _ico_form_box(self) -> QGroupBox:
        """What the ICO's online form asks about staff and the safeguards already in place."""
        box = QGroupBox("Staff and safeguards (the ICO's form asks)")
        form = QFormLayout(box)
        self.staff_involved = add_field(
            form, "Member of &staff involved:", yes_no("A member of staff was involved")
        )
        self.staff_training = add_field(
            form, "Their data protection &training:", QLineEdit(), "Their training"
        )
        self.staff_training.setPlaceholderText(
            "What training and when, e.g. 'Annual refresher, INSET 2 September 2025'"
        )
        self.safeguards = add_field(
            form,
            "Safeguards &before:",
            text_box(
                "Safeguards in place before the breach",
                "Policies, training, technical measures in place before",
                50,
            ),
        )
        watch(self, self.staff_involved, self.staff_training, self.safeguards)
        return box

    def load(self, d: TriageData) -> None:
        set_combo(self.staff_involved, d.staff_involved)
        self.staff_training.setText(d.staff_training)
        self.safeguards.setPlainText(d.safeguards_before)
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
            staff_involved=self.staff_involved.currentData(),
            staff_training=self.staff_training.text().strip(),
            safeguards_before=self.safeguards.toPlainText().strip(),
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

    def build(self) -> None:
        intro = QLabel(
            "Appendix 1 actions for this kind of breach. Fill in who does each; tick done with the date, "
            "or say why it is not needed."
        )
        intro.setWordWrap(True)  # a long line would widen the wizard past a laptop screen
        self.body.addWidget(intro)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body.addWidget(self.scroll, 1)
        self.add_button = QPushButton("&Add an action")
        self.letter_button = QPushButton("&Letter asking recipients to delete…")
        self.letter_button.setToolTip(
            "Appendix 1: ask the people who received it to delete it and confirm in writing"
        )
        self.body.addLayout(button_row(left=(self.add_button, self.letter_button)))
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
        watch(self, row.text, row.owner, row.done, row.reason)

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
