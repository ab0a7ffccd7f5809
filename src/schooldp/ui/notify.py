"""Gentle alerts when something becomes due today or overdue: system tray where available,
and the status bar's attention count. Alerts name the reference and the duty, never a person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from schooldp.domain.deadlines import DeadlineStatus
from schooldp.services.dashboard import attention
from schooldp.services.school import SchoolSession


class Notifier(QObject):
    """Checks the attention feed every minute; the window shows the count in its own status widget
    (never in place of the school and account) and the tray, where there is one, tells what is new."""

    CHECK_EVERY_MS = 60_000
    counted = Signal(int)
    """How many items are overdue or due today, after every check."""
    told = Signal(str)
    """The words of a new alert (references and duties, never a person)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session: SchoolSession | None = None
        self.now_fn: Callable[[], datetime] | None = None  # None: the session's clock
        self._told: set[tuple[str, str, str]] = set()
        self.last_message = ""
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.setToolTip("SchoolDP")
            self.tray.show()
        self._timer = QTimer(self)
        self._timer.setInterval(self.CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self, session: SchoolSession) -> None:
        self.session = session
        self._timer.start()
        self.check()

    def stop(self) -> None:
        self._timer.stop()
        self.session = None

    def check(self) -> None:
        s = self.session
        if s is None or s.locked:
            return
        view = attention(s, self.now_fn() if self.now_fn is not None else None)
        fresh = []
        urgent = 0
        for item in view.items:
            status = item.deadline.status(view.now)
            if status not in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY):
                continue
            urgent += 1
            key = (item.deadline.kind.value, item.deadline.ref, status.value)
            if key not in self._told:
                self._told.add(key)
                fresh.append(f"{item.deadline.ref}: {item.deadline.title} — {status.label.lower()}")
        self.counted.emit(urgent)
        if not fresh:
            return
        text = fresh[0] if len(fresh) == 1 else f"{len(fresh)} items need attention: " + "; ".join(fresh[:3])
        self.last_message = text
        self.told.emit(text)
        if self.tray is not None:
            self.tray.showMessage("SchoolDP", text, QSystemTrayIcon.MessageIcon.Information, 10_000)
