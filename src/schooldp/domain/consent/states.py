"""The states a pupil's consent for one purpose can be in, and whether the school may go ahead."""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.consent.givers import ConsentGiver
from schooldp.domain.consent.history import ConsentEvent
from schooldp.domain.consent.purposes import ConsentPurpose
from schooldp.domain.labels import LabelledEnum

__all__ = ["ConsentState", "ConsentStatus", "may_proceed"]


class ConsentState(LabelledEnum):
    symbol: str  # a glyph for tables and printed lists, so state never depends on colour alone
    short: str  # a word or two for narrow columns and screen readers

    NOT_ASKED = ("not_asked", "Not asked", "–", "Not asked")
    AWAITING_REPLY = ("awaiting_reply", "Awaiting reply", "…", "Awaiting")
    GIVEN = ("given", "Consent given", "✓", "Yes")
    REFUSED = ("refused", "Consent refused", "✗", "No")
    WITHDRAWN = ("withdrawn", "Consent withdrawn", "⊘", "Withdrawn")
    EXPIRED = ("expired", "Consent expired", "↻", "Expired")
    NEEDS_PUPIL_CONSENT = ("needs_pupil_consent", "Needs the pupil's own consent", "!", "Ask pupil")
    NOT_APPLICABLE = ("not_applicable", "Does not apply yet", "·", "N/A")

    def __init__(self, value: str, label: str = "", symbol: str = "", short: str = "") -> None:
        self.symbol = symbol
        self.short = short

    @property
    def permits_use(self) -> bool:
        """Only a consent in force allows use: silence is never consent (UK GDPR Recital 32)."""
        return self is ConsentState.GIVEN

    @property
    def is_outstanding(self) -> bool:
        """Someone still has to be asked, or has not answered."""
        return self in _OUTSTANDING


_OUTSTANDING = frozenset(
    {
        ConsentState.NOT_ASKED,
        ConsentState.AWAITING_REPLY,
        ConsentState.EXPIRED,
        ConsentState.NEEDS_PUPIL_CONSENT,
    }
)


@dataclass(frozen=True)
class ConsentStatus:
    """A derived state, the entry it came from, and why, in words the DPO can read out."""

    state: ConsentState
    reason: str
    event: ConsentEvent | None = None
    giver: ConsentGiver = ConsentGiver.PARENT

    @property
    def permits_use(self) -> bool:
        return self.state.permits_use


def may_proceed(status: ConsentStatus, purpose: ConsentPurpose) -> bool:
    """Whether the school may go ahead with `purpose` for this pupil today.

    Opt-in purposes (photos, biometrics): only a consent in force (policy 12; PoFA s.26).
    Opt-out purposes (youth support): unless limited, refused or objected to; and not before
    the purpose applies (privacy notices: from 13).
    """
    if not purpose.opt_out:
        return status.permits_use
    return status.state not in (
        ConsentState.REFUSED,
        ConsentState.WITHDRAWN,
        ConsentState.NOT_APPLICABLE,
    )
