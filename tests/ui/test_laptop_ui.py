"""A school laptop's view of the demo school: references where people see records, a status bar
that keeps the school and account, the window within the screen, readable activity stamps."""

from __future__ import annotations

from datetime import date

import pytest

from schooldp.ui.models.audit_table import AuditTableModel
from schooldp.ui.models.letter_log import LetterLogModel


@pytest.fixture
def demo(qtbot, window, tmp_path):
    from schooldp.demo import create_demo_school

    session, folder = create_demo_school(tmp_path / "demo", today=date(2026, 11, 20))
    window.demo_folder = folder
    window.on_opened(session, remember=False)
    return window


def test_activity_and_letters_show_references_not_ids(demo) -> None:
    demo.shell.go("Activity")
    page = demo.shell.activity
    records = {page.model.cell(r, AuditTableModel.Columns.RECORD) for r in range(page.model.rowCount())}
    assert any(r.startswith("SAR-2026-") for r in records)
    assert any(r.startswith("BR-2026-") for r in records)
    assert not any(r.startswith(("request ", "breach ")) for r in records)
    demo.shell.go("Letters")
    letters = demo.shell.pages[5]
    about = {letters.model.cell(r, LetterLogModel.Columns.ABOUT) for r in range(letters.model.rowCount())}
    assert about and not any(a.startswith(("Request ", "Breach ")) for a in about)
    assert any(a.startswith(("SAR-", "ER-", "RR-")) for a in about)


def test_demo_activity_is_stamped_when_each_thing_happened(demo) -> None:
    entries = demo.session.activity(limit=5000)
    requests = [e for e in entries if e.entity == "request"]
    assert len({e.at.date() for e in requests}) > 10  # not all at the moment the demo was built
    assert min(e.at.date() for e in requests) < date(2026, 1, 31)


def test_status_bar_keeps_school_and_account_beside_the_attention_count(demo) -> None:
    strip = demo.status_strip
    demo.notifier.check()
    assert strip.attention.isVisibleTo(demo) and "need" in strip.attention.text()
    assert strip.school_label.isVisibleTo(demo) and strip.school_label.text()
    assert strip.account_label.isVisibleTo(demo) and strip.account_label.text()
    assert strip.state_label.text() == "Unlocked · Demo school"
    assert demo.statusBar().currentMessage() == ""
    demo.shell.go("Breaches")
    strip.attention.click()
    assert demo.shell.sidebar.currentItem().text() == "Dashboard"
    demo.lock()
    assert strip.state_label.text().startswith("Locked") and not strip.attention.isVisibleTo(demo)


def test_main_window_opens_within_the_screen_and_remembers_its_size_per_screen(qtbot, tmp_path) -> None:
    from schooldp.config import Preferences
    from schooldp.ui.main_window import MainWindow
    from schooldp.ui.widgets.fit import BUDGET, available

    prefs = Preferences(tmp_path / "prefs.json")
    first = MainWindow(prefs)
    qtbot.addWidget(first)
    first.show()
    room = available(first)  # the test screen is smaller than any laptop: the budget still holds
    assert first.width() <= BUDGET.width() and first.height() <= BUDGET.height()
    assert first.x() >= room.x() and first.y() >= room.y()
    first.resize(first.width() + 20, first.height() - 30)
    first.close()
    assert list(prefs.window_geometries) == [first._screen_key()]
    again = MainWindow(Preferences(tmp_path / "prefs.json"))
    qtbot.addWidget(again)
    # Restored as saved, but never beyond this screen's available geometry (this test screen is
    # narrower than the window was left).
    assert again.height() == first.height() and again.width() <= room.width()
    again.close()


def test_help_lists_the_keyboard_shortcuts_and_ctrl_numbers_switch_sections(qtbot, demo) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from schooldp.ui.dialogs.shortcuts import SHORTCUTS, ShortcutsDialog

    demo.activateWindow()
    demo.findChildren(type(demo.lock_action))  # the actions exist on the window
    go_people = next(a for a in demo.actions() if a.text() == "Go to People")
    assert go_people.shortcut().toString() == "Ctrl+5"
    go_people.trigger()
    assert demo.shell.sidebar.currentItem().text() == "People"
    seen: list[int] = []

    def close_it() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog))
        seen.append(dialog.table.rowCount())
        dialog.reject()

    QTimer.singleShot(0, close_it)
    demo.shortcuts_action.trigger()
    assert seen == [len(SHORTCUTS)]
    assert any(keys == "Ctrl+L" for keys, _ in SHORTCUTS)
    from schooldp.ui.dialogs.shortcuts import SECTIONS

    sidebar = demo.shell.sidebar
    assert SECTIONS == tuple(sidebar.item(i).text() for i in range(sidebar.count()))


@pytest.mark.parametrize("mis", ["SIMS", "Arbor", "Bromcom"])
def test_import_dialog_says_what_to_export_and_its_sample_file_imports_cleanly(
    qtbot, window, tmp_path, monkeypatch, mis
) -> None:
    from schooldp.demo import create_demo_school
    from schooldp.services.people import PeopleService
    from schooldp.ui.dialogs.import_people import ImportPeopleDialog
    from schooldp.ui.widgets import mis_guide

    session, folder = create_demo_school(tmp_path / "demo", today=date(2026, 11, 20))
    dialog = ImportPeopleDialog(session, window)
    qtbot.addWidget(dialog)
    panel = dialog.guide
    panel.mis.setCurrentIndex(panel.mis.findText(mis))
    text = panel.text.text()
    assert "Run:" in text and "UPN" in text and "Parental responsibility" in text
    target = tmp_path / f"{mis}.csv"
    monkeypatch.setattr(mis_guide, "ask_save_path", lambda *a: target)
    assert panel.save_sample() == target
    service = PeopleService(session)
    table, mapping = service.open_export(target)
    assert None not in mapping.targets  # every heading of the sample is recognised
    parsed = service.parse_export(table, mapping)
    assert len({p.pupil.upn for p in parsed.records}) == 2 and not parsed.problems
    session.close(backup=False)
