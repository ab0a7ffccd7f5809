"""The DPO's annual report and the governors' summary: figures gathered from every register.

Counts only: nothing here carries a name, so neither document can leak one.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from schooldp.documents import annual_report
from schooldp.documents.annual_duties import DutiesFigures
from schooldp.documents.annual_report import (
    AnnualFigures,
    AnnualReportData,
    Count,
    CoverageRow,
    RecordsFigures,
)
from schooldp.domain.deadlines import DeadlineStatus
from schooldp.domain.requests import RequestStatus
from schooldp.services.dataclass_copy import build_from
from schooldp.services.school import SchoolSession
from schooldp.storage.models import Meta

_NOTES_KEY = "annual_report_notes"


@dataclass(frozen=True)
class ReportNotes:
    commentary: str = ""
    recommendations: str = ""


def last_school_year(today: date) -> tuple[date, date]:
    """1 September to 31 August of the school year that ended most recently."""
    end_year = today.year if today >= date(today.year, 9, 1) else today.year - 1
    return date(end_year - 1, 9, 1), date(end_year, 8, 31)


def load_notes(session: SchoolSession) -> ReportNotes:
    with session.read() as s:
        row = s.get(Meta, _NOTES_KEY)
    if row is None:
        return ReportNotes()
    body = json.loads(row.value)
    return ReportNotes(str(body.get("commentary", "")), str(body.get("recommendations", "")))


def save_notes(session: SchoolSession, notes: ReportNotes) -> None:
    with session.change() as ch:
        body = json.dumps({"commentary": notes.commentary, "recommendations": notes.recommendations})
        ch.session.merge(Meta(key=_NOTES_KEY, value=body))
        ch.record("report.notes", "report", "annual", "Annual report commentary saved")


def _in(day: date, start: date, end: date) -> bool:
    return start <= day <= end


@dataclass(frozen=True)
class _BreachFigures:
    """The annual report's breach figures that the trends do not give (named as in the report)."""

    breaches_open: int
    reported_within_72h: int
    median_hours_to_report: float | None


def _breach_figures(session: SchoolSession, start: date, end: date) -> _BreachFigures:
    """Breaches the school became aware of in the period, and how fast the ICO heard."""
    from schooldp.services.breaches import BreachService

    in_period = [
        r
        for r in BreachService(session).records()
        if r.triage.aware_at is not None and _in(r.triage.aware_at.astimezone(UTC).date(), start, end)
    ]
    hours: list[float] = []
    for r in in_period:
        first = r.initial_report
        if first is not None and r.triage.aware_at is not None:
            gap = first.submitted_at.astimezone(UTC) - r.triage.aware_at.astimezone(UTC)
            hours.append(gap.total_seconds() / 3600)
    return _BreachFigures(
        breaches_open=sum(not r.is_closed for r in in_period),
        reported_within_72h=sum(h <= 72 for h in hours),
        median_hours_to_report=statistics.median(hours) if hours else None,
    )


@dataclass(frozen=True)
class _RequestFigures:
    """The annual report's request figures (named as in the report)."""

    requests_by_type: tuple[Count, ...]
    requests_closed: int
    requests_on_time: int
    requests_extended: int
    requests_refused: int
    requests_open: int
    requests_overdue_now: int


def _request_figures(session: SchoolSession, start: date, end: date, now: datetime) -> _RequestFigures:
    """Requests received in the period; "on time" means answered by the (extended) due date."""
    from schooldp.services.requests import RequestService

    requests = [q for q in RequestService(session).requests() if _in(q.received_on, start, end)]
    closed = [q for q in requests if not q.is_open]
    on_time = 0
    for q in closed:
        ended = q.ended_on or q.closed_on
        if ended is not None and q.due is not None and ended <= q.due:
            on_time += 1
    by_type = Counter(q.request_type.label for q in requests)
    return _RequestFigures(
        requests_by_type=tuple(Count(label, n) for label, n in by_type.most_common()),
        requests_closed=len(closed),
        requests_on_time=on_time,
        requests_extended=sum(q.extended for q in requests),
        requests_refused=sum(q.status is RequestStatus.REFUSED for q in requests),
        requests_open=sum(q.is_open for q in requests),
        requests_overdue_now=sum(
            q.is_open and q.deadline_status(now) is DeadlineStatus.OVERDUE for q in requests
        ),
    )


