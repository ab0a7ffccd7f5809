"""Contract and agreement reviews, and out-of-date privacy notices, on the dashboard.

Labels name the organisation or the notice, never a person (the dashboard is shown on screen).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.domain.records import NoticeAudience
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.records.history import changes_for
from schooldp.services.records.notices import notice_statuses
from schooldp.services.records.organisations import load_organisations
from schooldp.services.school import SchoolSession

__all__ = ["NOTICE_REFRESH_DAYS", "attention_items"]

NOTICE_REFRESH_DAYS = 7
"""Days to republish a notice after the record changes (Art 13(3), 14(4): tell people before a new use);
within the dashboard's one-week horizon, so a change shows there at once."""

_NOTICE_IDS = {a: i for i, a in enumerate(NoticeAudience, 1)}
_NOTICE_REFS = {
    NoticeAudience.PUPILS_PARENTS: "PN-PUPILS",
    NoticeAudience.STAFF: "PN-STAFF",
    NoticeAudience.GOVERNORS_VOLUNTEERS: "PN-GOVERNORS",
}


def _notice_items(session: SchoolSession) -> list[AttentionItem]:
    changes = changes_for(session)
    items: list[AttentionItem] = []
    for info in notice_statuses(session):
        if not info.status.out_of_date or info.status.latest_revision == 0:
            continue
        after = info.status.generated_revision or 0
        first = min(
            (c.changed_at for c in changes if c.id > after and info.audience in c.audiences),
            default=session.clock.now(),
        )
        due = first.date() + timedelta(days=NOTICE_REFRESH_DAYS)
        label = f"Privacy notice out of date: {info.audience.label.lower()}"
        if not info.status.generated:
            label = f"Privacy notice not yet generated: {info.audience.label.lower()}"
        items.append(
            AttentionItem(
                Deadline(DeadlineKind.OTHER, _NOTICE_REFS[info.audience], due, label=label),
                "records",
                -_NOTICE_IDS[info.audience],
            )
        )
    return items


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    today = now.date()
    items = [
        AttentionItem(
            Deadline(
                DeadlineKind.OTHER, f"ORG-{o.id}", o.review_date, label=f"Review the agreement with {o.name}"
            ),
            "records",
            o.id,
        )
        for o in load_organisations(session)
        if o.id is not None and o.review_date is not None and o.review_due(today)
    ]
    return items + _notice_items(session)


register_provider("records", attention_items)
