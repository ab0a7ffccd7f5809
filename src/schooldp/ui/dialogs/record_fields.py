"""Small editors shared by the record dialogs: lists one per line, UK dates, enum choices."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from schooldp.domain.errors import ValidationError


def lines_edit(values: Iterable[str], rows: int = 3) -> QPlainTextEdit:
    """One item per line; Tab moves on (never typed into the text)."""
    edit = QPlainTextEdit("\n".join(values))
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(12 + rows * edit.fontMetrics().lineSpacing())
    return edit


def text_edit(value: str, rows: int = 2) -> QPlainTextEdit:
    return lines_edit([value] if value else [], rows)


def lines_of(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(x.strip() for x in edit.toPlainText().splitlines() if x.strip())


def text_of(edit: QPlainTextEdit) -> str:
    return edit.toPlainText().strip()


def enum_combo(
    values: Iterable[Enum], current: Enum | None, label: Any, none_text: str | None = None
) -> QComboBox:
    box = QComboBox()
    # Long labels must not widen the dialog past a 1366x768 screen.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    if none_text is not None:
        box.addItem(none_text, None)
    for v in values:
        box.addItem(label(v), v)
    index = box.findData(current) if current is not None else 0
    box.setCurrentIndex(max(index, 0))
    return box


def date_edit(value: date | None) -> QLineEdit:
    edit = QLineEdit(f"{value:%d/%m/%Y}" if value else "")
    edit.setPlaceholderText("DD/MM/YYYY")
    return edit


def date_of(edit: QLineEdit, field: str) -> date | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as exc:
        raise ValidationError(f"Write the {field} as DD/MM/YYYY, for example 01/09/2026.", field) from exc
