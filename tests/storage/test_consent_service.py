"""ConsentService on a real encrypted school file: history, tasks, renewal, coverage, printables."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from schooldp.documents import consent_form, consent_withdrawal
from schooldp.documents.consent_class_list import render as render_class_list
from schooldp.domain.consent import (
    ConsentDuration,
    ConsentEventKind,
    ConsentMethod,
    ConsentState,
    custom_purpose,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Contact, Pupil, YearGroup, upn_check_letter
from schooldp.services.consent import Answer, ConsentService
from schooldp.services.letters import LetterService
from schooldp.services.people import PeopleService
from schooldp.storage.consent_models import ConsentEventRow

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

K = ConsentEventKind
TODAY = date(2026, 3, 10)


def upn(n: int) -> str:
    body = f"82012345{n:03d}1"
    return upn_check_letter(body) + body


def _text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def register(school):
    people = PeopleService(school, today=TODAY)
    amelia = people.add_pupil(Pupil(upn(1), "Amelia", "Brown", date(2016, 5, 4), YearGroup.Y4, "4B"))
    zoe = people.add_pupil(Pupil(upn(2), "Zoë", "Nowak", date(2016, 9, 20), YearGroup.Y4, "4B"))
    sixth = people.add_pupil(Pupil(upn(3), "Kai", "Reid", date(2007, 11, 2), YearGroup.Y13, "13R"))
    mum = people.add_contact(
        Contact("Sarah", "Brown", title="Mrs", address_lines=("4 Elm Road", "Ashby"), postcode="LE65 1AA"),
        amelia.id,
        "Mother",
        True,
        True,
        1,
    )
    childminder = people.add_contact(Contact("Jo", "Minder"), amelia.id, "Childminder", False, False, 3)
    return school, people, amelia, zoe, sixth, mum, childminder


def test_defaults_are_seeded_once_and_history_is_append_only(register) -> None:
    school, people, amelia, _zoe, _sixth, mum, _cm = register
    svc = ConsentService(school, people)
    keys = [p.key for p in svc.purposes()]
    assert keys[:3] == ["photos_in_school", "photos_outside_school", "photos_online"]
    assert len(svc.purposes()) == 5
    assert svc.status(amelia.id, "photos_online", TODAY).state is ConsentState.NOT_ASKED

    svc.record(amelia.id, "photos_online", K.ASKED, effective=date(2026, 3, 1), today=TODAY)
    assert svc.status(amelia.id, "photos_online", TODAY).state is ConsentState.AWAITING_REPLY
    svc.record(
        amelia.id, "photos_online", K.GIVEN, contact_id=mum.id, effective=date(2026, 3, 5), today=TODAY
    )
    assert svc.status(amelia.id, "photos_online", TODAY).state is ConsentState.GIVEN
    result = svc.record(
        amelia.id,
        "photos_online",
        K.WITHDRAWN,
        contact_id=mum.id,
        method=ConsentMethod.VERBAL,
        evidence_note="Phoned the office",
        today=TODAY,
    )
    assert svc.status(amelia.id, "photos_online", TODAY).state is ConsentState.WITHDRAWN
    assert {t.task_key for t in result.tasks} >= {"remove_website", "remove_social_media", "confirm_letter"}
    assert all(t.due_on >= TODAY for t in result.tasks)

    history = svc.history(amelia.id)
    assert [h.event.kind for h in history] == [K.WITHDRAWN, K.GIVEN, K.ASKED]
    assert history[0].given_by == "Sarah Brown (Mother)"
    assert history[0].recorded_by == "Priya Raman"
    assert history[0].event.evidence_note == "Phoned the office"
    assert history[0].event.method is ConsentMethod.VERBAL
    with school.read() as s:
        assert s.query(ConsentEventRow).count() == 3
    actions = [e.action for e in school.activity()]
    assert "consent.recorded" in actions and "consent.purposes_seeded" in actions
    assert not any("Amelia" in e.summary or "Brown" in e.summary for e in school.activity())


def test_validations_a_headteacher_understands(register) -> None:
    school, people, amelia, zoe, sixth, mum, childminder = register
    svc = ConsentService(school, people)
    with pytest.raises(ValidationError, match="parental responsibility"):
        svc.record(amelia.id, "photos_in_school", K.GIVEN, contact_id=childminder.id, today=TODAY)
    with pytest.raises(ValidationError, match="not a contact of this pupil"):
        svc.record(zoe.id, "photos_in_school", K.GIVEN, contact_id=mum.id, today=TODAY)
    with pytest.raises(ValidationError, match="in writing"):
        svc.record(
            amelia.id, "biometrics", K.GIVEN, contact_id=mum.id, method=ConsentMethod.VERBAL, today=TODAY
        )
    with pytest.raises(ValidationError, match="does not apply"):
        svc.record(amelia.id, "youth_support_services", K.REFUSED, contact_id=mum.id, today=TODAY)
    kai_mum = people.add_contact(Contact("Dee", "Reid"), sixth.id, "Mother", True, True, 1)
    with pytest.raises(ValidationError, match="only the pupil's"):
        # Kai is 18: photos pass to the pupil; a parent's answer would not count.
        svc.record(sixth.id, "photos_in_school", K.GIVEN, contact_id=kai_mum.id, today=TODAY)
    with pytest.raises(ValidationError, match="twice"):
        svc.record_form(
            amelia.id,
            [Answer("photos_online", K.GIVEN), Answer("photos_online", K.REFUSED)],
            contact_id=mum.id,
            today=TODAY,
        )
    # A failed form saved nothing.
    assert svc.events_for(amelia.id) == []
    svc.record(sixth.id, "photos_in_school", K.GIVEN, by_pupil=True, today=TODAY)
    assert svc.status(sixth.id, "photos_in_school", TODAY).state is ConsentState.GIVEN


def test_tasks_complete_once_and_feed_the_dashboard(register) -> None:
    school, people, amelia, _zoe, _sixth, mum, _cm = register
    svc = ConsentService(school, people)
    svc.record(
        amelia.id, "photos_in_school", K.GIVEN, contact_id=mum.id, effective=date(2025, 9, 8), today=TODAY
    )
    result = svc.record(amelia.id, "photos_in_school", K.WITHDRAWN, contact_id=mum.id, today=TODAY)
    open_tasks = svc.open_tasks()
    assert len(open_tasks) == len(result.tasks) == 4
    assert open_tasks == sorted(open_tasks, key=lambda t: (t.due_on, t.id))
    done = svc.complete_task(open_tasks[0].id, "Told Mrs Hall", today=TODAY)
    assert done.done_on == TODAY and done.done_by == "Priya Raman"
    assert len(svc.open_tasks()) == 3
    with pytest.raises(ValidationError, match="already marked done"):
        svc.complete_task(open_tasks[0].id, today=TODAY)

    from datetime import datetime
    from zoneinfo import ZoneInfo

    from schooldp.services.dashboard import attention

    items = [
        i
        for i in attention(school, datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Europe/London"))).items
        if i.area == "consent"
    ]
    assert len(items) == 3
    assert all("Amelia" not in i.deadline.title for i in items)


def test_matrix_coverage_and_custom_purpose(register) -> None:
    school, people, amelia, zoe, sixth, mum, _cm = register
    svc = ConsentService(school, people)
    trip = svc.add_purpose(custom_purpose("trip_photographer", "Residential trip photographer"))
    with pytest.raises(ValidationError, match="already a purpose"):
        svc.add_purpose(custom_purpose("trip_photographer_2", "Residential trip photographer"))
    updated = svc.update_purpose(
        svc.purpose("photos_in_school").__class__(
            **{**svc.purpose("photos_in_school").__dict__, "duration": ConsentDuration.EACH_SCHOOL_YEAR}
        )
    )
    assert svc.purpose("photos_in_school").duration is ConsentDuration.EACH_SCHOOL_YEAR == updated.duration
    svc.record_form(
        amelia.id,
        [Answer("photos_in_school", K.GIVEN), Answer(trip.key, K.REFUSED)],
        contact_id=mum.id,
        today=TODAY,
    )
    matrix = svc.matrix(TODAY)
    assert [p.key for p in matrix.purposes][-1] == "trip_photographer"
    row = next(r for r in matrix.rows if r.pupil.id == amelia.id)
    assert row.statuses[0].state is ConsentState.GIVEN and row.statuses[-1].state is ConsentState.REFUSED
    cov = matrix.coverage
    assert cov["photos_in_school"].given == 1 and cov["photos_in_school"].outstanding == 2
    assert cov["trip_photographer"].refused == 1
    assert cov["youth_support_services"].not_applicable == 2  # the Year 4 pupils


def test_renewal_marks_lapsed_once_and_forms_print_in_one_batch(register) -> None:
    school, people, amelia, zoe, _sixth, mum, _cm = register
    svc = ConsentService(school, people)
    annual = svc.add_purpose(
        custom_purpose("annual_trips", "Trip photos", duration=ConsentDuration.EACH_SCHOOL_YEAR)
    )
    svc.record(
        amelia.id, annual.key, K.GIVEN, contact_id=mum.id, effective=date(2025, 9, 8), today=date(2025, 9, 8)
    )
    svc.record(
        amelia.id,
        "photos_in_school",
        K.GIVEN,
        contact_id=mum.id,
        effective=date(2025, 9, 8),
        today=date(2025, 9, 8),
    )
    start = date(2026, 9, 1)
    lapses = svc.renew(start)
    assert [(x.pupil_id, x.purpose_key) for x in lapses] == [(amelia.id, annual.key)]
    assert svc.renew(start) == []  # twice records nothing new
    assert svc.status(amelia.id, annual.key, start).state is ConsentState.EXPIRED
    assert svc.status(amelia.id, "photos_in_school", start).state is ConsentState.GIVEN
    assert svc.history(amelia.id)[0].event.kind is K.LAPSED

    pupils = people.pupils(ids={x.pupil_id for x in lapses})
    letters = LetterService(school)
    jobs = svc.form_jobs(pupils, return_by=date(2026, 9, 18), today=start)
    pdfs = letters.render_batch(consent_form.LETTER, jobs)
    issued = letters.record_many(
        consent_form.LETTER,
        [(j.recipient, p) for j, p in zip(jobs, pdfs, strict=True)],
        case_kind="consent",
        case_id="renewal-2026",
    )
    assert len(issued) == 1 and issued[0].case_kind == "consent"
    text = _text(pdfs[0])
    assert "Amelia Brown" in text and "Return slip" in text and "18 September 2026" in text
    assert "Trip photos" in text and "Mrs Brown" in text and "parental responsibility" in text


def test_withdrawal_letter_and_class_list(register) -> None:
    school, people, amelia, zoe, _sixth, mum, _cm = register
    svc = ConsentService(school, people)
    svc.record_form(
        amelia.id,
        [Answer("photos_in_school", K.GIVEN), Answer("photos_online", K.GIVEN)],
        contact_id=mum.id,
        effective=date(2025, 9, 8),
        today=date(2025, 9, 8),
    )
    result = svc.record(amelia.id, "photos_online", K.WITHDRAWN, contact_id=mum.id, today=TODAY)
    job = svc.withdrawal_letter_job(result.events[0].id, TODAY)
    text = _text(LetterService(school).render(consent_withdrawal.LETTER, job.data))
    assert "photos and videos online" in text and "Amelia Brown" in text
    # The letter says what the school is doing, not the DPO's checklist instruction.
    flat = " ".join(text.split())
    assert "We are taking the photos and videos off the school website." in flat
    assert "Take the photo or video off the school website" not in flat

    keys = ["photos_in_school", "photos_outside_school", "photos_online"]
    data = svc.class_list(people.pupils(reg_group="4B"), keys, "Class 4B", TODAY)
    assert [r.name for r in data.rows] == ["Amelia Brown", "Zoë Nowak"]
    assert data.rows[0].allowed == (True, False, False)  # outside: not asked; online: withdrawn
    text = _text(render_class_list(data))
    assert "Do not photograph / do not publish" in text and "Class 4B" in text
    assert "Zoë Nowak" in text and "NO" in text
    assert "Mrs" not in text and upn(1) not in text  # names only


def test_fast_matrix_read_gives_the_same_events_as_the_orm(register) -> None:
    school, people, amelia, _zoe, _sixth, mum, _cm = register
    svc = ConsentService(school, people)
    svc.record(amelia.id, "photos_online", K.ASKED, effective=date(2025, 9, 3), today=TODAY)
    svc.record(
        amelia.id,
        "photos_online",
        K.GIVEN,
        contact_id=mum.id,
        effective=date(2025, 9, 9),
        school_year=date(2025, 9, 1),
        evidence_note="slip",
        today=TODAY,
    )
    assert svc.all_events()[amelia.id] == svc.events_for(amelia.id)


def test_the_session_clock_is_today_when_no_day_is_given(register) -> None:
    from datetime import datetime

    from schooldp.domain.clock import FrozenClock

    school, people, amelia, _zoe, _sixth, mum, _cm = register
    school.clock = FrozenClock(TODAY)
    svc = ConsentService(school, people)
    result = svc.record(amelia.id, "photos_online", K.WITHDRAWN, contact_id=mum.id)
    assert result.events[0].effective_date == TODAY
    assert result.events[0].recorded_at == datetime(2026, 3, 10, 10, 0)  # stored as UTC (GMT in March)
    assert min(t.created_on for t in result.tasks) == TODAY
    assert svc.matrix().today == TODAY
    assert svc.status(amelia.id, "photos_online").state is ConsentState.WITHDRAWN
    done = svc.complete_task(result.tasks[0].id)
    assert done.done_on == TODAY and done.purpose_title == "Photos and videos online"


def test_a_return_by_date_in_half_term_moves_to_the_next_school_day(register) -> None:
    from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term
    from schooldp.services.requests.calendar import save_school_calendar

    school, people, amelia, _zoe, _sixth, _mum, _cm = register
    save_school_calendar(
        school,
        SchoolCalendar(
            terms=(Term("Autumn term", date(2026, 9, 2), date(2026, 12, 18)),),
            closures=(Closure(date(2026, 10, 26), date(2026, 10, 30), ClosureKind.CLOSURE, "Half term"),),
        ),
    )
    svc = ConsentService(school, people)
    jobs = svc.form_jobs(
        people.pupils(ids={amelia.id}), return_by=date(2026, 10, 25), today=date(2026, 10, 11)
    )
    assert jobs and all(
        j.data.fields["return_by"] == date(2026, 11, 2) for j in jobs
    )  # Sunday, then half term
