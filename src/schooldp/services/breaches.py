"""Breaches: report one (the 72-hour clock starts), work it through Appendix 1, decide, report, tell.

The triage decisions live in `flows.breach_triage` and the risk method in `domain.breach`; this
service stores what the DPO answered, stamps each step with who and when (history is kept),
and produces the register, trends, exports and printouts. Nothing here recomputes a legal
date: the ICO deadline comes from `domain.deadlines.breach_report_due`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldp.domain.breach import (
    AffectedGroup,
    BreachDecision,
    BreachFacts,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    ThirdParty,
    ThirdPartyDecision,
    Unintelligibility,
    assess,
    decide,
)
from schooldp.domain.deadlines import (
    LONDON,
    Deadline,
    DeadlineKind,
    breach_report_due,
    describe_time_left,
)
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.flows.breach_triage import BreachTriageFlow, ContainmentAction, TriageData
from schooldp.services.exports import safe_cell
from schooldp.services.school import SchoolSession
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

__all__ = [
    "AMBER_HOURS",
    "RED_HOURS",
    "BreachRecord",
    "BreachReport",
    "BreachService",
    "ClockState",
    "Countdown",
    "IcoReportKind",
    "IcoSubmission",
    "RegisterRow",
    "StepStamp",
    "Trends",
    "countdown",
    "facts_from_json",
    "facts_to_json",
]

CASE_KIND = "breach"
# Issue 6: the countdown turns amber under 24 hours and red under 6 hours.
AMBER_HOURS = 24
RED_HOURS = 6


# --------------------------------------------------------------------------- value objects


class IcoReportKind(Enum):
    INITIAL = "initial"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return {IcoReportKind.INITIAL: "Initial report", IcoReportKind.FOLLOW_UP: "Follow-up report"}[self]


@dataclass(frozen=True)
class BreachReport:
    """The short "Report a breach" form: enough to start the 72-hour clock."""

    title: str
    reported_by: str
    aware_at: datetime
    how_found: str
    what_happened: str
    occurred_at: datetime | None = None
    systems_involved: str = ""
    dpo_notified_at: datetime | None = None


@dataclass(frozen=True)
class StepStamp:
    step: BreachStep
    completed_at: datetime
    account_name: str


@dataclass(frozen=True)
class IcoSubmission:
    kind: IcoReportKind
    submitted_at: datetime
    ico_reference: str = ""
    delay_reason: str = ""
    notes: str = ""


@dataclass(frozen=True)
class BreachRecord:
    """One breach as the wizard and the printouts see it."""

    id: int
    reference: str
    status: str  # open / closed
    created_at: datetime
    triage: TriageData
    stamps: dict[BreachStep, StepStamp]  # latest completion of each step
    history: tuple[StepStamp, ...]  # every completion, oldest first
    ico_reports: tuple[IcoSubmission, ...]
    affected_pupils: tuple[int, ...]
    affected_staff: tuple[int, ...]
    decided_at: datetime | None = None
    decided_by: str = ""

    @property
    def done(self) -> frozenset[BreachStep]:
        return frozenset(self.stamps)

    @property
    def resume_step(self) -> BreachStep | None:
        return BreachTriageFlow().resume_page(self.triage, self.done)

    @property
    def due_at(self) -> datetime:
        assert self.triage.aware_at is not None
        return breach_report_due(self.triage.aware_at)

    @property
    def initial_report(self) -> IcoSubmission | None:
        initial = [r for r in self.ico_reports if r.kind is IcoReportKind.INITIAL]
        return initial[0] if initial else None

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"


class ClockState(Enum):
    """Where the 72 hours stand. Each state has a symbol so colour is never the only signal."""

    NOT_NEEDED = "not_needed"
    REPORTED = "reported"
    RUNNING = "running"
    AMBER = "amber"
    RED = "red"
    OVERDUE = "overdue"

    @property
    def symbol(self) -> str:
        return {
            ClockState.NOT_NEEDED: "—",
            ClockState.REPORTED: "✔",
            ClockState.RUNNING: "⏱",
            ClockState.AMBER: "⚠",
            ClockState.RED: "‼",
            ClockState.OVERDUE: "✖",
        }[self]


@dataclass(frozen=True)
class Countdown:
    state: ClockState
    due: datetime
    text: str  # starts with the symbol

    @property
    def urgent(self) -> bool:
        return self.state in (ClockState.AMBER, ClockState.RED, ClockState.OVERDUE)


def countdown(
    aware_at: datetime,
    now: datetime,
    *,
    reported_at: datetime | None = None,
    not_needed: str = "",
) -> Countdown:
    """The 72-hour countdown for the register and every wizard page.

    `not_needed` is the reason no report is due (a near miss, or the DPO decided not to
    report); a report already made stops the clock.
    """
    due = breach_report_due(aware_at)
    if reported_at is not None:
        late = reported_at.astimezone(UTC) > due.astimezone(UTC)
        local = reported_at.astimezone(LONDON)
        text = f"✔ Reported {local.day} {local:%b %Y %H:%M}" + (" (after 72 h)" if late else "")
        return Countdown(ClockState.REPORTED, due, text)
    if not_needed:
        return Countdown(ClockState.NOT_NEEDED, due, f"— {not_needed}")
    left = due.astimezone(UTC) - now.astimezone(UTC)
    describe = describe_time_left(due, now)
    if left < timedelta(0):
        return Countdown(ClockState.OVERDUE, due, f"✖ ICO report {describe}")
    if left < timedelta(hours=RED_HOURS):
        return Countdown(ClockState.RED, due, f"‼ {describe} to report to the ICO")
    if left < timedelta(hours=AMBER_HOURS):
        return Countdown(ClockState.AMBER, due, f"⚠ {describe} to report to the ICO")
    return Countdown(ClockState.RUNNING, due, f"⏱ {describe} to report to the ICO")


def record_countdown(record: BreachRecord, now: datetime) -> Countdown:
    t = record.triage
    assert t.aware_at is not None
    initial = record.initial_report
    not_needed = ""
    if t.is_near_miss:
        not_needed = "Near miss: no report needed"
    elif t.decision is not None and not t.decision.report_to_ico:
        not_needed = "Not reportable (DPO's decision)"
    elif record.is_closed and initial is None:
        not_needed = "Closed without an ICO report"
    return countdown(
        t.aware_at, now, reported_at=initial.submitted_at if initial else None, not_needed=not_needed
    )


@dataclass(frozen=True)
class RegisterRow:
    id: int
    reference: str
    title: str
    status: str  # open / closed
    stage: str  # "Step 4: Containment", "Closed", "Closed (near miss)"
    aware_at: datetime
    countdown: Countdown
    reportable: bool | None  # the DPO's decision; None until decided
    reported_at: datetime | None
    ico_reference: str
    band: str
    cause: Cause | None
    categories: frozenset[DataCategory]
    approx_people: int | None
    near_miss: bool
    closed_at: datetime | None

    @property
    def status_label(self) -> str:
        return "Closed" if self.status == "closed" else "Open"

    @property
    def reportable_label(self) -> str:
        if self.near_miss:
            return "No (near miss)"
        if self.reportable is None:
            return "Not decided"
        return "Yes" if self.reportable else "No"

    @property
    def year(self) -> int:
        return self.aware_at.astimezone(LONDON).year


@dataclass(frozen=True)
class Trends:
    """Policy App 1: "regularly assess recorded breaches and identify trends"."""

    total: int
    by_month: list[tuple[str, int]]  # "Sep 2025", oldest first, every month in range
    by_cause: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    reported: int
    not_reported: int
    undecided: int
    near_misses: int
    start: date
    end: date


# --------------------------------------------------------------------------- JSON codecs


def facts_to_json(facts: BreachFacts) -> str:
    return json.dumps(
        {
            "data_categories": sorted(c.value for c in facts.data_categories),
            "affected_groups": sorted(g.value for g in facts.affected_groups),
            "children_or_vulnerable": facts.children_or_vulnerable,
            "approx_people": facts.approx_people,
            "approx_records": facts.approx_records,
            "confidentiality_lost": facts.confidentiality_lost,
            "integrity_lost": facts.integrity_lost,
            "availability_lost": facts.availability_lost,
            "malicious": facts.malicious,
            "recipients": facts.recipients.value,
            "unintelligible": facts.unintelligible.value,
            "backup_restored": facts.backup_restored,
            "hours_to_restore": facts.hours_to_restore,
            "exfiltration": facts.exfiltration.value,
            "containment_achieved": facts.containment_achieved,
            "identifiability": facts.identifiability.value,
            "about_living_people": facts.about_living_people,
            "cause": facts.cause.value if facts.cause else None,
        },
        sort_keys=True,
    )


def facts_from_json(text: str) -> BreachFacts:
    d = json.loads(text)
    return BreachFacts(
        data_categories=frozenset(DataCategory(v) for v in d["data_categories"]),
        affected_groups=frozenset(AffectedGroup(v) for v in d["affected_groups"]),
        children_or_vulnerable=d["children_or_vulnerable"],
        approx_people=d["approx_people"],
        approx_records=d["approx_records"],
        confidentiality_lost=d["confidentiality_lost"],
        integrity_lost=d["integrity_lost"],
        availability_lost=d["availability_lost"],
        malicious=d["malicious"],
        recipients=Recipients(d["recipients"]),
        unintelligible=Unintelligibility(d["unintelligible"]),
        backup_restored=d["backup_restored"],
        hours_to_restore=d["hours_to_restore"],
        exfiltration=Exfiltration(d["exfiltration"]),
        containment_achieved=d["containment_achieved"],
        identifiability=Identifiability(d["identifiability"]),
        about_living_people=d["about_living_people"],
        cause=Cause(d["cause"]) if d["cause"] else None,
    )


def _plain(value: Any) -> Any:
    """A step's answer as JSON-friendly data, for the step's history snapshot."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BreachFacts):
        return json.loads(facts_to_json(value))
    if isinstance(value, BreachDecision):
        return {
            "severity": value.assessment.severity,
            "band": value.assessment.band.name,
            "likelihood": value.assessment.likelihood.name,
            "recommended_ico": value.ico.recommended,
            "report_to_ico": value.ico.decided,
            "ico_reason": value.ico.reason,
            "recommended_tell": value.individuals.recommended,
            "tell_individuals": value.individuals.decided,
            "individuals_reason": value.individuals.reason,
        }
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return str(value)


