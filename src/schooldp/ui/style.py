"""One restrained look: Fusion with a school-navy accent, readable sizes, clear focus rings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

NAVY = "#1F3A5F"
AMBER = "#B36B00"
RED = "#B00020"
GREEN = "#2E7D32"
MUTED = "#5F6B7A"
TITLE_ON_DARK = "#9CC3F0"

STYLESHEET = f"""
QWidget {{ font-size: 10pt; }}
QListWidget#Sidebar {{ background: {NAVY}; color: white; border: none; font-size: 11pt; padding-top: 8px; }}
QListWidget#Sidebar::item {{ padding: 9px 14px; }}
QListWidget#Sidebar::item:selected {{ background: #33577F; border-left: 4px solid #F2C14E; }}
QListWidget#Sidebar:focus {{ outline: 1px dotted white; }}
QLabel[role="title"] {{ font-size: 16pt; font-weight: 600; color: {NAVY}; }}
QLabel[role="subtitle"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {RED}; font-weight: 600; }}
QLabel[role="warning"] {{ color: {AMBER}; font-weight: 600; }}
QPushButton[role="primary"] {{ background: {NAVY}; color: white; padding: 6px 16px; border-radius: 3px; }}
QPushButton[role="primary"]:disabled {{ background: #8A9BB0; }}
QPushButton[role="primary"]:focus {{ outline: 2px solid #F2C14E; }}
QFrame[role="card"] {{ background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }}
QLabel#RecoveryKey {{ font-family: "DejaVu Sans Mono", "Consolas", monospace; font-size: 14pt; }}
"""


def native_style() -> str:
    """Windows 11's own look where Qt has it (it follows the system's light or dark setting),
    else Fusion."""
    keys = {key.lower(): key for key in QStyleFactory.keys()}
    return keys.get("windows11", "Fusion")


def apply_style(app: QApplication) -> None:
    if app.property("schooldp_styled"):
        return  # re-polishing every live widget again is slow and can crash mid-teardown
    app.setProperty("schooldp_styled", True)
    style = native_style()
    if app.style().name().lower() != style.lower():  # Fusion on Linux, Windows 11: already so
        app.setStyle(style)
    pal = app.palette()
    dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    if not dark:  # in dark mode the system's own window colour keeps text readable
        pal.setColor(QPalette.ColorRole.Window, QColor("#F4F6F9"))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(NAVY))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(pal)
    # Navy titles on a dark window would be unreadable: a light blue takes their place there.
    app.setStyleSheet(
        STYLESHEET.replace(f"color: {NAVY};", f"color: {TITLE_ON_DARK};") if dark else STYLESHEET
    )


def set_role(widget, role: str) -> None:  # type: ignore[no-untyped-def]
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
