"""The dashboard's attention list: status as a symbol and words, the register, what and when."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from schooldp.domain.deadlines import LONDON, Deadline, DeadlineKind, DeadlineStatus
from schooldp.services.dashboard import Attention, AttentionItem
from schooldp.ui.models.attention import AttentionModel
from schooldp.ui.models.base import ID_ROLE, REFERENCE_ROLE, SORT_ROLE
from schooldp.ui.style import AMBER, GREEN, MUTED, RED
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=LONDON)
C = AttentionModel.Columns


def view() -> Attention:
    items = [
        AttentionItem(
            Deadline(
                DeadlineKind.BREACH_REPORT,
                "BR-2026-003",
                datetime(2026, 11, 19, 5, 0, tzinfo=LONDON),
                "Report to the ICO",
            ),
            "breach",
            3,
        ),
        AttentionItem(
            Deadline(DeadlineKind.SUBJECT_ACCESS, "SAR-2026-002", date(2026, 11, 20)), "request", 2
        ),
        AttentionItem(
            Deadline(
                DeadlineKind.CONSENT_TASK,
                "Consent task 9",
                date(2026, 11, 24),
                "Remove photos from the website",
            ),
            "consent",
            9,
        ),
        AttentionItem(
            Deadline(
                DeadlineKind.SUBJECT_ACCESS,
                "SAR-2026-003",
                None,
                paused=True,
                pause_reason="Waiting for proof of identity",
            ),
            "request",
            4,
        ),
    ]
    statuses = [i.deadline.status(NOW) for i in items]
    counts = {s: statuses.count(s) for s in set(statuses)}
    return Attention(items, counts, NOW)


def test_empty_model_and_headers() -> None:
    model = AttentionModel()
    assert model.rowCount() == 0 and model.view is None and model.items == []
    assert header_texts(model) == ["Status", "Register", "Reference", "What", "Due", "Time left"]


def test_each_cell_by_named_column() -> None:
    model = AttentionModel()
    model.set_attention(view())
    assert model.rowCount() == 4
    assert [model.cell(r, C.STATUS) for r in range(4)] == [
        "⚠ Overdue",
        "● Due today",
        "○ Coming up",
        "Waiting",
    ]
    assert [model.cell(r, C.REGISTER) for r in range(4)] == ["Breach", "Request", "Consent", "Request"]
    assert model.cell(0, C.REFERENCE) == "BR-2026-003"
    assert model.cell(0, C.WHAT) == "Report to the ICO"
    assert model.cell(1, C.WHAT) == "Subject access response"  # the kind's label when none given
    assert model.cell(0, C.DUE) == "Thu 19 Nov 2026 05:00"
    assert model.cell(1, C.DUE) == "Fri 20 Nov 2026"
    assert model.cell(3, C.DUE) == "—"
    assert model.cell(0, C.TIME_LEFT) == "overdue by 1 day 4 h"
    assert model.cell(1, C.TIME_LEFT) == "due today"
    assert model.cell(2, C.TIME_LEFT) == "4 days left"
    assert model.cell(3, C.TIME_LEFT).startswith("Paused")


def test_the_waiting_mark_is_a_bundled_icon_not_a_font_glyph(qapp) -> None:
    model = AttentionModel()
    model.set_attention(view())
    mark = model.cell(3, C.STATUS, Qt.ItemDataRole.DecorationRole)
    assert mark is not None and not mark.isNull() and not mark.pixmap(16, 16).isNull()
    assert model.cell(0, C.STATUS, Qt.ItemDataRole.DecorationRole) is None  # its symbol is in the words


def test_status_colour_backs_up_the_words_and_readers_hear_the_row() -> None:
    model = AttentionModel()
    model.set_attention(view())
    colours = [
        model.cell(r, C.STATUS, Qt.ItemDataRole.ForegroundRole).color().name().upper() for r in range(4)
    ]
    assert colours == [RED.upper(), AMBER.upper(), GREEN.upper(), MUTED.upper()]
    assert model.cell(0, C.WHAT, Qt.ItemDataRole.ForegroundRole) is None
    assert (
        model.cell(0, C.DUE, Qt.ItemDataRole.AccessibleTextRole) == "Overdue: Report to the ICO, BR-2026-003"
    )
    assert (
        model.cell(3, C.STATUS, Qt.ItemDataRole.AccessibleTextRole)
        == "Paused: Subject access response, SAR-2026-003"
    )


def test_sorts_most_urgent_first_and_by_due_time() -> None:
    model = AttentionModel()
    model.set_attention(view())
    assert_sortable(model)
    reversed_view = view()
    model.set_attention(Attention(list(reversed(reversed_view.items)), reversed_view.counts, NOW))
    assert sorted_column(model, C.STATUS, SORT_ROLE) == [
        "⚠ Overdue",
        "● Due today",
        "○ Coming up",
        "Waiting",
    ]
    # A time on the 19th, then the 20th (all day), the 24th; no due date last.
    assert sorted_column(model, C.DUE, SORT_ROLE) == [
        "Thu 19 Nov 2026 05:00",
        "Fri 20 Nov 2026",
        "Tue 24 Nov 2026",
        "—",
    ]


def test_id_and_reference_open_the_record() -> None:
    model = AttentionModel()
    model.set_attention(view())
    assert [model.cell(r, C.STATUS, ID_ROLE) for r in range(4)] == [3, 2, 9, 4]
    assert model.cell(2, C.STATUS, REFERENCE_ROLE) == "Consent task 9"
    assert model.row_at(0).area == "breach"
    assert model.view is not None and model.view.counts[DeadlineStatus.OVERDUE] == 1
    model.clear()
    assert model.rowCount() == 0 and model.view is None


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = AttentionModel()
    qtmodeltester.check(model)
    model.set_attention(view())
    qtmodeltester.check(model)
