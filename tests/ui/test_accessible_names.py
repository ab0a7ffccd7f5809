"""Walk the focus chain of every page, dialog and wizard page: each input a keyboard user reaches
has a name a screen reader can say (its accessible name, a buddy label or its own text)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)

from tests.ui import screens

_INPUTS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractButton,
)


def _buddied(top: QWidget) -> set[int]:
    return {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}


def _part_of_another_input(widget: QWidget) -> bool:
    """The line edit inside a combo box or date box: its owner carries the name."""
    parent = widget.parentWidget()
    return isinstance(parent, (QComboBox, QAbstractSpinBox))


def unnamed_inputs(top: QWidget) -> list[str]:
    """Inputs on the focus chain of a shown window that a screen reader could not name."""
    for _ in range(2):
        QApplication.processEvents()
    buddies = _buddied(top)
    missing: list[str] = []
    seen: set[int] = set()
    widget = top.nextInFocusChain()
    while widget is not None and widget is not top and id(widget) not in seen:
        seen.add(id(widget))
        reachable = widget.isVisibleTo(top) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if reachable and isinstance(widget, _INPUTS) and not _part_of_another_input(widget):
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or id(widget) in buddies or text.replace("&", "").strip()):
                missing.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.toolTip()!r}")
        widget = widget.nextInFocusChain()
    return missing


def tab_order_jumps(top: QWidget) -> list[str]:
    """Where Tab goes back up the window (more than a row above, and not to a new column): a
    sensible order reads top to bottom. The wrap from the last control to the first is allowed."""
    from PySide6.QtCore import QPoint

    for _ in range(2):
        QApplication.processEvents()
    stops: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    widget = top.nextInFocusChain()
    while widget is not None and widget is not top and id(widget) not in seen:
        seen.add(id(widget))
        reachable = widget.isVisibleTo(top) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if reachable and isinstance(widget, _INPUTS) and not _part_of_another_input(widget):
            where = widget.mapTo(top, QPoint(0, 0))
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            stops.append((where.y(), where.x(), f"{type(widget).__name__} {name!r}"))
        widget = widget.nextInFocusChain()
    return [f"{a[2]} -> {b[2]}" for a, b in pairwise(stops) if b[0] < a[0] - 40 and b[1] <= a[1] + 200]


def test_every_input_on_every_focus_chain_has_a_name(qtbot, window, tmp_path) -> None:
    from schooldp.demo import create_demo_school

    session, folder = create_demo_school(tmp_path / "demo")
    window.demo_folder = folder
    window.on_opened(session, remember=False)
    problems: dict[str, list[str]] = {}
    for page in screens.PAGES:
        window.shell.go(page)
        problems[f"page {page}"] = unnamed_inputs(window)
    for name, factory in screens.dialogs(window):
        dialog = factory()
        dialog.show()
        problems[name] = unnamed_inputs(dialog) + tab_order_jumps(dialog)
        screens.dismiss(dialog)
    for name, factory in screens.wizards(window):
        wizard = factory()
        assert isinstance(wizard, QWizard)
        wizard.show()
        for page_id in screens.wizard_pages(wizard):
            problems[f"{name} page {page_id}"] = unnamed_inputs(wizard)
        screens.dismiss(wizard)
    problems = {k: v for k, v in problems.items() if v}
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
