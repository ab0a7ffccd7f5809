"""DPIAs on the dashboard: those complete and awaiting the headteacher's sign-off, and reviews due.

Labels name the DPIA's title (a project or system), never a person.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.domain.dpia import DpiaStage
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession

__all__ = ["SIGN_OFF_DAYS", "attention_items"]

SIGN_OFF_DAYS = 14
"""A complete DPIA waits this long for sign-off before it shows as overdue (policy 14: the DPIA
comes before the processing starts, so it should not wait long)."""


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    from schooldp.services.dpia.service import DpiaService

    service = DpiaService(session)
    today = now.date()
    items: list[AttentionItem] = []
    for d in service.assessments():
        assert d.id is not None
        stage = d.stage(today)
        if stage is DpiaStage.AWAITING_SIGN_OFF:
            saved = service.versions(d.id)[-1].saved_at.date()
            due, label = saved + timedelta(days=SIGN_OFF_DAYS), f"DPIA awaiting sign-off: {d.title}"
        elif d.sign_off.approved and d.sign_off.review_on is not None:
            due, label = d.sign_off.review_on, f"Review the DPIA: {d.title}"
        else:
            continue
        items.append(AttentionItem(Deadline(DeadlineKind.OTHER, d.reference, due, label=label), "dpia", d.id))
    return items


register_provider("dpia", attention_items)
