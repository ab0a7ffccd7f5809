"""Start-up imports only what the unlock window shows; Lock waits for a running operation."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import DPO_PASS

HEAVY = ("sqlalchemy", "alembic", "reportlab", "holidays", "icalendar", "psycopg", "sqlcipher3")

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
heavy = sorted(m for m in sys.argv[2].split(",") if m in sys.modules)
print("LOADED:" + ",".join(heavy))
"""

# The whole start as a user gets it (`python -m schooldp FILE`): arguments, logging, the clean-up
# after a crash, the application, the window; the modules are listed when the first frame of the
# unlock page has been painted.
LAUNCH_TO_UNLOCK_PAGE = r"""
import sys
import schooldp.ui.app as app_module

shown = app_module._exit_shown

def report(app):
    print("LOADED:" + ",".join(sorted(m for m in sys.argv[2].split(",") if m in sys.modules)))
    shown(app)

app_module._exit_shown = report
from schooldp.__main__ import main

sys.exit(main([sys.argv[1] + "/Oakfield.sdp"]))
"""


def _loaded_before_unlock(script: str, tmp_path: Path, **env_extra: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SCHOOLDP_HOME=str(tmp_path), **env_extra)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[2] / "src"), env.get("PYTHONPATH", "")]
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), ",".join(HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = [line for line in out.stdout.splitlines() if line.startswith("LOADED:")]
    assert lines, out.stdout
    return lines[0].removeprefix("LOADED:")


def test_unlock_page_appears_without_database_or_pdf_libraries(tmp_path: Path) -> None:
    assert _loaded_before_unlock(SHOW_UNLOCK_PAGE, tmp_path) == ""


def test_launch_paints_the_unlock_page_before_loading_database_or_pdf_libraries(tmp_path: Path) -> None:
    loaded = _loaded_before_unlock(LAUNCH_TO_UNLOCK_PAGE, tmp_path, SCHOOLDP_EXIT_WHEN_SHOWN="1")
    assert loaded == "", f"loaded before the unlock page was painted: {loaded}"


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
