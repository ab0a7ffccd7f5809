"""Request statuses, what each does to the clock, and the moves allowed between them.

Sources: UK GDPR Art 12(3)-(5); policy section 9.3; ICO right-of-access guidance; the Data (Use
and Access) Act 2025 (clarification pauses the clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.requests.kinds import RequestType


class ClockEffect(Enum):
    """What a status does to the time limit (the deadline engine does the dates)."""

    RUNNING = "running"
    RESTARTS_ON_RECEIPT = "restarts_on_receipt"  # ID, authority, fee: ICO guidance
    PAUSED = "paused"  # clarification: Data (Use and Access) Act 2025
    STOPPED = "stopped"


class RequestStatus(LabelledEnum):
    clock: ClockEffect

    RECEIVED = ("received", "Received", ClockEffect.RUNNING)
    AWAITING_ID = ("awaiting_id", "Awaiting ID", ClockEffect.RESTARTS_ON_RECEIPT)
    AWAITING_AUTHORITY = (
        "awaiting_authority",
        "Awaiting proof of authority",
        ClockEffect.RESTARTS_ON_RECEIPT,
    )
    AWAITING_FEE = ("awaiting_fee", "Awaiting fee", ClockEffect.RESTARTS_ON_RECEIPT)
    AWAITING_CLARIFICATION = ("awaiting_clarification", "Awaiting clarification", ClockEffect.PAUSED)
    IN_PROGRESS = ("in_progress", "In progress", ClockEffect.RUNNING)
    EXTENDED = ("extended", "Extended", ClockEffect.RUNNING)
    RESPONDED = ("responded", "Responded", ClockEffect.STOPPED)
    REFUSED = ("refused", "Refused", ClockEffect.STOPPED)
    WITHDRAWN = ("withdrawn", "Withdrawn", ClockEffect.STOPPED)
    CLOSED = ("closed", "Closed", ClockEffect.STOPPED)

    def __init__(self, value: str, label: str = "", clock: ClockEffect = ClockEffect.STOPPED) -> None:
        self.clock = clock

    @property
    def is_open(self) -> bool:
        """Still counting down: shown on the dashboard and the overdue list."""
        return self.clock is not ClockEffect.STOPPED

    @property
    def is_awaiting(self) -> bool:
        return self in _AWAITING


_AWAITING = frozenset(
    {
        RequestStatus.AWAITING_ID,
        RequestStatus.AWAITING_AUTHORITY,
        RequestStatus.AWAITING_FEE,
        RequestStatus.AWAITING_CLARIFICATION,
    }
)
_ENDINGS = frozenset({RequestStatus.REFUSED, RequestStatus.WITHDRAWN})

# Policy section 9.3 and ICO right-of-access guidance: received -> awaiting ID / authority /
# fee / clarification -> in progress -> extended -> responded / refused / withdrawn -> closed.
# A requester may withdraw, and the school may refuse (unfounded or excessive, policy 9.3),
# at any open stage.
ALLOWED_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.RECEIVED: _AWAITING | {RequestStatus.IN_PROGRESS} | _ENDINGS,
    # While awaiting one thing the school may ask for another, start work, or end the request.
    **{waiting: (_AWAITING - {waiting}) | {RequestStatus.IN_PROGRESS} | _ENDINGS for waiting in _AWAITING},
    # Clarification or a fee can still be needed once work has started (ICO guidance).
    RequestStatus.IN_PROGRESS: frozenset(
        {
            RequestStatus.AWAITING_CLARIFICATION,
            RequestStatus.AWAITING_FEE,
            RequestStatus.EXTENDED,
            RequestStatus.RESPONDED,
        }
    )
    | _ENDINGS,
    RequestStatus.EXTENDED: frozenset({RequestStatus.RESPONDED}) | _ENDINGS,
    RequestStatus.RESPONDED: frozenset({RequestStatus.CLOSED}),
    RequestStatus.REFUSED: frozenset({RequestStatus.CLOSED}),
    RequestStatus.WITHDRAWN: frozenset({RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
}


def next_statuses(current: RequestStatus) -> tuple[RequestStatus, ...]:
    """The statuses a request may move to, in display order (for buttons and menus)."""
    allowed = ALLOWED_TRANSITIONS[current]
    return tuple(s for s in RequestStatus if s in allowed)


def can_transition(current: RequestStatus, target: RequestStatus) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


@dataclass(frozen=True)
class StatusChange:
    """A checked status move, ready to be written to the request's timeline."""

    from_status: RequestStatus
    to_status: RequestStatus
    reason: str = ""


def transition(
    current: RequestStatus,
    target: RequestStatus,
    *,
    reason: str = "",
    request_type: RequestType | None = None,
) -> StatusChange:
    """Check a status move and return it; raise ValidationError saying why it is not allowed.

    Extending needs reasons (UK GDPR Art 12(3); policy 9.3) and only applies to requests that
    can be extended; refusing needs reasons (Art 12(4); policy 9.3).
    """
    reason = reason.strip()
    if current is target:
        raise ValidationError(f"The request is already '{current.label}'.", "status")
    if not can_transition(current, target):
        allowed = ", ".join(s.label for s in next_statuses(current)) or "nothing: it is closed"
        raise ValidationError(
            f"A request that is '{current.label}' cannot move to '{target.label}'. "
            f"It can move to: {allowed}.",
            "status",
        )
    if target is RequestStatus.EXTENDED:
        if request_type is not None and not request_type.may_be_extended:
            raise ValidationError(
                f"A {request_type.label.lower()} cannot be extended: {request_type.time_limit.lower()}.",
                "status",
            )
        if not reason:
            raise ValidationError(
                "Give the reasons for the extension: the person must be told why, within "
                "the first month (policy section 9.3).",
                "reason",
            )
    if target is RequestStatus.REFUSED and not reason:
        raise ValidationError(
            "Give the reasons for refusing: the letter must tell the person why (policy section 9.3).",
            "reason",
        )
    return StatusChange(current, target, reason)
