"""Training page as the DPO uses it: import staff, record a session with attendance, and see on
the dashboard the staff overdue by the school's refresher period."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.conftest import type_text, unlock_in_window

STAFF_CSV = "Name,Role\nAnna Baker,Teacher\nBen Carter,Office manager\nCara Dunn,SENCO\n"


_unlock = unlock_in_window


def _tick(page, names: set[str]) -> None:
    for i in range(page.attendees.count()):
        item = page.attendees.item(i)
        if item.text().split(" (")[0] in names:
            item.setCheckState(Qt.CheckState.Checked)


def test_import_staff_record_attendance_and_dashboard_shows_overdue(
    qtbot, window, school, tmp_path, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append("WARNING " + a[2]))
    _unlock(qtbot, window, school)
    window.resize(1366, 768)
    window.shell.go("Training")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "Training"

    csv_file = tmp_path / "staff.csv"
    csv_file.write_text(STAFF_CSV, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(csv_file), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert told[-1] == "3 staff added to the People register; 0 were already there."
    assert page.staff.column_texts(page.staff.Columns.STATUS) == ["Never trained"] * 3

    # Last year's refresher, attended by two of them: now past the 12-month refresher period.
    page.tabs.setCurrentIndex(1)
    page.course.setCurrentIndex(page.course.findText("Annual data protection refresher"))
    page.held_on.setFocus()
    page.held_on.selectAll()
    type_text(page.held_on, "01/09/2025")
    page.trainer.setFocus()
    type_text(page.trainer, "Priya Raman")
    _tick(page, {"Anna Baker", "Ben Carter"})
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert told[-1] == "Session recorded: 2 attended.", told
    assert page.sessions.rowCount() == 1 and page.sessions.cell(0, page.sessions.Columns.ATTENDED) == "2"
    statuses = dict(
        zip(
            page.staff.column_texts(page.staff.Columns.NAME),
            page.staff.column_texts(page.staff.Columns.STATUS),
            strict=True,
        )
    )
    assert statuses == {"Cara Dunn": "Never trained", "Anna Baker": "Overdue", "Ben Carter": "Overdue"}

    window.shell.go("Dashboard")
    dashboard = window.shell.stack.currentWidget()
    dashboard.refresh()
    what = [
        dashboard.model.index(r, dashboard.model.Columns.WHAT).data()
        for r in range(dashboard.model.rowCount())
    ]
    assert "Data protection training overdue: 2 members of staff" in what
    assert "Never trained in data protection: 1 member of staff" in what

    # The school's refresher period decides: every 18 months, last September's session is still in date.
    window.shell.go("Training")
    page.tabs.setCurrentIndex(0)
    page.refresher.setFocus()
    page.refresher.selectAll()
    type_text(page.refresher, "18")
    qtbot.mouseClick(page.save_refresher_button, Qt.MouseButton.LeftButton)
    window.shell.go("Dashboard")
    dashboard.refresh()
    what = [
        dashboard.model.index(r, dashboard.model.Columns.WHAT).data()
        for r in range(dashboard.model.rowCount())
    ]
    assert not any("overdue" in w for w in what)
