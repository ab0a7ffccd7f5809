"""Saving one Appendix 1 step: one small writer per step, chosen from a table.

Steps whose answers are kept with history (containment actions, third parties) mark the
previous rows superseded; decisions, ICO reports, people told and review meetings add a row.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.breach import BreachStep, TriageData
from schooldp.flows.breach_triage import BreachTriageFlow
from schooldp.services.breaches.codecs import facts_to_json, to_db
from schooldp.services.breaches.values import IcoReportKind
from schooldp.storage.breach_models import (
    BreachActionRow,
    BreachDecisionRow,
    BreachIcoReportRow,
    BreachReviewRow,
    BreachRow,
    BreachThirdPartyRow,
    BreachToldRow,
)
from schooldp.storage.models import Base

_Kept = TypeVar("_Kept", BreachActionRow, BreachThirdPartyRow)  # answers kept with their history


@dataclass(frozen=True)
class StepWrite:
    """One step being saved: the open session, the breach row, the answers, who and when."""

    s: Session
    row: BreachRow
    data: TriageData
    stamp: datetime  # naive UTC, as stored
    account_id: int | None


def fill_report(row: BreachRow, d: TriageData) -> None:
    """The first step's answers (what happened, when, who reported it) onto the breach row."""
    assert d.aware_at is not None
    row.title, row.reported_by = d.title, d.reported_by
    row.occurred_at, row.aware_at = to_db(d.occurred_at), to_db(d.aware_at)
    row.dpo_notified_at = to_db(d.dpo_notified_at)
    row.how_found, row.what_happened = d.how_found, d.what_happened
    row.systems_involved = d.systems_involved


def _dpo_notified(w: StepWrite) -> None:
    fill_report(w.row, w.data)


def _investigation(w: StepWrite) -> None:
    row, d = w.row, w.data
    row.natures = json.dumps(sorted(n.value for n in d.natures))
    row.conclusion = d.conclusion.value if d.conclusion else None
    row.conclusion_reasons = d.conclusion_reasons
    row.facts_json = facts_to_json(d.facts) if d.facts else None
    row.staff_involved = d.staff_involved
    row.staff_training, row.safeguards_before = d.staff_training.strip(), d.safeguards_before.strip()
    if d.facts is not None and d.facts.cause is not None and row.cause is None:
        row.cause = d.facts.cause.value


def _headteacher_alerted(w: StepWrite) -> None:
    w.row.headteacher_alerted_at = to_db(w.data.headteacher_alerted_at)


def _supersede_current(w: StepWrite, model: type[_Kept]) -> None:
    """Mark the answers kept so far as replaced: their history stays, the new rows become current."""
    current = select(model).where(model.breach_id == w.row.id, model.superseded_at.is_(None))
    for old in w.s.scalars(current):
        old.superseded_at = w.stamp


def _add_recorded(w: StepWrite, model: type[Base], **fields: object) -> None:
    """Add one history row for this breach, stamped with when and by whom it was recorded."""
    w.s.add(model(breach_id=w.row.id, recorded_at=w.stamp, account_id=w.account_id, **fields))


def _containment(w: StepWrite) -> None:
    _supersede_current(w, BreachActionRow)
    for i, a in enumerate(w.data.containment_actions):
        w.s.add(
            BreachActionRow(
                breach_id=w.row.id,
                position=i,
                checklist_id=a.checklist_id,
                text=a.text,
                owner=a.owner,
                done_on=a.done_on,
                not_needed_reason=a.not_needed_reason,
                recorded_at=w.stamp,
            )
        )


def _consequences(w: StepWrite) -> None:
    row, d = w.row, w.data
    row.facts_json = facts_to_json(d.facts) if d.facts else None
    row.facts_before_json = facts_to_json(d.facts_before) if d.facts_before else None
    row.likely_consequences = d.likely_consequences


