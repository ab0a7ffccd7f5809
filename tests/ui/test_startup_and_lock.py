"""Start-up imports only what the unlock window shows; Lock waits for a running operation."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import DPO_PASS

SHOW_UNLOCK_PAGE = r"""
import sys
from pathlib import Path
from schooldp.config import Preferences
from schooldp.ui.app import make_app
from schooldp.ui.main_window import MainWindow

app = make_app()
window = MainWindow(Preferences(Path(sys.argv[1]) / "prefs.json"))
window.show()
window.open_path(Path(sys.argv[1]) / "Oakfield.sdp")
app.processEvents()
assert window.stack.currentWidget() is window.unlock_page
heavy = sorted(m for m in ("sqlalchemy", "alembic", "reportlab", "holidays", "icalendar", "psycopg") if m in sys.modules)
print("LOADED:" + ",".join(heavy))
"""


def test_unlock_page_appears_without_database_or_pdf_libraries(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCHOOLDP_HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[2] / "src"), env.get("PYTHONPATH", "")]
    )
    out = subprocess.run(
        [sys.executable, "-c", SHOW_UNLOCK_PAGE, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "LOADED:\n" in out.stdout or out.stdout.strip().endswith("LOADED:"), out.stdout


def _unlock(qtbot, window, path: Path) -> None:
    window.open_path(path)
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.shell


def test_lock_during_a_running_batch_waits_then_locks_cleanly(qtbot, window, school) -> None:
    from schooldp.services.people import PeopleService
    from schooldp.ui.operations import OPERATIONS, Op

    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path)
    session = window.session
    started, release = threading.Event(), threading.Event()
    results: list[int] = []

    def batch(job) -> int:
        started.set()
        release.wait(10)
        return len(PeopleService(session).pupils())  # still reads the open file

    Op(window, batch).success(results.append).run_in_background()
    assert started.wait(10)
    window.lock()
    assert not session.locked  # the batch still has the file open
    assert window.stack.currentWidget() is window.shell
    assert "when the current task ends" in window.state_label.text()
    release.set()
    qtbot.waitUntil(lambda: session.locked, timeout=10000)
    assert results == [0]  # the batch finished with its data before the lock
    assert OPERATIONS.running == 0
    assert session.vault.engine is None
    assert window.stack.currentWidget() is window.unlock_page
    assert "Locked" in window.state_label.text()
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)  # and it unlocks again as usual
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert not session.locked
    assert window.stack.currentWidget() is window.shell
