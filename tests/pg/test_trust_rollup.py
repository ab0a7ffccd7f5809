"""The trust roll-up on a real PostgreSQL server: three small schools made by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from schooldp.demo.trust import add_school, term_calendar, writer
from schooldp.domain.clock import LONDON, FrozenClock
from schooldp.domain.consent import ConsentEventKind
from schooldp.domain.deadlines import DeadlineStatus
from schooldp.domain.people import YearGroup
from schooldp.services.breaches.countdown import ClockState
from schooldp.services.trust import admin
from schooldp.services.trust.rollup import catalogue_schools, compute_rollup
from schooldp.storage.server.engine import make_engine
from tests.pg import cluster
from tests.pg.trust import Trust, tear_down

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
TODAY = NOW.date()
SCHOOLS = (("oak", "Oakfield Primary"), ("elm", "Elmwood Academy"), ("ash", "Ashby Infants"))
GIVEN, REFUSED, ASKED = ConsentEventKind.GIVEN, ConsentEventKind.REFUSED, ConsentEventKind.ASKED


def build_three_schools(url) -> None:  # type: ignore[no-untyped-def]
    """Set up with the real admin service, filled as the services would have.

    Oakfield: an overdue request and three pupils (yes, no, no answer) and one who left.
    Elmwood: a breach found 70 hours ago (no decision yet), one decided not reportable, and a
    request still in time. Ashby: a yearly consent given last school year, which has lapsed."""
    admin.init(url)
    refs = {code: add_school(url, code, name) for code, name in SCHOOLS}
    engine = create_engine(url)
    with engine.begin() as conn:
        oak = writer(conn, refs["oak"])
        oak.calendar(term_calendar(TODAY))
        oak.pupils(
            [
                (1, YearGroup.Y3, None),
                (2, YearGroup.Y3, None),
                (3, YearGroup.Y4, None),
                (4, YearGroup.Y5, date(2026, 10, 1)),
            ],
            TODAY,
        )
        oak.consent(
            [
                (1, "photos_in_school", GIVEN, date(2026, 9, 10)),
                (2, "photos_in_school", GIVEN, date(2026, 9, 10)),
                (2, "photos_in_school", REFUSED, date(2026, 10, 2)),  # changed their mind: latest wins
                (3, "photos_in_school", ASKED, date(2026, 9, 7)),  # asked, never answered
                (4, "photos_in_school", GIVEN, date(2026, 9, 10)),  # left the school
            ]
        )
        oak.request(1, "subject_access", date(2026, 9, 14), "in_progress")  # due 14 Oct: overdue

        elm = writer(conn, refs["elm"])
        elm.pupils([(1, YearGroup.Y1, None)], TODAY)
        elm.breach(1, NOW - timedelta(hours=70))
        elm.breach(2, NOW - timedelta(hours=30), decided_report=False)
        elm.breach(
            3,
            NOW - timedelta(days=40),
            decided_report=True,
            reported_at=NOW - timedelta(days=39),
            closed=True,
        )
        elm.request(1, "subject_access", date(2026, 11, 10), "received")  # due 10 Dec

        ash = writer(conn, refs["ash"])
        ash.pupils([(1, YearGroup.Y2, None), (2, YearGroup.Y2, None)], TODAY)
        conn.execute(
            text(
                "UPDATE school_ash.consent_purposes SET duration = 'each_school_year' WHERE key = 'photos_online'"
            )
        )
        ash.consent(
            [
                (1, "photos_online", GIVEN, date(2025, 9, 10)),  # last school year: lapsed on 1 Sep
                (2, "photos_online", GIVEN, date(2026, 9, 10)),
            ]
        )
    engine.dispose()


@pytest.fixture(scope="module")
def trust_db(pg_server):  # type: ignore[no-untyped-def]
    """A database with the three schools, shared by a module's tests (they only read it); the
    trust's roles are dropped with it."""
    url = cluster.new_database(pg_server)
    build_three_schools(url)
    people = Trust(url)
    yield people
    tear_down(pg_server, people)