def _reportability(w: StepWrite) -> None:
    d = w.data
    assert d.decision is not None and d.facts is not None
    dec = d.decision
    ba = BreachTriageFlow().before_and_after(d)
    before = ba.before if ba else None
    w.s.add(
        BreachDecisionRow(
            breach_id=w.row.id,
            decided_at=w.stamp,
            account_id=w.account_id,
            facts_json=facts_to_json(d.facts),
            severity=dec.assessment.severity,
            band=dec.assessment.band.name,
            likelihood=dec.assessment.likelihood.name,
            before_severity=before.severity if before else None,
            before_band=before.band.name if before else None,
            before_likelihood=before.likelihood.name if before else None,
            recommended_ico=dec.ico.recommended,
            recommended_tell=dec.individuals.recommended,
            report_to_ico=dec.ico.decided,
            tell_individuals=dec.individuals.decided,
            ico_reason=dec.ico.reason,
            individuals_reason=dec.individuals.reason,
        )
    )


def _ico_report(w: StepWrite) -> None:
    d = w.data
    assert d.ico_reported_at is not None and d.ico_method is not None
    _add_recorded(
        w,
        BreachIcoReportRow,
        kind=IcoReportKind.INITIAL.value,
        submitted_at=to_db(d.ico_reported_at),
        ico_reference=d.ico_reference.strip(),
        delay_reason=d.ico_delay_reason.strip(),
        notes="",
        method=d.ico_method.value,
        made_by=d.ico_reported_by.strip(),
        reference_pending=d.ico_reference_pending and not d.ico_reference.strip(),
    )


def _individuals(w: StepWrite) -> None:
    d = w.data
    # An override has no date of telling: it is dated the day the DPO recorded it.
    told_on = d.individuals_told_on or w.stamp.date()
    _add_recorded(
        w,
        BreachToldRow,
        told_on=told_on,
        how=d.individuals_told_how.strip(),
        told_count=d.individuals_told_count,
        told_by=d.individuals_told_by.strip(),
        chosen_count=d.individuals_chosen,
        override_reason=d.individuals_override_reason.strip(),
    )


def _third_parties(w: StepWrite) -> None:
    _supersede_current(w, BreachThirdPartyRow)
    for t in w.data.third_parties:
        _add_recorded(
            w, BreachThirdPartyRow, party=t.party.value, name=t.name, notify=t.notify, reason=t.reason
        )


def _record(w: StepWrite) -> None:
    row, d = w.row, w.data
    row.cause = d.cause.value if d.cause else None
    row.facts_and_cause, row.effects = d.facts_and_cause, d.effects
    row.prevention_actions = d.prevention_actions


def _review_meeting(w: StepWrite) -> None:
    d = w.data
    assert d.review_held_on is not None
    _add_recorded(
        w,
        BreachReviewRow,
        held_on=d.review_held_on,
        attendees=d.review_attendees.strip(),
        notes=d.review_notes.strip(),
    )


def _close(w: StepWrite) -> None:
    w.row.closed_by = w.data.closed_by.strip()
    w.row.closed_at = to_db(w.data.closed_at)
    w.row.status = "closed"


STEP_WRITERS: dict[BreachStep, Callable[[StepWrite], None]] = {
    BreachStep.DPO_NOTIFIED: _dpo_notified,
    BreachStep.INVESTIGATION: _investigation,
    BreachStep.HEADTEACHER_ALERTED: _headteacher_alerted,
    BreachStep.CONTAINMENT: _containment,
    BreachStep.CONSEQUENCES: _consequences,
    BreachStep.REPORTABILITY: _reportability,
    BreachStep.ICO_REPORT: _ico_report,
    BreachStep.INDIVIDUALS: _individuals,
    BreachStep.THIRD_PARTIES: _third_parties,
    BreachStep.RECORD: _record,
    BreachStep.REVIEW_MEETING: _review_meeting,
    BreachStep.CLOSE: _close,
}


def write_step(step: BreachStep, write: StepWrite) -> None:
    STEP_WRITERS[step](write)
