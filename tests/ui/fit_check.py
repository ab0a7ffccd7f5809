"""Open every SchoolDP screen on one simulated screen and report what does not fit (run by a test).

python -m tests.ui.fit_check       (with QT_QPA_PLATFORM=offscreen:configfile=... and QT_SCALE_FACTOR)

Prints one JSON list of problems: a top-level window larger than the space it may take
(the 1280x680 budget, within the screen's available geometry), or a button outside its window
(buttons inside a scroll area are reached by scrolling and are not counted).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget, QWizard


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def problems_of(name: str, top: QWidget) -> list[str]:
    """What is wrong with this shown top-level widget, in words."""
    from schooldp.ui.widgets.fit import budget

    for _ in range(3):
        QApplication.processEvents()
    found: list[str] = []
    room = budget(top)
    size = top.size()
    if size.width() > room.width() or size.height() > room.height():
        found.append(f"{name}: {size.width()}x{size.height()} is larger than {room.width()}x{room.height()}")
    inside = top.rect()
    for button in top.findChildren(QAbstractButton):
        if not button.isVisibleTo(top) or _in_scroll_area(button, top):
            continue
        where = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        if not inside.contains(where):
            found.append(
                f"{name}: button {button.text()!r} at {where.getRect()} is outside {inside.getRect()}"
            )
    return found


def check() -> list[str]:
    from schooldp.config import Preferences
    from schooldp.demo import create_demo_school
    from schooldp.ui.app import make_app
    from schooldp.ui.main_window import MainWindow
    from tests.ui import screens

    make_app()
    found: list[str] = []
    window = MainWindow(Preferences(Path(tempfile.mkdtemp()) / "prefs.json"))
    window.show()
    session, _folder = create_demo_school(Path(tempfile.mkdtemp(prefix="fit-demo-")))
    window.on_opened(session, remember=False)
    for page in screens.PAGES:
        window.shell.go(page)
        found += problems_of(f"main window ({page})", window)
    for name, factory in screens.dialogs(window):
        dialog = factory()
        dialog.show()
        found += problems_of(name, dialog)
        screens.dismiss(dialog)
    for name, factory in screens.wizards(window):
        wizard = factory()
        assert isinstance(wizard, QWizard)
        wizard.show()
        for page_id in screens.wizard_pages(wizard):
            found += problems_of(f"{name} page {page_id}", wizard)
        screens.dismiss(wizard)
    window.close()
    return found


if __name__ == "__main__":
    print(json.dumps(check()))
    sys.exit(0)
