"""A trust's server filled with made-up schools, for the roll-up's tests, bench and screenshots.

Each school is built as the trust's administration would (the school file's own migrations run
in ``school_<code>``, a row in the catalogue) and then filled by bulk inserts into the same
tables the services write, with the values the services would store (enum values, naive UTC
times, the default consent purposes). Nothing here is real: names are invented.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, create_engine, insert, text
from sqlalchemy.engine import URL

from schooldp.domain.calendar import SchoolCalendar, Term
from schooldp.domain.consent import ConsentEventKind, default_purposes
from schooldp.domain.consent.school_year import school_year_start
from schooldp.domain.people import YearGroup
from schooldp.domain.school import Nation, SchoolProfile, SchoolType
from schooldp.services.consent.rows import purpose_to_row
from schooldp.services.requests.calendar import CALENDAR_KEY
from schooldp.services.trust import admin
from schooldp.services.trust.rollup import SchoolRef
from schooldp.storage.breach_models import BreachDecisionRow, BreachIcoReportRow, BreachRow
from schooldp.storage.consent_models import ConsentEventRow, ConsentPurposeRow, ConsentTaskRow
from schooldp.storage.models import Meta
from schooldp.storage.people_models import PupilRow
from schooldp.storage.policies_models import PolicyDocumentRow
from schooldp.storage.request_models import RequestClockRow, RequestRow
from schooldp.storage.server.conninfo import school_schema

__all__ = [
    "SCHOOL_NAMES",
    "SchoolWriter",
    "add_school",
    "seed_trust",
    "term_calendar",
    "writer",
]

SCHOOL_NAMES = (
    "Alsager Highfields Primary", "Ashbourne Hilltop Primary", "Brookside Academy",
    "Cherry Tree Infants", "Church Lawton Primary", "Daven Primary", "Elworth Hall Primary",
    "Excalibur Primary", "Haslington Primary", "Hungerford Primary", "Kidsgrove Juniors",
    "Lakelands Academy", "Millfields Primary", "Oakfield Academy", "Pikemere Primary",
    "Rode Heath Primary", "Sandbach Heath Academy", "Smallwood Primary", "Wheelock Primary",
    "Woodfield Primary", "Wybunbury Delves", "Brereton Primary",
)  # fmt: skip

_FIRST = ("Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Zain")
_LAST = ("Adams", "Begum", "Clarke", "Davies", "Evans", "Khan", "Lewis", "Patel", "Smith", "Wood")
_YEARS = (YearGroup.RECEPTION, *(YearGroup(f"Y{n}") for n in range(1, 7)))


def add_school(url: URL, code: str, name: str, nation: Nation = Nation.ENGLAND) -> SchoolRef:
    """A school as the trust's IT staff add one (``schooldp-admin add-school``): its roles, its
    schema built by the school file's migrations, row-level security, profile and catalogue
    row. The trust must have been set up (``admin.init``)."""
    admin.add_school(url, code, SchoolProfile(name=name, nation=nation, school_type=SchoolType.ACADEMY))
    return SchoolRef(code, name, school_schema(code))


def writer(conn: Connection, school: SchoolRef) -> SchoolWriter:
    """Bulk inserts into a school added by `add_school`, starting with the default purposes (a
    school file seeds them the first time its consent register opens)."""
    w = SchoolWriter(conn, school)
    rows = []
    for i, purpose in enumerate(default_purposes()):
        row = ConsentPurposeRow(key=purpose.key, position=i * 10)
        purpose_to_row(purpose, row)
        rows.append(_columns(row) | {"updated_at": datetime(2026, 9, 1)})
    w.insert(ConsentPurposeRow, rows)
    return w


def _columns(row: Any) -> dict[str, Any]:
    """Every column of a transient row (the same keys in every row of one bulk insert)."""
    table: Table = row.__table__
    return {c.key: getattr(row, c.key) for c in table.columns}


def _naive(moment: datetime) -> datetime:
    """Times are stored as naive UTC, as the services store them."""
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass
class SchoolWriter:
    """Bulk inserts into one school's tables (the models' own tables, in the school's schema)."""

    conn: Connection
    school: SchoolRef

    def insert(self, model: Any, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self.conn.execute(
                insert(model.__table__),
                list(rows),
                execution_options={"schema_translate_map": {None: self.school.schema}},
            )

    def calendar(self, calendar: SchoolCalendar) -> None:
        self.insert(Meta, [{"key": CALENDAR_KEY, "value": calendar.to_json()}])

    def pupils(self, rows: Sequence[tuple[int, YearGroup, date | None]], today: date) -> None:
        """(id, year group, leaving date) each; names and birthdays made up to match the year."""
        self.insert(
            PupilRow,
            [
                {
                    "id": pid,
                    "upn": f"S{pid:012d}",
                    "legal_first_name": _FIRST[pid % len(_FIRST)],
                    "legal_last_name": _LAST[pid % len(_LAST)],
                    "date_of_birth": _birthday(year, today, pid),
                    "year_group": year.value,
                    "leaving_date": leaving,
                    "updated_at": datetime(2026, 9, 1),
                }
                for pid, year, leaving in rows
            ],
        )

    def consent(self, rows: Sequence[tuple[int, str, ConsentEventKind, date]]) -> None:
        """(pupil id, purpose key, kind, effective date): answers from a parent, on paper."""
        self.insert(
            ConsentEventRow,
            [
                {
                    "purpose_key": key,
                    "pupil_id": pid,
                    "kind": kind.value,
                    "contact_id": None if kind is ConsentEventKind.ASKED else pid,
                    "method": "paper_form",
                    "effective_date": day,
                    "recorded_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=9),
                    "recorded_by_name": "School office",
                }
                for pid, key, kind, day in rows
            ],
        )

    def request(
        self,
        rid: int,
        request_type: str,
        received_on: date,
        status: str,
        *,
        waiting_since: date | None = None,
    ) -> None:
        """A request from a parent about their child; optionally waiting for ID since a day."""
        ended = received_on + timedelta(days=20) if status in ("responded", "closed") else None
        self.insert(
            RequestRow,
            [
                {
                    "id": rid,
                    "reference": f"SAR-{received_on.year}-{rid:03d}",
                    "request_type": request_type,
                    "channel": "email",
                    "received_on": received_on,
                    "status": status,
                    "requester_name": "A parent",
                    "relationship": "parent_carer",
                    "subject_kind": "pupil",
                    "subject_name": "A pupil",
                    "ended_on": ended,
                    "closed_on": ended if status == "closed" else None,
                    "created_at": datetime.combine(received_on, datetime.min.time()),
                }
            ],
        )
        if waiting_since is not None:
            self.insert(RequestClockRow, [_clock_row(rid, waiting_since)])

    def breach(
        self,
        bid: int,
        aware_at: datetime,
        *,
        decided_report: bool | None = None,
        reported_at: datetime | None = None,
        closed: bool = False,
    ) -> None:
        """A breach with only the facts given: a decision and an ICO report when passed."""
        reference = f"BR-{aware_at.year}-{bid:03d}"
        self.insert(
            BreachRow,
            [
                {
                    "id": bid,
                    "reference": reference,
                    "title": "Email sent to the wrong parent",
                    "aware_at": _naive(aware_at),
                    "status": "closed" if closed else "open",
                    "created_at": _naive(aware_at),
                }
            ],
        )
        if decided_report is not None:
            self.insert(BreachDecisionRow, [_decision_row(bid, aware_at, decided_report)])
        if reported_at is not None:
            self.insert(BreachIcoReportRow, [_report_row(bid, reported_at)])

    def policy(self, pid: int, title: str, approved_on: date, review_months: int = 12) -> None:
        self.insert(
            PolicyDocumentRow,
            [
                {
                    "id": pid,
                    "title": title,
                    "approved_by": "Governing board",
                    "approved_on": approved_on,
                    "review_months": review_months,
                    "updated_at": datetime.combine(approved_on, datetime.min.time()),
                }
            ],
        )

    def consent_task(self, tid: int, pupil_id: int, due_on: date) -> None:
        self.insert(
            ConsentTaskRow,
            [
                {
                    "id": tid,
                    "event_id": 0,
                    "pupil_id": pupil_id,
                    "purpose_key": "photos_online",
                    "task_key": "remove_photos",
                    "title": "Take the pupil's photos off the website",
                    "created_on": due_on - timedelta(days=14),
                    "due_on": due_on,
                }
            ],
        )


def _clock_row(rid: int, asked: date) -> dict[str, Any]:
    return {"request_id": rid, "kind": "id_awaited", "asked_on": asked, "at": datetime(2026, 1, 1)}


def _decision_row(bid: int, aware_at: datetime, report: bool) -> dict[str, Any]:
    return {
        "breach_id": bid,
        "decided_at": _naive(aware_at + timedelta(hours=20)),
        "facts_json": "{}",
        "severity": 2.0 if report else 0.5,
        "band": "medium" if report else "low",
        "likelihood": "possible" if report else "unlikely",
        "recommended_ico": report,
        "recommended_tell": False,
        "report_to_ico": report,
        "tell_individuals": False,
        "ico_reason": "Decided by the DPO",
    }


def _report_row(bid: int, reported_at: datetime) -> dict[str, Any]:
    return {
        "breach_id": bid,
        "kind": "initial",
        "submitted_at": _naive(reported_at),
        "recorded_at": _naive(reported_at),
        "ico_reference": "IC-123456-A1B2",
        "method": "online_form",
        "made_by": "The DPO",
    }


def _birthday(year: YearGroup, today: date, pid: int) -> date:
    age_on_1_sept = 4 + _YEARS.index(year) if year in _YEARS else 8
    start = school_year_start(today)
    return date(start.year - age_on_1_sept - 1, 9, 1) + timedelta(days=pid % 365)


def term_calendar(today: date, nation: Nation = Nation.ENGLAND) -> SchoolCalendar:
    """This school year's three terms (made up, as a local authority publishes them)."""
    y = school_year_start(today).year
    return SchoolCalendar(
        terms=(
            Term("Autumn", date(y, 9, 3), date(y, 12, 18)),
            Term("Spring", date(y + 1, 1, 5), date(y + 1, 3, 26)),
            Term("Summer", date(y + 1, 4, 13), date(y + 1, 7, 22)),
        ),
        nation=nation,
    )


# --------------------------------------------------------------------------------------------
# A whole trust
# --------------------------------------------------------------------------------------------


def seed_trust(url: URL, schools: int, pupils: int, now: datetime, seed: int = 2026) -> list[SchoolRef]:
    """``schools`` schools of ``pupils`` pupils each, with a year's worth of registers, on the
    database at ``url`` (a superuser's URL, as the administration command needs)."""
    rng = random.Random(seed)
    admin.init(url)
    refs = []
    engine = create_engine(url)
    try:
        for n in range(schools):
            name = SCHOOL_NAMES[n % len(SCHOOL_NAMES)] + ("" if n < len(SCHOOL_NAMES) else f" {n}")
            ref = add_school(url, f"s{n + 1:02d}", name)
            with engine.begin() as conn:
                _fill_school(writer(conn, ref), pupils, now, rng)
            refs.append(ref)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    finally:
        engine.dispose()
    return refs


def _fill_school(w: SchoolWriter, pupils: int, now: datetime, rng: random.Random) -> None:
    today = now.date()
    w.calendar(term_calendar(today))
    roll = [
        (i, _YEARS[i % len(_YEARS)], None if rng.random() > 0.03 else today - timedelta(days=40))
        for i in range(1, pupils + 1)
    ]
    w.pupils(roll, today)
    w.consent(_consent_history(roll, today, rng))
    for rid in range(1, 31):
        received = today - timedelta(days=rng.randint(0, 330))
        open_ = received > today - timedelta(days=40)
        status = rng.choice(("received", "in_progress", "awaiting_id")) if open_ else "closed"
        kind = rng.choice(("subject_access", "subject_access", "educational_record", "erasure"))
        waiting = received + timedelta(days=2) if status == "awaiting_id" else None
        w.request(rid, kind, received, status, waiting_since=waiting)
    for bid in range(1, rng.randint(3, 8)):  # closed breaches of the past months
        aware = now - timedelta(days=rng.randint(10, 300))
        decided = rng.random() < 0.3
        reported = aware + timedelta(hours=rng.randint(10, 60)) if decided else None
        w.breach(bid, aware, decided_report=decided, reported_at=reported, closed=True)
    for bid in range(20, 20 + rng.choice((0, 0, 1, 1, 2))):  # open ones, some still in their 72 hours
        aware = now - timedelta(hours=rng.randint(3, 100))
        decided_now: bool | None = rng.choice((True, False, None))
        w.breach(bid, aware, decided_report=decided_now)
    for pid, title in enumerate(("Data protection policy", "Records retention schedule", "CCTV policy"), 1):
        w.policy(pid, title, today - timedelta(days=rng.randint(200, 400)))
    for tid in range(1, rng.randint(1, 4)):
        w.consent_task(tid, tid, today + timedelta(days=rng.randint(-5, 10)))


def _consent_history(
    roll: Sequence[tuple[int, YearGroup, date | None]], today: date, rng: random.Random
) -> list[tuple[int, str, ConsentEventKind, date]]:
    """Forms sent at the start of the year; most come back, most say yes, a few change their mind."""
    start = school_year_start(today)
    sent = start + timedelta(days=6)
    silent = rng.uniform(0.02, 0.25)  # schools differ in how many forms come back
    yes = rng.uniform(0.75, 0.95)
    rows: list[tuple[int, str, ConsentEventKind, date]] = []
    for pid, _, _ in roll:
        for purpose in default_purposes():
            rows.append((pid, purpose.key, ConsentEventKind.ASKED, sent))
            if rng.random() < silent:
                continue  # no answer yet
            answer = ConsentEventKind.GIVEN if rng.random() < yes else ConsentEventKind.REFUSED
            rows.append((pid, purpose.key, answer, sent + timedelta(days=rng.randint(1, 20))))
            if answer is ConsentEventKind.GIVEN and rng.random() < 0.02:
                rows.append((pid, purpose.key, ConsentEventKind.WITHDRAWN, sent + timedelta(days=40)))
    return [r for r in rows if r[3] <= today]
