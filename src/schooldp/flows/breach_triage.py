"""The breach triage wizard as a plain class: one page per Appendix 1 step, no Qt.

Pages are `BreachStep` members; their values (1 to 12) are usable as QWizard page ids.
Branches (Policy App 1):
- investigation concludes "not a breach (near miss)" -> straight to the record, then close
  (no headteacher alert, containment, assessment, reports or review meeting);
- reportability: not reporting to the ICO -> no ICO report page; not telling people -> no
  individuals page.
A breach is worked over days, so `resume_page` says where to pick it up.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime

from schooldp.domain.breach import (
    ICO_DEADLINE,
    BeforeAndAfter,
    BreachStep,
    ChecklistItem,
    ThirdParty,
    assess,
    assess_before_and_after,
    containment_checklist,
)
from schooldp.domain.breach.reporting import DEFERRABLE_STEPS
from schooldp.domain.breach.triage import ContainmentAction, TriageData
from schooldp.flows.base import Problem, WizardFlow

__all__ = [
    "ICO_DEADLINE",
    "BreachTriageFlow",
    "ContainmentAction",
    "Problem",
    "TriageData",
    "REQUIRED_THIRD_PARTIES",
]

# Policy App 1 names these; each needs a decision, "other" is optional.
REQUIRED_THIRD_PARTIES: tuple[ThirdParty, ...] = (
    ThirdParty.POLICE,
    ThirdParty.INSURERS,
    ThirdParty.BANKS_CARD_COMPANIES,
    ThirdParty.SAFEGUARDING_PARTNERS,
)


def _later(a: datetime | date | None, b: datetime | date | None) -> bool:
    """True when both are known, comparable and a is strictly after b."""
    if a is None or b is None:
        return False
    if isinstance(a, datetime) != isinstance(b, datetime):
        a = a.date() if isinstance(a, datetime) else a
        b = b.date() if isinstance(b, datetime) else b
    try:
        return a > b
    except TypeError:  # naive against aware: the storage layer decides time zones
        return False


def _problems(*checks: tuple[bool, str, str]) -> list[Problem]:
    """The problems whose check failed, in the order the page shows its fields."""
    return [Problem(field, message) for failed, field, message in checks if failed]


def _blank(text: str) -> bool:
    return not text.strip()


class BreachTriageFlow(WizardFlow[BreachStep, TriageData]):
    """Appendix 1 as a wizard. `now` (optional) lets validation reject dates in the future."""

    def __init__(self, now: Callable[[], datetime] | None = None) -> None:
        self._now = now

    @property
    def first_page(self) -> BreachStep:
        return BreachStep.DPO_NOTIFIED

    # ------------------------------------------------------------------ navigation

    def resolve_next(self, page: BreachStep, data: TriageData) -> BreachStep | None:
        S = BreachStep
        if page is S.INVESTIGATION:
            # Policy App 1: only a breach, or a likely one, goes on to the headteacher; a near
            # miss is still documented ("document each breach") and closed.
            return S.RECORD if data.is_near_miss else S.HEADTEACHER_ALERTED
        if page is S.REPORTABILITY:
            # Undecided counts as reporting, so the path never hides a step that may be needed.
            if data.decision is None or data.decision.report_to_ico:
                return S.ICO_REPORT
            return S.INDIVIDUALS if data.decision.tell_individuals else S.THIRD_PARTIES
        if page is S.ICO_REPORT:
            if data.decision is None or data.decision.tell_individuals:
                return S.INDIVIDUALS
            return S.THIRD_PARTIES
        if page is S.RECORD:
            return S.CLOSE if data.is_near_miss else S.REVIEW_MEETING
        if page is S.CLOSE:
            return None
        return {
            S.DPO_NOTIFIED: S.INVESTIGATION,
            S.HEADTEACHER_ALERTED: S.CONTAINMENT,
            S.CONTAINMENT: S.CONSEQUENCES,
            S.CONSEQUENCES: S.REPORTABILITY,
            S.INDIVIDUALS: S.THIRD_PARTIES,
            S.THIRD_PARTIES: S.RECORD,
            S.REVIEW_MEETING: S.CLOSE,
        }[page]

    def skipped(self, data: TriageData) -> list[BreachStep]:
        """Steps these answers make unnecessary, for the record ("not needed")."""
        on_path = set(self.path(data))
        return [step for step in BreachStep if step not in on_path]

    # ------------------------------------------------------------------ derived values

    def checklist(self, data: TriageData) -> tuple[ChecklistItem, ...]:
        """Appendix 1 containment checklist for the facts known so far."""
        return () if data.facts is None else containment_checklist(data.facts)

    def outstanding_checklist(self, data: TriageData) -> tuple[ChecklistItem, ...]:
        """Policy checklist items with no settled action yet (warned about, blocks closing)."""
        settled = {a.checklist_id for a in data.containment_actions if a.checklist_id and a.settled}
        return tuple(i for i in self.checklist(data) if i.policy and i.id not in settled)

    def before_and_after(self, data: TriageData) -> BeforeAndAfter | None:
        if data.facts is None:
            return None
        if data.facts_before is None:
            return assess_before_and_after(data.facts)
        return assess_before_and_after(data.facts_before, data.facts)

    # ------------------------------------------------------------------ validation

    def validate(self, page: BreachStep, data: TriageData) -> list[Problem]:
        check: dict[BreachStep, Callable[[TriageData], list[Problem]]] = {
            BreachStep.DPO_NOTIFIED: self._notified,
            BreachStep.INVESTIGATION: self._investigation,
            BreachStep.HEADTEACHER_ALERTED: self._headteacher,
            BreachStep.CONTAINMENT: self._containment,
            BreachStep.CONSEQUENCES: self._consequences,
            BreachStep.REPORTABILITY: self._reportability,
            BreachStep.ICO_REPORT: self._ico_report,
            BreachStep.INDIVIDUALS: self._individuals,
            BreachStep.THIRD_PARTIES: self._third_parties,
            BreachStep.RECORD: self._record,
            BreachStep.REVIEW_MEETING: self._review,
            BreachStep.CLOSE: self._close,
        }
        return check[page](data)

    def _future(self, when: datetime | date | None, field: str, what: str) -> list[Problem]:
        if self._now is None or when is None:
            return []
        if _later(when, self._now()):
            return [Problem(field, f"The {what} is in the future. Check the date and time.")]
        return []

    def _since_aware(
        self, d: TriageData, when: datetime | date | None, field: str, too_early: str, what: str
    ) -> list[Problem]:
        """A step's date: not before the school became aware of the breach, not in the future."""
        return _problems((_later(d.aware_at, when), field, too_early)) + self._future(when, field, what)

    def _notified(self, d: TriageData) -> list[Problem]:
        problems = _problems(
            (_blank(d.reported_by), "reported_by", "Say who reported the breach."),
            (
                d.aware_at is None,
                "aware_at",
                "Enter when the school became aware of the breach. The 72 hours to report it start then.",
            ),
            (_blank(d.how_found), "how_found", "Say how the breach was found."),
            (_blank(d.what_happened), "what_happened", "Describe what happened, in a few sentences."),
            (
                _later(d.occurred_at, d.aware_at),
                "occurred_at",
                "The breach cannot have happened after the school became aware of it.",
            ),
            (
                _later(d.aware_at, d.dpo_notified_at),
                "dpo_notified_at",
                "The DPO cannot have been told before the school became aware of the breach.",
            ),
        )
        return (
            problems
            + self._future(d.occurred_at, "occurred_at", "time the breach happened")
            + self._future(d.aware_at, "aware_at", "time the school became aware")
            + self._future(d.dpo_notified_at, "dpo_notified_at", "time the DPO was told")
        )

    def _investigation(self, d: TriageData) -> list[Problem]:
        p: list[Problem] = []
        if d.conclusion is None:
            p.append(
                Problem(
                    "conclusion",
                    "Choose a conclusion: a breach, a likely breach, or not a breach (near miss).",
                )
            )
        if _blank(d.conclusion_reasons):
            p.append(
                Problem(
                    "conclusion_reasons",
                    "Give the reasons for the conclusion, in case it is challenged later.",
                )
            )
        if d.conclusion is not None and d.conclusion.is_breach:
            if not d.natures:
                p.append(
                    Problem(
                        "natures",
                        "Say what happened to the data: lost, stolen, destroyed, altered, "
                        "disclosed, or made available to unauthorised people.",
                    )
                )
            if d.facts is None:
                p.append(
                    Problem(
                        "facts",
                        "Say what data was involved, whose it was and what was lost, so the "
                        "risk can be worked out.",
                    )
                )
        return p

    def _headteacher(self, d: TriageData) -> list[Problem]:
        if d.headteacher_alerted_at is None:
            return [Problem("headteacher_alerted_at", "Enter when the headteacher was alerted.")]
        return self._since_aware(
            d,
            d.headteacher_alerted_at,
            "headteacher_alerted_at",
            "The headteacher cannot have been alerted before the school became aware of the breach.",
            "alert time",
        )

    def _containment(self, d: TriageData) -> list[Problem]:
        p: list[Problem] = []
        if not d.containment_actions:
            p.append(
                Problem(
                    "containment_actions",
                    "Record at least one action taken to contain the breach.",
                )
            )
        known = {item.id for item in self.checklist(d)}
        for n, action in enumerate(d.containment_actions, start=1):
            if _blank(action.text):
                p.append(Problem("containment_actions", f"Action {n}: say what the action is."))
            if _blank(action.owner):
                p.append(Problem("containment_actions", f"Action {n}: say who will do it."))
            if action.checklist_id is not None and action.checklist_id not in known:
                p.append(
                    Problem(
                        "containment_actions",
                        f"Action {n} refers to a checklist item that does not apply to this breach.",
                    )
                )
            p += self._future(action.done_on, "containment_actions", f"date action {n} was done")
        return p

    def _consequences(self, d: TriageData) -> list[Problem]:
        return _problems(
            (
                d.facts is None,
                "facts",
                "Say what data was involved, whose it was and what was lost, so the risk can be worked out.",
            ),
            (
                _blank(d.likely_consequences),
                "likely_consequences",
                "Describe the likely consequences for the people affected.",
            ),
        )

    def _reportability(self, d: TriageData) -> list[Problem]:
        if d.decision is None:
            return [
                Problem(
                    "decision",
                    "Decide whether to report to the ICO and whether to tell the people "
                    "affected: follow the recommendation or give a reason to depart from it.",
                )
            ]
        if d.facts is not None and d.decision.assessment != assess(d.facts):
            return [
                Problem(
                    "decision",
                    "The facts have changed since this decision was made. Look at the "
                    "recommendation again and confirm the decision.",
                )
            ]
        return []

    def _ico_report(self, d: TriageData) -> list[Problem]:
        # Policy App 1: the report is made on the ICO's form or its breach line; the record
        # says when, how, by whom and the case reference the ICO gave (or that none is given yet).
        problems = _problems(
            (d.ico_reported_at is None, "ico_reported_at", "Enter when the breach was reported to the ICO."),
            (
                d.ico_method is None,
                "ico_method",
                "Say how it was reported: the ICO's online form or the breach line.",
            ),
            (_blank(d.ico_reported_by), "ico_reported_by", "Say who made the report to the ICO."),
            (
                _blank(d.ico_reference) and not d.ico_reference_pending,
                "ico_reference",
                "Enter the ICO case reference, or tick that the ICO has not given one yet.",
            ),
            (
                _later(d.aware_at, d.ico_reported_at),
                "ico_reported_at",
                "The ICO report cannot be before the school became aware of the breach.",
            ),
            # Policy App 1: a late or partial report explains the delay and the reasons for it.
            (
                _later(d.ico_reported_at, d.ico_due_at) and _blank(d.ico_delay_reason),
                "ico_delay_reason",
                "The report was made more than 72 hours after the school became aware. "
                "Give the reasons for the delay.",
            ),
        )
        return problems + self._future(d.ico_reported_at, "ico_reported_at", "time of the ICO report")

    def _individuals(self, d: TriageData) -> list[Problem]:
        if not _blank(d.individuals_override_reason):
            # The DPO decided not to tell them after all (for example the designated
            # safeguarding lead advised against it): the reason is the record.
            return []
        problems = _problems(
            (
                d.individuals_told_on is None,
                "individuals_told_on",
                "Enter the date the people affected were told.",
            ),
            (_blank(d.individuals_told_how), "individuals_told_how", "Say how they were told."),
            (_blank(d.individuals_told_by), "individuals_told_by", "Say who told them."),
            (
                not d.individuals_told_count,
                "individuals_told_count",
                "Nobody has been told yet. Issue the letters, record how many were told another "
                "way, or give the reason for not telling them.",
            ),
        )
        return problems + self._future(d.individuals_told_on, "individuals_told_on", "date people were told")

    def open_steps(self, data: TriageData, done: Collection[BreachStep]) -> list[BreachStep]:
        """Steps on the path, before closing, that have not been recorded as done."""
        return [s for s in self.path(data) if s is not BreachStep.CLOSE and s not in done]

    def untouched(self, page: BreachStep, data: TriageData) -> bool:
        """Nothing entered on a step that records something done: Next leaves it "not done yet"."""
        if page not in DEFERRABLE_STEPS:
            return False
        d = data
        entered: dict[BreachStep, bool] = {
            BreachStep.HEADTEACHER_ALERTED: d.headteacher_alerted_at is not None,
            BreachStep.ICO_REPORT: d.ico_reported_at is not None
            or d.ico_method is not None
            or not _blank(d.ico_reported_by)
            or not _blank(d.ico_reference)
            or d.ico_reference_pending,
            BreachStep.INDIVIDUALS: d.individuals_told_on is not None
            or bool(d.individuals_told_count)
            or not _blank(d.individuals_told_by)
            or not _blank(d.individuals_override_reason),
            BreachStep.THIRD_PARTIES: bool(d.third_parties),
            BreachStep.REVIEW_MEETING: d.review_held_on is not None or not _blank(d.review_notes),
        }
        return not entered[page]

    def _third_parties(self, d: TriageData) -> list[Problem]:
        p: list[Problem] = []
        decided = [t.party for t in d.third_parties]
        for party in REQUIRED_THIRD_PARTIES:
            count = decided.count(party)
            if count == 0:
                p.append(
                    Problem(
                        "third_parties",
                        f"Decide whether to tell {party.phrase}, and why.",
                    )
                )
            elif count > 1:
                p.append(
                    Problem(
                        "third_parties",
                        f"There is more than one decision about {party.phrase}.",
                    )
                )
        return p

    def _record(self, d: TriageData) -> list[Problem]:
        # Policy App 1: the record holds facts and cause, effects, and action taken.
        return _problems(
            (d.cause is None, "cause", "Choose the cause, so trends can be reviewed."),
            (_blank(d.facts_and_cause), "facts_and_cause", "Write down the facts and the cause."),
            (_blank(d.effects), "effects", "Write down the effects (write 'none' if there were none)."),
            (
                _blank(d.prevention_actions),
                "prevention_actions",
                "Write down what will stop this happening again, such as better processes or training.",
            ),
        )

    def _review(self, d: TriageData) -> list[Problem]:
        problems = _problems(
            (
                d.review_held_on is None,
                "review_held_on",
                "Enter the date the DPO and headteacher met to review the breach.",
            ),
            (_blank(d.review_notes), "review_notes", "Note what was agreed at the review meeting."),
        )
        return problems + self._since_aware(
            d,
            d.review_held_on,
            "review_held_on",
            "The review cannot be before the school became aware of the breach.",
            "review date",
        )

    def _close(self, d: TriageData) -> list[Problem]:
        p: list[Problem] = []
        for step in self.path(d):
            if step is BreachStep.CLOSE:
                break
            if self.validate(step, d):
                p.append(
                    Problem(
                        "steps",
                        f"Step {step.number} ({step.title}) is not finished.",
                    )
                )
        if not d.is_near_miss:
            for action in d.containment_actions:
                if not action.settled:
                    p.append(
                        Problem(
                            "containment_actions",
                            f"Containment action '{action.text}' is neither done nor marked "
                            "as not needed with a reason.",
                        )
                    )
            for item in self.outstanding_checklist(d):
                p.append(
                    Problem(
                        "containment_actions",
                        f"Policy action not yet done or ruled out: {item.text}",
                    )
                )
            if d.decision is not None and d.decision.report_to_ico and _blank(d.ico_reference):
                p.append(Problem("ico_reference", "Enter the ICO case reference before closing."))
        if _blank(d.closed_by):
            p.append(Problem("closed_by", "Say who is closing the breach record."))
        return p
