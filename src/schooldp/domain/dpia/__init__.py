"""Data protection impact assessments (UK GDPR Art 35-36; ICO DPIA template; policy 13-14)."""

from schooldp.domain.dpia.assessment import NECESSITY_QUESTIONS, Dpia, DpiaStage, Necessity, SignOff
from schooldp.domain.dpia.risk import Effect, Likelihood, Risk, RiskLevel, Severity, risk_level
from schooldp.domain.dpia.screening import (
    SCREENING_QUESTIONS,
    ScreeningOutcome,
    ScreeningQuestion,
    ScreeningResult,
    screen,
)

__all__ = [
    "NECESSITY_QUESTIONS",
    "SCREENING_QUESTIONS",
    "Dpia",
    "DpiaStage",
    "Effect",
    "Likelihood",
    "Necessity",
    "Risk",
    "RiskLevel",
    "ScreeningOutcome",
    "ScreeningQuestion",
    "ScreeningResult",
    "Severity",
    "SignOff",
    "risk_level",
    "screen",
]
