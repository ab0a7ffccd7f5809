"""Processing activities in the vault: read, add, change (with history), adopt the starter record."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.errors import ValidationError
from schooldp.domain.records import NoticeAudience, ProcessingActivity
from schooldp.services.records.codecs import activity_from_dict, activity_to_dict, dumps
from schooldp.services.records.history import add_change, stored_now
from schooldp.services.school import SchoolSession
from schooldp.services.versions import check
from schooldp.storage.records_models import ProcessingActivityRow

__all__ = [
    "add_activity",
    "changed_fields",
    "insert_activity",
    "load_activities",
    "mark_reviewed",
    "update_activity",
]

_NOT_HERE = "That processing activity is not in this school file."
_NOT_IN_NOTICES = {"systems", "security", "dpia", "owner role", "reviewed on", "key"}
"""Internal fields: changing them does not make a privacy notice out of date."""


def _from_row(row: ProcessingActivityRow) -> ProcessingActivity:
    activity = activity_from_dict(json.loads(row.body_json), id=row.id, version=row.version)
    return replace(activity, row_version=row.row_version)


def load_activities(session: SchoolSession, include_inactive: bool = False) -> list[ProcessingActivity]:
    with session.read() as s:
        rows = list(s.scalars(select(ProcessingActivityRow).order_by(ProcessingActivityRow.position)))
    return [_from_row(r) for r in rows if include_inactive or r.active]


def _key_for(s: Session, activity: ProcessingActivity) -> str:
    key = (
        activity.key.strip()
        or re.sub(r"[^a-z0-9]+", "_", activity.name.casefold()).strip("_")[:40]
        or "activity"
    )
    taken = set(s.scalars(select(ProcessingActivityRow.key)))
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}_{n}", n + 1
    return candidate


def insert_activity(
    s: Session, session: SchoolSession, activity: ProcessingActivity, summary: str
) -> ProcessingActivity:
    """Add inside an open transaction (used by add and by adopting the starter record)."""
    activity.validate()
    activity = replace(activity, key=_key_for(s, activity), version=1)
    last = max(s.scalars(select(ProcessingActivityRow.position)), default=0)
    body = dumps(activity_to_dict(activity))
    row = ProcessingActivityRow(
        key=activity.key,
        position=last + 10,
        name=activity.name.strip(),
        active=activity.active,
        version=1,
        body_json=body,
        updated_at=stored_now(session),
    )
    s.add(row)
    s.flush()
    add_change(s, session, "activity", row.id, 1, body, summary, NoticeAudience.touched_by(activity.subjects))
    return replace(activity, id=row.id)


def add_activity(session: SchoolSession, activity: ProcessingActivity) -> ProcessingActivity:
    with session.change() as ch:
        added = insert_activity(ch.session, session, activity, "Added")
        ch.record("records.activity_added", "processing_activity", added.id, "Processing activity added")
    return added


def changed_fields(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [k.replace("_", " ") for k in after if before.get(k) != after[k]]


def update_activity(session: SchoolSession, activity: ProcessingActivity) -> ProcessingActivity:
    """Save a change; the history keeps the entry as it became, and the notices it appears in go out of date."""
    activity.validate()
    with session.change() as ch:
        row = ch.session.get(ProcessingActivityRow, activity.id) if activity.id is not None else None
        if row is None:
            raise ValidationError(_NOT_HERE, "activity")
        check(ch, row, activity.row_version, "processing_activity", row.id)
        before = _from_row(row)
        old_body, new = json.loads(row.body_json), replace(activity, key=row.key)
        new_body = activity_to_dict(new)
        changed = changed_fields(old_body, new_body)
        if not changed:
            ch.record("records.activity_checked", "processing_activity", row.id, "No change")
            return before
        row.version += 1
        row.name, row.active, row.body_json = new.name.strip(), new.active, dumps(new_body)
        row.updated_at = stored_now(session)
        summary = "Changed: " + ", ".join(changed)
        shown = set(changed) - _NOT_IN_NOTICES
        audiences = NoticeAudience.touched_by((*before.subjects, *new.subjects)) if shown else frozenset()
        add_change(ch.session, session, "activity", row.id, row.version, row.body_json, summary, audiences)
        ch.record("records.activity_changed", "processing_activity", row.id, summary)
        ch.session.flush()
        return replace(new, id=row.id, version=row.version, row_version=row.row_version)


def mark_reviewed(session: SchoolSession, activity_id: int) -> ProcessingActivity:
    """Record that the DPO checked the entry today (policy 14: regular reviews), as a new version."""
    for activity in load_activities(session, include_inactive=True):
        if activity.id == activity_id:
            return update_activity(session, replace(activity, reviewed_on=session.clock.today()))
    raise ValidationError(_NOT_HERE, "activity")
