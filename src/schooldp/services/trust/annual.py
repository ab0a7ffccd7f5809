"""The trust's annual report and the service the trust dashboard talks to.

The report is the roll-up on the day it is prepared plus each school's year: breaches the
school became aware of in the period (reported to the ICO, and within the 72 hours), requests
received, and requests completed with whether each was answered within its time limit (the
deadline engine's due date against the day it was met).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine, Row

from schooldp.documents import trust_report
from schooldp.domain.calendar import format_uk_date
from schooldp.domain.clock import LONDON, Clock
from schooldp.domain.deadlines import breach_report_due
from schooldp.domain.errors import ValidationError
from schooldp.domain.requests import RequestStatus
from schooldp.services.trust import rollup_sql as q
from schooldp.services.trust.rollup import (
    SchoolFigures,
    SchoolRef,
    TrustRollup,
    _params,
    _profiles,
    _School,
    _utc,
    catalogue_schools,
    compute_rollup,
    refused_in_plain_words,
    row_deadline,
)

__all__ = ["TrustDashboardService", "YearFigures", "default_period", "year_figures"]


@dataclass
class YearFigures:
    breaches: int = 0
    breaches_reported: int = 0
    reported_within_72h: int = 0
    requests: int = 0
    requests_completed: int = 0
    requests_on_time: int = 0


def default_period(today: date) -> tuple[date, date]:
    """The twelve months up to and including today."""
    return today - relativedelta(years=1) + timedelta(days=1), today


def _instant(day: date) -> datetime:
    """Midnight at the start of ``day`` in London, as the naive UTC the tables store."""
    return datetime.combine(day, time(0), tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)


def year_figures(
    engine: Engine, schools: Iterable[SchoolRef], today: date, start: date, end: date
) -> dict[str, YearFigures]:
    """Each school's year, in two statements over every school."""
    if end < start:
        raise ValidationError(
            f"The report cannot end ({format_uk_date(end)}) before it starts ({format_uk_date(start)}).",
            "period",
        )
    refs = list(schools)
    pairs = [(s.code, s.schema) for s in refs]
    params = _params(today) | {
        "start": start,
        "end": end,
        "start_at": _instant(start),
        "end_at": _instant(end + timedelta(days=1)),
    }
    figures = {s.code: YearFigures() for s in refs}
    with engine.connect() as conn, refused_in_plain_words():
        found = _profiles(conn, refs, pairs, params)
        requests = q.union_rows(conn, q.YEAR_REQUESTS, pairs, params)
        breaches = q.union_rows(conn, q.YEAR_BREACHES, pairs, params)
        conn.rollback()
    for r in requests:
        _count_request(figures[r.code], r, found[r.code], start, end)
    for b in breaches:
        f = figures[b.code]
        f.breaches += 1
        reported = _utc(b.reported_at)
        aware = _utc(b.aware_at)
        if reported is not None and aware is not None:
            f.breaches_reported += 1
            f.reported_within_72h += reported <= breach_report_due(aware)
    return figures


def _count_request(f: YearFigures, r: Row[Any], school: _School, start: date, end: date) -> None:
    if start <= r.received_on <= end:
        f.requests += 1
    done = r.ended_on or r.closed_on
    if RequestStatus(r.status).is_open or done is None or not start <= done <= end:
        return
    f.requests_completed += 1
    deadline = row_deadline(r, school, done)
    met = deadline.met_at
    if deadline.due is not None and met is not None and met <= deadline.due:
        f.requests_on_time += 1


def _page(s: SchoolFigures, y: YearFigures) -> trust_report.SchoolPage:
    return trust_report.SchoolPage(
        name=s.school.name,
        pupils_on_roll=s.pupils_on_roll,
        breaches=y.breaches,
        breaches_reported=y.breaches_reported,
        reported_within_72h=y.reported_within_72h,
        requests=y.requests,
        requests_completed=y.requests_completed,
        requests_on_time=y.requests_on_time,
        open_requests=s.open_requests,
        overdue_now=s.overdue,
        due_this_week=s.due_this_week,
        # the screen's symbols (✖ ‼ ⚠) are not in the report's font: the words say the same
        open_breach_lines=tuple(
            f"{b.reference}: {b.countdown.text.removeprefix(b.countdown.state.symbol).strip()}"
            for b in s.breaches
        ),
        consent=tuple(
            trust_report.ConsentLine(c.title, c.on_roll, c.given, c.not_given, c.unanswered)
            for c in s.consent
        ),
        note=s.problem,
    )


class TrustDashboardService:
    """What the trust dashboard asks for, on an engine signed in as the person using it.

    The server shows each person only the schools they may read (the catalogue's row-level
    security), so the list, the roll-up and the report cover exactly those.
    """

    def __init__(self, engine: Engine, clock: Clock, trust_name: str = "The trust") -> None:
        self.engine = engine
        self.clock = clock
        self.trust_name = trust_name

    def schools(self) -> list[SchoolRef]:
        return catalogue_schools(self.engine)

    def rollup(self, codes: Collection[str] | None = None) -> TrustRollup:
        """The figures for every school, or only those whose codes are given (the filter)."""
        schools = [s for s in self.schools() if codes is None or s.code in codes]
        return compute_rollup(self.engine, schools, self.clock)

    def annual_report(
        self, prepared_by: str, period: tuple[date, date] | None = None, codes: Collection[str] | None = None
    ) -> bytes:
        """The trust's annual report as PDF bytes: a summary, then a page per school."""
        today = self.clock.today()
        start, end = period or default_period(today)
        rollup = self.rollup(codes)
        years = year_figures(self.engine, [s.school for s in rollup.schools], today, start, end)
        data = trust_report.TrustReportData(
            trust_name=self.trust_name,
            period_start=start,
            period_end=end,
            prepared_by=prepared_by,
            prepared_on=today,
            schools=tuple(_page(s, years[s.school.code]) for s in rollup.schools),
        )
        return trust_report.render(data)
