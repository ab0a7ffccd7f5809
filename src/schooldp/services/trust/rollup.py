"""The trust roll-up: every school the signed-in person may read, on one page.

Per school: what is overdue and due this week (requests, breach reports, policy reviews,
withdrawal follow-ups), the open breaches with their 72-hour ICO clocks, the requests, and
consent coverage per purpose. Five statements in all, each a UNION ALL over the schools'
schemas (``rollup_sql``); the sums are done by the server, the rules by the same code the
school's own dashboard uses (the deadline engine, the breach countdown, the consent durations).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, text
from sqlalchemy.exc import DBAPIError

from schooldp.domain.calendar import SchoolCalendar
from schooldp.domain.clock import Clock
from schooldp.domain.consent import ConsentDuration, ConsentEventKind
from schooldp.domain.consent.school_year import school_year_start
from schooldp.domain.deadlines import ClockEvent, ClockEventKind, Deadline, DeadlineStatus, needs_attention
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.people import YearGroup, key_stage
from schooldp.domain.policies import PolicyDocument
from schooldp.domain.requests import RequestStatus
from schooldp.domain.school import Nation, SchoolProfile
from schooldp.services.breaches.countdown import ClockState, Countdown, countdown
from schooldp.services.breaches.dashboard import chase_deadline, report_deadline
from schooldp.services.breaches.register import report_not_needed
from schooldp.services.consent.dashboard import task_deadline
from schooldp.services.policies.dashboard import review_deadline
from schooldp.services.requests.calendar import CALENDAR_KEY
from schooldp.services.requests.deadline import request_deadline
from schooldp.services.trust import rollup_sql as q
from schooldp.storage.request_models import RequestRow

__all__ = [
    "HORIZON_DAYS",
    "AccessRefused",
    "BreachClock",
    "PurposeCoverage",
    "SchoolFigures",
    "SchoolRef",
    "TrustItem",
    "TrustRollup",
    "catalogue_schools",
    "compute_rollup",
]

HORIZON_DAYS = 7
""""Due this week": the single-school dashboard's look-ahead (services.dashboard.attention)."""

_OPEN_STATUSES = [s.value for s in RequestStatus if s.is_open]
_ANSWER_KINDS = [k.value for k in ConsentEventKind if k.is_answer] + [ConsentEventKind.LAPSED.value]


@dataclass(frozen=True)
class SchoolRef:
    """A school in the trust's catalogue: its code, its name and the schema holding its tables."""

    code: str
    name: str
    schema: str


@dataclass(frozen=True)
class TrustItem:
    """One deadline of one school, with the register it belongs to."""

    school: str  # code
    area: str  # request / breach / policies / consent
    deadline: Deadline
    record_id: int


@dataclass(frozen=True)
class BreachClock:
    """An open breach and where its 72 hours stand, from the facts entered only."""

    school: str
    breach_id: int
    reference: str
    aware_at: datetime
    countdown: Countdown


@dataclass(frozen=True)
class PurposeCoverage:
    """Pupils on roll whose latest answer for a purpose is a consent that still counts."""

    key: str
    title: str
    on_roll: int
    given: int
    not_given: int  # refused, withdrawn, lapsed or run out by the purpose's duration
    unanswered: int  # no answer on record

    @property
    def percent(self) -> int:
        return round(100 * self.given / self.on_roll) if self.on_roll else 0


