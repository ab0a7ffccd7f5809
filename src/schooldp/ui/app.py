"""Start the Qt application."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from schooldp import APP_NAME, __version__


def _windows_mutex() -> object | None:
    """A named mutex so the installer can refuse to run while SchoolDP is open."""
    if sys.platform != "win32":
        return None
    import ctypes  # pragma: no cover - Windows only

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateMutexW.restype = ctypes.c_void_p  # a 64-bit handle must not be cut short
    return kernel32.CreateMutexW(None, False, "SchoolDP-Running")


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from schooldp.ui.style import apply_style

    apply_style(app)
    try:
        from schooldp.resources import resource

        app.setWindowIcon(QIcon(str(resource("icons/schooldp.png"))))
    except FileNotFoundError:
        pass
    return app


def run(path: Path | None = None, demo: bool = False) -> int:
    app = make_app()
    mutex = _windows_mutex()
    from schooldp.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if demo:
        window.open_demo()
    elif path is not None:
        window.open_path(path)
    if os.environ.get("SCHOOLDP_EXIT_WHEN_SHOWN"):
        # For bench/ and the packaged build's launch timing: quit once the first screen is painted.
        from PySide6.QtCore import QTimer

        def _shown() -> None:
            print("SCHOOLDP_SHOWN", flush=True)
            app.quit()

        QTimer.singleShot(0, _shown)
    code = app.exec()
    del mutex
    return int(code)
