"""Small form helpers: labelled fields with accessible names and buddies for keyboard users."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from schooldp.ui.style import set_role


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


def button_row(*buttons: QWidget, lead: QWidget | None = None) -> QHBoxLayout:
    """Buttons on the right of a dialog; `lead` (a status line) takes the room on their left."""
    row = QHBoxLayout()
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
