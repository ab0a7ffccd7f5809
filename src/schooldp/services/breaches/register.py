"""The breach register: one row per breach with its stage and 72-hour countdown."""

from __future__ import annotations

from datetime import datetime

from schooldp.flows.breach_triage import BreachTriageFlow
from schooldp.services.breaches.countdown import Countdown, countdown
from schooldp.services.breaches.values import BreachRecord, RegisterRow


def report_not_needed(*, near_miss: bool, decided_report: bool | None, closed_unreported: bool) -> str:
    """Why no ICO report is due, or "" while one may be (Policy App 1, step 6).

    Only facts the DPO entered count: ``decided_report`` is None until a decision is recorded.
    The trust roll-up asks the same question from the facts it reads across schools.
    """
    if near_miss:
        return "Near miss: no report needed"
    if decided_report is False:
        return "Not reportable (DPO's decision)"
    if closed_unreported:
        return "Closed without an ICO report"
    return ""


def _not_needed(record: BreachRecord) -> str:
    t = record.triage
    return report_not_needed(
        near_miss=t.is_near_miss,
        decided_report=None if t.decision is None else t.decision.report_to_ico,
        closed_unreported=record.is_closed and record.initial_report is None,
    )


def record_countdown(record: BreachRecord, now: datetime) -> Countdown:
    t = record.triage
    assert t.aware_at is not None
    initial = record.initial_report
    return countdown(
        t.aware_at,
        now,
        reported_at=initial.submitted_at if initial else None,
        not_needed=_not_needed(record),
    )


def _stage(record: BreachRecord) -> str:
    if record.is_closed:
        return "Closed (near miss)" if record.triage.is_near_miss else "Closed"
    nxt = record.resume_step
    return f"Step {nxt.number}: {nxt.title}" if nxt else "Ready to close"


def _band(record: BreachRecord) -> str:
    """The decided severity band, else the current assessment's, else blank."""
    t = record.triage
    if t.decision is not None:
        return t.decision.assessment.weighed_band.label
    ba = BreachTriageFlow().before_and_after(t)
    return ba.after.weighed_band.label if ba else ""


def register_row(record: BreachRecord, now: datetime) -> RegisterRow:
    t = record.triage
    assert t.aware_at is not None
    initial = record.initial_report
    facts = t.facts
    return RegisterRow(
        id=record.id,
        reference=record.reference,
        title=t.title,
        status=record.status,
        stage=_stage(record),
        aware_at=t.aware_at,
        countdown=record_countdown(record, now),
        reportable=None if t.decision is None else t.decision.report_to_ico,
        reported_at=initial.submitted_at if initial else None,
        ico_reference=initial.ico_reference if initial else "",
        ico_status=record.ico_status,
        band=_band(record),
        cause=t.cause or (facts.cause if facts else None),
        categories=facts.data_categories if facts else frozenset(),
        approx_people=facts.approx_people if facts else None,
        near_miss=t.is_near_miss,
        closed_at=t.closed_at,
    )
