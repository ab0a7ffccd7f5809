"""Training tables: staff status and sessions, each cell by named column."""

from __future__ import annotations

from datetime import date

from schooldp.services.training import Staff, StaffTraining, TrainingSession, TrainingStatus
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.training_tables import SessionsModel, StaffTrainingModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

S = StaffTrainingModel.Columns
T = SessionsModel.Columns


def test_staff_status(qtmodeltester) -> None:
    model = StaffTrainingModel()
    model.set_rows(
        [
            StaffTraining(
                Staff("Anna Baker", "Teacher", id=1),
                date(2025, 9, 1),
                "Refresher",
                TrainingStatus.OVERDUE,
                date(2026, 9, 1),
            ),
            StaffTraining(Staff("Cara Dunn", id=3), None, "", TrainingStatus.NEVER, None),
            StaffTraining(
                Staff("Ben Carter", id=2),
                date(2026, 10, 1),
                "Induction",
                TrainingStatus.IN_DATE,
                date(2027, 10, 1),
            ),
        ]
    )
    assert header_texts(model)[:3] == ["Name", "Role", "Status"]
    assert model.cell(0, S.STATUS) == "Overdue" and model.cell(0, S.NEXT) == "01/09/2026"
    assert model.cell(1, S.LAST) == "Never" and model.cell(1, S.NEXT) == "Now"
    assert model.cell(2, S.NAME, ID_ROLE) == 2
    assert sorted_column(model, S.STATUS) == ["Never trained", "Overdue", "In date"]
    assert_sortable(model)
    qtmodeltester.check(model)


def test_sessions(qtmodeltester) -> None:
    model = SessionsModel()
    model.set_sessions(
        [
            TrainingSession(1, date(2026, 9, 1), "DPO", frozenset({1, 2})),
            TrainingSession(9, date(2025, 1, 1), "", frozenset({1})),
        ],
        {1: "Annual refresher"},
    )
    assert model.cell(0, T.COURSE) == "Annual refresher" and model.cell(0, T.ATTENDED) == "2"
    assert model.cell(1, T.COURSE) == ""
    assert sorted_column(model, T.DATE) == ["01/01/2025", "01/09/2026"]
    assert_sortable(model)
    qtmodeltester.check(model)
