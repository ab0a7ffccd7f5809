"""`BreachService`: the use cases of the breach register, one transaction and audit entry each.

Time comes from the school session's clock. `now=` stays on the methods the demo school and
reports use to place events in the past; nothing here recomputes a legal date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldp.domain.breach import BreachStep, TriageData
from schooldp.domain.deadlines import LONDON, breach_report_due
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.flows.breach_triage import BreachTriageFlow
from schooldp.services.breaches.codecs import from_db, snapshot, to_db
from schooldp.services.breaches.export import EXPORT_HEADERS, SHEET, export_rows
from schooldp.services.breaches.records import load_record
from schooldp.services.breaches.register import register_row
from schooldp.services.breaches.step_writers import StepWrite, fill_report, write_step
from schooldp.services.breaches.trends import build_trends
from schooldp.services.breaches.values import (
    BreachRecord,
    BreachReport,
    IcoReportKind,
    IcoSubmission,
    RegisterRow,
    Trends,
)
from schooldp.services.exports import write_table
from schooldp.services.school import Change, SchoolSession
from schooldp.services.versions import guard
from schooldp.storage.breach_models import BreachAffectedRow, BreachIcoReportRow, BreachRow, BreachStepRow

CASE_KIND = "breach"
_REF = re.compile(r"^BR-(\d{4})-(\d{3,})$")
# Validation allows times a few minutes ahead of the clock: the DPO types "now" a little late.
_SLACK = timedelta(minutes=5)
_NO_TITLE = (
    "Give the breach a short title, without anyone's name (for example 'SEN plan emailed to wrong parent')."
)


def _report_data(report: BreachReport) -> TriageData:
    return TriageData(
        reported_by=report.reported_by.strip(),
        occurred_at=report.occurred_at,
        aware_at=report.aware_at,
        dpo_notified_at=report.dpo_notified_at,
        how_found=report.how_found.strip(),
        what_happened=report.what_happened.strip(),
        title=report.title.strip(),
        systems_involved=report.systems_involved.strip(),
    )


def _new_row(data: TriageData, reference: str, now: datetime, account_id: int | None) -> BreachRow:
    row = BreachRow(
        reference=reference,
        status="open",
        created_at=to_db(now),
        created_by=account_id,
        natures="[]",
        conclusion_reasons="",
        likely_consequences="",
        facts_and_cause="",
        effects="",
        prevention_actions="",
        closed_by="",
    )
    fill_report(row, data)
    return row


def _next_reference(s: Session, aware_at: datetime) -> str:
    year = aware_at.astimezone(LONDON).year
    refs = s.scalars(select(BreachRow.reference).where(BreachRow.reference.like(f"BR-{year}-%")))
    numbers = [int(m.group(2)) for r in refs if (m := _REF.match(r))]
    return f"BR-{year}-{max(numbers, default=0) + 1:03d}"


def _check_submission(record: BreachRecord, submission: IcoSubmission) -> None:
    """An ICO report: after awareness; a late initial report gives its reasons (UK GDPR art. 33(1))."""
    if submission.kind is IcoReportKind.FOLLOW_UP and record.initial_report is None:
        raise ValidationError("Record the initial report to the ICO before a follow-up.", "kind")
    assert record.triage.aware_at is not None
    submitted = submission.submitted_at.astimezone(UTC)
    if submitted < record.triage.aware_at.astimezone(UTC):
        raise ValidationError(
            "The ICO report cannot be before the school became aware of the breach.", "submitted_at"
        )
    late = submission.kind is IcoReportKind.INITIAL and submitted > record.due_at.astimezone(UTC)
    if late and not submission.delay_reason.strip():
        raise ValidationError(
            "The report was made more than 72 hours after the school became aware. Give the reasons for the delay.",
            "delay_reason",
        )
    # Policy App 1: a report is a fact: how it was made, by whom, and the ICO's reference.
    if submission.method is None:
        raise ValidationError("Say how it was reported: the ICO's online form or the breach line.", "method")
    if not submission.made_by.strip():
        raise ValidationError("Say who made the report to the ICO.", "made_by")
    if not submission.ico_reference.strip() and not submission.reference_pending:
        raise ValidationError(
            "Enter the ICO case reference, or tick that the ICO has not given one yet.", "ico_reference"
        )


class BreachService:
    """Use cases of the breach register. Every write is one transaction with its audit entry."""

    def __init__(self, session: SchoolSession) -> None:
        self.session = session
        self.flow = BreachTriageFlow()

    def _now(self, now: datetime | None) -> datetime:
        return now or self.session.clock.now()

    # ---- report ---------------------------------------------------------------------------
    def report_breach(self, report: BreachReport, *, now: datetime | None = None) -> BreachRecord:
        """Record a reported breach; the 72 hours run from `aware_at` (breach_report_due)."""
        at = self._now(now)
        problems = [] if report.title.strip() else [_NO_TITLE]
        data = _report_data(report)
        if report.aware_at is not None:
            breach_report_due(report.aware_at)  # refuses a time with no time zone
        flow = BreachTriageFlow(now=lambda: at)
        problems += [p.message for p in flow.validate(BreachStep.DPO_NOTIFIED, data)]
        if problems:
            raise ValidationError(problems[0], "report")
        with self.session.change() as ch:
            s = ch.session
            row = _new_row(data, _next_reference(s, report.aware_at), at, self.session.account.id)
            s.add(row)
            s.flush()
            ch.record(
                "breach.reported",
                CASE_KIND,
                row.id,
                f"Breach {row.reference} reported; 72-hour clock started",
            )
            breach_id = row.id
        return self.breach(breach_id)

    # ---- read -----------------------------------------------------------------------------
    def breach(self, breach_id: int) -> BreachRecord:
        with self.session.read() as s:
            row = s.get(BreachRow, breach_id)
            if row is None:
                raise SchoolDPError("That breach is no longer in the register.")
            return load_record(s, row)

    def by_reference(self, reference: str) -> BreachRecord:
        with self.session.read() as s:
            row = s.scalars(select(BreachRow).where(BreachRow.reference == reference)).first()
            if row is None:
                raise SchoolDPError(f"There is no breach {reference}.")
            return load_record(s, row)

    def records(self) -> list[BreachRecord]:
        with self.session.read() as s:
            rows = list(s.scalars(select(BreachRow).order_by(BreachRow.aware_at.desc(), BreachRow.id.desc())))
            return [load_record(s, r) for r in rows]

    # ---- steps ----------------------------------------------------------------------------
    def complete_step(
        self,
        breach_id: int,
        step: BreachStep,
        data: TriageData,
        *,
        now: datetime | None = None,
        expected_version: int | None = None,
    ) -> BreachRecord:
        """Save one Appendix 1 step and stamp it with the account and time.

        The flow's own checks run first, so nothing half-finished is stamped. Saving the same
        answers again adds no new stamp (moving back and forward through the wizard).
        """
        at = self._now(now)
        if step is BreachStep.CLOSE and data.closed_at is None:
            data = replace(data, closed_at=at)
        problems = BreachTriageFlow(now=lambda: at + _SLACK).validate(step, data)
        if problems:
            raise ValidationError(problems[0].message, problems[0].field)
        snap = snapshot(step, data)
        with self.session.change() as ch:
            s = ch.session
            row = s.get(BreachRow, breach_id)
            if row is None:
                raise SchoolDPError("That breach is no longer in the register.")
            guard(ch, row, expected_version, CASE_KIND, breach_id)
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
                self._stamp_step(s, row, step, data, at, snap)
                ch.record(
                    "breach.step",
                    CASE_KIND,
                    breach_id,
                    f"{row.reference} step {step.number} ({step.title}) completed",
                )
        return self.breach(breach_id)

    def _stamp_step(
        self, s: Session, row: BreachRow, step: BreachStep, data: TriageData, at: datetime, snap: str
    ) -> None:
        account = self.session.account
        write_step(step, StepWrite(s, row, data, to_db(at), account.id))
        s.add(
            BreachStepRow(
                breach_id=row.id,
                step=step.value,
                completed_at=to_db(at),
                account_id=account.id,
                account_name=account.display_name,
                snapshot=snap,
            )
        )

    def _guard(self, ch: Change, breach_id: int, expected_version: int | None) -> None:
        row = ch.session.get(BreachRow, breach_id)
        if row is None:
            raise SchoolDPError("That breach is no longer in the register.")
        guard(ch, row, expected_version, CASE_KIND, breach_id)

    # ---- ICO follow-ups, people affected ---------------------------------------------------
    def record_ico_report(
        self, breach_id: int, submission: IcoSubmission, expected_version: int | None = None
    ) -> BreachRecord:
        """Record a report made to the ICO (a follow-up, or an initial one outside the wizard)."""
        record = self.breach(breach_id)
        _check_submission(record, submission)
        with self.session.change() as ch:
            self._guard(ch, breach_id, expected_version)
            ch.session.add(
                BreachIcoReportRow(
                    breach_id=breach_id,
                    kind=submission.kind.value,
                    submitted_at=to_db(submission.submitted_at),
                    ico_reference=submission.ico_reference.strip(),
                    delay_reason=submission.delay_reason.strip(),
                    notes=submission.notes.strip(),
                    method=submission.method.value if submission.method else "",
                    made_by=submission.made_by.strip(),
                    reference_pending=submission.reference_pending and not submission.ico_reference.strip(),
                    recorded_at=to_db(self.session.clock.now()),
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
        self,
        breach_id: int,
        pupil_ids: Iterable[int] = (),
        staff_ids: Iterable[int] = (),
        expected_version: int | None = None,
    ) -> None:
        """Who is affected, by register id: used for letters only, never printed for the ICO."""
        pupils, staff = sorted(set(pupil_ids)), sorted(set(staff_ids))
        added_at = to_db(self.session.clock.now())
        with self.session.change() as ch:
            s = ch.session
            self._guard(ch, breach_id, expected_version)
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
                    BreachAffectedRow(breach_id=breach_id, person_kind=kind, person_id=pid, added_at=added_at)
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
    def register(
        self,
        *,
        status: str | None = None,
        reportable: bool | None = None,
        year: int | None = None,
        now: datetime | None = None,
    ) -> list[RegisterRow]:
        """The breach register, newest first. `reportable` filters on the DPO's decision."""
        at = self._now(now)
        rows = [register_row(r, at) for r in self.records()]
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
            return sorted({from_db(v).astimezone(LONDON).year for v in values}, reverse=True)

    def open_count(self) -> int:
        with self.session.read() as s:
            return int(s.scalar(select(func.count(BreachRow.id)).where(BreachRow.status == "open")) or 0)

    def trends(self, start: date, end: date, *, now: datetime | None = None) -> Trends:
        """Counts by month, cause, data category and reported or not, for breaches in [start, end]."""
        rows = [r for r in self.register(now=now) if start <= r.aware_at.astimezone(LONDON).date() <= end]
        return build_trends(rows, start, end)

    def export(self, path: Path, rows: Sequence[RegisterRow]) -> Path:
        """Write the register to the file the DPO chose: .csv or .xlsx by its extension."""
        path = write_table(Path(path), SHEET, EXPORT_HEADERS, export_rows(rows))
        with self.session.change() as ch:
            ch.record(
                "breach.exported",
                CASE_KIND,
                "",
                f"Breach register exported ({len(rows)} rows, {path.suffix.lower()[1:]})",
            )
        return path