# Which answers belong to which step (the snapshot saved with each completion).
STEP_FIELDS: dict[BreachStep, tuple[str, ...]] = {
    BreachStep.DPO_NOTIFIED: (
        "title",
        "reported_by",
        "occurred_at",
        "aware_at",
        "dpo_notified_at",
        "how_found",
        "what_happened",
        "systems_involved",
    ),
    BreachStep.INVESTIGATION: ("natures", "conclusion", "conclusion_reasons", "facts"),
    BreachStep.HEADTEACHER_ALERTED: ("headteacher_alerted_at",),
    BreachStep.CONTAINMENT: ("containment_actions",),
    BreachStep.CONSEQUENCES: ("facts", "facts_before", "likely_consequences"),
    BreachStep.REPORTABILITY: ("decision",),
    BreachStep.ICO_REPORT: ("ico_reported_at", "ico_reference", "ico_delay_reason"),
    BreachStep.INDIVIDUALS: ("individuals_told_on", "individuals_told_how"),
    BreachStep.THIRD_PARTIES: ("third_parties",),
    BreachStep.RECORD: ("cause", "facts_and_cause", "effects", "prevention_actions"),
    BreachStep.REVIEW_MEETING: ("review_held_on", "review_attendees", "review_notes"),
    BreachStep.CLOSE: ("closed_by", "closed_at"),
}


def snapshot(step: BreachStep, data: TriageData) -> str:
    return json.dumps({name: _plain(getattr(data, name)) for name in STEP_FIELDS[step]}, sort_keys=True)


