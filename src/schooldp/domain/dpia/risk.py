"""Risk in a DPIA: likelihood x severity gives the level (ICO DPIA template, steps 5 and 6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["Effect", "Likelihood", "Risk", "RiskLevel", "Severity", "risk_level"]


class Likelihood(Enum):
    """ICO DPIA template step 5: likelihood of harm."""

    REMOTE = "remote"
    POSSIBLE = "possible"
    PROBABLE = "probable"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(Likelihood).index(self) + 1


class Severity(Enum):
    """ICO DPIA template step 5: severity of harm."""

    MINIMAL = "minimal"
    SIGNIFICANT = "significant"
    SEVERE = "severe"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(Severity).index(self) + 1


class RiskLevel(Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return list(RiskLevel).index(self) + 1


class Effect(Enum):
    """ICO DPIA template step 6: the effect of a measure on the risk."""

    ELIMINATED = "eliminated"
    REDUCED = "reduced"
    ACCEPTED = "accepted"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def risk_level(likelihood: Likelihood, severity: Severity) -> RiskLevel:
    """ICO DPIA template step 5 matrix: the product of the ranks, 1-2 low, 3-4 medium, 6-9 high."""
    score = likelihood.rank * severity.rank
    if score >= 6:
        return RiskLevel.HIGH
    if score >= 3:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


@dataclass(frozen=True)
class Risk:
    """One risk to individuals, its inherent level, and what the school does about it (steps 5-6)."""

    description: str
    likelihood: Likelihood
    severity: Severity
    measures: str = ""
    effect: Effect | None = None
    residual: RiskLevel | None = None
    approved: bool = False

    @property
    def level(self) -> RiskLevel:
        return risk_level(self.likelihood, self.severity)

    @property
    def residual_text(self) -> str:
        return self.residual.label if self.residual is not None else "Not assessed yet"
