"""Retention: the schedule from the record, the disposal log with its certificate kept in the
vault, and SchoolDP's own retention: leavers' consent records past the school's period are offered
for review and deleted in one audited transaction whose entry holds no name."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from schooldp.domain.clock import FrozenClock
from schooldp.domain.consent import ConsentEventKind
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil, YearGroup, upn_check_letter
from schooldp.services.consent import ConsentService
from schooldp.services.dashboard import attention
from schooldp.services.people import PeopleService
from schooldp.services.records import RecordsService, Retention
from schooldp.services.retention import Disposal, DisposalMethod, OwnKind, RetentionService
from schooldp.storage.consent_models import ConsentEventRow, ConsentTaskRow

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

TODAY = date(2026, 11, 2)
NAMES = ("Amelia", "Brown", "Kai", "Reid", "Zoë", "Nowak", "Ola", "Stone")


def upn(n: int) -> str:
    body = f"82012345{n:03d}1"
    return upn_check_letter(body) + body


@pytest.fixture
def leavers(school):
    """Two pupils who left in July 2024, one who left in July 2026, one still on roll; all with consents."""
    school.clock = FrozenClock(datetime(2026, 3, 10, 10, 0, tzinfo=UTC))
    people = PeopleService(school, today=date(2026, 3, 10))
    consent = ConsentService(school, people)
    pupils = [
        people.add_pupil(Pupil(upn(1), "Amelia", "Brown", date(2010, 5, 4), YearGroup.Y11, "11B")),
        people.add_pupil(Pupil(upn(2), "Kai", "Reid", date(2010, 11, 2), YearGroup.Y11, "11B")),
        people.add_pupil(Pupil(upn(3), "Zoë", "Nowak", date(2010, 9, 20), YearGroup.Y11, "11B")),
        people.add_pupil(Pupil(upn(4), "Ola", "Stone", date(2016, 9, 20), YearGroup.Y4, "4B")),
    ]
    for p in pupils:
        consent.record(
            p.id, "photos_online", ConsentEventKind.ASKED, effective=date(2024, 3, 1), today=date(2026, 3, 10)
        )
        consent.record(
            p.id,
            "photos_in_school",
            ConsentEventKind.ASKED,
            effective=date(2024, 3, 1),
            today=date(2026, 3, 10),
        )
    people.mark_leavers([pupils[0].id, pupils[1].id], date(2024, 7, 19))
    people.mark_leavers([pupils[2].id], date(2026, 7, 17))
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    return school, pupils


def test_purge_offers_exactly_the_leavers_past_retention_and_audits_no_name(leavers) -> None:
    school, pupils = leavers
    service = RetentionService(school)
    assert service.due_for_deletion(OwnKind.LEAVER_CONSENTS) == []  # not set: nothing offered
    service.set_own_rule(OwnKind.LEAVER_CONSENTS, 24)
    due = service.due_for_deletion(OwnKind.LEAVER_CONSENTS)
    assert {c.record_id for c in due} == {pupils[0].id, pupils[1].id}
    assert [c.label for c in due] == ["Brown, Amelia", "Reid, Kai"]
    assert all(c.entries == 2 for c in due)

    with pytest.raises(ValidationError, match="not due"):
        service.purge(OwnKind.LEAVER_CONSENTS, [pupils[0].id, pupils[2].id])
    before = len(school.activity())
    assert service.purge(OwnKind.LEAVER_CONSENTS, [c.record_id for c in due]) == 2

    with school.read() as s:
        left = set(s.scalars(select(ConsentEventRow.pupil_id)))
        tasks = s.scalar(
            select(func.count())
            .select_from(ConsentTaskRow)
            .where(ConsentTaskRow.pupil_id.in_([pupils[0].id, pupils[1].id]))
        )
    assert left == {pupils[2].id, pupils[3].id} and tasks == 0
    new = school.activity()[: len(school.activity()) - before]
    assert [e.action for e in new] == ["retention.purged"]  # one transaction, one entry
    entry = new[0]
    assert entry.summary.startswith("Deleted 2 leavers' consent records (4 entries)")
    assert entry.entity_id == "leaver_consents"
    assert not any(n in entry.summary for n in NAMES)
    assert school.verify_activity().ok
    assert service.due_for_deletion(OwnKind.LEAVER_CONSENTS) == []


def test_schedule_disposal_log_and_certificate(school, tmp_path) -> None:
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    records = RecordsService(school)
    records.adopt_starter()
    cctv = next(a for a in records.activities() if a.key == "cctv")
    records.update_activity(
        replace(cctv, retention=Retention("Date of recording", "1 month", "School schedule"))
    )
    service = RetentionService(school)
    entry = next(e for e in service.schedule() if e.activity_key == "cctv")
    assert entry.rule_text == "1 month from date of recording" and entry.review_due == TODAY
    assert next(e for e in service.schedule() if e.activity_key == "send").review_due is None

    with pytest.raises(ValidationError, match="Name the contractor"):
        service.log_disposal(
            Disposal("Paper files", "cctv", "2 boxes", DisposalMethod.CONTRACTOR, TODAY, "Site manager")
        )
    d = service.log_disposal(
        Disposal(
            "Old recordings",
            "cctv",
            "One recorder disk",
            DisposalMethod.CONTRACTOR,
            TODAY,
            "Site manager",
            "Shred-it Ltd",
        )
    )
    assert service.disposals()[0].certificate_missing
    labels = [i.deadline.label for i in attention(school, horizon_days=40).items if i.area == "retention"]
    assert "Keep the destruction certificate from Shred-it Ltd" in labels
    assert "Disposal review due: CCTV" not in labels  # disposed of today: next review in a year
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(b"%PDF-1.4 certificate")
    service.attach_certificate(d.id, cert)
    assert not service.disposals()[0].certificate_missing
    out = service.save_certificate(d.id, tmp_path / "copy.pdf")
    assert out.read_bytes() == b"%PDF-1.4 certificate"
    entry = next(e for e in service.schedule() if e.activity_key == "cctv")
    assert entry.last_disposed_on == TODAY and entry.review_due == date(2027, 11, 2)
    exported = service.export(tmp_path / "retention.csv").read_text(encoding="utf-8-sig")
    assert "1 month from date of recording" in exported and "Shred-it Ltd" in exported


def test_purge_of_closed_cases_and_letters_on_the_demo_school(tmp_path) -> None:
    """Closed breaches, closed requests and issued letters: each kind offers only what is past its
    period, deletes the case with all its parts, and the audit entry counts without naming."""
    from schooldp.demo import create_demo_school
    from schooldp.storage.breach_models import BreachRow, BreachStepRow
    from schooldp.storage.models import LetterRow
    from schooldp.storage.request_models import RequestRow, RequestStatusRow

    today = date(2026, 11, 22)
    session, _ = create_demo_school(tmp_path / "demo", today=today)
    session.clock = FrozenClock(datetime(2031, 11, 22, 10, 0, tzinfo=UTC))  # five years on
    try:
        service = RetentionService(session)
        for kind, model in ((OwnKind.CLOSED_BREACHES, BreachRow), (OwnKind.CLOSED_REQUESTS, RequestRow)):
            service.set_own_rule(kind, 36)
            due = service.due_for_deletion(kind)
            with session.read() as s:
                total = s.scalar(select(func.count()).select_from(model))
            assert 0 < len(due) < total, kind  # open cases are never offered
            assert service.purge(kind, [c.record_id for c in due]) == len(due)
            assert service.due_for_deletion(kind) == []
            with session.read() as s:
                assert s.scalar(select(func.count()).select_from(model)) == total - len(due)
        with session.read() as s:
            kept_breaches = set(s.scalars(select(BreachRow.id)))
            assert set(s.scalars(select(BreachStepRow.breach_id))) <= kept_breaches
            kept_requests = set(s.scalars(select(RequestRow.id)))
            assert set(s.scalars(select(RequestStatusRow.request_id))) <= kept_requests
        service.set_own_rule(OwnKind.ISSUED_LETTERS, 12)
        letters = service.due_for_deletion(OwnKind.ISSUED_LETTERS)
        assert letters
        service.purge(OwnKind.ISSUED_LETTERS, [c.record_id for c in letters])
        with session.read() as s:
            assert s.scalar(select(func.count()).select_from(LetterRow)) == 0
        purged = [e for e in session.activity() if e.action == "retention.purged"]
        assert len(purged) == 3 and all(e.summary.startswith("Deleted ") for e in purged)
        assert session.verify_activity().ok
    finally:
        session.close(backup=False)