# --------------------------------------------------------------------------- time helpers


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _to_db(value: datetime | None) -> datetime | None:
    """Aware -> naive UTC for storage. Naive values are refused: they are ambiguous."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("A date and time without a time zone cannot be stored safely.", "when")
    return value.astimezone(UTC).replace(tzinfo=None)


def _from_db(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)


_REF = re.compile(r"^BR-(\d{4})-(\d{3,})$")


# --------------------------------------------------------------------------- the service


class BreachService:
    """Use cases of the breach register. Every write is one transaction with its audit entry."""

    def __init__(self, session: SchoolSession) -> None:
        self.session = session
        self.flow = BreachTriageFlow()

    # ---- report ---------------------------------------------------------------------------
    def report_breach(self, report: BreachReport, *, now: datetime | None = None) -> BreachRecord:
        """Record a reported breach; the 72 hours run from `aware_at` (breach_report_due)."""
        now = now or _utc_now()
        problems: list[str] = []
        if not report.title.strip():
            problems.append(
                "Give the breach a short title, without anyone's name (for example 'SEN plan emailed to wrong parent')."
            )
        data = TriageData(
            reported_by=report.reported_by.strip(),
            occurred_at=report.occurred_at,
            aware_at=report.aware_at,
            dpo_notified_at=report.dpo_notified_at,
            how_found=report.how_found.strip(),
            what_happened=report.what_happened.strip(),
            title=report.title.strip(),
            systems_involved=report.systems_involved.strip(),
        )
        if report.aware_at is not None:
            breach_report_due(report.aware_at)  # refuses a time with no time zone
        flow = BreachTriageFlow(now=lambda: now)
        problems += [p.message for p in flow.validate(BreachStep.DPO_NOTIFIED, data)]
        if problems:
            raise ValidationError(problems[0], "report")
        with self.session.change() as ch:
            s = ch.session
            reference = self._next_reference(s, report.aware_at)
            row = BreachRow(
                reference=reference,
                title=data.title,
                reported_by=data.reported_by,
                occurred_at=_to_db(data.occurred_at),
                aware_at=_to_db(data.aware_at),
                dpo_notified_at=_to_db(data.dpo_notified_at),
                how_found=data.how_found,
                what_happened=data.what_happened,
                systems_involved=data.systems_involved,
                status="open",
                created_at=_to_db(now),
                created_by=self.session.account.id,
                natures="[]",
                conclusion_reasons="",
                likely_consequences="",
                facts_and_cause="",
                effects="",
                prevention_actions="",
                closed_by="",
            )
            s.add(row)
            s.flush()
            ch.record(
                "breach.reported", CASE_KIND, row.id, f"Breach {reference} reported; 72-hour clock started"
            )
            breach_id = row.id
        return self.breach(breach_id)

    @staticmethod
    def _next_reference(s: Session, aware_at: datetime) -> str:
        year = aware_at.astimezone(LONDON).year
        refs = s.scalars(select(BreachRow.reference).where(BreachRow.reference.like(f"BR-{year}-%")))
        numbers = [int(m.group(2)) for r in refs if (m := _REF.match(r))]
        return f"BR-{year}-{max(numbers, default=0) + 1:03d}"

    # ---- read -----------------------------------------------------------------------------
    def breach(self, breach_id: int) -> BreachRecord:
        with self.session.read() as s:
            row = s.get(BreachRow, breach_id)
            if row is None:
                raise SchoolDPError("That breach is no longer in the register.")
            return self._record(s, row)

    def by_reference(self, reference: str) -> BreachRecord:
        with self.session.read() as s:
            row = s.scalars(select(BreachRow).where(BreachRow.reference == reference)).first()
            if row is None:
                raise SchoolDPError(f"There is no breach {reference}.")
            return self._record(s, row)

    def _record(self, s: Session, row: BreachRow) -> BreachRecord:
        bid = row.id
        names = _account_names(s)
        step_rows = list(
            s.scalars(select(BreachStepRow).where(BreachStepRow.breach_id == bid).order_by(BreachStepRow.id))
        )
        history = tuple(
            StepStamp(BreachStep(r.step), _from_db(r.completed_at), r.account_name)
            for r in step_rows  # type: ignore[arg-type]
        )
        stamps: dict[BreachStep, StepStamp] = {}
        for stamp in history:
            stamps[stamp.step] = stamp
        actions = tuple(
            ContainmentAction(
                text=a.text,
                owner=a.owner,
                done_on=a.done_on,
                checklist_id=a.checklist_id,
                not_needed_reason=a.not_needed_reason,
            )
            for a in s.scalars(
                select(BreachActionRow)
                .where(BreachActionRow.breach_id == bid, BreachActionRow.superseded_at.is_(None))
                .order_by(BreachActionRow.position, BreachActionRow.id)
            )
        )
        parties = tuple(
            ThirdPartyDecision(ThirdParty(t.party), t.notify, t.reason, t.name)
            for t in s.scalars(
                select(BreachThirdPartyRow)
                .where(BreachThirdPartyRow.breach_id == bid, BreachThirdPartyRow.superseded_at.is_(None))
                .order_by(BreachThirdPartyRow.id)
            )
        )
        drow = s.scalars(
            select(BreachDecisionRow)
            .where(BreachDecisionRow.breach_id == bid)
            .order_by(BreachDecisionRow.id.desc())
        ).first()
        decision = None
        if drow is not None:
            decision = decide(
                assess(facts_from_json(drow.facts_json)),
                report_to_ico=drow.report_to_ico,
                tell_individuals=drow.tell_individuals,
                ico_reason=drow.ico_reason,
                individuals_reason=drow.individuals_reason,
            )
        reports = tuple(
            IcoSubmission(
                IcoReportKind(r.kind),
                _from_db(r.submitted_at),
                r.ico_reference,
                r.delay_reason,
                r.notes,  # type: ignore[arg-type]
            )
            for r in s.scalars(
                select(BreachIcoReportRow)
                .where(BreachIcoReportRow.breach_id == bid)
                .order_by(BreachIcoReportRow.submitted_at, BreachIcoReportRow.id)
            )
        )
        initial = [r for r in reports if r.kind is IcoReportKind.INITIAL]
        told = s.scalars(
            select(BreachToldRow).where(BreachToldRow.breach_id == bid).order_by(BreachToldRow.id.desc())
        ).first()
        review = s.scalars(
            select(BreachReviewRow)
            .where(BreachReviewRow.breach_id == bid)
            .order_by(BreachReviewRow.id.desc())
        ).first()
        affected = list(
            s.scalars(
                select(BreachAffectedRow)
                .where(BreachAffectedRow.breach_id == bid)
                .order_by(BreachAffectedRow.id)
            )
        )
        latest_initial = initial[-1] if initial else None
        triage = TriageData(
            reported_by=row.reported_by,
            occurred_at=_from_db(row.occurred_at),
            aware_at=_from_db(row.aware_at),
            dpo_notified_at=_from_db(row.dpo_notified_at),
            how_found=row.how_found,
            what_happened=row.what_happened,
            title=row.title,
            systems_involved=row.systems_involved,
            natures=frozenset(BreachNature(v) for v in json.loads(row.natures or "[]")),
            conclusion=Conclusion(row.conclusion) if row.conclusion else None,
            conclusion_reasons=row.conclusion_reasons,
            facts=facts_from_json(row.facts_json) if row.facts_json else None,
            headteacher_alerted_at=_from_db(row.headteacher_alerted_at),
            containment_actions=actions,
            facts_before=facts_from_json(row.facts_before_json) if row.facts_before_json else None,
            likely_consequences=row.likely_consequences,
            decision=decision,
            ico_reported_at=latest_initial.submitted_at if latest_initial else None,
            ico_reference=latest_initial.ico_reference if latest_initial else "",
            ico_delay_reason=latest_initial.delay_reason if latest_initial else "",
            individuals_told_on=told.told_on if told else None,
            individuals_told_how=told.how if told else "",
            third_parties=parties,
            cause=Cause(row.cause) if row.cause else None,
            facts_and_cause=row.facts_and_cause,
            effects=row.effects,
            prevention_actions=row.prevention_actions,
            review_held_on=review.held_on if review else None,
            review_attendees=review.attendees if review else "",
            review_notes=review.notes if review else "",
            closed_by=row.closed_by,
            closed_at=_from_db(row.closed_at),
        )
        return BreachRecord(
            id=bid,
            reference=row.reference,
            status=row.status,
            created_at=_from_db(row.created_at),  # type: ignore[arg-type]
            triage=triage,
            stamps=stamps,
            history=history,
            ico_reports=reports,
            affected_pupils=tuple(a.person_id for a in affected if a.person_kind == "pupil"),
            affected_staff=tuple(a.person_id for a in affected if a.person_kind == "staff"),
            decided_at=_from_db(drow.decided_at) if drow else None,
            decided_by=names.get(drow.account_id, "") if drow else "",
        )

    # ---- steps ----------------------------------------------------------------------------
    def complete_step(
        self, breach_id: int, step: BreachStep, data: TriageData, *, now: datetime | None = None
    ) -> BreachRecord:
        """Save one Appendix 1 step and stamp it with the account and time.

        The flow's own checks run first, so nothing half-finished is stamped. Saving the same
        answers again adds no new stamp (moving back and forward through the wizard).
        """
        now = now or _utc_now()
        if step is BreachStep.CLOSE and data.closed_at is None:
            data = replace(data, closed_at=now)
        problems = BreachTriageFlow(now=lambda: now + timedelta(minutes=5)).validate(step, data)
        if problems:
            raise ValidationError(problems[0].message, problems[0].field)
        snap = snapshot(step, data)
        with self.session.change() as ch:
            s = ch.session
            row = s.get(BreachRow, breach_id)
            if row is None:
                raise SchoolDPError("That breach is no longer in the register.")
            if row.status == "closed":
                raise ValidationError("This breach is closed. Its record can no longer be changed.", "status")
            last = s.scalars(
                select(BreachStepRow)
                .where(BreachStepRow.breach_id == breach_id, BreachStepRow.step == step.value)
                .order_by(BreachStepRow.id.desc())
            ).first()
            if last is not None and last.snapshot == snap:
                ch.record(
                    "breach.step_checked",
                    CASE_KIND,
                    breach_id,
                    f"{row.reference} step {step.number} unchanged",
                )
            else:
                self._write_step(s, row, step, data, now)
                s.add(
                    BreachStepRow(
                        breach_id=breach_id,
                        step=step.value,
                        completed_at=_to_db(now),
                        account_id=self.session.account.id,
                        account_name=self.session.account.display_name,
                        snapshot=snap,
                    )
                )
                ch.record(
                    "breach.step",
                    CASE_KIND,
                    breach_id,
                    f"{row.reference} step {step.number} ({step.title}) completed",
                )
        return self.breach(breach_id)

    def _write_step(self, s: Session, row: BreachRow, step: BreachStep, d: TriageData, now: datetime) -> None:
        S = BreachStep
        acct = self.session.account.id
        stamp = _to_db(now)
        if step is S.DPO_NOTIFIED:
            row.title, row.reported_by = d.title, d.reported_by
            row.occurred_at, row.aware_at = _to_db(d.occurred_at), _to_db(d.aware_at)  # type: ignore[assignment]
            row.dpo_notified_at = _to_db(d.dpo_notified_at)
            row.how_found, row.what_happened, row.systems_involved = (
                d.how_found,
                d.what_happened,
                d.systems_involved,
            )
        elif step is S.INVESTIGATION:
            row.natures = json.dumps(sorted(n.value for n in d.natures))
            row.conclusion = d.conclusion.value if d.conclusion else None
            row.conclusion_reasons = d.conclusion_reasons
            row.facts_json = facts_to_json(d.facts) if d.facts else None
            if d.facts is not None and d.facts.cause is not None and row.cause is None:
                row.cause = d.facts.cause.value
        elif step is S.HEADTEACHER_ALERTED:
            row.headteacher_alerted_at = _to_db(d.headteacher_alerted_at)
        elif step is S.CONTAINMENT:
            for old in s.scalars(
                select(BreachActionRow).where(
                    BreachActionRow.breach_id == row.id, BreachActionRow.superseded_at.is_(None)
                )
            ):
                old.superseded_at = stamp
            for i, a in enumerate(d.containment_actions):
                s.add(
                    BreachActionRow(
                        breach_id=row.id,
                        position=i,
                        checklist_id=a.checklist_id,
                        text=a.text,
                        owner=a.owner,
                        done_on=a.done_on,
                        not_needed_reason=a.not_needed_reason,
                        recorded_at=stamp,
                    )
                )
        elif step is S.CONSEQUENCES:
            row.facts_json = facts_to_json(d.facts) if d.facts else None
            row.facts_before_json = facts_to_json(d.facts_before) if d.facts_before else None
            row.likely_consequences = d.likely_consequences
        elif step is S.REPORTABILITY:
            assert d.decision is not None and d.facts is not None
            dec = d.decision
            before = self.flow.before_and_after(d)
            s.add(
                BreachDecisionRow(
                    breach_id=row.id,
                    decided_at=stamp,
                    account_id=acct,
                    facts_json=facts_to_json(d.facts),
                    severity=dec.assessment.severity,
                    band=dec.assessment.band.name,
                    likelihood=dec.assessment.likelihood.name,
                    before_severity=before.before.severity if before else None,
                    before_band=before.before.band.name if before else None,
                    before_likelihood=before.before.likelihood.name if before else None,
                    recommended_ico=dec.ico.recommended,
                    recommended_tell=dec.individuals.recommended,
                    report_to_ico=dec.ico.decided,
                    tell_individuals=dec.individuals.decided,
                    ico_reason=dec.ico.reason,
                    individuals_reason=dec.individuals.reason,
                )
            )
        elif step is S.ICO_REPORT:
            assert d.ico_reported_at is not None
            s.add(
                BreachIcoReportRow(
                    breach_id=row.id,
                    kind=IcoReportKind.INITIAL.value,
                    submitted_at=_to_db(d.ico_reported_at),
                    ico_reference=d.ico_reference.strip(),
                    delay_reason=d.ico_delay_reason.strip(),
                    notes="",
                    recorded_at=stamp,
                    account_id=acct,
                )
            )
        elif step is S.INDIVIDUALS:
            assert d.individuals_told_on is not None
            s.add(
                BreachToldRow(
                    breach_id=row.id,
                    told_on=d.individuals_told_on,
                    how=d.individuals_told_how.strip(),
                    recorded_at=stamp,
                    account_id=acct,
                )
            )
        elif step is S.THIRD_PARTIES:
            for old in s.scalars(
                select(BreachThirdPartyRow).where(
                    BreachThirdPartyRow.breach_id == row.id, BreachThirdPartyRow.superseded_at.is_(None)
                )
            ):
                old.superseded_at = stamp
            for t in d.third_parties:
                s.add(
                    BreachThirdPartyRow(
                        breach_id=row.id,
                        party=t.party.value,
                        name=t.name,
                        notify=t.notify,
                        reason=t.reason,
                        recorded_at=stamp,
                        account_id=acct,
                    )
                )
        elif step is S.RECORD:
            row.cause = d.cause.value if d.cause else None
            row.facts_and_cause, row.effects, row.prevention_actions = (
                d.facts_and_cause,
                d.effects,
                d.prevention_actions,
            )
        elif step is S.REVIEW_MEETING:
            assert d.review_held_on is not None
            s.add(
                BreachReviewRow(
                    breach_id=row.id,
                    held_on=d.review_held_on,
                    attendees=d.review_attendees.strip(),
                    notes=d.review_notes.strip(),
                    recorded_at=stamp,
                    account_id=acct,
                )
            )
        elif step is S.CLOSE:
            row.closed_by = d.closed_by.strip()
            row.closed_at = _to_db(d.closed_at)
            row.status = "closed"

    # ---- ICO follow-ups, people affected ---------------------------------------------------
    def record_ico_report(self, breach_id: int, submission: IcoSubmission) -> BreachRecord:
        """Record a report made to the ICO (a follow-up, or an initial one outside the wizard)."""
        record = self.breach(breach_id)
        if submission.kind is IcoReportKind.FOLLOW_UP and record.initial_report is None:
            raise ValidationError("Record the initial report to the ICO before a follow-up.", "kind")
        assert record.triage.aware_at is not None
        if submission.submitted_at.astimezone(UTC) < record.triage.aware_at.astimezone(UTC):
            raise ValidationError(
                "The ICO report cannot be before the school became aware of the breach.", "submitted_at"
            )
        late = submission.kind is IcoReportKind.INITIAL and submission.submitted_at.astimezone(
            UTC
        ) > record.due_at.astimezone(UTC)
        if late and not submission.delay_reason.strip():
            raise ValidationError(
                "The report was made more than 72 hours after the school became aware. Give the reasons for the delay.",
                "delay_reason",
            )
        with self.session.change() as ch:
            ch.session.add(
                BreachIcoReportRow(
                    breach_id=breach_id,
                    kind=submission.kind.value,
                    submitted_at=_to_db(submission.submitted_at),
                    ico_reference=submission.ico_reference.strip(),
                    delay_reason=submission.delay_reason.strip(),
                    notes=submission.notes.strip(),
                    recorded_at=_to_db(_utc_now()),
                    account_id=self.session.account.id,
                )
            )
            ch.record(
                "breach.ico_report",
                CASE_KIND,
                breach_id,
                f"{record.reference} {submission.kind.label.lower()} recorded",
            )
        return self.breach(breach_id)

    def set_affected(
        self, breach_id: int, pupil_ids: Iterable[int] = (), staff_ids: Iterable[int] = ()
    ) -> None:
        """Who is affected, by register id: used for letters only, never printed for the ICO."""
        pupils, staff = sorted(set(pupil_ids)), sorted(set(staff_ids))
        with self.session.change() as ch:
            s = ch.session
            existing = {
                (r.person_kind, r.person_id): r
                for r in s.scalars(select(BreachAffectedRow).where(BreachAffectedRow.breach_id == breach_id))
            }
            wanted = {("pupil", i) for i in pupils} | {("staff", i) for i in staff}
            for key, r in existing.items():
                if key not in wanted:
                    s.delete(r)
            for kind, pid in sorted(wanted - set(existing)):
                s.add(
                    BreachAffectedRow(
                        breach_id=breach_id, person_kind=kind, person_id=pid, added_at=_to_db(_utc_now())
                    )
                )
            ch.record(
                "breach.affected",
                CASE_KIND,
                breach_id,
                f"Affected people set: {len(pupils)} pupils, {len(staff)} staff",
            )

    def note_document(self, breach_id: int, what: str) -> None:
        """Audit a printout or save of a breach document (ICO pack, decision record)."""
        with self.session.change() as ch:
            ch.record("breach.document", CASE_KIND, breach_id, what)

    # ---- register ---------------------------------------------------------------------------
    def records(self) -> list[BreachRecord]:
        with self.session.read() as s:
            rows = list(s.scalars(select(BreachRow).order_by(BreachRow.aware_at.desc(), BreachRow.id.desc())))
            return [self._record(s, r) for r in rows]

    def register(
        self,
        *,
        status: str | None = None,
        reportable: bool | None = None,
        year: int | None = None,
        now: datetime | None = None,
    ) -> list[RegisterRow]:
        """The breach register, newest first. `reportable` filters on the DPO's decision."""
        now = now or _utc_now()
        rows = [register_row(r, now) for r in self.records()]
        if status is not None:
            rows = [r for r in rows if r.status == status]
        if reportable is not None:
            rows = [r for r in rows if bool(r.reportable) is reportable and not (reportable and r.near_miss)]
        if year is not None:
            rows = [r for r in rows if r.year == year]
        return rows

    def years(self) -> list[int]:
        with self.session.read() as s:
            values = s.scalars(select(BreachRow.aware_at))
            return sorted({_from_db(v).astimezone(LONDON).year for v in values}, reverse=True)  # type: ignore[union-attr]

    def open_count(self) -> int:
        with self.session.read() as s:
            return int(s.scalar(select(func.count(BreachRow.id)).where(BreachRow.status == "open")) or 0)

    # ---- trends ------------------------------------------------------------------------------
    def trends(self, start: date, end: date, *, now: datetime | None = None) -> Trends:
        """Counts by month, cause, data category and reported or not, for breaches in [start, end]."""
        rows = [r for r in self.register(now=now) if start <= r.aware_at.astimezone(LONDON).date() <= end]
        return build_trends(rows, start, end)

    # ---- export -----------------------------------------------------------------------------
    def export(self, path: Path, rows: Sequence[RegisterRow]) -> Path:
        """Write the register to the file the DPO chose: .csv or .xlsx by its extension."""
        from schooldp.storage.atomic import atomic_write_bytes

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            data = register_csv(rows)
        elif suffix == ".xlsx":
            data = register_xlsx(rows)
        else:
            raise ValidationError("Choose a file name ending .csv or .xlsx.", "path")
        atomic_write_bytes(path, data)
        with self.session.change() as ch:
            ch.record(
                "breach.exported", CASE_KIND, "", f"Breach register exported ({len(rows)} rows, {suffix[1:]})"
            )
        return path