@dataclass(frozen=True)
class SchoolFigures:
    school: SchoolRef
    pupils_on_roll: int
    items: tuple[TrustItem, ...]  # needing attention, most urgent first
    breaches: tuple[BreachClock, ...]
    open_requests: int
    consent: tuple[PurposeCoverage, ...]
    now: datetime
    problem: str = ""  # why a figure could not be worked out (in plain words)

    def count(self, status: DeadlineStatus, area: str | None = None) -> int:
        return sum(
            1
            for i in self.items
            if i.deadline.status(self.now) is status and (area is None or i.area == area)
        )

    @property
    def overdue(self) -> int:
        return self.count(DeadlineStatus.OVERDUE)

    @property
    def due_this_week(self) -> int:
        return self.count(DeadlineStatus.DUE_TODAY) + self.count(DeadlineStatus.UPCOMING)

    @property
    def overdue_requests(self) -> int:
        return self.count(DeadlineStatus.OVERDUE, "request")

    @property
    def due_requests(self) -> int:
        return self.count(DeadlineStatus.DUE_TODAY, "request") + self.count(
            DeadlineStatus.UPCOMING, "request"
        )

    @property
    def waiting_requests(self) -> int:
        """Open requests whose clock is paused (waiting for ID, authority, a fee or term dates)."""
        return self.count(DeadlineStatus.PAUSED, "request")

    @property
    def breaches_awaiting_report(self) -> int:
        """Open breaches whose ICO report may still be due (running or overdue clocks)."""
        return sum(1 for b in self.breaches if b.countdown.state not in _STOPPED)

    @property
    def consent_given(self) -> int:
        return sum(c.given for c in self.consent)

    @property
    def consent_asked(self) -> int:
        return sum(c.on_roll for c in self.consent)

    @property
    def consent_percent(self) -> int:
        """Across purposes: consents that count / (pupils on roll x purposes)."""
        return round(100 * self.consent_given / self.consent_asked) if self.consent_asked else 0

    @property
    def unanswered(self) -> int:
        return sum(c.unanswered for c in self.consent)


_STOPPED = (ClockState.NOT_NEEDED, ClockState.REPORTED)


@dataclass(frozen=True)
class TrustRollup:
    now: datetime
    schools: tuple[SchoolFigures, ...]

    def school(self, code: str) -> SchoolFigures:
        return next(s for s in self.schools if s.school.code == code)

    @property
    def overdue(self) -> int:
        return sum(s.overdue for s in self.schools)

    @property
    def due_this_week(self) -> int:
        return sum(s.due_this_week for s in self.schools)

    @property
    def open_breaches(self) -> int:
        return sum(len(s.breaches) for s in self.schools)

    @property
    def breaches_awaiting_report(self) -> int:
        return sum(s.breaches_awaiting_report for s in self.schools)

    @property
    def open_requests(self) -> int:
        return sum(s.open_requests for s in self.schools)

    @property
    def pupils_on_roll(self) -> int:
        return sum(s.pupils_on_roll for s in self.schools)

    @property
    def consent_percent(self) -> int:
        asked = sum(s.consent_asked for s in self.schools)
        return round(100 * sum(s.consent_given for s in self.schools) / asked) if asked else 0

    @property
    def breach_clocks(self) -> list[BreachClock]:
        """Every open breach across the trust, the nearest ICO deadline first."""
        clocks = [b for s in self.schools for b in s.breaches]
        return sorted(clocks, key=lambda b: (b.countdown.state in _STOPPED, b.countdown.due))


# --------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------


def catalogue_schools(engine: Engine) -> list[SchoolRef]:
    """The schools the signed-in person may see, by name (the catalogue's row-level security
    shows each person only their own schools, or all of them for the trust role)."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code, name, schema FROM schooldp.schools ORDER BY name, code"))
        return [SchoolRef(r.code, r.name, r.schema) for r in rows]


class AccessRefused(SchoolDPError):
    """The server would not let this person read a school they asked for."""


@contextmanager
def refused_in_plain_words() -> Iterator[None]:
    """The server's "permission denied" (SQLSTATE 42501), said so a headteacher can act on it."""
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) == "42501":
            raise AccessRefused(
                "The trust's server did not let you read one of these schools. Ask the trust's IT "
                "staff to check which schools your login may see."
            ) from exc
        raise


# --------------------------------------------------------------------------------------------
# The computation
# --------------------------------------------------------------------------------------------


