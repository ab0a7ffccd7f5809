"""The base of every triage page: the 72-hour clock, the step's stamp, what is still needed."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget, QWizardPage

from schooldp.domain.breach import (
    BreachStep,
)
from schooldp.domain.breach.reporting import DEFERRABLE_STEPS
from schooldp.domain.deadlines import format_due
from schooldp.domain.errors import ConflictError, SchoolDPError
from schooldp.flows.breach_triage import (
    TriageData,
)
from schooldp.services.breaches import ClockState
from schooldp.ui.conflicts import ConflictBox, show_conflict, show_message_line
from schooldp.ui.style import AMBER, GREEN, MUTED, NAVY, RED, set_role
from schooldp.ui.widgets.forms import error_label

if TYPE_CHECKING:
    from schooldp.ui.wizards.breach.wizard import BreachTriageWizard


def escape(text: str) -> str:
    """User text shown literally in a rich-text label."""
    return html.escape(text, quote=False)


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
    """One Appendix 1 step. Subclasses `build` widgets, `load` them and `collect` TriageData."""

    step: BreachStep

    def __init__(self, wizard: BreachTriageWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.conflict_box: ConflictBox | None = None
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
        self.build()

    # -- to implement
    def build(self) -> None:
        """Put the step's own widgets in `self.body` (the clock, stamp and hints are here)."""

    def load(self, data: TriageData) -> None:
        pass

    def collect(self, data: TriageData) -> TriageData:
        return data

    def extra_problems(self) -> list[str]:
        return []

    # -- building blocks
    def add_form(self) -> QFormLayout:
        """A form added to the body now, to be filled with `add_field`."""
        form = QFormLayout()
        self.body.addLayout(form)
        return form

    def add_rich_label(self, accessible_name: str = "") -> QLabel:
        """A wrapped rich-text label added to the body (the step's summary or instructions)."""
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        if accessible_name:
            label.setAccessibleName(accessible_name)
        self.body.addWidget(label)
        return label

    # -- shared behaviour
    def changed(self, *_: object) -> None:
        self.completeChanged.emit()
        if self.untouched():
            self.hint.setText(
                "Not done yet. Enter what was done when it has happened; Next leaves this step open. "
                "Still needed: " + "; ".join(p.rstrip(".") for p in self.problems()) + "."
            )
        else:
            problems = self.problems()
            self.hint.setText(("To continue: " + problems[0]) if problems else "")
        self.wiz.update_clock()

    def untouched(self) -> bool:
        """A step recording something done, with nothing entered: Next leaves it "not done yet"."""
        return self.wiz.flow.untouched(self.step, self.collect(self.wiz.data))

    def problems(self) -> list[str]:
        data = self.collect(self.wiz.data)
        return self.extra_problems() + [p.message for p in self.wiz.flow.validate(self.step, data)]

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        self.load(self.wiz.data)
        stamp = self.wiz.record.stamps.get(self.step)
        if stamp:
            text = f"✔ Completed {format_due(stamp.completed_at)} by {stamp.account_name}"
        elif self.step in DEFERRABLE_STEPS:
            text = "Not done yet. It is recorded as done, with your name, only when you enter what was done."
        else:
            text = "Not completed yet. It is saved and stamped with your name when you press Next."
        self.stamp.setText(text)
        self.changed()

    def reload(self) -> None:
        """Someone else saved this breach while this page was open: read it again into the page."""
        self.wiz.record = self.wiz.service.breach(self.wiz.record.id)
        self.wiz.data = self.wiz.record.triage
        self.initializePage()
        show_message_line(
            self.error,
            "Reloaded: this page now shows the breach as it was saved. Make your change again if it "
            "is still needed.",
            reloaded=True,
        )

    def cleanupPage(self) -> None:  # noqa: N802 - Qt name: Back keeps what was typed, unsaved
        self.wiz.data = self.collect(self.wiz.data)

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz.read_only or self.untouched() or not self.problems()

    def validatePage(self) -> bool:  # noqa: N802
        if self.wiz.replaying or self.wiz.read_only:
            return True
        if self.untouched():
            # Nothing was done yet: nothing is saved or stamped; the step stays open.
            show_message_line(self.error, None)
            self.wiz.data = self.collect(self.wiz.data)
            return True
        problems = self.problems()
        if problems:
            show_message_line(self.error, problems[0])
            return False
        data = self.collect(self.wiz.data)
        try:
            self.wiz.record = self.wiz.service.complete_step(
                self.wiz.record.id, self.step, data, expected_version=self.wiz.record.row_version
            )
        except ConflictError as exc:
            show_message_line(self.error, str(exc))
            self.conflict_box = show_conflict(self.wiz, exc, self.reload)
            return False
        except SchoolDPError as exc:
            show_message_line(self.error, str(exc))
            return False
        show_message_line(self.error, None)
        # Keep in memory what later pages typed but have not saved yet (none, moving forward).
        self.wiz.data = self.wiz.record.triage
        self.wiz.saved_steps.append(self.step)
        return True


def watch(page: StepPage, *widgets: QWidget) -> None:
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