def _account_names(s: Session) -> dict[int | None, str]:
    from schooldp.storage.models import AccountRow

    return {a.id: a.display_name for a in s.scalars(select(AccountRow))}


def register_row(record: BreachRecord, now: datetime) -> RegisterRow:
    t = record.triage
    assert t.aware_at is not None
    flow = BreachTriageFlow()
    if record.is_closed:
        stage = "Closed (near miss)" if t.is_near_miss else "Closed"
    else:
        nxt = record.resume_step
        stage = f"Step {nxt.number}: {nxt.title}" if nxt else "Ready to close"
    ba = flow.before_and_after(t)
    initial = record.initial_report
    return RegisterRow(
        id=record.id,
        reference=record.reference,
        title=t.title,
        status=record.status,
        stage=stage,
        aware_at=t.aware_at,
        countdown=record_countdown(record, now),
        reportable=None if t.decision is None else t.decision.report_to_ico,
        reported_at=initial.submitted_at if initial else None,
        ico_reference=initial.ico_reference if initial else "",
        band=(t.decision.assessment.band.label if t.decision else (ba.after.band.label if ba else "")),
        cause=t.cause or (t.facts.cause if t.facts else None),
        categories=t.facts.data_categories if t.facts else frozenset(),
        approx_people=t.facts.approx_people if t.facts else None,
        near_miss=t.is_near_miss,
        closed_at=t.closed_at,
    )


