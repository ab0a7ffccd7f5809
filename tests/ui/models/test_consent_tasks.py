"""Withdrawal follow-up tasks: overdue said in words and red, today's marked, done ones signed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from schooldp.services.consent import FollowUpTask
from schooldp.ui.models.base import ID_ROLE, SORT_ROLE
from schooldp.ui.models.consent_tasks import ConsentTasksModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

TODAY = date(2026, 11, 20)
C = ConsentTasksModel.Columns
NAMES = {5: "Amelia Brown", 6: "Ben Carter"}


def task(
    id: int, pupil_id: int, title: str, due_on: date, *, done_on: date | None = None, detail: str = ""
) -> FollowUpTask:
    return FollowUpTask(
        id=id,
        event_id=100 + id,
        pupil_id=pupil_id,
        purpose_key="photos_online",
        purpose_title="Photos and videos online",
        task_key=f"task{id}",
        title=title,
        detail=detail,
        created_on=date(2026, 11, 10),
        due_on=due_on,
        done_on=done_on,
        done_by="Priya Raman" if done_on else "",
    )


def tasks() -> list[FollowUpTask]:
    return [
        task(
            1, 5, "Remove photos from the website", date(2026, 11, 17), detail="Check the gallery pages too"
        ),
        task(2, 5, "Tell the office", TODAY),
        task(3, 6, "Update the photo list", date(2026, 11, 24)),
        task(4, 7, "Tell class teacher", date(2026, 11, 12), done_on=date(2026, 11, 11)),
    ]


def test_empty_model_and_headers() -> None:
    model = ConsentTasksModel()
    assert model.rowCount() == 0
    assert header_texts(model) == ["Due", "Task", "Pupil", "Purpose", "Done"]


def test_each_cell_by_named_column() -> None:
    model = ConsentTasksModel()
    model.set_tasks(tasks(), NAMES, TODAY)
    assert model.rowCount() == 4
    assert model.cell(0, C.DUE) == "⚠ Overdue: 17 November 2026"
    assert model.cell(1, C.DUE) == "Today: 20 November 2026"
    assert model.cell(2, C.DUE) == "24 November 2026"
    assert model.cell(3, C.DUE) == "12 November 2026"  # done: never overdue
    assert model.cell(0, C.TASK) == "Remove photos from the website"
    assert model.cell(0, C.PUPIL) == "Amelia Brown"
    assert model.cell(3, C.PUPIL) == "Pupil 7"  # a name not given still says whose it is
    assert model.cell(0, C.PURPOSE) == "Photos and videos online"
    assert model.cell(0, C.DONE) == "Open"
    assert model.cell(3, C.DONE) == "✓ 11 November 2026 by Priya Raman"
    assert model.cell(0, C.PUPIL, Qt.ItemDataRole.ToolTipRole) == "Check the gallery pages too"
    assert model.cell(1, C.PUPIL, Qt.ItemDataRole.ToolTipRole) == "Tell the office"
    assert [t.id for t in model.tasks] == [1, 2, 3, 4]


def test_overdue_due_date_is_red_only_in_the_due_column() -> None:
    model = ConsentTasksModel()
    model.set_tasks(tasks(), NAMES, TODAY)
    assert model.cell(0, C.DUE, Qt.ItemDataRole.ForegroundRole).color().name().upper() == "#B00020"
    assert model.cell(0, C.TASK, Qt.ItemDataRole.ForegroundRole) is None
    assert model.cell(1, C.DUE, Qt.ItemDataRole.ForegroundRole) is None
    # The day decides: a day earlier nothing is overdue yet.
    model.set_tasks(tasks(), NAMES, date(2026, 11, 16))
    assert model.cell(0, C.DUE) == "17 November 2026"


def test_due_sorts_by_date() -> None:
    model = ConsentTasksModel()
    model.set_tasks(tasks(), NAMES, TODAY)
    assert_sortable(model)
    assert sorted_column(model, C.DUE, SORT_ROLE) == [
        "12 November 2026",
        "⚠ Overdue: 17 November 2026",
        "Today: 20 November 2026",
        "24 November 2026",
    ]


def test_id_role_and_clear() -> None:
    model = ConsentTasksModel()
    model.set_tasks(tasks(), NAMES, TODAY)
    assert [model.cell(r, C.TASK, ID_ROLE) for r in range(4)] == [1, 2, 3, 4]
    model.clear()
    assert model.rowCount() == 0 and model.today == TODAY


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ConsentTasksModel()
    qtmodeltester.check(model)
    model.set_tasks(tasks(), NAMES, TODAY)
    qtmodeltester.check(model)
