"""The school profile as form fields, shared by the create wizard and Settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from schooldp.domain.school import ContactPerson, Nation, SchoolProfile, SchoolType
from schooldp.ui.widgets.forms import add_field, choice_combo, error_label, line, show_error


class SchoolFields(QWidget):
    """Name, address, contact, URN, nation, type, ICO registration and logo."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = add_field(form, "School &name:", line("e.g. Oakfield Primary School"))
        self.address = QPlainTextEdit()
        self.address.setPlaceholderText("One line per line of the address")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(64)
        add_field(form, "&Address:", self.address)
        self.postcode = add_field(form, "&Postcode:", line())
        self.phone = add_field(form, "P&hone:", line())
        self.email = add_field(form, "&Email:", line("office@school.sch.uk"))
        self.urn = add_field(form, "&URN:", line("6 or 7 digits"))
        self.nation = choice_combo(Nation)
        add_field(form, "Nation:", self.nation, "Nation")
        self.school_type = choice_combo(SchoolType)
        add_field(form, "School &type:", self.school_type)
        self.ico = add_field(form, "&ICO registration:", line("e.g. Z1234567"))
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel("No logo")
        self.logo_preview.setFixedHeight(48)
        self.logo_button = QPushButton("Choose &logo…")
        self.logo_button.setAccessibleName("Choose school logo")
        self.logo_button.clicked.connect(self._choose_logo)
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(self.logo_button)
        logo_row.addStretch()
        form.addRow("Logo:", logo_row)
        self.error = error_label()
        form.addRow(self.error)
        self.logo_png: bytes | None = None
        self.name.textChanged.connect(self.changed)

    def load(self, p: SchoolProfile) -> None:
        self.name.setText(p.name)
        self.address.setPlainText("\n".join(p.address_lines))
        self.postcode.setText(p.postcode)
        self.phone.setText(p.phone)
        self.email.setText(p.email)
        self.urn.setText(p.urn)
        self.nation.setCurrentIndex(self.nation.findData(p.nation))
        self.school_type.setCurrentIndex(self.school_type.findData(p.school_type))
        self.ico.setText(p.ico_registration)
        self.logo_png = p.logo_png
        if p.logo_png:
            image = QImage.fromData(p.logo_png)
            self.logo_preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(48))

    def apply(self, p: SchoolProfile) -> SchoolProfile:
        return replace(
            p,
            name=self.name.text().strip(),
            address_lines=tuple(x.strip() for x in self.address.toPlainText().splitlines() if x.strip()),
            postcode=self.postcode.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            urn=self.urn.text().strip(),
            nation=self.nation.currentData(),
            school_type=self.school_type.currentData(),
            ico_registration=self.ico.text().strip(),
            logo_png=self.logo_png,
        )

    def _choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the school logo", "", "Images (*.png *.jpg *.jpeg *.bmp)"
        )
        if path:
            self.set_logo(Path(path))

    def set_logo(self, path: Path) -> None:
        image = QImage(str(path))
        if image.isNull():
            show_error(self.error, "That picture could not be read. Choose a PNG or JPEG file.")
            return
        image = image.scaledToHeight(min(image.height(), 300), Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        self.logo_png = bytes(data.data())
        self.logo_preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(48))


class PeopleFields(QWidget):
    """The DPO's and headteacher's names and contact details."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.dpo_name = add_field(form, "DPO &name:", line(), "Data Protection Officer name")
        self.dpo_email = add_field(form, "DPO e&mail:", line(), "Data Protection Officer email")
        self.dpo_phone = add_field(form, "DPO &phone:", line(), "Data Protection Officer phone")
        self.head_name = add_field(form, "&Headteacher name:", line())
        self.head_email = add_field(form, "Headteacher &email:", line())
        self.head_phone = add_field(form, "Headteacher ph&one:", line())
        self.dpo_name.textChanged.connect(self.changed)
        self.head_name.textChanged.connect(self.changed)

    def load(self, p: SchoolProfile) -> None:
        self.dpo_name.setText(p.dpo.name)
        self.dpo_email.setText(p.dpo.email)
        self.dpo_phone.setText(p.dpo.phone)
        self.head_name.setText(p.headteacher.name)
        self.head_email.setText(p.headteacher.email)
        self.head_phone.setText(p.headteacher.phone)

    def apply(self, p: SchoolProfile) -> SchoolProfile:
        return replace(
            p,
            dpo=ContactPerson(
                self.dpo_name.text().strip(),
                self.dpo_email.text().strip(),
                self.dpo_phone.text().strip(),
                "Data Protection Officer",
            ),
            headteacher=ContactPerson(
                self.head_name.text().strip(),
                self.head_email.text().strip(),
                self.head_phone.text().strip(),
                "Headteacher",
            ),
        )

    def complete(self) -> bool:
        return bool(self.dpo_name.text().strip() and self.head_name.text().strip())


def empty_profile() -> SchoolProfile:
    return SchoolProfile(name="")
