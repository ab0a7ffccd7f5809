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


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    from schooldp.ui.style import apply_style

    apply_style(app)
    add_script_fonts()
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
