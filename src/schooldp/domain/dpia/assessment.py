"""A data protection impact assessment, step by step as the ICO's DPIA template sets it out
(UK GDPR Art 35(7); policy section 14: the DPO advises)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from schooldp.domain.dpia.risk import Risk, RiskLevel
from schooldp.domain.dpia.screening import ScreeningOutcome, ScreeningResult, screen
from schooldp.domain.errors import ValidationError

__all__ = ["NECESSITY_QUESTIONS", "Dpia", "DpiaStage", "Necessity", "SignOff"]

NECESSITY_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("lawful_basis", "What is the lawful basis, and does the processing achieve the purpose?"),
    ("minimisation", "How will you make sure only the data needed is used (data minimisation)?"),
    ("accuracy", "How will you keep the data accurate?"),
    ("retention", "How long will the data be kept, and how is it deleted?"),
    ("information", "What information will you give people (privacy notice)?"),
    ("rights", "How will you help people use their rights (access, objection, erasure)?"),
    ("processors", "What measures make sure processors comply (contract, due diligence)?"),
    ("transfers", "Does data leave the UK, and with which safeguards?"),
)
"""ICO DPIA template step 4: necessity and proportionality."""


@dataclass(frozen=True)
class Necessity:
    lawful_basis: str = ""
    minimisation: str = ""
    accuracy: str = ""
    retention: str = ""
    information: str = ""
    rights: str = ""
    processors: str = ""
    transfers: str = ""

    def answer(self, key: str) -> str:
        return str(getattr(self, key))

    def missing(self) -> tuple[str, ...]:
        return tuple(key for key, _ in NECESSITY_QUESTIONS if not self.answer(key).strip())


@dataclass(frozen=True)
class SignOff:
    """ICO DPIA template step 7: sign-off and outcomes."""

    measures_approved_by: str = ""
    residual_approved_by: str = ""
    dpo_advice: str = ""
    advice_followed: bool | None = None
    advice_reason: str = ""
    head_approved_by: str = ""
    head_approved_on: date | None = None
    review_on: date | None = None

    @property
    def approved(self) -> bool:
        return bool(self.head_approved_by.strip()) and self.head_approved_on is not None


class DpiaStage(Enum):
    NOT_NEEDED = "not needed"
    DRAFT = "draft"
    AWAITING_SIGN_OFF = "awaiting sign-off"
    SIGNED_OFF = "signed off"
    REVIEW_DUE = "review due"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class Dpia:
    title: str
    screening: frozenset[str] = frozenset()
    screening_note: str = ""
    activity_key: str = ""
    need: str = ""
    nature: str = ""
    scope: str = ""
    context: str = ""
    purposes: str = ""
    consultation: str = ""
    pupils_parents_consulted: bool = False
    dpo_consulted: bool = False
    necessity: Necessity = Necessity()
    risks: tuple[Risk, ...] = ()
    sign_off: SignOff = SignOff()
    example: str = ""
    id: int | None = None
    reference: str = ""
    version: int = 0
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    @property
    def screening_result(self) -> ScreeningResult:
        return screen(self.screening)

    @property
    def highest_residual(self) -> RiskLevel | None:
        levels = [r.residual for r in self.risks if r.residual is not None]
        return max(levels, key=lambda lv: lv.rank) if levels else None

    @property
    def prior_consultation_needed(self) -> bool:
        """Art 36(1): a high residual risk the school cannot reduce means consulting the ICO first."""
        return self.highest_residual is RiskLevel.HIGH

    def sign_off_problems(self) -> tuple[str, ...]:
        """What must be done before the headteacher can approve (ICO template steps 2-7)."""
        found: list[str] = []
        if not self.need.strip():
            found.append("say why a DPIA is needed (step 1)")
        if not (self.nature.strip() and self.purposes.strip()):
            found.append("describe the nature and purposes of the processing (step 2)")
        if not self.consultation.strip():
            found.append("say who was consulted (step 3)")
        if self.necessity.missing():
            found.append("answer every necessity and proportionality question (step 4)")
        if not self.risks:
            found.append("identify at least one risk (step 5)")
        if any(not r.measures.strip() or r.residual is None for r in self.risks):
            found.append("give each risk its measures and residual risk (step 6)")
        s = self.sign_off
        if not s.dpo_advice.strip():
            found.append("record the DPO's advice (step 7; policy section 14)")
        if s.advice_followed is None:
            found.append("say whether the DPO's advice was followed")
        elif not s.advice_followed and not s.advice_reason.strip():
            found.append("say why the DPO's advice was not followed")
        if s.review_on is None:
            found.append("set a review date")
        return tuple(found)

    def stage(self, today: date) -> DpiaStage:
        if self.screening_result.outcome is ScreeningOutcome.NOT_NEEDED and not self.risks:
            return DpiaStage.NOT_NEEDED
        if self.sign_off.approved:
            review = self.sign_off.review_on
            return DpiaStage.REVIEW_DUE if review is not None and review <= today else DpiaStage.SIGNED_OFF
        if not self.sign_off_problems():
            return DpiaStage.AWAITING_SIGN_OFF
        return DpiaStage.DRAFT

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("Give the DPIA a title (the project or system it is about).", "title")
        # ICO DPIA guidance: where screening finds no DPIA is needed, record the reasons.
        if self.stage(date.min) is DpiaStage.NOT_NEEDED and not self.screening_note.strip():
            raise ValidationError(
                "Screening found no DPIA is needed: say why in the screening note, so the decision is on record.",
                "screening_note",
            )
        for r in self.risks:
            if not r.description.strip():
                raise ValidationError("Describe each risk to the people concerned.", "risks")
        if self.sign_off.approved:
            problems = self.sign_off_problems()
            if problems:
                raise ValidationError(
                    "The headteacher can approve once you " + "; ".join(problems) + ".", "head_approved_by"
                )
