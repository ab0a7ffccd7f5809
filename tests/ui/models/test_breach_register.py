"""The breach register table: the 72-hour clock is said in symbol and words, colour only helps."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from schooldp.domain.breach import Cause
from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches import ClockState, RegisterRow, countdown
from schooldp.ui.models.breach_register import ID_ROLE, SORT_ROLE, BreachRegisterModel
from schooldp.ui.style import AMBER, RED
from tests.ui.models.checks import assert_sortable, sorted_column

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=LONDON)
C = BreachRegisterModel.Columns


def register_row(
    id: int,
    reference: str,
    hours_ago: float,
    *,
    title: str = "Report emailed to the wrong parent",
    reported: bool = False,
    near_miss: bool = False,
    cause: Cause | None = Cause.EMAIL_WRONG_RECIPIENT,
) -> RegisterRow:
    aware_at = NOW - timedelta(hours=hours_ago)
    return RegisterRow(
        id=id,
        reference=reference,
        title=title,
        status="open",
        stage="Step 4: Containment",
        aware_at=aware_at,
        countdown=countdown(
            aware_at,
            NOW,
            reported_at=NOW if reported else None,
            not_needed="Near miss" if near_miss else "",
        ),
        reportable=None if not reported else True,
        reported_at=NOW if reported else None,
        ico_reference="",
        band="High",
        cause=cause,
        categories=frozenset(),
        approx_people=3,
        near_miss=near_miss,
        closed_at=None,
    )


def sample() -> list[RegisterRow]:
    return [
        register_row(1, "BR-2026-001", 60, title="Lost USB stick", reported=True),
        register_row(2, "BR-2026-002", 60),  # amber: 12 hours left
        register_row(3, "BR-2026-003", 100, title="Phishing email opened"),  # overdue
        register_row(4, "BR-2026-004", 2, near_miss=True, cause=None),
    ]


def test_empty_register_has_named_headers_and_no_rows() -> None:
    model = BreachRegisterModel()
    assert model.rowCount() == 0
    assert model.columnCount() == len(C) == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in C]
    assert headers == [
        "Reference",
        "Title",
        "Status",
        "Aware",
        "72-hour clock",
        "Reportable",
        "Severity",
        "Cause",
    ]
    assert model.CLOCK_COLUMN == C.CLOCK == 4
    assert model.headerData(len(C), Qt.Orientation.Horizontal) is None


def test_each_cell_by_named_column() -> None:
    model = BreachRegisterModel()
    model.set_rows(sample())
    assert model.rowCount() == 4
    assert model.cell(2, C.REFERENCE) == "BR-2026-003"
    assert model.cell(2, C.TITLE) == "Phishing email opened"
    assert model.cell(2, C.STATUS) == "Step 4: Containment"
    assert model.cell(2, C.AWARE) == "16/11/2026 05:00"  # London time
    assert model.cell(2, C.REPORTABLE) == "Not decided"
    assert model.cell(2, C.SEVERITY) == "High"
    assert model.cell(2, C.CAUSE) == "Email sent to the wrong person"
    assert model.cell(0, C.CLOCK) == "✔ Reported 20 Nov 2026 09:00"
    assert model.cell(0, C.REPORTABLE) == "Yes"
    assert model.cell(3, C.CLOCK) == "— Near miss"
    assert model.cell(3, C.REPORTABLE) == "No (near miss)"
    assert model.cell(3, C.CAUSE) == ""
    assert model.row_at(1).reference == "BR-2026-002"
    assert [r.id for r in model.rows] == [1, 2, 3, 4]


def test_overdue_clock_shows_symbol_words_red_and_bold() -> None:
    model = BreachRegisterModel()
    model.set_rows(sample())
    overdue = model.row_at(2)
    assert overdue.countdown.state is ClockState.OVERDUE
    assert model.cell(2, C.CLOCK) == "✖ ICO report overdue by 1 day 4 h"
    assert model.cell(2, C.CLOCK, Qt.ItemDataRole.AccessibleTextRole) == "✖ ICO report overdue by 1 day 4 h"
    assert model.cell(2, C.CLOCK, Qt.ItemDataRole.ForegroundRole).color().name().upper() == RED.upper()
    assert model.cell(2, C.CLOCK, Qt.ItemDataRole.BackgroundRole).color().name().upper() == "#FDE7EA"
    assert model.cell(2, C.CLOCK, Qt.ItemDataRole.FontRole).bold()
    assert model.cell(2, C.CLOCK, Qt.ItemDataRole.ToolTipRole) == (
        "ICO report due 19/11/2026 05:00 (72 hours after the school became aware)"
    )
    # Amber: said in words too, amber text.
    assert model.cell(1, C.CLOCK) == "⚠ 12 h 0 min left to report to the ICO"
    assert model.cell(1, C.CLOCK, Qt.ItemDataRole.ForegroundRole).color().name().upper() == AMBER.upper()
    # A reported clock is not urgent: no bold, no tint; other columns have no colour.
    assert model.cell(0, C.CLOCK, Qt.ItemDataRole.FontRole) is None
    assert model.cell(0, C.CLOCK, Qt.ItemDataRole.BackgroundRole) is None
    assert model.cell(2, C.TITLE, Qt.ItemDataRole.ForegroundRole) is None
    assert model.cell(2, C.TITLE, Qt.ItemDataRole.ToolTipRole) == "Phishing email opened"


def test_clock_sorts_most_urgent_first() -> None:
    model = BreachRegisterModel()
    model.set_rows(sample())
    assert_sortable(model)
    keys = [model.cell(r, C.CLOCK, SORT_ROLE) for r in range(4)]
    assert keys[2] < keys[1] < keys[0]  # overdue before amber before reported
    assert sorted_column(model, C.CLOCK, SORT_ROLE) == [
        "✖ ICO report overdue by 1 day 4 h",
        "⚠ 12 h 0 min left to report to the ICO",
        "✔ Reported 20 Nov 2026 09:00",
        "— Near miss",
    ]
    # Aware sorts by the moment, not by the dd/mm text; the reference by year, then number.
    assert model.cell(2, C.AWARE, SORT_ROLE) < model.cell(3, C.AWARE, SORT_ROLE)
    assert model.cell(0, C.REFERENCE, SORT_ROLE) == "2026 BR-2026-001"
    assert sorted_column(model, C.REFERENCE, SORT_ROLE, Qt.SortOrder.DescendingOrder)[0] == "BR-2026-004"


def test_id_role_gives_the_breach_id() -> None:
    model = BreachRegisterModel()
    model.set_rows(sample())
    assert [model.cell(r, C.TITLE, ID_ROLE) for r in range(4)] == [1, 2, 3, 4]
    model.clear()
    assert model.rowCount() == 0


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = BreachRegisterModel()
    qtmodeltester.check(model)
    model.set_rows(sample())
    qtmodeltester.check(model)
