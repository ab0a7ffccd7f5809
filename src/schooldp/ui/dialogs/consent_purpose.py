"""Add a purpose the school asks about, or change who may consent and for how long."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.consent import ConsentDuration, ConsentPurpose, custom_purpose
from schooldp.services.consent import ConsentService
from schooldp.ui.conflicts import ReopenOnReload
from schooldp.ui.widgets.forms import add_field, choice_combo, error_label, subtitle


def key_from_title(title: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", title.casefold()).strip("_")
    if not key or not key[0].isalpha():
        key = "purpose_" + key
    return key[:48]


class ConsentPurposeDialog(ReopenOnReload, QDialog):
    """`purpose` None: add a school purpose. Otherwise edit it (the history is untouched)."""

    def __init__(
        self, service: ConsentService, purpose: ConsentPurpose | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service, self.purpose = service, purpose
        self.saved: ConsentPurpose | None = None
        self.setWindowTitle("Add a consent purpose" if purpose is None else f"Edit: {purpose.title}")
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Changes apply from now on: the history already recorded is kept as it is. "
                "Photos: pupils decide for themselves from 18 (policy section 12)."
            )
        )
        form = QFormLayout()
        self.title = QLineEdit(purpose.title if purpose else "")
        self.description = QPlainTextEdit(purpose.description if purpose else "")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.pupil_decides = QCheckBox("The pupil decides from age")
        self.age = QSpinBox()
        self.age.setRange(0, 25)
        passes = purpose.passes_to_pupil_at if purpose else 18
        self.pupil_decides.setChecked(passes is not None)
        self.age.setValue(passes if passes is not None else 18)
        self.age.setEnabled(passes is not None)
        self.pupil_decides.toggled.connect(self.age.setEnabled)
        self.duration = choice_combo(ConsentDuration)
        if purpose:
            self.duration.setCurrentIndex(self.duration.findData(purpose.duration))
        add_field(form, "&Title:", self.title)
        add_field(form, "&Description (printed on the form):", self.description)
        add_field(form, "Who &decides:", self.pupil_decides, "The pupil decides from an age")
        add_field(form, "&Age:", self.age, "Age from which the pupil decides")
        add_field(form, "&Lasts:", self.duration)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        passes = self.age.value() if self.pupil_decides.isChecked() else None
        duration = self.duration.currentData()

        def write() -> object:
            if self.purpose is None:
                new = custom_purpose(
                    key_from_title(self.title.text()),
                    self.title.text(),
                    self.description.toPlainText(),
                    passes_to_pupil_at=passes,
                    duration=duration,
                )
                return self.service.add_purpose(new)
            else:
                changed = replace(
                    self.purpose,
                    title=self.title.text().strip(),
                    description=self.description.toPlainText().strip(),
                    passes_to_pupil_at=passes,
                    duration=duration,
                )
                return self.service.update_purpose(changed)

        self.save_or_explain(self.error, write)
