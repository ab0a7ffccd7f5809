"""A request's timeline table: the date, what happened, the details and who did it."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from schooldp.domain.deadlines import LONDON
from schooldp.services.requests import TimelineEntry
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.request_table import SORT_ROLE, TimelineTableModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

C = TimelineTableModel.Columns


def entries() -> list[TimelineEntry]:
    return [
        TimelineEntry(
            date(2026, 9, 1),
            datetime(2026, 9, 1, 10, 0, tzinfo=LONDON),
            "Received",
            "By email",
            "Priya Raman",
        ),
        TimelineEntry(
            date(2026, 9, 2),
            datetime(2026, 9, 2, 16, 30, tzinfo=LONDON),
            "Letter",
            "Acknowledgement",
            "Priya Raman",
        ),
        TimelineEntry(
            date(2026, 10, 1), datetime(2026, 10, 1, 9, 0, tzinfo=LONDON), "Status", "In progress", "Jo Ellis"
        ),
    ]


def test_empty_model_and_headers() -> None:
    model = TimelineTableModel()
    assert model.rowCount() == 0
    assert header_texts(model) == ["Date", "What", "Details", "By"]


def test_each_cell_by_named_column() -> None:
    model = TimelineTableModel()
    model.set_rows(entries())
    assert model.cell(1, C.DATE) == "02/09/2026"
    assert model.cell(1, C.WHAT) == "Letter"
    assert model.cell(1, C.DETAILS) == "Acknowledgement"
    assert model.cell(1, C.DETAILS, Qt.ItemDataRole.ToolTipRole) == "Acknowledgement"
    assert model.cell(2, C.BY) == "Jo Ellis"
    assert model.entry(0).what == "Received"


def test_dates_sort_by_the_moment() -> None:
    model = TimelineTableModel()
    model.set_rows(entries())
    assert_sortable(model)
    # Newest first by the moment; as text "02/09/2026" would come before "01/10/2026".
    assert sorted_column(model, C.DATE, SORT_ROLE, Qt.SortOrder.DescendingOrder) == [
        "01/10/2026",
        "02/09/2026",
        "01/09/2026",
    ]


def test_timeline_rows_have_no_record_id() -> None:
    model = TimelineTableModel()
    model.set_rows(entries())
    assert model.cell(0, C.WHAT, ID_ROLE) is None


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = TimelineTableModel()
    qtmodeltester.check(model)
    model.set_rows(entries())
    qtmodeltester.check(model)
