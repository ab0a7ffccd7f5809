"""The demo school's accountability records, as `records.json` scripts them.

A record of processing of eight activities taken from the starter record (written from the
policy and published school privacy notices) with the organisations they involve, four of them
reviewed since; a CCTV DPIA adapted from the example and signed off by the headteacher; the
pupils' and parents' privacy notice generated from the record; and a year of staff training, in
which three people have missed their refresher and the chair of governors has had none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from schooldp.demo.data import Json, load, member
from schooldp.domain.clock import LONDON, FrozenClock
from schooldp.domain.dpia import Dpia, SignOff
from schooldp.domain.records import NoticeAudience
from schooldp.domain.training import CourseKind, TrainingSession
from schooldp.services.dpia import DpiaService
from schooldp.services.people import PeopleService
from schooldp.services.records import RecordsService
from schooldp.services.records.starter import load_starter
from schooldp.services.school import SchoolSession
from schooldp.services.training import TrainingService


def seed(session: SchoolSession, clock: FrozenClock) -> None:
    data = load("records")
    today = clock.today()
    when = _Days(clock, today)
    _record(RecordsService(session), when, data["record"], data["dpia"], DpiaService(session))
    _training(session, when, data["training"])


class _Days:
    """Moves the clock to a working morning a number of days back, so stamps read as then."""

    def __init__(self, clock: FrozenClock, today: date) -> None:
        self.clock, self.today = clock, today

    def day(self, days_ago: int) -> date:
        day = self.today - timedelta(days=days_ago)
        return day - timedelta(days=max(0, day.weekday() - 4))  # a weekend moves back to the Friday

    def go(self, days_ago: int, minute: int = 0) -> date:
        day = self.day(days_ago)
        self.clock.set(datetime.combine(day, time(15, 40), LONDON) + timedelta(minutes=minute))
        return day


def _record(records: RecordsService, when: _Days, raw: Json, dpia: Json, dpias: DpiaService) -> None:
    starter = load_starter()
    activities = {a.key: a for a in starter.activities}
    organisations = {o.name: o for o in starter.organisations}
    for n, name in enumerate(raw["organisations"]):
        when.go(raw["added_days_ago"], n)
        records.add_organisation(organisations[name])
    added = {}
    for n, key in enumerate(raw["activities"], start=len(raw["organisations"])):
        when.go(raw["added_days_ago"], n)
        # The starter names DPIAs a school may have; the demo has only its own (linked below).
        added[key] = records.add_activity(replace(activities[key], dpia=""))
    for n, review in enumerate(raw["reviewed"]):
        when.go(review["days_ago"], n)
        activity_id = added[review["activity"]].id
        assert activity_id is not None
        records.mark_reviewed(activity_id)
    _dpia(dpias, when, dpia)
    when.go(raw["notice"]["days_ago"])
    records.generate_notice(member(NoticeAudience, raw["notice"]["audience"]))


def _dpia(service: DpiaService, when: _Days, raw: Json) -> None:
    """Start from the example, as the DPIAs page's 'Start from an example' does; then sign off."""
    example = next(e for e in service.examples() if e.example == raw["example"])
    when.go(raw["started_days_ago"])
    started: Dpia = service.create(example)
    signed_on = when.go(raw["signed_off_days_ago"])
    sign_off = SignOff(
        measures_approved_by=raw["measures_approved_by"],
        residual_approved_by=raw["residual_approved_by"],
        dpo_advice=raw["dpo_advice"],
        advice_followed=True,
        head_approved_by=raw["measures_approved_by"],
        head_approved_on=signed_on,
        review_on=signed_on + timedelta(days=raw["review_after_days"]),
    )
    service.save(replace(started, dpo_consulted=True, sign_off=sign_off))


def _training(session: SchoolSession, when: _Days, raw: Json) -> None:
    training = TrainingService(session)
    courses = {c.kind: c for c in training.courses()}
    staff = {s.display_name: s.id for s in PeopleService(session).staff() if s.id is not None}
    for n, held in enumerate(raw["sessions"]):
        held_on = when.go(held["days_ago"], n)
        course_id = courses[member(CourseKind, held["course"])].id
        assert course_id is not None
        training.record_session(
            TrainingSession(
                course_id, held_on, raw["trainer"], _attendees(held["attendees"], staff), held["notes"]
            )
        )


def _attendees(raw: Json, staff: dict[str, int]) -> frozenset[int]:
    if "only" in raw:
        return frozenset(staff[name] for name in raw["only"])
    return frozenset(i for name, i in staff.items() if name not in raw["all_except"])
