"""Step 9: third parties (the ICO report and telling people are in `reporting_pages`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from schooldp.domain.breach import (
    BreachStep,
    ThirdParty,
    ThirdPartyDecision,
    suggested_third_parties,
)
from schooldp.domain.errors import ValidationError
from schooldp.flows.breach_triage import (
    REQUIRED_THIRD_PARTIES,
    TriageData,
)
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import add_field, button_row
from schooldp.ui.wizards.breach.base import StepPage, escape, watch


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
            watch(self, tell, dont, reason)
        grid.setColumnStretch(3, 1)
        self.body.addLayout(grid)
        # Suggestions are shown, never pre-chosen: the DPO's decision is recorded only when made.
        self.follow_button = QPushButton("&Follow the suggestions")
        self.follow_button.setAutoDefault(False)
        self.follow_button.clicked.connect(self.follow_suggestions)
        self.body.addLayout(button_row(left=(self.follow_button,)))
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

    def follow_suggestions(self) -> None:
        facts = self.wiz.current_data().facts
        suggestions = {s.party: s for s in suggested_third_parties(facts)} if facts else {}
        for party, (tell, dont, reason, _why) in self.rows.items():
            s = suggestions.get(party)
            if s is not None and not (tell.isChecked() or dont.isChecked()):
                (tell if s.notify else dont).setChecked(True)
                reason.setText(s.why)

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
