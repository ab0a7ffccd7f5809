"""After unlock the whole activity log is walked on a worker; the Activity page's check too.

Opening checks the log only from its newest anchor; an older entry edited without its hash is
found by the walk that follows the unlock, and the DPO is warned as opening warns. Lock does not
wait for that walk: it stops, and runs again at the next unlock.
"""

from __future__ import annotations

import threading

import sqlcipher3
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from schooldp.storage import audit
from schooldp.ui.operations import OPERATIONS
from tests.conftest import DPO_PASS
from tests.ui.conftest import unlock_in_window


def _edit_an_old_entry(school) -> None:
    with school.vault.write() as s:
        for n in range(40):
            audit.append(s, school.account.id, "test.entry", "school", n, "An entry", now=school.clock.now())
    school.vault.record_anchor(now=True)
    db_key, path = school.vault.db_key_for_backup(), school.vault.path
    school.close(backup=False)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute("UPDATE audit_log SET summary = 'nothing to see' WHERE id = 7")
    conn.commit()
    conn.close()


def test_an_old_edited_entry_is_found_after_unlock_and_by_the_activity_check(
    qtbot, window, school, monkeypatch
) -> None:
    _edit_an_old_entry(school)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    unlock_in_window(qtbot, window, school)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    assert "Activity entry 7 has been changed or removed" in told[0]
    assert "Tell your Data Protection Officer" in told[0]
    session = window.session
    assert session.activity(action="vault.log_mismatch")

    window.shell.go("Activity")
    page = window.shell.activity
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.verify_button.isEnabled() and "✖" in page.status.text(), timeout=10000)
    assert "Activity entry 7 has been changed or removed." in page.status.text()
    assert "altered outside SchoolDP" in page.status.text()
    assert len(told) == 1  # already reported: not warned about twice
    assert len(session.activity(action="vault.log_mismatch")) == 1
    window.resize(1280, 720)
    page.grab().save("/tmp/unlock/activity_check_broken.png")


def test_lock_does_not_wait_for_the_walk_which_runs_again_at_unlock(
    qtbot, window, school, monkeypatch
) -> None:
    started = threading.Event()
    walks: list[str] = []

    def slow_walk(session, cancelled=None):
        """A log so long its walk is still going when the DPO locks."""
        walks.append("started")
        started.set()
        while not (cancelled and cancelled()):
            threading.Event().wait(0.01)
        walks.append("stopped")
        raise audit.CheckStopped()

    monkeypatch.setattr(audit, "verify_chain", slow_walk)
    unlock_in_window(qtbot, window, school)
    assert started.wait(10) and window.log_check.running
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page  # at once, not "when the task ends"
    assert walks == ["started", "stopped"] and OPERATIONS.running == 0
    assert window.session.locked

    monkeypatch.undo()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])))
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell)
    qtbot.waitUntil(lambda: window.log_check.checked is window.session, timeout=10000)
    assert not window.log_check.running and window.session.chain_warning is None
