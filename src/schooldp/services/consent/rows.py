"""Between the vault's consent tables and the domain's values: events, tasks and purposes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from schooldp.domain.clock import Clock
from schooldp.domain.consent import (
    ConsentDuration,
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentPurpose,
    TaskTemplate,
)
from schooldp.domain.people import YearGroup
from schooldp.services.bulk import no_cycle_collection
from schooldp.services.consent.values import FollowUpTask
from schooldp.services.dataclass_copy import build_from
from schooldp.storage.consent_models import ConsentEventRow, ConsentPurposeRow, ConsentTaskRow

__all__ = [
    "ALL_EVENTS_SQL",
    "event_from_row",
    "event_to_row",
    "events_from_tuples",
    "purpose_from_row",
    "purpose_to_row",
    "stored_now",
    "task_from_row",
]


def stored_now(clock: Clock) -> datetime:
    """The moment as the vault stores it: UTC, without a time zone."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)


ALL_EVENTS_SQL = (
    "SELECT id, purpose_key, pupil_id, kind, contact_id, by_pupil, method, effective_date, "
    "recorded_at, recorded_by_name, year_group, school_year, evidence_note FROM consent_events"
)
_KINDS = {k.value: k for k in ConsentEventKind}
_METHODS = {m.value: m for m in ConsentMethod}
_YEARS = {y.value: y for y in YearGroup}


def events_from_tuples(rows: Iterable[Sequence[Any]]) -> dict[int, list[ConsentEvent]]:
    """Events from plain driver rows of `ALL_EVENTS_SQL`, grouped by pupil.

    Built without re-running their checks, which every row passed when it was recorded: the
    fast path of the matrix (2,000 pupils x 8 purposes, see bench/consent.py).
    """
    with no_cycle_collection():
        return _events_from_tuples(rows)


def _events_from_tuples(rows: Iterable[Sequence[Any]]) -> dict[int, list[ConsentEvent]]:
    dates: dict[str, date] = {}
    times: dict[str, datetime] = {}
    kinds, methods, years = _KINDS, _METHODS, _YEARS
    by_pupil: dict[int, list[ConsentEvent]] = {}
    new = object.__new__
    set_state = object.__setattr__  # frozen dataclass: its fields are set once, as __init__ would
    for id_, key, pupil_id, kind, contact, pupil_said, method, eff, rec, rec_by, yg, sy, note in rows:
        stamp = times.get(rec)
        if stamp is None:
            stamp = times[rec] = datetime.fromisoformat(rec)
        effective = dates.get(eff)
        if effective is None:
            effective = dates[eff] = date.fromisoformat(eff)
        event = new(ConsentEvent)
        set_state(
            event,
            "__dict__",
            {
                "purpose_key": key,
                "pupil_id": pupil_id,
                "kind": kinds[kind],
                "effective_date": effective,
                "recorded_at": stamp,
                "recorded_by": rec_by,
                "method": methods[method],
                "contact_id": contact,
                "by_pupil": bool(pupil_said),
                "year_group": years[yg] if yg else None,
                "school_year": None if sy is None else date.fromisoformat(sy),
                "evidence_note": note or "",
                "id": id_,
            },
        )
        found = by_pupil.get(pupil_id)
        if found is None:
            by_pupil[pupil_id] = [event]
        else:
            found.append(event)
    return by_pupil


def event_from_row(r: ConsentEventRow) -> ConsentEvent:
    return build_from(
        ConsentEvent,
        r,
        kind=ConsentEventKind(r.kind),
        recorded_by=r.recorded_by_name,  # the row's `recorded_by` is the account id
        method=ConsentMethod(r.method),
        by_pupil=bool(r.by_pupil),
        year_group=YearGroup(r.year_group) if r.year_group else None,
        evidence_note=r.evidence_note or "",
    )


def event_to_row(e: ConsentEvent, account_id: int | None) -> ConsentEventRow:
    return ConsentEventRow(
        purpose_key=e.purpose_key,
        pupil_id=e.pupil_id,
        kind=e.kind.value,
        contact_id=e.contact_id,
        by_pupil=e.by_pupil,
        method=e.method.value,
        effective_date=e.effective_date,
        recorded_at=e.recorded_at,
        recorded_by=account_id,
        recorded_by_name=e.recorded_by,
        year_group=e.year_group.value if e.year_group else None,
        school_year=e.school_year,
        evidence_note=e.evidence_note,
    )


def task_from_row(r: ConsentTaskRow, purpose_title: str) -> FollowUpTask:
    return build_from(
        FollowUpTask,
        r,
        purpose_title=purpose_title,
        detail=r.detail or "",
        done_by=r.done_by_name or "",
        done_note=r.done_note or "",
    )


def purpose_from_row(r: ConsentPurposeRow) -> ConsentPurpose:
    tasks = tuple(TaskTemplate(**t) for t in json.loads(r.tasks_json or "[]"))
    return ConsentPurpose(
        key=r.key,
        title=r.title,
        description=r.description or "",
        passes_to_pupil_at=r.passes_to_pupil_at,
        applies_from_age=r.applies_from_age,
        pupil_may_object=bool(r.pupil_may_object),
        any_parent_may_object=bool(r.any_parent_may_object),
        duration=ConsentDuration(r.duration),
        given_means=r.given_means or "May be used",
        refused_means=r.refused_means or "Must not be used",
        withdrawal_tasks=tasks,
        source=r.source or "",
        opt_out=bool(r.opt_out),
        custom=bool(r.custom),
        row_version=r.row_version,
    )


def purpose_to_row(p: ConsentPurpose, row: ConsentPurposeRow) -> None:
    row.title = p.title.strip()
    row.description = p.description.strip()
    row.passes_to_pupil_at = p.passes_to_pupil_at
    row.applies_from_age = p.applies_from_age
    row.pupil_may_object = p.pupil_may_object
    row.any_parent_may_object = p.any_parent_may_object
    row.duration = p.duration.value
    row.given_means = p.given_means
    row.refused_means = p.refused_means
    row.tasks_json = json.dumps(
        [
            {"key": t.key, "title": t.title, "detail": t.detail, "due_after_days": t.due_after_days}
            for t in p.withdrawal_tasks
        ]
    )
    row.source = p.source
    row.opt_out = p.opt_out
    row.custom = p.custom
    row.active = True