@pytest.fixture
def trust(trust_db):  # type: ignore[no-untyped-def]
    engine = make_engine(trust_db.url)
    yield engine
    engine.dispose()


def test_the_catalogue_lists_every_school_by_name(trust):
    assert [s.name for s in catalogue_schools(trust)] == [
        "Ashby Infants",
        "Elmwood Academy",
        "Oakfield Primary",
    ]


def test_an_overdue_request_counts_in_its_own_school_only(trust):
    rollup = compute_rollup(trust, catalogue_schools(trust), FrozenClock(NOW))
    oak, elm, ash = rollup.school("oak"), rollup.school("elm"), rollup.school("ash")
    assert (oak.open_requests, oak.overdue_requests) == (1, 1)
    assert oak.items[0].deadline.due == date(2026, 10, 14)
    assert oak.items[0].deadline.status(NOW) is DeadlineStatus.OVERDUE
    assert (elm.open_requests, elm.overdue_requests, elm.due_requests) == (1, 0, 0)
    assert ash.open_requests == 0 and ash.overdue == 0
    assert rollup.open_requests == 2


def test_a_breach_at_70_hours_shows_two_hours_left_and_only_the_facts_entered(trust):
    rollup = compute_rollup(trust, catalogue_schools(trust), FrozenClock(NOW))
    elm = rollup.school("elm")
    # nearest ICO deadline first; the closed breach is not listed
    assert [b.reference for b in elm.breaches] == ["BR-2026-001", "BR-2026-002"]
    found = {b.reference: b.countdown for b in elm.breaches}
    running = found["BR-2026-001"]
    assert running.state is ClockState.RED
    assert running.due == NOW + timedelta(hours=2)
    assert "2 h 0 min left to report to the ICO" in running.text
    assert found["BR-2026-002"].state is ClockState.NOT_NEEDED
    assert "Not reportable (DPO's decision)" in found["BR-2026-002"].text
    assert elm.breaches_awaiting_report == 1
    # the ICO report is one of the school's items due this week, as on its own dashboard
    breach_items = [i for i in elm.items if i.area == "breach"]
    assert [i.deadline.ref for i in breach_items] == ["BR-2026-001"]
    assert breach_items[0].deadline.status(NOW) is DeadlineStatus.DUE_TODAY
    assert rollup.school("oak").breaches == () and rollup.breaches_awaiting_report == 1


def test_consent_coverage_counts_the_latest_answer_of_pupils_on_roll(trust):
    rollup = compute_rollup(trust, catalogue_schools(trust), FrozenClock(NOW))
    photos = {c.key: c for c in rollup.school("oak").consent}["photos_in_school"]
    assert (photos.on_roll, photos.given, photos.not_given, photos.unanswered) == (3, 1, 1, 1)
    assert photos.percent == 33
    online = {c.key: c for c in rollup.school("ash").consent}["photos_online"]
    assert (online.given, online.not_given, online.unanswered) == (1, 1, 0)  # last year's lapsed


def test_a_filter_to_some_schools_reads_only_those(trust):
    chosen = [s for s in catalogue_schools(trust) if s.code == "elm"]
    rollup = compute_rollup(trust, chosen, FrozenClock(NOW))
    assert [s.school.code for s in rollup.schools] == ["elm"]
    assert rollup.open_breaches == 2 and rollup.open_requests == 1


def test_a_purpose_that_applies_from_13_does_not_count_younger_pupils(trust):
    rollup = compute_rollup(trust, catalogue_schools(trust), FrozenClock(NOW))
    youth = {c.key: c for c in rollup.school("oak").consent}["youth_support_services"]
    assert (youth.on_roll, youth.given, youth.unanswered, youth.percent) == (0, 0, 0, 0)


