"""What needs attention, most urgent first: every open promise from every register.

Each register contributes through a provider registered here: a function taking the open
school session and "now" that returns AttentionItems. The ordering is the deadline engine's
(domain.deadlines.needs_attention), so the dashboard, registers and letters agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from schooldp.domain.deadlines import Deadline, DeadlineStatus, needs_attention
from schooldp.services.school import SchoolSession


@dataclass(frozen=True)
class AttentionItem:
    """One thing to do: the deadline, which register it belongs to and which record opens."""

    deadline: Deadline
    area: str  # "breach" / "request" / "consent"
    record_id: int


Provider = Callable[[SchoolSession, datetime], list[AttentionItem]]
PROVIDERS: dict[str, Provider] = {}


def register_provider(area: str, provider: Provider) -> None:
    PROVIDERS[area] = provider


@dataclass(frozen=True)
class Attention:
    items: list[AttentionItem]
    counts: dict[DeadlineStatus, int]
    now: datetime

    def status(self, item: AttentionItem) -> DeadlineStatus:
        return item.deadline.status(self.now)


def attention(session: SchoolSession, now: datetime | None = None, horizon_days: int = 7) -> Attention:
    """Everything open, ordered: overdue first (most overdue first), due today, soon, paused.

    ``now`` defaults to the session clock's.
    """
    now = now if now is not None else session.clock.london_now()
    _load_providers()
    items: list[AttentionItem] = []
    for provider in PROVIDERS.values():
        items.extend(provider(session, now))
    by_deadline = {id(i.deadline): i for i in items}
    ordered = [by_deadline[id(d)] for d in needs_attention(now, [i.deadline for i in items], horizon_days)]
    counts = Counter(i.deadline.status(now) for i in ordered)
    return Attention(ordered, dict(counts), now)


def _load_providers() -> None:
    """Import each register's service so it registers its provider (once)."""
    import importlib

    for module in (
        "schooldp.services.breaches",
        "schooldp.services.requests",
        "schooldp.services.consent",
        "schooldp.services.records",
        "schooldp.services.dpia",
        "schooldp.services.retention",
        "schooldp.services.training",
        "schooldp.services.policies",
    ):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
