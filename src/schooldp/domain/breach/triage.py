"""What the school has recorded about one breach, step by step (Policy App 1): `TriageData`.

The triage wizard fills it in, the service stores it and the printouts read it, so it lives in
the domain where every layer can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from schooldp.domain.breach.decisions import BreachDecision
from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import BreachNature, Cause, Conclusion
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.domain.breach.third_parties import ThirdPartyDecision

# Policy 17 / App 1: report within 72 hours of becoming aware; clock hours (DOMAIN.md).
ICO_DEADLINE = timedelta(hours=72)


@dataclass(frozen=True)
class ContainmentAction:
    """An action taken to contain the breach: from the checklist (`checklist_id`) or free."""

    text: str
    owner: str
    done_on: date | None = None
    checklist_id: str | None = None
    not_needed_reason: str = ""

    @property
    def settled(self) -> bool:
        """Done, or decided not to be needed with a reason."""
        return self.done_on is not None or bool(self.not_needed_reason.strip())


@dataclass(frozen=True)
class TriageData:
    """Everything the wizard collects. Pages fill it in with `dataclasses.replace`."""

    # 1. DPO notified
    reported_by: str = ""
    occurred_at: datetime | None = None
    aware_at: datetime | None = None  # when the school became aware: starts the 72 hours
    dpo_notified_at: datetime | None = None
    how_found: str = ""
    what_happened: str = ""
    title: str = ""  # a short name for the register, never a person's name
    systems_involved: str = ""  # systems and data involved, as the reporter described them
    # 2. Investigation
    natures: frozenset[BreachNature] = frozenset()
    conclusion: Conclusion | None = None
    conclusion_reasons: str = ""
    facts: BreachFacts | None = None  # what is known now; updated as mitigation goes on
    # What the ICO's online form asks about the people and safeguards behind the breach
    staff_involved: bool | None = None  # None: not answered yet
    staff_training: str = ""  # their data protection training and when, e.g. "INSET, 2 Sep 2025"
    safeguards_before: str = ""  # preventive measures in place before the breach
    # 3. Headteacher alerted
    headteacher_alerted_at: datetime | None = None
    # 4. Containment
    containment_actions: tuple[ContainmentAction, ...] = ()
    # 5. Consequences before and after mitigation
    facts_before: BreachFacts | None = None  # None: derived from `facts` without mitigations
    likely_consequences: str = ""
    # 6. Reportability
    decision: BreachDecision | None = None
    # 7. ICO report: each answer entered by the DPO, none assumed
    ico_reported_at: datetime | None = None
    ico_reference: str = ""
    ico_delay_reason: str = ""
    ico_method: IcoMethod | None = None  # online form or the breach line
    ico_reported_by: str = ""  # who made the report
    ico_reference_pending: bool = False  # the ICO has "not yet given" a case reference
    # 8. Individuals: letters issued, another way recorded, or an override with its reason
    individuals_told_on: date | None = None
    individuals_told_how: str = ""  # letter, email, meeting ...
    individuals_told_count: int | None = None  # how many people were told
    individuals_told_by: str = ""
    individuals_chosen: int | None = None  # how many people were chosen as affected
    individuals_override_reason: str = ""  # why people were not told (e.g. the DSL advised)
    # 9. Third parties
    third_parties: tuple[ThirdPartyDecision, ...] = ()
    # 10. Record
    cause: Cause | None = None
    facts_and_cause: str = ""
    effects: str = ""
    prevention_actions: str = ""
    # 11. Review meeting
    review_held_on: date | None = None
    review_attendees: str = ""
    review_notes: str = ""
    # 12. Close
    closed_by: str = ""
    closed_at: datetime | None = None

    @property
    def is_near_miss(self) -> bool:
        return self.conclusion is Conclusion.NOT_A_BREACH

    @property
    def ico_due_at(self) -> datetime | None:
        return None if self.aware_at is None else self.aware_at + ICO_DEADLINE
