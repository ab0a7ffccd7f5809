"""Retention on the dashboard: activities whose yearly disposal review is due, and contractor
disposals still without a destruction certificate. Labels name the activity, never a person."""

from __future__ import annotations

from datetime import datetime, timedelta

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.retention.disposals import load_disposals, schedule
from schooldp.services.school import SchoolSession

__all__ = ["CERTIFICATE_DAYS", "attention_items"]

CERTIFICATE_DAYS = 30
"""Days to obtain a contractor's destruction certificate (policy 16: guarantees from the contractor)."""


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    items = [
        AttentionItem(
            Deadline(
                DeadlineKind.OTHER, f"RET-{i}", e.review_due, label=f"Disposal review due: {e.activity}"
            ),
            "retention",
            i,
        )
        for i, e in enumerate(schedule(session), 1)
        if e.review_due is not None
    ]
    for d in load_disposals(session):
        if d.certificate_missing and d.id is not None:
            due = d.disposed_on + timedelta(days=CERTIFICATE_DAYS)
            label = f"Keep the destruction certificate from {d.contractor}"
            items.append(
                AttentionItem(
                    Deadline(DeadlineKind.OTHER, f"DISP-{d.id}", due, label=label), "retention", -d.id
                )
            )
    return items


register_provider("retention", attention_items)
