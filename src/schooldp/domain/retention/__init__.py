"""Retention and disposal (UK GDPR Art 5(1)(e); policy sections 7.2 and 16)."""

from schooldp.domain.retention.disposal import Disposal, DisposalMethod
from schooldp.domain.retention.own import OwnKind, OwnRule, PurgeCandidate
from schooldp.domain.retention.periods import Period, add_months, parse_period

__all__ = [
    "Disposal",
    "DisposalMethod",
    "OwnKind",
    "OwnRule",
    "Period",
    "PurgeCandidate",
    "add_months",
    "parse_period",
]
