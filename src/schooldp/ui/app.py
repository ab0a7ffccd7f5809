"""Start the Qt application."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from schooldp import APP_NAME, __version__


def _windows_mutex() -> object | None:
    """A named mutex so the installer can refuse to run while SchoolDP is open."""
    if sys.platform != "win32":
        return None
    import ctypes  # pragma: no cover - Windows only

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateMutexW.restype = ctypes.c_void_p  # a 64-bit handle must not be cut short
    return kernel32.CreateMutexW(None, False, "SchoolDP-Running")


# The bundled fonts (resources/fonts, the same files the letters embed) by the writing system
# they add; each is given to Qt only when the computer has no font for that script.
_SCRIPT_FONTS = {
    "Arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "Bengali": ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    "Gurmukhi": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    "Gujarati": ("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    "Devanagari": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    "Tamil": ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    "SimplifiedChinese": ("NotoSansCJKsc-Subset.ttf",),
}


def add_script_fonts() -> list[str]:
    """Give Qt the bundled fonts for scripts the system cannot show; returns the files added."""
    from PySide6.QtGui import QFontDatabase

    from schooldp.resources import resource

    added: list[str] = []
    for system, files in _SCRIPT_FONTS.items():
        if QFontDatabase.families(getattr(QFontDatabase.WritingSystem, system)):
            continue
        for name in files:
            try:
                if QFontDatabase.addApplicationFont(str(resource(f"fonts/{name}"))) >= 0:
                    added.append(name)
            except FileNotFoundError:
                continue
    return added


def make_app(argv: list[str] | None = None, *, later: bool = False) -> QApplication:
    """The application with its name and look; with `later`, the fonts for other scripts and the
    window icon are left for `finish_app` (run() calls it once the first window is painted)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from schooldp.ui.style import apply_style

    apply_style(app)
    if not later:
        finish_app(app)
    return app


def finish_app(app: QApplication) -> None:
    """What the first window does not need: fonts for scripts the system lacks, the window icon."""
    if add_script_fonts():
        for widget in app.topLevelWidgets():
            widget.update()  # a name already on screen in one of those scripts is drawn again
    try:
        from PySide6.QtGui import QIcon

        from schooldp.resources import resource

        app.setWindowIcon(QIcon(str(resource("icons/schooldp.png"))))
    except FileNotFoundError:
        pass


class _FirstPaint(QObject):
    """Runs its jobs once a window's first frame has been painted (or after half a second, as a
    window started minimised is not painted): one job per turn of the event loop, so input and
    repaints are handled between them (and a quit stops the rest)."""

    def __init__(self, window: QWidget, jobs: list[Callable[[], None]]) -> None:
        super().__init__(window)
        self.jobs = jobs
        self.started = False
        handle = window.windowHandle()
        assert handle is not None, "show the window first"
        self.handle = handle
        handle.installEventFilter(self)
        QTimer.singleShot(500, self, self._start)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._start)  # after this paint has reached the screen
        return False

    def _start(self) -> None:
        if not self.started:
            self.started = True
            self.handle.removeEventFilter(self)
            self._next()

    def _next(self) -> None:
        if self.jobs:
            self.jobs.pop(0)()
        if self.jobs:
            QTimer.singleShot(0, self._next)


def run(path: Path | None = None, demo: bool = False) -> int:
    app = make_app(later=True)
    mutex = _windows_mutex()
    from schooldp.ui.main_window import MainWindow

    window = MainWindow(path=None if demo else path)
    window.show()
    jobs: list[Callable[[], None]] = []
    exit_when = os.environ.get("SCHOOLDP_EXIT_WHEN_SHOWN", "")
    if exit_when and exit_when != "ready":
        jobs.append(lambda: _exit_shown(app))  # bench/: the first screen is painted
    jobs.append(gc.enable)  # __main__ held the cycle collector back until now
    jobs.append(lambda: finish_app(app))
    if demo:
        jobs.append(window.open_demo)
    if exit_when == "ready":
        jobs.append(lambda: _exit_shown(app))  # bench/: and the work after it is done
    _FirstPaint(window, jobs)  # the window owns it
    code = app.exec()
    del mutex
    return int(code)


def _exit_shown(app: QApplication) -> None:
    """For bench/ and the packaged build's launch timing (SCHOOLDP_EXIT_WHEN_SHOWN)."""
    print("SCHOOLDP_SHOWN", flush=True)
    app.quit()
