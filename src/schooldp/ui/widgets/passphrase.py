"""Passphrase + confirmation with a live strength hint (policy section 15)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QWidget

from schooldp.domain.accounts import check_passphrase, passphrase_strength
from schooldp.domain.errors import ValidationError
from schooldp.ui.widgets.forms import add_field, password_line


class PassphraseFields(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, label: str = "&Passphrase:") -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase = password_line("At least 10 characters, letters and numbers")
        self.confirm = password_line("Type it again")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName("Passphrase strength")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        add_field(form, label, self.passphrase, "Passphrase")
        add_field(form, "&Confirm:", self.confirm, "Confirm passphrase")
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        s = passphrase_strength(self.passphrase.text())
        self.meter.setValue(s.score)
        problem = self.problem()
        text = s.hint if s.label else "At least 10 characters, with letters and numbers."
        if self.passphrase.text() and problem and self.confirm.text():
            text = problem
        self.hint.setText(f"<b>{s.label}</b> {text}" if s.label else text)
        self.changed.emit()

    def problem(self) -> str | None:
        try:
            check_passphrase(self.passphrase.text(), self.confirm.text())
        except ValidationError as exc:
            return str(exc)
        return None

    def is_valid(self) -> bool:
        return self.problem() is None

    def value(self) -> str:
        return self.passphrase.text()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
