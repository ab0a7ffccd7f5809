"""The DPO's reportability decision: follow the recommendation or override it with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.breach.assessment import Assessment
from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum


class DecisionSubject(LabelledEnum):
    verb: str

    ICO = ("ico", "Report to the ICO", "report to the ICO")
    INDIVIDUALS = ("individuals", "Tell the people affected", "tell the people affected")

    def __init__(self, value: str, label: str = "", verb: str = "") -> None:
        self.verb = verb


@dataclass(frozen=True)
class ReportabilityDecision:
    """The DPO's decision on one question, following or overriding the recommendation.

    Policy App 1: the DPO documents decisions either way, in case they are challenged; an
    override therefore needs a written reason.
    """

    subject: DecisionSubject
    recommended: bool
    decided: bool
    reason: str = ""

    def __post_init__(self) -> None:
        if self.overridden and not self.reason.strip():
            yes_no = "not to" if self.recommended else "to"
            raise ValidationError(
                f"You decided {yes_no} {self.subject.verb} against the recommendation. "
                "Write down why, in case the decision is challenged.",
                self.subject.value,
            )

    @property
    def overridden(self) -> bool:
        return self.decided != self.recommended

    @classmethod
    def follow(cls, subject: DecisionSubject, recommended: bool, reason: str = "") -> ReportabilityDecision:
        return cls(subject=subject, recommended=recommended, decided=recommended, reason=reason)

    @classmethod
    def override(cls, subject: DecisionSubject, recommended: bool, reason: str) -> ReportabilityDecision:
        return cls(subject=subject, recommended=recommended, decided=not recommended, reason=reason)


@dataclass(frozen=True)
class BreachDecision:
    """Both decisions with the assessment they rest on: the "decision record"."""

    assessment: Assessment
    ico: ReportabilityDecision
    individuals: ReportabilityDecision

    def __post_init__(self) -> None:
        if self.ico.subject is not DecisionSubject.ICO:
            raise ValidationError("The ICO decision is about the wrong question.", "ico")
        if self.individuals.subject is not DecisionSubject.INDIVIDUALS:
            raise ValidationError(
                "The decision about telling people is about the wrong question.", "individuals"
            )
        if self.ico.recommended != self.assessment.report_to_ico:
            raise ValidationError("The ICO recommendation does not match the assessment.", "ico")
        if self.individuals.recommended != self.assessment.tell_individuals:
            raise ValidationError(
                "The recommendation about telling people does not match the assessment.",
                "individuals",
            )

    @property
    def report_to_ico(self) -> bool:
        return self.ico.decided

    @property
    def tell_individuals(self) -> bool:
        return self.individuals.decided


def decide(
    assessment: Assessment,
    *,
    report_to_ico: bool | None = None,
    tell_individuals: bool | None = None,
    ico_reason: str = "",
    individuals_reason: str = "",
) -> BreachDecision:
    """Record the DPO's decision; None follows the recommendation. Overrides need a reason."""
    ico = ReportabilityDecision(
        subject=DecisionSubject.ICO,
        recommended=assessment.report_to_ico,
        decided=assessment.report_to_ico if report_to_ico is None else report_to_ico,
        reason=ico_reason,
    )
    individuals = ReportabilityDecision(
        subject=DecisionSubject.INDIVIDUALS,
        recommended=assessment.tell_individuals,
        decided=assessment.tell_individuals if tell_individuals is None else tell_individuals,
        reason=individuals_reason,
    )
    return BreachDecision(assessment=assessment, ico=ico, individuals=individuals)
