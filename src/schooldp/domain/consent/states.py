"""The states a pupil's consent for one purpose can be in, and whether the school may go ahead."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schooldp.domain.consent.givers import ConsentGiver
from schooldp.domain.consent.history import ConsentEvent
from schooldp.domain.consent.purposes import ConsentPurpose

__all__ = ["ConsentState", "ConsentStatus", "may_proceed"]


class ConsentState(Enum):
    NOT_ASKED = "not_asked"
    AWAITING_REPLY = "awaiting_reply"
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NEEDS_PUPIL_CONSENT = "needs_pupil_consent"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATE_TEXT[self][0]

    @property
    def symbol(self) -> str:
        """A glyph for tables and printed lists, so state never depends on colour alone."""
        return _STATE_TEXT[self][1]

    @property
    def short(self) -> str:
        """A word or two for narrow columns and screen readers."""
        return _STATE_TEXT[self][2]

    @property
    def permits_use(self) -> bool:
        """Only a consent in force allows use: silence is never consent (UK GDPR Recital 32)."""
        return self is ConsentState.GIVEN

    @property
    def is_outstanding(self) -> bool:
        """Someone still has to be asked, or has not answered."""
        return self in _OUTSTANDING


_STATE_TEXT: dict[ConsentState, tuple[str, str, str]] = {
    ConsentState.NOT_ASKED: ("Not asked", "–", "Not asked"),
    ConsentState.AWAITING_REPLY: ("Awaiting reply", "…", "Awaiting"),
    ConsentState.GIVEN: ("Consent given", "✓", "Yes"),
    ConsentState.REFUSED: ("Consent refused", "✗", "No"),
    ConsentState.WITHDRAWN: ("Consent withdrawn", "⊘", "Withdrawn"),
    ConsentState.EXPIRED: ("Consent expired", "↻", "Expired"),
    ConsentState.NEEDS_PUPIL_CONSENT: ("Needs the pupil's own consent", "!", "Ask pupil"),
    ConsentState.NOT_APPLICABLE: ("Does not apply yet", "·", "N/A"),
}
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
