"""Retention tables: schedule, disposal log and records due for deletion, each cell by named column."""

from __future__ import annotations

from datetime import date

from schooldp.services.retention import (
    Disposal,
    DisposalMethod,
    OwnKind,
    Period,
    PurgeCandidate,
    ScheduleEntry,
)
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.retention_tables import DisposalsModel, PurgeModel, ScheduleModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

S = ScheduleModel.Columns
D = DisposalsModel.Columns
P = PurgeModel.Columns


def test_schedule(qtmodeltester) -> None:
    model = ScheduleModel()
    model.set_rows(
        [
            ScheduleEntry(
                "cctv",
                "CCTV",
                "Date of recording",
                Period(1, "1 month"),
                "School",
                date(2026, 10, 1),
                date(2027, 10, 1),
            ),
            ScheduleEntry("send", "SEND", "Pupil's date of birth", None, "", None, None),
            ScheduleEntry(
                "photos",
                "Photos",
                "Consent withdrawn",
                Period(None, "until the pupil leaves"),
                "",
                None,
                date(2026, 11, 2),
            ),
        ]
    )
    assert header_texts(model)[:2] == ["Processing activity", "Kept for"]
    assert model.cell(0, S.RULE) == "1 month from date of recording"
    assert model.cell(1, S.RULE) == "Not set yet" and model.cell(1, S.REVIEW) == "Set the rule first"
    assert model.cell(2, S.RULE) == "Until the pupil leaves" and model.cell(2, S.LAST) == "None logged"
    assert model.cell(0, S.ACTIVITY, ID_ROLE) == "cctv"
    assert sorted_column(model, S.REVIEW) == ["02/11/2026", "01/10/2027", "Set the rule first"]
    assert_sortable(model)
    qtmodeltester.check(model)


def test_disposals(qtmodeltester) -> None:
    model = DisposalsModel()
    model.set_disposals(
        [
            Disposal(
                "Files", "cctv", "1 box", DisposalMethod.CONTRACTOR, date(2026, 11, 2), "Site", "Shred-it Ltd"
            ),
            Disposal("Disk", "", "1", DisposalMethod.DELETED, date(2026, 1, 2), "IT", certificate_name=""),
        ],
        {"cctv": "CCTV"},
    )
    assert model.cell(0, D.METHOD) == "Destroyed by a contractor: Shred-it Ltd"
    assert model.cell(0, D.CERTIFICATE) == "Missing" and model.cell(1, D.CERTIFICATE) == "Not needed"
    assert model.cell(1, D.ACTIVITY) == "Not linked"
    assert sorted_column(model, D.DATE) == ["02/01/2026", "02/11/2026"]
    assert_sortable(model)
    qtmodeltester.check(model)


def test_purge_candidates(qtmodeltester) -> None:
    model = PurgeModel()
    model.set_rows([PurgeCandidate(OwnKind.LEAVER_CONSENTS, 7, "Brown, Amelia", date(2024, 7, 19), 3)])
    assert model.cell(0, P.RECORD) == "Brown, Amelia" and model.cell(0, P.ENTRIES) == "3"
    assert model.cell(0, P.RECORD, ID_ROLE) == 7
    assert_sortable(model)
    qtmodeltester.check(model)
