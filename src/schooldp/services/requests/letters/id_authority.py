"""What the school needs before it can go ahead: identity, or authority to act for someone.

Offered only when the DPO has recorded a reasonable doubt about who is asking (ICO right of
access guidance: identity checks must be proportionate; a known parent or member of staff at a
known address needs none), or when a third party must show authority to act.
"""

from __future__ import annotations

from datetime import date

from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.requests import CHILD_MATURITY_AGE
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_id_authority"

IDENTITY_DOUBT = "identity_doubt"  # the decision kind holding the DPO's reason


def _needed(d: RequestDetail) -> str:
    s = d.summary
    if not s.relationship.needs_authority:
        return (
            "Two forms of identification: one with your photograph (such as a passport or driving "
            "licence) and one showing your address (such as a recent utility bill or council tax bill)."
        )
    advice = d.child_advice
    if advice is not None and advice.pupil_age < CHILD_MATURITY_AGE:
        # ICO guidance (requests made on behalf of others): for a young child, the authority
        # comes from a person with parental responsibility.
        return (
            f"Written authority, signed by a parent or carer with parental responsibility for "
            f"{s.subject.name}, that you may act for the child in this request, and proof of that "
            "person's identity."
        )
    return "Written authority, signed by the person whose information you are asking for, that you may act for them."


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts(
        {"needed": _needed(d), "time_limit": "We will then reply within one month."},
        (LetterField("needed", "What we need"),),
    )


_ASKS = frozenset({ClockEventKind.ID_AWAITED, ClockEventKind.AUTHORITY_AWAITED})


def offered(d: RequestDetail) -> bool:
    """Only for a third party who must show authority, or once the DPO has a reason to doubt:
    recorded as such, or by pausing the clock to wait for identity (the pause keeps its note)."""
    return (
        d.summary.relationship.needs_authority
        or d.latest(IDENTITY_DOUBT) is not None
        or any(e.event.kind in _ASKS for e in d.clock_events)
    )