def build_trends(rows: Sequence[RegisterRow], start: date, end: date) -> Trends:
    months: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    month_counts = Counter(
        (r.aware_at.astimezone(LONDON).year, r.aware_at.astimezone(LONDON).month) for r in rows
    )
    by_month = [(date(y, m, 1).strftime("%b %Y"), month_counts.get((y, m), 0)) for y, m in months]
    causes = Counter((r.cause.label if r.cause else "Not yet recorded") for r in rows if not r.near_miss)
    cats = Counter(c.label for r in rows if not r.near_miss for c in r.categories)
    breaches = [r for r in rows if not r.near_miss]
    return Trends(
        total=len(rows),
        by_month=by_month,
        by_cause=causes.most_common(),
        by_category=cats.most_common(),
        reported=sum(1 for r in breaches if r.reported_at is not None),
        not_reported=sum(1 for r in breaches if r.reportable is False),
        undecided=sum(
            1 for r in breaches if r.reportable is None or (r.reportable and r.reported_at is None)
        ),
        near_misses=sum(1 for r in rows if r.near_miss),
        start=start,
        end=end,
    )


# --------------------------------------------------------------------------- export formats

EXPORT_HEADERS = (
    "Reference",
    "Title",
    "Status",
    "Stage",
    "School aware (UK time)",
    "ICO report due (UK time)",
    "72-hour clock",
    "Reportable",
    "Reported to ICO (UK time)",
    "ICO case reference",
    "Severity",
    "Cause",
    "Data involved",
    "Approx. people",
    "Closed (UK time)",
)


