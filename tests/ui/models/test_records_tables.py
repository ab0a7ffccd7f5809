"""Records tables: activities, organisations and notices, each cell by named column."""

from __future__ import annotations

from datetime import UTC, date, datetime

from schooldp.domain.records import NoticeStatus
from schooldp.services.records import (
    AgreementKind,
    Art28Particulars,
    DataSubject,
    LawfulBasis,
    NoticeAudience,
    NoticeInfo,
    Organisation,
    OrgRole,
    ProcessingActivity,
    Retention,
)
from schooldp.ui.models.base import ID_ROLE, SORT_ROLE
from schooldp.ui.models.records_tables import ActivitiesModel, NoticesModel, OrganisationsModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

A = ActivitiesModel.Columns
O = OrganisationsModel.Columns  # noqa: E741
N = NoticesModel.Columns


def activities() -> list[ProcessingActivity]:
    return [
        ProcessingActivity(
            "census",
            "School census",
            "Statutory returns",
            (DataSubject.PUPILS,),
            ("Name",),
            LawfulBasis.LEGAL_OBLIGATION,
            "Education Act 1996 s537A",
            systems=("MIS",),
            recipients=("DfE", "Local authority"),
            retention=Retention("Date of birth", "25 years"),
            security="Role-based access",
            owner_role="Business manager",
            id=4,
        ),
        ProcessingActivity(
            "cctv", "CCTV", "Safety", (DataSubject.VISITORS,), ("Images",), LawfulBasis.PUBLIC_TASK, id=9
        ),
    ]


def orgs() -> list[Organisation]:
    return [
        Organisation(
            "MIS supplier",
            OrgRole.PROCESSOR,
            agreement=AgreementKind.CONTRACT,
            agreement_date=date(2026, 9, 1),
            review_date=date(2027, 9, 1),
            particulars=Art28Particulars("a", "b", "c", "d", "e", "f"),
            due_diligence="Seen",
            evidence_name="contract.pdf",
            id=1,
        ),
        Organisation("DfE", OrgRole.CONTROLLER, agreement=AgreementKind.STATUTORY, id=2),
    ]


def test_activities_cells_sorting_and_ids(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ActivitiesModel()
    qtmodeltester.check(model)
    assert header_texts(model)[0] == "Activity" and model.rowCount() == 0
    model.set_rows(activities())
    assert model.cell(0, A.SUBJECTS) == "Pupils"
    assert model.cell(0, A.BASIS) == "Legal obligation"
    assert model.cell(0, A.RECIPIENTS) == "DfE; Local authority"
    assert model.cell(0, A.RETENTION) == "Date of birth + 25 years"
    assert model.cell(0, A.GAPS) == "Complete"
    assert model.cell(1, A.RETENTION) == "Not set yet"
    assert "retention period" in model.cell(1, A.GAPS)
    assert "UK GDPR Art 6(1)(c)" in model.cell(0, A.BASIS, 3)  # tooltip gives the article
    assert [model.cell(r, A.ACTIVITY, ID_ROLE) for r in range(2)] == [4, 9]
    assert_sortable(model)
    assert sorted_column(model, A.GAPS, SORT_ROLE)[0] == "Complete"
    qtmodeltester.check(model)


def test_organisations_cells(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = OrganisationsModel()
    model.set_rows(orgs())
    assert model.cell(0, O.ROLE) == "Processor"
    assert model.cell(0, O.AGREEMENT) == "Contract with data processing terms (01/09/2026)"
    assert model.cell(0, O.REVIEW) == "01/09/2027"
    assert model.cell(0, O.EVIDENCE) == "contract.pdf"
    assert model.cell(0, O.GAPS) == "Nothing"
    assert model.cell(1, O.REVIEW) == "Not set" and model.cell(1, O.EVIDENCE) == "None"
    assert sorted_column(model, O.REVIEW, SORT_ROLE) == ["01/09/2027", "Not set"]
    assert_sortable(model)
    qtmodeltester.check(model)


def test_notices_state_in_words(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = NoticesModel()
    at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    model.set_rows(
        [
            NoticeInfo(
                NoticeAudience.PUPILS_PARENTS, NoticeStatus(NoticeAudience.PUPILS_PARENTS, 5, 5), at, "Priya"
            ),
            NoticeInfo(NoticeAudience.STAFF, NoticeStatus(NoticeAudience.STAFF, 3, 7), at, "Priya"),
            NoticeInfo(
                NoticeAudience.GOVERNORS_VOLUNTEERS,
                NoticeStatus(NoticeAudience.GOVERNORS_VOLUNTEERS, None, 2),
                None,
                "",
            ),
        ]
    )
    assert model.cell(0, N.STATE) == "✓ Up to date"
    assert model.cell(1, N.STATE) == "⚠ Out of date: the record has changed"
    assert model.cell(2, N.STATE) == "⚠ Not yet generated" and model.cell(2, N.GENERATED) == "Never"
    assert model.cell(0, N.GENERATED) == "02/11/2026 10:00"
    assert model.cell(0, N.NOTICE, ID_ROLE) == "pupils_parents"
    assert_sortable(model)
    qtmodeltester.check(model)
