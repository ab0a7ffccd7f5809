"""The dashboard's attention feed: every open request's deadline."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from schooldp.services.requests.service import RequestService
from schooldp.services.requests.timeline import CASE_KIND
from schooldp.services.school import SchoolSession

if TYPE_CHECKING:
    from schooldp.services.dashboard import AttentionItem


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    from schooldp.services.dashboard import AttentionItem

    return [
        AttentionItem(r.deadline, CASE_KIND, r.id)
        for r in RequestService(session).requests(open_only=True, now=now)
    ]


def register() -> None:
    try:
        from schooldp.services.dashboard import register_provider
    except ImportError:  # pragma: no cover - dashboard not present
        return
    register_provider(CASE_KIND, attention_items)
