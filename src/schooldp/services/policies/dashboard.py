"""Policies on the dashboard: documents whose review falls due (policy 19: reviewed annually).
Labels name the document, never a person."""

from __future__ import annotations

from datetime import datetime

from schooldp.domain.deadlines import Deadline, DeadlineKind
from schooldp.domain.policies import PolicyDocument
from schooldp.services.dashboard import AttentionItem, register_provider
from schooldp.services.school import SchoolSession

__all__ = ["attention_items", "review_deadline"]


def attention_items(session: SchoolSession, now: datetime) -> list[AttentionItem]:
    from schooldp.services.policies.service import PoliciesService

    items = []
    for d in PoliciesService(session).documents(seed=False):
        deadline = review_deadline(d)
        if deadline is not None and d.id is not None:
            items.append(AttentionItem(deadline, "policies", d.id))
    return items


def review_deadline(d: PolicyDocument) -> Deadline | None:
    """The document's next review as a deadline, or None before it is approved."""
    due = d.due_on()
    if due is None or d.id is None:
        return None
    label = f"Review the {d.title[0].lower()}{d.title[1:]}"
    return Deadline(DeadlineKind.OTHER, f"POL-{d.id}", due, label=label)


register_provider("policies", attention_items)
