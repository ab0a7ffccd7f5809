"""Windows that fit a school laptop: 1366x768, or 1920x1080 at 125-150% scaling, less the taskbar.

Every top-level window asks for its size through `fit_resize`, which never gives more than the
screen's available geometry nor more than `BUDGET` (1280x680 logical pixels, the smallest
common laptop once the taskbar is taken off); long content goes in a `scrolling` area so the
action buttons under it stay on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget

BUDGET = QSize(1280, 680)
"""The largest any window may be, frame included: 1280x720 logical px (1920x1080 at 150%) less a
taskbar."""

FRAME = QSize(16, 40)
"""Room left for the window frame and title bar the system draws around a window."""


def available(widget: QWidget | None = None) -> QRect:
    """The available geometry (screen less taskbar) of the widget's screen, or the primary screen."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def budget(widget: QWidget | None = None) -> QSize:
    """The most a window's client area may take: the budget and the screen, each less the frame
    (so the whole window, title bar included, fits 1280x680 and the space above the taskbar)."""
    return (BUDGET - FRAME).boundedTo(available(widget).size() - FRAME)


def fit_resize(widget: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to (width, height), cut down to fit the screen and the budget."""
    widget.resize(QSize(width, height).boundedTo(budget(widget)))


def scrolling(content: QWidget | QLayout, accessible_name: str = "") -> QScrollArea:
    """Put long content (a widget or a layout) in a frameless vertical scroll area."""
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content = holder
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    if accessible_name:
        area.setAccessibleName(accessible_name)
    return area
