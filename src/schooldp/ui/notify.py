"""Gentle alerts when something becomes due today or overdue: system tray where available,
otherwise the status bar. Alerts name the reference and the duty, never a person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from schooldp.domain.deadlines import DeadlineStatus
from schooldp.services.dashboard import attention
from schooldp.services.school import SchoolSession


class Notifier(QObject):
    CHECK_EVERY_MS = 60_000

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
        for item in view.items:
            status = item.deadline.status(view.now)
            if status not in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY):
                continue
            key = (item.deadline.kind.value, item.deadline.ref, status.value)
            if key not in self._told:
                self._told.add(key)
                fresh.append(f"{item.deadline.ref}: {item.deadline.title} — {status.label.lower()}")
        if not fresh:
            return
        text = fresh[0] if len(fresh) == 1 else f"{len(fresh)} items need attention: " + "; ".join(fresh[:3])
        self.last_message = text
        if self.tray is not None:
            self.tray.showMessage("SchoolDP", text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.window.statusBar().showMessage(text, 15_000)