@dataclass
class _School:
    ref: SchoolRef
    profile: SchoolProfile
    calendar: SchoolCalendar | None
    on_roll: int
    purposes: list[tuple[str, str, str, int]]  # key, title, duration, pupils it applies to
    items: list[TrustItem] = field(default_factory=list)
    breaches: list[BreachClock] = field(default_factory=list)
    open_requests: int = 0
    answers: list[Row[Any]] = field(default_factory=list)
    problem: str = ""


def compute_rollup(engine: Engine, schools: Sequence[SchoolRef], clock: Clock) -> TrustRollup:
    """The figures for ``schools`` at the clock's "now", in five statements on one connection."""
    now = clock.london_now()
    today = now.date()
    pairs = [(s.code, s.schema) for s in schools]
    params = _params(today)
    with engine.connect() as conn, refused_in_plain_words():
        found = _profiles(conn, schools, pairs, params)
        _requests(found, q.union_rows(conn, q.REQUESTS, pairs, params))
        _breaches(found, q.union_rows(conn, q.BREACHES, pairs, params), now)
        _items(found, q.union_rows(conn, q.ITEMS, pairs, params))
        for row in q.union_rows(conn, q.CONSENT, pairs, params):
            found[row.code].answers.append(row)
        conn.rollback()
    return TrustRollup(now, tuple(_figures(found[s.code], now, today) for s in schools))


def _params(today: date) -> dict[str, Any]:
    return {
        "today": today,
        "calendar_key": CALENDAR_KEY,
        "open_statuses": _OPEN_STATUSES,
        "answer_kinds": _ANSWER_KINDS,
        "key_stage_duration": ConsentDuration.UNTIL_KEY_STAGE_CHANGE.value,
        "until_withdrawn": ConsentDuration.UNTIL_WITHDRAWN.value,
        "given": ConsentEventKind.GIVEN.value,
    }


def _profiles(
    conn: Connection, schools: Sequence[SchoolRef], pairs: list[tuple[str, str]], params: dict[str, Any]
) -> dict[str, _School]:
    refs = {s.code: s for s in schools}
    found: dict[str, _School] = {}
    for row in q.union_rows(conn, q.PROFILES, pairs, params):
        ref = refs[row.code]
        calendar, problem = _calendar(row.calendar)
        if row.nation is None:  # dates then count England's bank holidays, and the page says so
            problem = "The school's profile has not been filled in, so bank holidays are England's."
        profile = SchoolProfile(name=row.name or ref.name, nation=Nation(row.nation or Nation.ENGLAND.value))
        purposes = [(str(k), str(t), str(d), int(n)) for k, t, d, n in (row.purposes or [])]
        found[row.code] = _School(ref, profile, calendar, int(row.on_roll), purposes, problem=problem)
    return found


def _calendar(value: str | None) -> tuple[SchoolCalendar | None, str]:
    if value is None or not value.strip():
        return None, ""
    try:
        return SchoolCalendar.from_json(value), ""
    except ValidationError:
        return None, "The school's term dates could not be read."


def _requests(found: dict[str, _School], rows: Iterable[Row[Any]]) -> None:
    for r in rows:
        school = found[r.code]
        deadline = row_deadline(r, school, None)
        school.open_requests += 1
        school.items.append(TrustItem(school.ref.code, "request", deadline, r.id))


def row_deadline(r: Row[Any], school: _School, met: date | None) -> Deadline:
    """A request's deadline from a roll-up row, by the deadline engine (services.requests.deadline)."""
    row = RequestRow(
        id=r.id,
        reference=r.reference,
        request_type=r.request_type,
        received_on=r.received_on,
        status=r.status,
        extended=r.extended,
    )
    events = [
        ClockEvent(ClockEventKind(kind), date.fromisoformat(asked), date.fromisoformat(got) if got else None)
        for kind, asked, got in (r.events or [])
    ]
    deadline, _, _ = request_deadline(row, events, r.ack, met, school.profile, school.calendar)
    return deadline


def _utc(value: datetime | None) -> datetime | None:
    """Times are stored as naive UTC (storage.breach_models)."""
    return None if value is None else value.replace(tzinfo=UTC)


