"""Policies on the dashboard: documents whose review falls due (policy 19: reviewed annually).
Labels name the document, never a person."""

from __future__ import annotations

from datetime import datetime

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession

__all__ = ["attention_items"]


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    from schooldp.services.policies.service import PoliciesService

    items = []
    for d in PoliciesService(session).documents(seed=False):
        due = d.due_on()
        if due is not None and d.id is not None:
            label = f"Review the {d.title[0].lower()}{d.title[1:]}"
            items.append(
                AttentionItem(Deadline(DeadlineKind.OTHER, f"POL-{d.id}", due, label=label), "policies", d.id)
            )
    return items


register_provider("policies", attention_items)
