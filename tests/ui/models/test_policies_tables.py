"""Policies tables: documents and the accountability checklist, each cell by named column."""

from __future__ import annotations

from datetime import date

from schooldp.services.policies import CheckEntry, CheckState, PolicyDocument
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.policies_tables import ChecklistModel, ChecklistRow, DocumentsModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

D = DocumentsModel.Columns
C = ChecklistModel.Columns


def test_documents(qtmodeltester) -> None:
    model = DocumentsModel()
    model.set_documents(
        [
            PolicyDocument("Data protection policy", "2026.1", "Headteacher", "G L", date(2025, 10, 1), id=1),
            PolicyDocument("CCTV policy", id=2),
        ],
        date(2026, 11, 2),
    )
    assert header_texts(model)[0] == "Document"
    assert model.cell(0, D.NEXT_REVIEW) == "01/10/2026" and model.cell(0, D.STATE) == "Review overdue"
    assert model.cell(1, D.APPROVED_ON) == "Not yet" and model.cell(1, D.STATE) == "Not approved yet"
    assert model.cell(1, D.APPROVED_BY) == "(Headteacher)"
    assert model.cell(0, D.TITLE, ID_ROLE) == 1
    assert sorted_column(model, D.NEXT_REVIEW) == ["", "01/10/2026"]
    assert_sortable(model)
    qtmodeltester.check(model)


def test_checklist(qtmodeltester) -> None:
    model = ChecklistModel()
    model.set_rows(
        [
            ChecklistRow(
                "Training and awareness", CheckEntry(2026, "training", CheckState.PARTLY, "Sheets"), "3 of 4"
            )
        ]
    )
    assert model.cell(0, C.STATE) == "Partly met" and model.cell(0, C.HOLDS) == "3 of 4"
    assert model.cell(0, C.CATEGORY, ID_ROLE) == "training"
    assert_sortable(model)
    qtmodeltester.check(model)
