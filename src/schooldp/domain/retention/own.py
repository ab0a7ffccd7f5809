"""SchoolDP's own retention: how long the DPO's own records are kept once their purpose is over
(UK GDPR Art 5(1)(e) storage limitation; policy sections 7.2 and 16)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from schooldp.domain.retention.periods import add_months

__all__ = ["OwnKind", "OwnRule", "PurgeCandidate"]


class OwnKind(Enum):
    CLOSED_BREACHES = "closed_breaches"
    CLOSED_REQUESTS = "closed_requests"
    LEAVER_CONSENTS = "leaver_consents"
    ISSUED_LETTERS = "issued_letters"

    @property
    def label(self) -> str:
        return {
            OwnKind.CLOSED_BREACHES: "Closed breach records",
            OwnKind.CLOSED_REQUESTS: "Closed requests",
            OwnKind.LEAVER_CONSENTS: "Consent records of leavers",
            OwnKind.ISSUED_LETTERS: "Issued letters",
        }[self]

    @property
    def trigger(self) -> str:
        return {
            OwnKind.CLOSED_BREACHES: "from the date the breach was closed",
            OwnKind.CLOSED_REQUESTS: "from the date the request was closed",
            OwnKind.LEAVER_CONSENTS: "from the pupil's leaving date",
            OwnKind.ISSUED_LETTERS: "from the date the letter was issued",
        }[self]

    @property
    def noun(self) -> str:
        """What the audit entry counts (never who)."""
        return {
            OwnKind.CLOSED_BREACHES: "closed breach records",
            OwnKind.CLOSED_REQUESTS: "closed requests",
            OwnKind.LEAVER_CONSENTS: "leavers' consent records",
            OwnKind.ISSUED_LETTERS: "issued letters",
        }[self]


@dataclass(frozen=True)
class OwnRule:
    kind: OwnKind
    months: int | None  # None: not set by the school yet, so nothing is offered for deletion

    def due(self, trigger: date | None, today: date) -> bool:
        """Art 5(1)(e): kept no longer than needed; due once trigger + period has passed."""
        if self.months is None or trigger is None:
            return False
        return add_months(trigger, self.months) <= today

    @property
    def text(self) -> str:
        if self.months is None:
            return "Not set"
        years, rest = divmod(self.months, 12)
        length = f"{years} year{'s' if years != 1 else ''}" if rest == 0 else f"{self.months} months"
        return f"{length} {self.kind.trigger}"


@dataclass(frozen=True)
class PurgeCandidate:
    """One record due for deletion, shown to the DPO for review (the label may name a person)."""

    kind: OwnKind
    record_id: int
    label: str
    trigger: date
    entries: int = 1