def _consent_coverage(session: SchoolSession, on: date) -> tuple[tuple[CoverageRow, ...], int]:
    """Coverage per purpose on a day, and how many withdrawal tasks are still open."""
    from schooldp.services.consent import ConsentService

    consent = ConsentService(session)
    titles = {p.key: p.title for p in consent.purposes()}
    rows = tuple(
        CoverageRow(titles.get(k, k), c.given, c.refused + c.withdrawn, c.outstanding)
        for k, c in consent.coverage(today=on).items()
    )
    return rows, len(consent.open_tasks())


def annual_figures(session: SchoolSession, start: date, end: date) -> AnnualFigures:
    """Counts from every register for the period, as of the session clock's "now"."""
    from schooldp.services.breaches import BreachService
    from schooldp.services.letters import LetterService

    now = session.clock.london_now()
    trends = BreachService(session).trends(start, end)
    breaches = _breach_figures(session, start, end)
    requests = _request_figures(session, start, end, now)
    coverage, tasks_open = _consent_coverage(session, min(end, now.date()))
    letters = [entry for entry in LetterService(session).issued(since=start) if entry.issued_at.date() <= end]
    return build_from(
        AnnualFigures,
        breaches,
        requests,
        period_start=start,
        period_end=end,
        breaches_by_month=tuple(Count(label, n) for label, n in trends.by_month),
        breaches_by_cause=tuple(Count(label, n) for label, n in trends.by_cause),
        breaches_by_category=tuple(Count(label, n) for label, n in trends.by_category),
        breaches_reported=trends.reported,
        breaches_not_reported=trends.not_reported,
        consent_coverage=coverage,
        consent_tasks_open=tasks_open,
        letters_issued=len(letters),
        audit_highlights=_audit_highlights(session, start, end),
        records=_records_figures(session, start, end),
        duties=_duties_figures(session, start, end),
    )


def _duties_figures(session: SchoolSession, start: date, end: date) -> DutiesFigures:
    from schooldp.services.duties_report import duties_figures

    return duties_figures(session, start, end)


def _records_figures(session: SchoolSession, start: date, end: date) -> RecordsFigures:
    from schooldp.services.records.report import records_figures

    return records_figures(session, start, end)


def _audit_highlights(session: SchoolSession, start: date, end: date) -> tuple[str, ...]:
    since = datetime(start.year, start.month, start.day, tzinfo=UTC)
    until = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1)
    entries = session.activity(limit=100_000, since=since, until=until)
    actions = Counter(e.action for e in entries)
    report = session.verify_activity()
    lines = [
        f"The activity log is intact: {report.entries} entries checked."
        if report.ok
        else f"The activity log has been altered outside SchoolDP: {report.message}",
        f"{len(entries)} changes and decisions were recorded in the period.",
    ]
    if actions.get("account.added") or actions.get("account.removed"):
        lines.append(
            f"Accounts: {actions.get('account.added', 0)} added, {actions.get('account.removed', 0)} removed."
        )
    if actions.get("vault.recovery"):
        lines.append(f"The recovery key was used {actions['vault.recovery']} time(s).")
    lines.append(f"Backups made on request: {actions.get('backup.created', 0)}.")
    return tuple(lines)


def annual_report_data(
    session: SchoolSession, start: date, end: date, notes: ReportNotes
) -> AnnualReportData:
    return AnnualReportData(
        school=session.profile(),
        figures=annual_figures(session, start, end),
        prepared_by=session.profile().dpo.name or session.account.display_name,
        prepared_on=session.clock.today(),
        commentary=notes.commentary,
        recommendations=notes.recommendations,
    )


def annual_report_pdf(data: AnnualReportData) -> bytes:
    """The DPO's annual report to the headteacher, as PDF bytes."""
    return annual_report.render(data)


def governors_summary_pdf(data: AnnualReportData) -> bytes:
    """The one-page governors' summary of the same figures, as PDF bytes."""
    return annual_report.render_governors_summary(data.school, data.figures, data.prepared_on)