def _breaches(found: dict[str, _School], rows: Iterable[Row[Any]], now: datetime) -> None:
    for r in rows:
        school = found[r.code]
        aware = _utc(r.aware_at)
        reported = _utc(r.reported_at)
        assert aware is not None
        reason = report_not_needed(
            near_miss=r.conclusion == "not_a_breach", decided_report=r.decided_report, closed_unreported=False
        )
        cd = countdown(aware, now, reported_at=reported, not_needed=reason)
        school.breaches.append(BreachClock(school.ref.code, r.id, r.reference, aware, cd))
        if r.reference_missing and reported is not None:
            deadline = chase_deadline(r.reference, reported)
        elif cd.state in _STOPPED:
            continue
        else:
            deadline = report_deadline(r.reference, cd.due)
        school.items.append(TrustItem(school.ref.code, "breach", deadline, r.id))


def _items(found: dict[str, _School], rows: Iterable[Row[Any]]) -> None:
    for r in rows:
        school = found[r.code]
        deadline: Deadline | None
        if r.area == "policies":
            doc = PolicyDocument(
                title=r.title,
                approved_on=r.approved_on,
                review_months=r.review_months,
                next_review=r.next_review,
                id=r.id,
            )
            deadline = review_deadline(doc)
        else:
            deadline = task_deadline(r.id, r.due_on, r.title)
        if deadline is not None:
            school.items.append(TrustItem(school.ref.code, r.area, deadline, r.id))


def _figures(school: _School, now: datetime, today: date) -> SchoolFigures:
    by_deadline = {id(i.deadline): i for i in school.items}
    ordered = [
        by_deadline[id(d)] for d in needs_attention(now, [i.deadline for i in school.items], HORIZON_DAYS)
    ]
    return SchoolFigures(
        school=school.ref,
        pupils_on_roll=school.on_roll,
        items=tuple(ordered),
        breaches=tuple(sorted(school.breaches, key=lambda b: b.countdown.due)),
        open_requests=school.open_requests,
        consent=tuple(_coverage(school, today)),
        now=now,
        problem=school.problem,
    )


def _coverage(school: _School, today: date) -> list[PurposeCoverage]:
    """Per purpose, of the pupils on roll it applies to: consent that counts, other answers, none.

    A parent's answer for a pupil who has reached the age consent passes to them is no answer
    from the person who now decides, so it counts as unanswered (domain.consent.derivation)."""
    given: dict[str, int] = {}
    answered: dict[str, int] = {}
    durations = {key: ConsentDuration(duration) for key, _, duration, _ in school.purposes}
    this_year = school_year_start(today)
    for r in school.answers:
        if r.handed_over:
            continue
        answered[r.purpose_key] = answered.get(r.purpose_key, 0) + r.pupils
        if r.kind == ConsentEventKind.GIVEN.value and _still_counts(durations[r.purpose_key], r, this_year):
            given[r.purpose_key] = given.get(r.purpose_key, 0) + r.pupils
    return [
        PurposeCoverage(
            key,
            title,
            applies_to,
            given.get(key, 0),
            answered.get(key, 0) - given.get(key, 0),
            applies_to - answered.get(key, 0),
        )
        for key, title, _, applies_to in school.purposes
    ]


def _still_counts(duration: ConsentDuration, r: Row[Any], this_year: date) -> bool:
    """A consent given still counts by the purpose's duration (domain.consent.derivation)."""
    if duration is ConsentDuration.UNTIL_WITHDRAWN:
        return True
    years_ago = this_year.year - school_year_start(r.answer_year).year
    if duration is ConsentDuration.EACH_SCHOOL_YEAR:
        return years_ago == 0  # answers for an earlier school year lapse on 1 September
    if r.now_year is None:
        return False
    now_year = YearGroup(r.now_year)
    then = YearGroup(r.then_year) if r.then_year else now_year.shifted(-years_ago)
    return then is not None and key_stage(then) is key_stage(now_year)
