"""Steps 10 to 12: the record of the breach, the review meeting, and closing it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QLineEdit,
    QPushButton,
)

from schooldp.domain.breach import (
    BreachStep,
    Cause,
)
from schooldp.flows.breach_triage import (
    TriageData,
)
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, escape, watch
from schooldp.ui.wizards.breach_fields import (
    DateField,
    enum_combo,
    set_combo,
    text_box,
)


class RecordPage(StepPage):
    step = BreachStep.RECORD

    def build(self) -> None:
        form = self.add_form()
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
        self.body.addStretch()
        watch(self, self.cause, self.facts_cause, self.effects, self.prevention)

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

    def build(self) -> None:
        self.open_steps = self.add_rich_label("Steps still open")
        form = self.add_form()
        self.held_on = add_field(form, "Meeting &held on:", DateField("Review meeting date", "Not held yet"))
        self.held_on.set_value(None)
        self.attendees = add_field(form, "&Attendees:", QLineEdit(), "Attendees")
        self.notes = add_field(form, "&Notes:", text_box("Review meeting notes", "What was agreed", 110))
        self.body.addStretch()
        watch(self, self.held_on, self.held_on.none, self.attendees, self.notes)

    def load(self, d: TriageData) -> None:
        self.held_on.set_value(d.review_held_on)
        still = self.wiz.flow.open_steps(d, self.wiz.record.done)
        still = [s for s in still if s is not BreachStep.REVIEW_MEETING]
        self.open_steps.setText(
            "Steps still open: " + "; ".join(escape(f"{s.number}. {s.title}") for s in still)
            if still
            else "Every earlier step is recorded as done."
        )
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

    def build(self) -> None:
        self.summary = self.add_rich_label("Before closing")
        form = self.add_form()
        self.closed_by = add_field(form, "Closed &by:", QLineEdit(), "Closed by")
        self.pack_button = QPushButton("ICO report &pack…")
        self.record_button = QPushButton("Decision &record…")
        self.body.addLayout(button_row(left=(self.pack_button, self.record_button)))
        self.body.addStretch()
        self.pack_button.clicked.connect(lambda: self.wiz.show_ico_pack(False))
        self.record_button.clicked.connect(self.wiz.show_decision_record)
        watch(self, self.closed_by)

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