def _uk(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(LONDON).strftime("%d/%m/%Y %H:%M")


def export_values(r: RegisterRow) -> list[Any]:
    """One register row for governors: no names of people, only counts and categories."""
    return [
        r.reference,
        r.title,
        r.status_label,
        r.stage,
        _uk(r.aware_at),
        _uk(r.countdown.due),
        r.countdown.text,
        r.reportable_label,
        _uk(r.reported_at),
        r.ico_reference,
        r.band,
        r.cause.label if r.cause else "",
        "; ".join(sorted(c.label for c in r.categories)),
        "" if r.approx_people is None else r.approx_people,
        _uk(r.closed_at),
    ]


def register_csv(rows: Sequence[RegisterRow]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADERS)
    for r in rows:
        writer.writerow([safe_cell(v) for v in export_values(r)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def register_xlsx(rows: Sequence[RegisterRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Breach register"
    ws.append(list(EXPORT_HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([safe_cell(v) for v in export_values(r)])
    widths = (14, 40, 9, 26, 18, 18, 38, 14, 18, 16, 10, 36, 50, 10, 18)
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- dashboard


def _attention(session: SchoolSession, now: datetime) -> list[Any]:
    """Open breaches whose ICO report may still be due, for the dashboard."""
    from schooldp.services.dashboard import AttentionItem

    items = []
    for record in BreachService(session).records():
        if record.is_closed:
            continue
        cd = record_countdown(record, now)
        if cd.state in (ClockState.NOT_NEEDED, ClockState.REPORTED):
            continue
        deadline = Deadline(
            DeadlineKind.BREACH_REPORT,
            record.reference,
            cd.due,
            f"Report breach {record.reference} to the ICO",
        )
        items.append(AttentionItem(deadline, CASE_KIND, record.id))
    return items


try:
    from schooldp.services.dashboard import register_provider

    register_provider(CASE_KIND, _attention)
except ImportError:  # pragma: no cover - dashboard not present
    pass


# --------------------------------------------------------------------------- printouts and letters


@dataclass(frozen=True)
class NoticeText:
    """The plain-language parts of the letter to the people affected (DOMAIN: letters)."""

    what_happened: str
    data_involved: str
    likely_consequences: str
    measures_taken: str
    what_you_can_do: str


def default_notice_text(record: BreachRecord) -> NoticeText:
    t = record.triage
    facts = t.facts
    cats = sorted(c.label for c in facts.data_categories) if facts else []
    done = [a.text.rstrip(".") + "." for a in t.containment_actions if a.done_on is not None]
    measures = " ".join(done) or "We acted at once to contain the breach."
    if t.prevention_actions.strip():
        measures += " To stop it happening again: " + t.prevention_actions.strip()
    advice = [
        "Be wary of unexpected emails, calls or messages that mention this information, "
        "and do not give out passwords or bank details in reply."
    ]
    if facts is not None and facts.data_categories & {
        DataCategory.FINANCIAL,
        DataCategory.IDENTITY_DOCUMENTS,
        DataCategory.LOGIN_CREDENTIALS,
    }:
        advice.append("Watch your bank statements and change any passwords that may have been exposed.")
    advice.append("Tell us if you notice anything that worries you.")
    return NoticeText(
        what_happened=t.what_happened,
        data_involved=("The information included: " + "; ".join(cats) + ".") if cats else "",
        likely_consequences=t.likely_consequences,
        measures_taken=measures,
        what_you_can_do=" ".join(advice),
    )


def redact(text: str, names: Iterable[str]) -> tuple[str, int]:
    """Replace whole names of affected people in free text meant for the ICO; count them."""
    count = 0
    for name in sorted({n.strip() for n in names if len(n.strip()) > 3}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        text, n = pattern.subn("[name removed]", text)
        count += n
    return text, count


def _affected_names(session: SchoolSession, record: BreachRecord) -> list[str]:
    names: list[str] = []
    if not (record.affected_pupils or record.affected_staff):
        return names
    from schooldp.services.people import PeopleService

    people = PeopleService(session)
    for p in people.pupils(ids=record.affected_pupils, include_leavers=True):
        names += [p.legal_name, p.display_name]
    for sid in record.affected_staff:
        try:
            names.append(people.staff_member(sid).display_name)
        except SchoolDPError:
            continue
    return names


def breach_document(
    session: SchoolSession, record: BreachRecord, *, follow_up: bool = False, now: datetime | None = None
) -> Any:
    """The printout input for this breach, with names of affected people taken out of free text."""
    from schooldp.documents.breach_pdf import BreachDocument, IcoReportLine, StepLine

    now = now or _utc_now()
    t = record.triage
    names = _affected_names(session, record)
    total = 0
    changes: dict[str, str] = {}
    for name in (
        "title",
        "what_happened",
        "how_found",
        "systems_involved",
        "likely_consequences",
        "facts_and_cause",
        "effects",
        "prevention_actions",
        "conclusion_reasons",
    ):
        text, n = redact(getattr(t, name), names)
        total += n
        changes[name] = text
    t = replace(t, **changes)
    from schooldp.services.letters import LetterService

    letters = LetterService(session).issued(case_kind=CASE_KIND, case_id=record.id)
    return BreachDocument(
        school=session.profile(),
        reference=record.reference,
        triage=t,
        due_at=record.due_at,
        prepared_at=now,
        prepared_by=session.account.display_name,
        ico_reports=tuple(
            IcoReportLine(r.kind.label, r.submitted_at, r.ico_reference, r.delay_reason, r.notes)
            for r in record.ico_reports
        ),
        steps=tuple(
            StepLine(s.step.number, s.step.title, s.completed_at, s.account_name) for s in record.history
        ),
        decided_at=record.decided_at,
        decided_by=record.decided_by,
        letters_issued=len(letters),
        follow_up=follow_up,
        redactions=total,
    )


def ico_pack_pdf(
    session: SchoolSession, record: BreachRecord, *, follow_up: bool = False, now: datetime | None = None
) -> bytes:
    from schooldp.documents import breach_ico_report

    return breach_ico_report.render(breach_document(session, record, follow_up=follow_up, now=now))


def decision_record_pdf(
    session: SchoolSession, record: BreachRecord, *, now: datetime | None = None
) -> bytes:
    from schooldp.documents import breach_decision_record

    if record.triage.decision is None:
        raise ValidationError("Make the decision at step 6 before printing the decision record.", "decision")
    return breach_decision_record.render(breach_document(session, record, now=now))


def trends_pdf(session: SchoolSession, start: date, end: date, *, now: datetime | None = None) -> bytes:
    from schooldp.documents.breach_trends import TrendsDocument, render

    now = now or _utc_now()
    tr = BreachService(session).trends(start, end, now=now)
    return render(
        TrendsDocument(
            school_name=session.profile().name,
            start=start,
            end=end,
            total=tr.total,
            by_month=tr.by_month,
            by_cause=tr.by_cause,
            by_category=tr.by_category,
            reported=tr.reported,
            not_reported=tr.not_reported,
            undecided=tr.undecided,
            near_misses=tr.near_misses,
            prepared_at=now,
            prepared_by=session.account.display_name,
        )
    )


@dataclass(frozen=True)
class LetterBatch:
    """Letters ready to preview and print, with what could not be addressed (counts only)."""

    letter_type: Any
    jobs: list[Any]
    skipped: list[str]


def notice_letters(
    session: SchoolSession, record: BreachRecord, text: NoticeText, letter_date: date
) -> tuple[LetterBatch | None, LetterBatch | None]:
    """Letters to the parents/carers WITH PARENTAL RESPONSIBILITY of each affected pupil, and to
    each affected member of staff (Policy App 1: tell them in writing)."""
    from schooldp.documents import breach_notice_parent, breach_notice_staff
    from schooldp.documents.letterhead import LetterData
    from schooldp.services.letters import LetterJob, Recipient
    from schooldp.services.people import PeopleService

    profile = session.profile()
    people = PeopleService(session)
    common = {
        "what_happened": text.what_happened,
        "data_involved": text.data_involved,
        "likely_consequences": text.likely_consequences,
        "measures_taken": text.measures_taken,
        "what_you_can_do": text.what_you_can_do,
    }
    parents: LetterBatch | None = None
    if record.affected_pupils:
        jobs: list[Any] = []
        skipped: list[str] = []
        pupils = people.pupils(ids=record.affected_pupils, include_leavers=True)
        contacts = people.contacts_for_many([p.id for p in pupils if p.id is not None])
        no_pr = no_address = 0
        for pupil in pupils:
            pr = [c for c in contacts.get(pupil.id or 0, []) if c.parental_responsibility]
            if not pr:
                no_pr += 1
                continue
            for link in pr:
                c = link.contact
                if not c.has_postal_address:
                    no_address += 1
                    continue
                jobs.append(
                    LetterJob(
                        LetterData(
                            school=profile,
                            recipient_name=c.display_name,
                            recipient_address=c.postal_address,
                            letter_date=letter_date,
                            reference=record.reference,
                            private=True,
                            salutation=c.salutation,
                            fields={**common, "child_name": pupil.display_name},
                        ),
                        Recipient(c.display_name, "contact", str(c.id)),
                    )
                )
        if no_pr:
            skipped.append(
                f"{no_pr} pupil(s) have no parent or carer with parental responsibility on record."
            )
        if no_address:
            skipped.append(f"{no_address} parent(s) or carer(s) have no postal address on record.")
        parents = LetterBatch(breach_notice_parent.LETTER, jobs, skipped)
    staff: LetterBatch | None = None
    if record.affected_staff:
        jobs = []
        for sid in record.affected_staff:
            member = people.staff_member(sid)
            jobs.append(
                LetterJob(
                    LetterData(
                        school=profile,
                        recipient_name=member.display_name,
                        recipient_address=(member.role,) if member.role else (),
                        letter_date=letter_date,
                        reference=record.reference,
                        private=True,
                        fields=common,
                    ),
                    Recipient(member.display_name, "staff", str(member.id)),
                )
            )
        staff = LetterBatch(breach_notice_staff.LETTER, jobs, [])
    return parents, staff


@dataclass(frozen=True)
class DeletionRequest:
    """Who received the data in error and what they were sent (typed by the DPO)."""

    recipient_name: str
    recipient_address: tuple[str, ...]
    what_was_sent: str
    sent_on: date
    reply_by: date
    salutation: str = ""


def deletion_letter(
    session: SchoolSession, record: BreachRecord, req: DeletionRequest, letter_date: date
) -> Any:
    from schooldp.documents.letterhead import LetterData
    from schooldp.services.letters import LetterJob, Recipient

    if not req.recipient_name.strip():
        raise ValidationError("Enter the name of the person who received the information.", "recipient_name")
    if not req.what_was_sent.strip():
        raise ValidationError(
            "Say what was sent, for example 'an email with a pupil's support plan'.", "what_was_sent"
        )
    if req.reply_by < letter_date:
        raise ValidationError("The reply-by date is before the date of the letter.", "reply_by")
    return LetterJob(
        LetterData(
            school=session.profile(),
            recipient_name=req.recipient_name.strip(),
            recipient_address=req.recipient_address,
            letter_date=letter_date,
            reference=record.reference,
            private=True,
            salutation=req.salutation.strip(),
            fields={
                "what_was_sent": req.what_was_sent.strip(),
                "sent_on": req.sent_on,
                "reply_by": req.reply_by,
            },
        ),
        Recipient(req.recipient_name.strip(), "other", ""),
    )


def deletion_email_text(session: SchoolSession, job: Any) -> str:
    """The same request as plain text, to paste into an email (Policy App 1: by email or letter)."""
    import html

    from schooldp.documents import breach_deletion_request
    from schooldp.documents.letterhead import STANDARD_FIELDS
    from schooldp.documents.templates import BlockKind
    from schooldp.services.letters import LetterService

    template = breach_deletion_request.LETTER.template(
        LetterService(session).wording(breach_deletion_request.LETTER)
    )
    blocks = template.fill(job.data.values(), STANDARD_FIELDS)
    out: list[str] = []
    for b in blocks:
        parts = [html.unescape(re.sub(r"<[^>]+>", "", m.replace("<br/>", "\n"))) for m in b.markup]
        if b.kind is BlockKind.BULLETS:
            out.append("\n".join(f"- {p}" for p in parts))
        else:
            out.append("\n".join(parts))
    signer = job.data.signer
    out.append(f"{job.data.closing},\n{signer.name}\n{signer.role}\n{job.data.school.name}")
    return "\n\n".join(out)
