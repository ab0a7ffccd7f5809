"""Cancel says what really happened: a job that had already saved reports its result."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from schooldp.ui.workers import Cancelled, run_with_progress


def _press_cancel_when_shown(qtbot, then: Callable[[], None] = lambda: None) -> None:
    def press() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                button = next(b for b in w.findChildren(QPushButton) if b.text() == "Cancel")
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                then()
                return
        QTimer.singleShot(50, press)

    QTimer.singleShot(100, press)


def test_cancel_pressed_after_the_save_committed_returns_the_result(qtbot) -> None:
    committed = threading.Event()

    def work(progress, is_cancelled) -> str:
        committed.wait(10)  # Cancel arrives while the transaction commits: too late to undo
        return "2,000 pupils imported"

    _press_cancel_when_shown(qtbot, committed.set)
    assert run_with_progress(None, "Importing", work) == "2,000 pupils imported"


def test_cancel_the_job_honours_raises_cancelled(qtbot) -> None:
    def work(progress, is_cancelled) -> str:
        for _ in range(1000):
            if is_cancelled():
                raise RuntimeError("stopped early")
            threading.Event().wait(0.01)
        return "finished"

    _press_cancel_when_shown(qtbot)
    with pytest.raises(Cancelled):
        run_with_progress(None, "Reading", work)