def test_the_annual_report_has_a_summary_and_a_page_per_school(trust):
    import io

    from pypdf import PdfReader

    from schooldp.services.trust.annual import TrustDashboardService

    service = TrustDashboardService(trust, FrozenClock(NOW), "Alsager Multi Academy Trust")
    pdf = service.annual_report("Priya Raman, Trust DPO", (date(2025, 9, 1), date(2026, 8, 31)))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 4
    assert "Data protection annual report: Alsager Multi Academy Trust" in pages[0]
    assert "3 schools, 6 pupils on roll" in pages[0]
    names = ["Ashby Infants", "Elmwood Academy", "Oakfield Primary"]
    for name, page in zip(names, pages[1:], strict=True):
        assert f"{name} 1 September 2025 to 31 August 2026" in page
    assert "BR-2026-001: 2 h 0 min left to report to the ICO" in pages[2]
    assert "BR-2026-002: Not reportable (DPO's decision)" in pages[2]
    assert "Overdue on that day 1 item" in pages[3]


def test_a_trust_dpo_sees_every_school_and_a_school_dpo_only_theirs(trust_db):
    from schooldp.services.trust.rollup import AccessRefused

    trust_db.add_person("priya", trust=True)
    trust_db.add_person("olu", school="oak", role="dpo")
    priya, olu = trust_db.engine("priya"), trust_db.engine("olu")
    clock = FrozenClock(NOW)

    everyone = compute_rollup(priya, catalogue_schools(priya), clock)
    assert [s.school.code for s in everyone.schools] == ["ash", "elm", "oak"]
    assert everyone.school("elm").breaches_awaiting_report == 1
    assert everyone.school("oak").overdue_requests == 1

    theirs = catalogue_schools(olu)
    assert [s.code for s in theirs] == ["oak"]
    own = compute_rollup(olu, theirs, clock)
    assert own.school("oak").overdue_requests == 1
    assert own.school("oak").pupils_on_roll == 3
    elm = [s for s in catalogue_schools(priya) if s.code == "elm"]
    with pytest.raises(AccessRefused, match="did not let you read one of these schools"):
        compute_rollup(olu, elm, clock)  # the server refuses, whatever the program asks


def test_consent_coverage_agrees_with_the_school_consent_register(pg_server):
    """The roll-up's SQL against the consent register's own derivation, on a generated school."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from schooldp.demo.trust import seed_trust
    from schooldp.services.consent.matrix import build_matrix
    from schooldp.services.consent.rows import event_from_row, purpose_from_row
    from schooldp.services.people.rows import on_roll_clause, pupil_from_row
    from schooldp.storage.consent_models import ConsentEventRow, ConsentPurposeRow
    from schooldp.storage.people_models import PupilRow

    url = cluster.new_database(pg_server)
    engine = make_engine(url)
    try:
        refs = seed_trust(url, 1, 400, NOW, seed=7)
        figures = compute_rollup(engine, refs, FrozenClock(NOW)).schools[0]
        school = engine.execution_options(schema_translate_map={None: refs[0].schema})
        with Session(school) as s:
            pupils = [pupil_from_row(r) for r in s.scalars(select(PupilRow).where(on_roll_clause(TODAY)))]
            purposes = [
                purpose_from_row(r)
                for r in s.scalars(select(ConsentPurposeRow).order_by(ConsentPurposeRow.position))
            ]
            events: dict[int, list] = {}  # type: ignore[type-arg]
            for row in s.scalars(select(ConsentEventRow)):
                events.setdefault(row.pupil_id, []).append(event_from_row(row))
        register = build_matrix(pupils, purposes, events, TODAY).coverage
        for c in figures.consent:
            own = register[c.key]
            assert c.on_roll == own.total - own.not_applicable, c.key
            assert c.given == own.given, c.key
            assert c.not_given == own.refused + own.withdrawn, c.key
            assert c.unanswered == own.outstanding, c.key
        assert sum(c.given for c in figures.consent) > 0
    finally:
        engine.dispose()
        tear_down(pg_server, Trust(url))
