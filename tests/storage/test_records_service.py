"""The record of processing against a real vault: starter record, history, processors with their
evidence, notices from the record, the ICO-template export, dashboard items, annual report figures."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.services import dashboard, reports
from schooldp.services.records import (
    ICO_COLUMNS,
    AgreementKind,
    Art28Particulars,
    DataSubject,
    LawfulBasis,
    NoticeAudience,
    Organisation,
    OrgRole,
    RecordsService,
    Retention,
    SpecialCondition,
)
from tests.records_checks import accessibility_problems, pdf_text

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def records(school) -> RecordsService:
    school.clock = FrozenClock(NOW)
    service = RecordsService(school)
    service.adopt_starter()
    return service


def test_starter_record_is_about_twenty_valid_activities_with_retention_left_to_the_school(records) -> None:
    activities = records.activities()
    assert 18 <= len(activities) <= 24
    for a in activities:
        a.validate()
        assert not a.retention.is_set and "IRMS" in a.retention.source
    assert {o.role for o in records.organisations()} >= {OrgRole.CONTROLLER, OrgRole.PROCESSOR}
    again = records.adopt_starter()
    assert (again.activities, again.organisations) == (0, 0)


def test_a_change_is_kept_in_the_history_and_audited(records, school) -> None:
    census = next(a for a in records.activities() if a.key == "census")
    changed = records.update_activity(
        replace(
            census, retention=Retention("Pupil's date of birth", "25 years", "School retention schedule 2026")
        )
    )
    assert changed.version == 2
    history = records.history("activity", census.id)
    assert [h.version for h in history] == [2, 1]
    assert history[0].summary == "Changed: retention"
    assert NoticeAudience.PUPILS_PARENTS in history[0].audiences
    actions = [e.action for e in school.activity(limit=20)]
    assert "records.activity_changed" in actions and "records.starter_adopted" in actions


def test_the_law_is_checked_before_saving(records) -> None:
    medical = next(a for a in records.activities() if a.key == "medical")
    with pytest.raises(ValidationError, match="Article 9"):
        records.update_activity(replace(medical, special_condition=None))
    with pytest.raises(ValidationError, match="Schedule 1"):
        records.update_activity(
            replace(
                medical,
                special_condition=SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST,
                schedule1_condition=None,
            )
        )
    with pytest.raises(ValidationError, match="safeguards"):
        records.update_activity(replace(medical, transfers="USA"))


def test_processor_with_art28_particulars_and_evidence_in_the_vault(records, tmp_path) -> None:
    evidence = tmp_path / "contract.pdf"
    evidence.write_bytes(b"%PDF-1.4 signed contract")
    org = records.add_organisation(
        Organisation(
            "Acme Reading App Ltd",
            OrgRole.PROCESSOR,
            agreement=AgreementKind.CONTRACT,
            agreement_date=date(2026, 9, 1),
            review_date=date(2026, 11, 6),
            particulars=Art28Particulars(
                "Reading practice",
                "Contract term",
                "Hosting",
                "Names, reading levels",
                "Pupils",
                "Deleted within 30 days",
            ),
            due_diligence="Cyber Essentials certificate seen",
        )
    )
    assert org.gaps() == ()
    records.attach_evidence(org.id, evidence)
    evidence.unlink()
    assert records.evidence(org.id) == ("contract.pdf", b"%PDF-1.4 signed contract")
    items = dashboard.attention(records.session).items
    assert any(i.deadline.label == "Review the agreement with Acme Reading App Ltd" for i in items)


def test_pupil_notice_names_pupil_recipients_and_bases_and_nothing_only_about_staff(records) -> None:
    notice = records.generate_notice(NoticeAudience.PUPILS_PARENTS)
    text = pdf_text(notice.pdf)
    pupil_acts = [a for a in records.activities() if NoticeAudience.PUPILS_PARENTS.concerns(a.subjects)]
    for a in pupil_acts:
        for r in a.recipients:
            assert r in text, r
        assert f"{a.lawful_basis.label} ({a.lawful_basis.article})" in text
    staff_only = [
        a for a in records.activities() if set(a.subjects) <= {DataSubject.STAFF, DataSubject.APPLICANTS}
    ]
    assert staff_only
    pupil_recipients = {r for a in pupil_acts for r in a.recipients}
    for a in staff_only:
        assert a.name not in text
        for r in set(a.recipients) - pupil_recipients:
            assert r not in text, r
    assert f"{LawfulBasis.CONTRACT.label} ({LawfulBasis.CONTRACT.article})" not in text
    assert "0303 123 1113" in text and "Priya Raman" in text
    assert accessibility_problems(notice.html) == []


def test_notices_go_out_of_date_when_the_record_changes(records) -> None:
    records.generate_notice(NoticeAudience.PUPILS_PARENTS)
    records.generate_notice(NoticeAudience.STAFF)
    state = {i.audience: i.status.out_of_date for i in records.notice_statuses()}
    assert state == {
        NoticeAudience.PUPILS_PARENTS: False,
        NoticeAudience.STAFF: False,
        NoticeAudience.GOVERNORS_VOLUNTEERS: True,
    }
    payroll = next(a for a in records.activities() if a.key == "payroll_hr")
    # What the notice does not say (the owner, a review) leaves it up to date.
    records.update_activity(replace(payroll, owner_role="Headteacher"))
    reviewed = records.mark_reviewed(payroll.id)
    assert reviewed.reviewed_on == NOW.date() and reviewed.version == 3
    assert not any(
        i.status.out_of_date for i in records.notice_statuses() if i.audience is NoticeAudience.STAFF
    )
    records.update_activity(
        replace(reviewed, recipients=(*payroll.recipients, "Trade union (subscriptions)"))
    )
    state = {i.audience: i.status.out_of_date for i in records.notice_statuses()}
    assert state[NoticeAudience.STAFF] and not state[NoticeAudience.PUPILS_PARENTS]
    labels = [i.deadline.label for i in dashboard.attention(records.session).items]
    assert "Privacy notice out of date: staff" in labels


def test_xlsx_export_has_the_ico_template_columns(records, tmp_path) -> None:
    path = records.export_record(tmp_path / "record.xlsx")
    ws = load_workbook(io.BytesIO(path.read_bytes())).active
    header = [c.value for c in ws[1]]
    assert header[: len(ICO_COLUMNS)] == list(ICO_COLUMNS)
    assert header[0] == "Business function" and header[1] == "Purpose of processing"
    assert ws.max_row == len(records.activities()) + 1
    assert ws.cell(2, 1).value == records.activities()[0].name


def test_governors_pdf_and_annual_report_section(records) -> None:
    assert "Record of processing" in pdf_text(records.governors_pdf()) or "record of processing" in pdf_text(
        records.governors_pdf()
    )
    records.generate_notice(NoticeAudience.PUPILS_PARENTS)
    records.mark_reviewed(records.activities()[0].id)
    figures = reports.annual_figures(records.session, date(2026, 9, 1), date(2027, 8, 31))
    assert figures.records is not None
    assert figures.records.activities == len(records.activities())
    assert figures.records.activities_reviewed == 1  # adopting the starter record is not a review
    assert figures.records.notices_published == 1
    data = reports.annual_report_data(
        records.session, date(2026, 9, 1), date(2027, 8, 31), reports.ReportNotes()
    )
    assert "Record of processing and privacy notices" in pdf_text(reports.annual_report_pdf(data))
