"""Training: import staff, record sessions with attendance, each person's status, the dashboard
showing the staff overdue by the school's refresher period, and the attendance sheet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.services.dashboard import attention
from schooldp.services.training import CourseKind, TrainingService, TrainingSession, TrainingStatus
from tests.records_checks import pdf_text

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

STAFF_CSV = (
    "First name,Surname,Job title,Email\n"
    "Anna,Baker,Teacher,anna@oakfield.example.sch.uk\n"
    "Ben,Carter,Office manager,\n"
    "Cara,Dunn,SENCO,\n"
    "Dev,Evans,Teaching assistant,\n"
)


@pytest.fixture
def trained(school, tmp_path):
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    service = TrainingService(school)
    csv_file = tmp_path / "staff.csv"
    csv_file.write_text(STAFF_CSV, encoding="utf-8")
    result = service.import_staff(csv_file)
    assert (result.added, result.already_there) == (4, 0)
    assert service.import_staff(csv_file).already_there == 4
    staff = {s.name: s.id for s in service.staff()}
    courses = {c.kind: c for c in service.courses()}
    refresher = courses[CourseKind.REFRESHER].id
    service.record_session(
        TrainingSession(
            refresher, date(2025, 9, 1), "DPO", frozenset({staff["Anna Baker"], staff["Ben Carter"]})
        )
    )
    service.record_session(
        TrainingSession(refresher, date(2026, 10, 1), "DPO", frozenset({staff["Cara Dunn"]}))
    )
    service.record_session(
        TrainingSession(
            courses[CourseKind.CYBER].id, date(2026, 10, 1), "IT", frozenset({staff["Dev Evans"]})
        )
    )
    return school, service, staff


def test_statuses_and_dashboard_by_refresher_period(trained) -> None:
    school, service, staff = trained
    by_name = {t.staff.name: t for t in service.statuses()}
    assert by_name["Anna Baker"].status is TrainingStatus.OVERDUE
    assert by_name["Anna Baker"].next_due == date(2026, 9, 1)
    assert by_name["Cara Dunn"].status is TrainingStatus.IN_DATE
    assert by_name["Dev Evans"].status is TrainingStatus.NEVER  # cyber training is not data protection
    assert [t.staff.name for t in service.statuses()][:3] == ["Dev Evans", "Anna Baker", "Ben Carter"]
    labels = [i.deadline.label for i in attention(school).items if i.area == "training"]
    assert labels == [
        "Data protection training overdue: 2 members of staff",
        "Never trained in data protection: 1 member of staff",
    ]
    service.set_refresher_months(18)
    labels = [i.deadline.label for i in attention(school).items if i.area == "training"]
    assert labels == ["Never trained in data protection: 1 member of staff"]
    assert service.attendance_count() == 4
    assert service.last_training_for(staff["Anna Baker"]) == (
        date(2025, 9, 1),
        "Annual data protection refresher",
    )
    assert service.last_training_for(staff["Dev Evans"]) is None
    assert service.training_text(staff["Anna Baker"]) == "Annual data protection refresher, 1 September 2025"
    assert service.training_text(staff["Dev Evans"]) == "No data protection training recorded"
    assert not any("Anna" in e.summary for e in school.activity())


def test_session_rules_and_attendance_sheet(trained) -> None:
    school, service, staff = trained
    course = service.courses()[0]
    with pytest.raises(ValidationError, match="Tick the staff"):
        service.record_session(TrainingSession(course.id, date(2026, 11, 1), "DPO", frozenset()))
    with pytest.raises(ValidationError, match="once it has taken place"):
        service.record_session(TrainingSession(course.id, date(2026, 12, 1), "DPO", frozenset({1})))
    text = pdf_text(service.attendance_sheet(course.id, date(2026, 11, 20), "Priya Raman"))
    assert "Training attendance: Data protection at induction" in text
    assert "Anna Baker Teacher" in text and "Oakfield Primary School" in text and "20 November 2026" in text
