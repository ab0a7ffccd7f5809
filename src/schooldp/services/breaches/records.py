"""Reading one breach back from its rows: the latest answers, every stamp, the decision."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.breach import (
    BreachDecision,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    ContainmentAction,
    ThirdParty,
    ThirdPartyDecision,
    TriageData,
    assess,
    decide,
)
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.services.breaches.codecs import facts_from_json, facts_or_none, from_db
from schooldp.services.breaches.values import BreachRecord, IcoReportKind, IcoSubmission, StepStamp
from schooldp.storage.breach_models import (
    BreachActionRow,
    BreachAffectedRow,
    BreachDecisionRow,
    BreachIcoReportRow,
    BreachReviewRow,
    BreachRow,
    BreachStepRow,
    BreachThirdPartyRow,
    BreachToldRow,
)

_Row = TypeVar("_Row", BreachDecisionRow, BreachToldRow, BreachReviewRow)


def _latest(s: Session, model: type[_Row], bid: int) -> _Row | None:
    """The newest row of a kept-history table for this breach (the current answer)."""
    return s.scalars(select(model).where(model.breach_id == bid).order_by(model.id.desc())).first()


def _history(s: Session, bid: int) -> tuple[StepStamp, ...]:
    rows = s.scalars(select(BreachStepRow).where(BreachStepRow.breach_id == bid).order_by(BreachStepRow.id))
    return tuple(StepStamp(BreachStep(r.step), from_db(r.completed_at), r.account_name) for r in rows)


def _actions(s: Session, bid: int) -> tuple[ContainmentAction, ...]:
    rows = s.scalars(
        select(BreachActionRow)
        .where(BreachActionRow.breach_id == bid, BreachActionRow.superseded_at.is_(None))
        .order_by(BreachActionRow.position, BreachActionRow.id)
    )
    return tuple(
        ContainmentAction(
            text=a.text,
            owner=a.owner,
            done_on=a.done_on,
            checklist_id=a.checklist_id,
            not_needed_reason=a.not_needed_reason,
        )
        for a in rows
    )


def _third_parties(s: Session, bid: int) -> tuple[ThirdPartyDecision, ...]:
    rows = s.scalars(
        select(BreachThirdPartyRow)
        .where(BreachThirdPartyRow.breach_id == bid, BreachThirdPartyRow.superseded_at.is_(None))
        .order_by(BreachThirdPartyRow.id)
    )
    return tuple(ThirdPartyDecision(ThirdParty(t.party), t.notify, t.reason, t.name) for t in rows)


def _decision(drow: BreachDecisionRow | None) -> BreachDecision | None:
    if drow is None:
        return None
    return decide(
        assess(facts_from_json(drow.facts_json)),
        report_to_ico=drow.report_to_ico,
        tell_individuals=drow.tell_individuals,
        ico_reason=drow.ico_reason,
        individuals_reason=drow.individuals_reason,
    )


def _ico_reports(s: Session, bid: int) -> tuple[IcoSubmission, ...]:
    rows = s.scalars(
        select(BreachIcoReportRow)
        .where(BreachIcoReportRow.breach_id == bid)
        .order_by(BreachIcoReportRow.submitted_at, BreachIcoReportRow.id)
    )
    return tuple(
        IcoSubmission(
            IcoReportKind(r.kind),
            from_db(r.submitted_at),
            r.ico_reference,
            r.delay_reason,
            r.notes,
            IcoMethod(r.method) if r.method else None,
            r.made_by,
            r.reference_pending,
        )
        for r in rows
    )


def _reported_fields(reports: tuple[IcoSubmission, ...]) -> dict[str, Any]:
    """Step 7 answers: the latest initial report made to the ICO."""
    initial = [r for r in reports if r.kind is IcoReportKind.INITIAL]
    latest = initial[-1] if initial else None
    return {
        "ico_reported_at": latest.submitted_at if latest else None,
        "ico_reference": latest.ico_reference if latest else "",
        "ico_delay_reason": latest.delay_reason if latest else "",
        "ico_method": latest.method if latest else None,
        "ico_reported_by": latest.made_by if latest else "",
        "ico_reference_pending": latest.reference_pending if latest else False,
    }


def _later_steps(s: Session, bid: int) -> dict[str, Any]:
    """Step 8 (people told) and step 11 (review meeting) answers: the latest of each."""
    told = _latest(s, BreachToldRow, bid)
    review = _latest(s, BreachReviewRow, bid)
    return {
        "individuals_told_on": told.told_on if told else None,
        "individuals_told_how": told.how if told else "",
        "individuals_told_count": told.told_count if told else None,
        "individuals_told_by": told.told_by if told else "",
        "individuals_override_reason": told.override_reason if told else "",
        "review_held_on": review.held_on if review else None,
        "review_attendees": review.attendees if review else "",
        "review_notes": review.notes if review else "",
    }


def _triage(
    s: Session, row: BreachRow, decision: BreachDecision | None, reports: tuple[IcoSubmission, ...]
) -> TriageData:
    return TriageData(
        reported_by=row.reported_by,
        occurred_at=from_db(row.occurred_at),
        aware_at=from_db(row.aware_at),
        dpo_notified_at=from_db(row.dpo_notified_at),
        how_found=row.how_found,
        what_happened=row.what_happened,
        title=row.title,
        systems_involved=row.systems_involved,
        natures=frozenset(BreachNature(v) for v in json.loads(row.natures or "[]")),
        conclusion=Conclusion(row.conclusion) if row.conclusion else None,
        conclusion_reasons=row.conclusion_reasons,
        facts=facts_or_none(row.facts_json),
        staff_involved=row.staff_involved,
        staff_training=row.staff_training,
        safeguards_before=row.safeguards_before,
        headteacher_alerted_at=from_db(row.headteacher_alerted_at),
        containment_actions=_actions(s, row.id),
        facts_before=facts_or_none(row.facts_before_json),
        likely_consequences=row.likely_consequences,
        decision=decision,
        third_parties=_third_parties(s, row.id),
        cause=Cause(row.cause) if row.cause else None,
        facts_and_cause=row.facts_and_cause,
        effects=row.effects,
        prevention_actions=row.prevention_actions,
        closed_by=row.closed_by,
        closed_at=from_db(row.closed_at),
        **_reported_fields(reports),
        **_later_steps(s, row.id),
    )


def _account_names(s: Session) -> dict[int | None, str]:
    from schooldp.storage.models import AccountRow

    return {a.id: a.display_name for a in s.scalars(select(AccountRow))}


def load_record(s: Session, row: BreachRow) -> BreachRecord:
    """The breach as the wizard and printouts see it, from its row and its history tables."""
    bid = row.id
    history = _history(s, bid)
    stamps = {stamp.step: stamp for stamp in history}  # the latest completion of each step
    drow = _latest(s, BreachDecisionRow, bid)
    reports = _ico_reports(s, bid)
    affected = list(
        s.scalars(
            select(BreachAffectedRow).where(BreachAffectedRow.breach_id == bid).order_by(BreachAffectedRow.id)
        )
    )
    triage = _triage(s, row, _decision(drow), reports)
    if affected:
        triage = replace(triage, individuals_chosen=len(affected))
    return BreachRecord(
        id=bid,
        reference=row.reference,
        status=row.status,
        created_at=from_db(row.created_at),
        triage=triage,
        stamps=stamps,
        history=history,
        ico_reports=reports,
        affected_pupils=tuple(a.person_id for a in affected if a.person_kind == "pupil"),
        affected_staff=tuple(a.person_id for a in affected if a.person_kind == "staff"),
        decided_at=from_db(drow.decided_at) if drow else None,
        decided_by=_account_names(s).get(drow.account_id, "") if drow else "",
        row_version=row.row_version,
    )
