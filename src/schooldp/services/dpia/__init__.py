"""Data protection impact assessments: `DpiaService` is the facade the DPIAs page, the dashboard
and the annual report use. Behind it: `codec` (to and from JSON), `examples` (starter DPIAs),
`printout` (the PDF on the letterhead), `dashboard` (sign-off and reviews due)."""

from __future__ import annotations

from schooldp.domain.dpia import (
    NECESSITY_QUESTIONS,
    SCREENING_QUESTIONS,
    Dpia,
    DpiaStage,
    Effect,
    Likelihood,
    Necessity,
    Risk,
    RiskLevel,
    ScreeningOutcome,
    Severity,
    SignOff,
    risk_level,
    screen,
)
from schooldp.services.dpia import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.dpia.service import DpiaService, DpiaVersion

__all__ = [
    "NECESSITY_QUESTIONS",
    "SCREENING_QUESTIONS",
    "Dpia",
    "DpiaService",
    "DpiaStage",
    "DpiaVersion",
    "Effect",
    "Likelihood",
    "Necessity",
    "Risk",
    "RiskLevel",
    "ScreeningOutcome",
    "Severity",
    "SignOff",
    "risk_level",
    "screen",
]

del _dashboard
