"""Small input widgets the breach wizard and report form share: UK date/time, facts editor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    Cause,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.breach.answers import FactAnswers, missing_answers, to_facts
from schooldp.domain.deadlines import LONDON, london_now
from schooldp.domain.errors import ValidationError


def to_qdatetime(value: datetime) -> QDateTime:
    local = value.astimezone(LONDON)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> datetime:
    """What was typed is UK wall-clock time (the school is in the UK), made time-zone aware."""
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=LONDON)


class DateTimeField(QWidget):
    """A UK date and time, optionally 'Not known'; value() is aware (Europe/London) or None."""

    changed = Signal()

    def __init__(self, accessible: str, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateTimeEdit()
        self.edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(accessible)
        self.edit.setDateTime(to_qdatetime(london_now()))
        # While "not known / not yet" is ticked the box shows a dash, not a time nobody entered.
        self.edit.setSpecialValueText("—")
        row.addWidget(self.edit)
        self.now_button = QPushButton("Now")
        self.now_button.setAccessibleName(f"{accessible}: set to now")
        self.now_button.setAutoDefault(False)
        row.addWidget(self.now_button)
        self.unknown = QCheckBox("Not known")
        self.unknown.setAccessibleName(f"{accessible}: not known")
        row.addWidget(self.unknown)
        self.unknown.setVisible(optional)
        self.optional = optional
        row.addStretch()
        self.edit.dateTimeChanged.connect(self.changed)
        self.unknown.toggled.connect(self._toggle)
        self.now_button.clicked.connect(lambda: self.set_value(london_now()))
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _toggle(self, checked: bool) -> None:
        self.edit.setEnabled(not checked)
        self.now_button.setEnabled(not checked)
        if checked:
            self.edit.setDateTime(self.edit.minimumDateTime())  # shown as the dash
        elif self.edit.dateTime() == self.edit.minimumDateTime():
            self.edit.setDateTime(to_qdatetime(london_now()))  # a starting point to edit from
        self.changed.emit()

    def value(self) -> datetime | None:
        if self.optional and self.unknown.isChecked():
            return None
        return from_qdatetime(self.edit.dateTime())

    def set_value(self, value: datetime | None) -> None:
        if value is None and not self.optional:
            return
        if value is None:
            self.unknown.setChecked(True)
        else:
            self.unknown.setChecked(False)
            self.edit.setDateTime(to_qdatetime(value))
        self.changed.emit()


class DateField(QWidget):
    """A UK date with an optional 'Not yet' box."""

    changed = Signal()

    def __init__(self, accessible: str, optional_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit()
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(accessible)
        today = london_now().date()
        self.edit.setDate(QDate(today.year, today.month, today.day))
        row.addWidget(self.edit)
        self.none = QCheckBox(optional_text or "Not yet")
        self.none.setAccessibleName(f"{accessible}: {optional_text or 'not yet'}")
        self.none.setVisible(bool(optional_text))
        self.optional = bool(optional_text)
        row.addWidget(self.none)
        row.addStretch()
        self.edit.dateChanged.connect(self.changed)
        self.none.toggled.connect(lambda c: (self.edit.setEnabled(not c), self.changed.emit()))
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def value(self) -> date | None:
        if self.optional and self.none.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            return
        if value is None:
            self.none.setChecked(True)
        else:
            self.none.setChecked(False)
            self.edit.setDate(QDate(value.year, value.month, value.day))


def text_box(accessible: str, placeholder: str = "", height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(height)
    return edit


def enum_combo(accessible: str, members, none_text: str = "") -> QComboBox:  # type: ignore[no-untyped-def]
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    if none_text:
        combo.addItem(none_text, None)
    for m in members:
        combo.addItem(m.label, m)
    return combo


_CHOOSE = "Choose…"


def yes_no(accessible: str) -> QComboBox:
    """A yes/no question that starts unanswered: "not answered" is never read as "no"."""
    combo = QComboBox()
    combo.setAccessibleName(accessible)
    combo.setToolTip(accessible)
    combo.addItem(_CHOOSE, None)
    combo.addItem("No", False)
    combo.addItem("Yes", True)
    return combo


def set_combo(combo: QComboBox, value: object) -> None:
    i = combo.findData(value)
    combo.setCurrentIndex(max(i, 0))


class FactsEditor(QWidget):
    """The facts `assess()` needs, as questions a DPO can answer (investigation step)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base: BreachFacts | None = None
        self.error = ""
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._data_box(), 0, 0)
        grid.addWidget(self._who_box(), 1, 0)
        grid.addWidget(self._what_box(), 2, 0)
        self._connect()

    def _data_box(self) -> QGroupBox:
        data_box = QGroupBox("What kinds of data were involved?")
        dl = QVBoxLayout(data_box)
        self.categories = QListWidget()
        self.categories.setAccessibleName("Kinds of data involved")
        for c in DataCategory:
            item = QListWidgetItem(c.label)
            item.setData(Qt.ItemDataRole.UserRole, c)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(c.dpc_reason)
            self.categories.addItem(item)
        self.categories.setMinimumHeight(230)
        dl.addWidget(self.categories)
        return data_box

    def _who_box(self) -> QGroupBox:
        who_box = QGroupBox("Whose data, and how much?")
        wl = QFormLayout(who_box)
        self.groups: dict[AffectedGroup, QCheckBox] = {}
        groups_row = QWidget()
        gl = QGridLayout(groups_row)
        gl.setContentsMargins(0, 0, 0, 0)
        for i, g in enumerate(AffectedGroup):
            box = QCheckBox(g.label.split(" (")[0])
            box.setAccessibleName(f"Affected: {g.label}")
            self.groups[g] = box
            gl.addWidget(box, i // 2, i % 2)
        wl.addRow("People:", groups_row)
        self.vulnerable = QCheckBox("Children or vulnerable adults (pupils always count)")
        wl.addRow("", self.vulnerable)
        self.people = QSpinBox()
        self.people.setRange(0, 100000)
        self.people.setSpecialValueText("Not known")
        self.people.setAccessibleName("Approximate number of people")
        wl.addRow("About how many &people:", self.people)
        self.records = QSpinBox()
        self.records.setRange(0, 1000000)
        self.records.setSpecialValueText("Not known")
        self.records.setAccessibleName("Approximate number of records")
        wl.addRow("About how many &records:", self.records)
        self.identifiability = enum_combo("How easily people can be identified", Identifiability, _CHOOSE)
        wl.addRow("Identifiable:", self.identifiability)
        return who_box

    def _what_box(self) -> QGroupBox:
        what_box = QGroupBox("What was lost, and who has it?")
        ql = QFormLayout(what_box)
        self.confidentiality = QCheckBox("Seen by someone who should not have seen it")
        self.integrity = QCheckBox("Changed or corrupted")
        self.availability = QCheckBox("Could not be reached (lost, deleted, locked)")
        for box, name in (
            (self.confidentiality, "Confidentiality lost"),
            (self.integrity, "Integrity lost"),
            (self.availability, "Availability lost"),
        ):
            box.setAccessibleName(name)
            ql.addRow("", box)
        self.malicious = yes_no("Done on purpose by someone outside the school (theft, hacking)")
        ql.addRow("Outsider on purpose:", self.malicious)
        self.insider = yes_no("A member of staff took or used the data on purpose")
        ql.addRow("Staff on purpose:", self.insider)
        self.recipients = enum_combo("Who has or may have the data", Recipients, _CHOOSE)
        ql.addRow("Who has it:", self.recipients)
        self.unintelligible = enum_combo("Could the data be read", Unintelligibility, _CHOOSE)
        ql.addRow("Readable:", self.unintelligible)
        self.cause = enum_combo("Cause", Cause, "Choose the cause…")
        ql.addRow("&Cause:", self.cause)
        self.living = yes_no("The data is about living people")
        ql.addRow("About living people:", self.living)
        return what_box

    def _connect(self) -> None:
        self.categories.itemChanged.connect(lambda *_: self.changed.emit())
        for w in (
            *self.groups.values(),
            self.vulnerable,
            self.confidentiality,
            self.integrity,
            self.availability,
        ):
            w.toggled.connect(self.changed)
        for s in (self.people, self.records):
            s.valueChanged.connect(self.changed)
        for c in (
            self.recipients,
            self.unintelligible,
            self.cause,
            self.identifiability,
            self.malicious,
            self.insider,
            self.living,
        ):
            c.currentIndexChanged.connect(self.changed)

    def set_category(self, category: DataCategory, checked: bool = True) -> None:
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.data(Qt.ItemDataRole.UserRole) is category:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def load(self, facts: BreachFacts | None) -> None:
        self._base = facts
        if facts is None:
            return
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in facts.data_categories
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for g, box in self.groups.items():
            box.setChecked(g in facts.affected_groups)
        self.vulnerable.setChecked(facts.children_or_vulnerable)
        self.people.setValue(facts.approx_people or 0)
        self.records.setValue(facts.approx_records or 0)
        self.confidentiality.setChecked(facts.confidentiality_lost)
        self.integrity.setChecked(facts.integrity_lost)
        self.availability.setChecked(facts.availability_lost)
        set_combo(self.malicious, facts.malicious)
        set_combo(self.insider, facts.deliberate_insider)
        set_combo(self.recipients, facts.recipients if facts.confidentiality_lost else None)
        set_combo(self.unintelligible, facts.unintelligible)
        set_combo(self.identifiability, facts.identifiability)
        set_combo(self.cause, facts.cause)
        set_combo(self.living, facts.about_living_people)

    def answers(self) -> FactAnswers:
        """What has been answered so far; None where nothing has been chosen."""
        cats = frozenset(
            self.categories.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        )
        base = self._base
        return FactAnswers(
            data_categories=cats,
            affected_groups=frozenset(g for g, b in self.groups.items() if b.isChecked()),
            children_or_vulnerable=self.vulnerable.isChecked(),
            approx_people=self.people.value() or None,
            approx_records=self.records.value() or None,
            confidentiality_lost=self.confidentiality.isChecked(),
            integrity_lost=self.integrity.isChecked(),
            availability_lost=self.availability.isChecked(),
            malicious=self.malicious.currentData(),
            deliberate_insider=self.insider.currentData(),
            recipients=self.recipients.currentData(),
            unintelligible=self.unintelligible.currentData(),
            identifiability=self.identifiability.currentData(),
            about_living_people=self.living.currentData(),
            exfiltration=base.exfiltration if base is not None else Exfiltration.UNKNOWN,
            cause=self.cause.currentData(),
        )

    def facts(self) -> BreachFacts | None:
        """The facts as answered, keeping mitigations from later steps; None with `error` set
        while an answer the score needs is missing (no default ever stands in for one)."""
        answers = self.answers()
        missing = missing_answers(answers)
        if missing:
            self.error = "Still to answer: " + "; ".join(missing) + "."
            return None
        base = self._base
        if base is not None:
            if not (answers.integrity_lost or answers.availability_lost) and base.backup_restored:
                base = replace(base, backup_restored=False, hours_to_restore=None)
            if not answers.confidentiality_lost and base.exfiltration is Exfiltration.CONFIRMED:
                base = replace(base, exfiltration=Exfiltration.UNKNOWN)
        try:
            facts = to_facts(answers, base)
        except ValidationError as exc:
            self.error = str(exc)
            return None
        self.error = ""
        return facts
