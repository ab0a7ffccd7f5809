"""Coverage: how many pupils have given, refused or withdrawn consent per purpose, and how many
are still outstanding (for the dashboard and the annual report)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from schooldp.domain.consent.states import ConsentState, ConsentStatus

__all__ = ["Coverage", "coverage"]


@dataclass(frozen=True)
class Coverage:
    """Per purpose counts for the dashboard and the annual report."""

    purpose_key: str
    given: int = 0
    refused: int = 0
    withdrawn: int = 0
    outstanding: int = 0
    not_applicable: int = 0
    by_state: dict[ConsentState, int] = field(default_factory=dict, compare=False)

    @property
    def total(self) -> int:
        return self.given + self.refused + self.withdrawn + self.outstanding + self.not_applicable


def coverage(
    states: Iterable[tuple[str, ConsentState | ConsentStatus]],
) -> dict[str, Coverage]:
    """Given / refused / withdrawn / outstanding counts per purpose key.

    Outstanding is not asked, awaiting reply, expired or needing the pupil's own consent.
    """
    counts: dict[str, dict[ConsentState, int]] = {}
    for purpose_key, value in states:
        state = value.state if isinstance(value, ConsentStatus) else value
        per = counts.setdefault(purpose_key, {})
        per[state] = per.get(state, 0) + 1
    result: dict[str, Coverage] = {}
    for purpose_key, per in counts.items():
        result[purpose_key] = Coverage(
            purpose_key=purpose_key,
            given=per.get(ConsentState.GIVEN, 0),
            refused=per.get(ConsentState.REFUSED, 0),
            withdrawn=per.get(ConsentState.WITHDRAWN, 0),
            outstanding=sum(n for s, n in per.items() if s.is_outstanding),
            not_applicable=per.get(ConsentState.NOT_APPLICABLE, 0),
            by_state=dict(per),
        )
    return result
