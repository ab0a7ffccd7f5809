"""Small form helpers: labelled fields with accessible names and buddies for keyboard users."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.ui.style import set_role

WidgetT = TypeVar("WidgetT", bound=QWidget)


def add_field(form: QFormLayout, label: str, widget: QWidget, accessible: str | None = None) -> QWidget:
    lbl = QLabel(label)
    lbl.setBuddy(widget)
    widget.setAccessibleName(accessible or label.replace("&", "").rstrip(":"))
    form.addRow(lbl, widget)
    return widget


def line(placeholder: str = "", text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    return edit


def password_line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def error_label() -> QLabel:
    lbl = QLabel()
    lbl.setWordWrap(True)
    set_role(lbl, "error")
    lbl.setAccessibleName("Error message")
    lbl.hide()
    return lbl


def show_error(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))


def title(text: str) -> QLabel:
    lbl = QLabel(text)
    set_role(lbl, "title")
    return lbl


def subtitle(text: str) -> QLabel:
    lbl = QLabel(text)
    lbl.setWordWrap(True)
    set_role(lbl, "subtitle")
    return lbl


def button_row(*buttons: QWidget, left: Sequence[QWidget] = (), lead: QWidget | None = None) -> QHBoxLayout:
    """Buttons on the right of a dialog, `left` ones on the left; `lead` (a status line) takes the
    room between them, or else a stretch does."""
    row = QHBoxLayout()
    for button in left:
        row.addWidget(button)
    if lead is None:
        row.addStretch()
    else:
        row.addWidget(lead, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def buddy(text: str, widget: QWidget) -> QLabel:
    """A label whose Alt+letter moves the focus to `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def ok_cancel(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], Any] | None = None, *, primary: bool = False
) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (renamed to say what it does) and Cancel; OK calls `on_ok`, or accepts the dialog."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    if primary:
        ok.setDefault(True)
        set_role(ok, "primary")
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def buttons_last(layout: QBoxLayout, box: QWidget) -> None:
    """Put a button row (the last item of `layout`) at the end of the Tab order: a form built
    after its buttons would otherwise start with them. Re-parenting a widget puts it last in its
    window's focus chain; the row stays where it was on screen."""
    layout.removeWidget(box)
    box.setParent(None)
    layout.addWidget(box)
    box.show()


def centred_card(page: QWidget, max_width: int) -> QVBoxLayout:
    """A card in the middle of a full-window page (start, unlock); returns the card's column."""
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    card = QFrame()
    set_role(card, "card")
    card.setMaximumWidth(max_width)
    box = QVBoxLayout(card)
    box.setContentsMargins(28, 24, 28, 24)
    row = QHBoxLayout()
    row.addStretch()
    row.addWidget(card, 1)
    row.addStretch()
    outer.addLayout(row)
    outer.addStretch(2)
    return box


def label_above(layout: QVBoxLayout, text: str, widget: WidgetT, accessible: str) -> WidgetT:
    """A label with its Alt+letter on one line, the field under it."""
    widget.setAccessibleName(accessible)
    layout.addWidget(buddy(text, widget))
    layout.addWidget(widget)
    return widget


def choice_combo(choices: Iterable[Any]) -> QComboBox:
    """A drop-down of enum members (or anything with a `label`): shows the label, holds the member."""
    combo = QComboBox()
    for choice in choices:
        combo.addItem(choice.label, choice)
    return combo
