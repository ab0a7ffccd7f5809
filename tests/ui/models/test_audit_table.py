"""The activity log table: when, who, what in words, which record, and the details."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from schooldp.services.school import AuditEntry
from schooldp.ui.models.audit_table import SORT_ROLE, AuditTableModel, action_label
from schooldp.ui.models.base import ID_ROLE
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

C = AuditTableModel.Columns


def entries() -> list[AuditEntry]:
    return [
        AuditEntry(
            1, datetime(2026, 11, 2, 9, 5, tzinfo=UTC), 1, "Priya Raman", "school.created", "", "", "Oakfield"
        ),
        AuditEntry(
            2,
            datetime(2026, 11, 20, 14, 30, tzinfo=UTC),
            2,
            "Gareth Llewellyn",
            "account.added",
            "account",
            "3",
            "Added Jo",
        ),
        AuditEntry(
            3,
            datetime(2025, 7, 15, 8, 0, tzinfo=UTC),
            1,
            "Priya Raman",
            "breach.step_saved",
            "breach",
            "12",
            "Step 4",
        ),
    ]


def test_empty_model_and_headers() -> None:
    model = AuditTableModel()
    assert model.rowCount() == 0
    assert header_texts(model) == ["When", "Who", "What", "Record", "Details"]


def test_each_cell_by_named_column(london_tz) -> None:  # type: ignore[no-untyped-def]
    model = AuditTableModel()
    model.set_rows(entries())
    assert model.rowCount() == 3
    assert model.cell(1, C.WHEN) == "20/11/2026 14:30"  # GMT in November
    assert model.cell(2, C.WHEN) == "15/07/2025 09:00"  # BST in July
    assert model.cell(1, C.WHO) == "Gareth Llewellyn"
    assert model.cell(1, C.WHAT) == "Account added"
    assert model.cell(2, C.WHAT) == "Breach step saved"  # unknown actions still read as words
    assert model.cell(1, C.RECORD) == "account 3"
    assert model.cell(0, C.RECORD) == ""
    assert model.cell(1, C.DETAILS) == "Added Jo"
    assert model.cell(1, C.DETAILS, Qt.ItemDataRole.ToolTipRole) == "Added Jo"
    assert model.entry(2).action == "breach.step_saved"


def test_action_labels() -> None:
    assert action_label("vault.recovery") == "Opened with recovery key"
    assert action_label("consent.task_done") == "Consent task done"


def test_when_sorts_by_the_moment_not_the_text(london_tz) -> None:  # type: ignore[no-untyped-def]
    model = AuditTableModel()
    model.set_rows(entries())
    assert_sortable(model)
    # Newest first, as the Activity page opens; as text "15/07/2025" would come second.
    assert sorted_column(model, C.WHEN, SORT_ROLE, Qt.SortOrder.DescendingOrder) == [
        "20/11/2026 14:30",
        "02/11/2026 09:05",
        "15/07/2025 09:00",
    ]
    assert sorted_column(model, C.WHO, SORT_ROLE) == ["Gareth Llewellyn", "Priya Raman", "Priya Raman"]


def test_id_role_is_the_entry_id() -> None:
    model = AuditTableModel()
    model.set_rows(entries())
    assert [model.cell(r, C.WHAT, ID_ROLE) for r in range(3)] == [1, 2, 3]
    model.clear()
    assert model.rowCount() == 0


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = AuditTableModel()
    qtmodeltester.check(model)
    model.set_rows(entries())
    qtmodeltester.check(model)
