"""The demo school is built from its data files, dated back from the day it is built for."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from schooldp.demo import create_demo_school, demo_profile
from schooldp.demo.data import DemoDataError, member
from schooldp.domain.clock import FrozenClock
from schooldp.domain.requests import RequestType
from schooldp.resources import resource
from schooldp.services.breaches import BreachService
from schooldp.services.consent import ConsentService
from schooldp.services.dpia import DpiaService, DpiaStage
from schooldp.services.people import PeopleService
from schooldp.services.records import NoticeAudience, RecordsService
from schooldp.services.requests import ChildJudgement, RequestService
from schooldp.services.school import SchoolSession
from schooldp.services.training import TrainingService, TrainingStatus

DAY = date(2026, 3, 16)  # a Monday in the spring term


def _data(name: str) -> dict[str, Any]:
    return json.loads(resource(f"demo/{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchoolSession]:
    """One demo school for the module: building it takes a few seconds."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCHOOLDP_HOME", str(tmp_path_factory.mktemp("demo-home")))
        session, _folder = create_demo_school(tmp_path_factory.mktemp("demo") / "school", today=DAY)
        try:
            yield session
        finally:
            session.close(backup=False)


def test_every_name_in_the_people_file_is_in_the_demo_register(demo: SchoolSession) -> None:
    data = _data("people")
    people = PeopleService(demo, today=DAY)
    pupils = people.pupils(include_leavers=True)
    assert len(pupils) == data["pupil_count"]
    assert {p.legal_last_name for p in pupils} == set(data["surnames"])
    assert {p.legal_first_name for p in pupils} <= set(data["child_first_names"])  # drawn from the list
    assert sorted(s.display_name for s in people.staff()) == sorted(s["name"] for s in data["staff"])
    contacts = {c.display_name for c in people.contacts()}
    assert all(any(a["first_name"] in name for name in contacts) for a in data["adults"])
    (group,) = people.custom_groups()
    assert group.name == data["custom_group"]["name"]


def test_scripted_requests_and_breaches_are_all_there(demo: SchoolSession) -> None:
    requests = RequestService(demo, today=lambda: DAY).requests()
    assert sorted(r.description for r in requests) == sorted(r["text"] for r in _data("requests")["requests"])
    titles = {b.triage.title for b in BreachService(demo).records()}
    assert titles == {c["title"] for c in _data("breaches")["cases"]}
    assert demo.profile().name == demo_profile().name == _data("school")["profile"]["name"]


def test_records_are_dated_back_from_the_demo_day(demo: SchoolSession) -> None:
    assert isinstance(demo.clock, FrozenClock) and demo.clock.today() == DAY
    requests = RequestService(demo, today=lambda: DAY).requests()
    scripted = {r["text"]: r["days_ago"] for r in _data("requests")["requests"]}
    assert {r.description: (DAY - r.received_on).days for r in requests} == scripted
    leaver = next(p for p in PeopleService(demo, today=DAY).pupils(include_leavers=True) if p.leaving_date)
    assert leaver.leaving_date == DAY - timedelta(days=20)
    tasks = ConsentService(demo).tasks()
    assert tasks and any(t.due_on < DAY and t.done_on is None for t in tasks)  # one withdrawal overdue


def test_child_judgements_follow_the_domain_rule(demo: SchoolSession) -> None:
    service = RequestService(demo, today=lambda: DAY)
    judged = 0
    for summary in service.requests():
        detail = service.detail(summary.id)
        if detail.child_decision is None or detail.child_advice is None:
            continue
        judged += 1
        expected = (
            ChildJudgement.SEEK_CONSENT
            if detail.child_advice.pupil_consent_usually_needed
            else ChildJudgement.PROCEED
        )
        assert detail.child_decision.judgement is expected
    assert judged >= 5
    types = {s.request_type for s in service.requests()}
    assert RequestType.EDUCATIONAL_RECORD in types  # a maintained school in England


def test_an_unknown_value_in_a_data_file_is_refused_in_words() -> None:
    assert member(RequestType, "subject_access") is RequestType.SUBJECT_ACCESS
    with pytest.raises(DemoDataError, match="not a RequestType"):
        member(RequestType, "subject-access")


def test_every_demo_data_file_is_shipped_with_the_resources() -> None:
    folder = Path(resource("demo/school.json")).parent
    assert sorted(p.name for p in folder.glob("*.json")) == [
        "breaches.json",
        "consent.json",
        "people.json",
        "records.json",
        "requests.json",
        "school.json",
    ]


def test_the_record_of_processing_dpia_and_training_pages_have_something_to_show(demo: SchoolSession) -> None:
    data = _data("records")
    records = RecordsService(demo)
    activities = records.activities()
    assert [a.key for a in activities] == data["record"]["activities"]
    assert {o.name for o in records.organisations()} == set(data["record"]["organisations"])
    reviewed = {r["activity"]: DAY - timedelta(days=r["days_ago"]) for r in data["record"]["reviewed"]}
    assert {a.key: a.reviewed_on for a in activities if a.reviewed_on} == reviewed  # all weekdays here
    notice = records.latest_notice(NoticeAudience.PUPILS_PARENTS)
    assert notice is not None and "Brookfield" in notice.html
    (dpia,) = DpiaService(demo).assessments()
    assert dpia.stage(DAY) is DpiaStage.SIGNED_OFF and dpia.version == 2
    cctv = next(a for a in activities if a.key == "cctv")
    assert cctv.dpia == f"{dpia.reference}: {dpia.title}"  # the only DPIA the record names
    assert all(not a.dpia for a in activities if a.key != "cctv")
    statuses = {t.staff.display_name: t.status for t in TrainingService(demo).statuses()}
    assert statuses["Helen Brown"] is TrainingStatus.NEVER
    overdue = {name for name, status in statuses.items() if status is TrainingStatus.OVERDUE}
    assert overdue == {"Fatima Begum", "Gareth Jones", "Lucy Clarke"}
    assert statuses["Ewa Nowak"] is TrainingStatus.IN_DATE  # induction this term
