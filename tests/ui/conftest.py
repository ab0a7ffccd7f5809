from __future__ import annotations

import pytest

from schooldp.services.school import THROTTLE


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE._failures.clear()
    THROTTLE._not_before.clear()


@pytest.fixture
def window(qtbot, tmp_path):
    from schooldp.config import Preferences
    from schooldp.ui.app import make_app
    from schooldp.ui.main_window import MainWindow

    make_app()
    w = MainWindow(Preferences(tmp_path / "prefs.json"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def type_text(widget, text: str) -> None:
    """Type any Unicode text as key events (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_Return if ch == "\n" else Qt.Key(0)
        t = "\r" if ch == "\n" else ch
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, t))


SCHOOL_DAY = "2026-11-02T10:00:00+00:00"


def unlock_in_window(qtbot, window, school) -> None:
    """Close the fixture's session and unlock the same file in the window as the DPO would;
    the window's session then stands on a fixed school day."""
    from datetime import datetime

    from PySide6.QtCore import Qt

    from schooldp.domain.clock import FrozenClock
    from tests.conftest import DPO_PASS

    path = school.vault.path
    school.close(backup=False)
    window.open_path(path)
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell)
    window.session.clock = FrozenClock(datetime.fromisoformat(SCHOOL_DAY))
