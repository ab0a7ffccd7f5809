"""People page: pupils, parents/carers and staff, searched as you type, with a person's card.

Later features add their own sections to the card (consents, requests, breaches) with
`PeoplePage.register_card_section(title, factory)`; the factory gets the session, the kind of
person ("pupil", "contact", "staff") and their id, and returns a widget or None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil, YearGroup, search_key
from schooldp.services.people import PeopleService
from schooldp.services.school import SchoolSession
from schooldp.ui.documents import make_document
from schooldp.ui.models.people_table import ID_ROLE, PeopleRow, PeopleTableModel, SearchProxy
from schooldp.ui.pages.base import Page, heading_row, page_layout
from schooldp.ui.printing import ask_save_path
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import subtitle, title
from schooldp.ui.widgets.tables import register_view

CardFactory = Callable[[SchoolSession, str, int], QWidget | None]
KINDS = ("pupil", "contact", "staff")
_YEAR_ORDER = {yg: i for i, yg in enumerate(YearGroup)}


def _uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


class PeoplePage(Page):
    title_text = "People"
    _card_sections: ClassVar[list[tuple[str, CardFactory]]] = []

    @classmethod
    def register_card_section(cls, heading: str, factory: CardFactory) -> None:
        """Let a feature add a section (e.g. "Consents") to every person's card."""
        cls._card_sections.append((heading, factory))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "pupil"
        outer = page_layout(self)
        self.import_button = QPushButton("&Import from MIS…")
        self.import_button.setAccessibleName("Import from MIS")
        set_role(self.import_button, "primary")
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton("E&xport CSV…")
        self.export_button.setAccessibleName("Export the register as CSV")
        self.export_button.clicked.connect(self.export_csv)
        outer.addLayout(heading_row("People", self.export_button, self.import_button))
        self.counts = subtitle("")
        outer.addWidget(self.counts)

        bar = QHBoxLayout()
        self.tabs = QTabBar()
        self.tabs.setAccessibleName("Show pupils, contacts or staff")
        for label in ("Pupils", "Parents and carers", "Staff"):
            self.tabs.addTab(label)
        self.tabs.currentChanged.connect(self._kind_changed)
        bar.addWidget(self.tabs)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name, UPN, year or registration group")
        self.search.setAccessibleName("Search people")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search, 1)
        self.show_leavers = QCheckBox("Show &leavers")
        self.show_leavers.setAccessibleName("Show leavers")
        self.show_leavers.toggled.connect(lambda _checked: self.refresh())
        bar.addWidget(self.show_leavers)
        outer.addLayout(bar)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)

        self.model = PeopleTableModel([])
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = register_view(self.proxy, "People", sortable=True, stretch_last=True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.card_area = QScrollArea()
        self.card_area.setWidgetResizable(True)
        self.card_area.setAccessibleName("Person's details")
        self.card = QFrame()
        set_role(self.card, "card")
        self.card_layout = QVBoxLayout(self.card)
        self.card_area.setWidget(self.card)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.card_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.card_area.setMinimumWidth(320)
        splitter.setSizes([640, 400])
        outer.addWidget(splitter, 1)
        self.empty_hint = subtitle(
            "No people yet. Use Import from MIS… to bring in a pupil and contact export from SIMS, "
            "Arbor or Bromcom (CSV or Excel)."
        )
        outer.addWidget(self.empty_hint)
        self._show_card(None)

    # ---- data ------------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """Today by the school's clock (the page shows people only while a school is open)."""
        assert self.session is not None
        return self.session.clock.today()

    def service(self) -> PeopleService:
        assert self.session is not None
        return PeopleService(self.session)

    def refresh(self) -> None:
        if self.session is None:
            return
        svc = self.service()
        self.import_button.setEnabled(not self.session.read_only)
        self.show_leavers.setVisible(self.kind == "pupil")
        if self.kind == "pupil":
            rows = [self._pupil_row(p) for p in svc.pupils(include_leavers=self.show_leavers.isChecked())]
            headers = ["Name", "UPN", "Year", "Reg group", "Date of birth"]
        elif self.kind == "contact":
            rows = [
                PeopleRow(
                    c.id or 0,
                    (c.display_name, c.postcode, c.email, c.phone),
                    (search_key(f"{c.last_name} {c.first_name}"), c.postcode, c.email, c.phone),
                    search_key(" ".join((c.display_name, c.postcode, c.email, c.phone))),
                )
                for c in svc.contacts()
            ]
            headers = ["Name", "Postcode", "Email", "Phone"]
        else:
            rows = [
                PeopleRow(
                    s.id or 0,
                    (s.display_name, s.role, s.email),
                    (search_key(s.name), search_key(s.role), s.email),
                    search_key(" ".join((s.name, s.role, s.email))),
                )
                for s in svc.staff()
            ]
            headers = ["Name", "Role", "Email"]
        selected = self.current_id()
        self.model.set_rows(headers, rows)
        self.proxy.sort(-1)
        for col, width in enumerate((190, 120, 85, 75)[: len(headers) - 1]):
            self.table.setColumnWidth(col, width)
        total = svc.pupil_count()
        self.counts.setText(
            f"{total} pupils on roll, {svc.contact_count()} parents and carers, {svc.staff_count()} staff."
        )
        self.empty_hint.setVisible(total == 0 and self.kind == "pupil" and not rows)
        if selected is not None:
            self.select_id(selected)
        else:
            self._show_card(None)

    def _pupil_row(self, p: Pupil) -> PeopleRow:
        name = p.display_name + ("  (left)" if p.has_left_by(self.today) else "")
        return PeopleRow(
            p.id,
            (name, p.upn, p.year_group.label, p.reg_group, _uk(p.date_of_birth)),
            (
                search_key(f"{p.legal_last_name} {p.legal_first_name}"),
                p.upn,
                _YEAR_ORDER.get(p.year_group, 99),
                search_key(p.reg_group),
                p.date_of_birth.isoformat(),
            ),
            p.search_text,
            muted=p.has_left_by(self.today),
        )

    def clear(self) -> None:
        self.model.clear()
        self.search.clear()
        self._show_card(None)
        self.counts.setText("")
        super().clear()

    # ---- interaction -----------------------------------------------------------------------
    def _kind_changed(self, index: int) -> None:
        self.kind = KINDS[index]
        self._show_card(None)
        self.refresh()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)

    def visible_names(self) -> list[str]:
        return [self.proxy.index(r, 0).data() for r in range(self.proxy.rowCount())]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, person_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ID_ROLE) == person_id:
                self.table.selectRow(r)
                self._show_card(person_id)
                return True
        self._show_card(None)
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_card(current.data(ID_ROLE) if current.isValid() else None)

    # ---- the card --------------------------------------------------------------------------
    def _clear_card(self) -> None:
        while self.card_layout.count():
            item = self.card_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def add_card_section(self, heading: str, widget: QWidget) -> None:
        """Add a titled section to the card now showing (features call this from their factory)."""
        label = QLabel(heading)
        set_role(label, "section")
        label.setStyleSheet("font-weight: 600; margin-top: 10px;")
        self.card_layout.insertWidget(self.card_layout.count() - 1, label)
        self.card_layout.insertWidget(self.card_layout.count() - 1, widget)

    def _line(self, text: str, accessible: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if accessible:
            label.setAccessibleName(accessible)
        self.card_layout.addWidget(label)
        return label

    def _show_card(self, person_id: int | None) -> None:
        self._clear_card()
        self.card_person = (self.kind, person_id) if person_id is not None else None
        if person_id is None or self.session is None:
            hint = QLabel("Choose a person to see their details.")
            set_role(hint, "subtitle")
            self.card_layout.addWidget(hint)
            self.card_layout.addStretch()
            return
        try:
            if self.kind == "pupil":
                self._pupil_card(person_id)
            elif self.kind == "contact":
                self._contact_card(person_id)
            else:
                self._staff_card(person_id)
        except SchoolDPError as exc:
            self._line(str(exc))
        self.card_layout.addStretch()
        for heading, factory in self._card_sections:
            widget = factory(self.session, self.kind, person_id)
            if widget is not None:
                self.add_card_section(heading, widget)

    def _heading(self, text: str) -> None:
        label = title(text)
        label.setWordWrap(True)
        label.setAccessibleName("Name")
        self.card_layout.addWidget(label)

    def _pupil_card(self, pupil_id: int) -> None:
        svc = self.service()
        p = svc.pupil(pupil_id)
        self._heading(p.display_name)
        if p.display_name != p.legal_name:
            self._line(f"Legal name: {p.legal_name}")
        self._line(f"UPN: {p.upn}")
        age = p.age_on(self.today) if p.date_of_birth <= self.today else 0
        self._line(f"Date of birth: {_uk(p.date_of_birth)} (age {age})")
        self._line(f"{p.year_group.label}, registration group {p.reg_group or '(none)'}")
        if p.admission_date:
            self._line(f"Admitted: {_uk(p.admission_date)}")
        if p.leaving_date:
            warn = self._line(f"Leaving date: {_uk(p.leaving_date)}")
            set_role(warn, "warning")
        contacts = svc.contacts_for(pupil_id)
        label = QLabel(f"Contacts ({len(contacts)})")
        label.setStyleSheet("font-weight: 600; margin-top: 10px;")
        self.card_layout.addWidget(label)
        if not contacts:
            self._line("No contacts recorded.")
        for pc in contacts:
            c = pc.contact
            flags = [
                "parental responsibility" if pc.parental_responsibility else "NO parental responsibility",
                "lives with pupil" if pc.lives_with_pupil else "lives elsewhere",
            ]
            text = f"{pc.priority}. {c.title + ' ' if c.title else ''}{c.display_name}"
            text += f" ({pc.relationship or 'relationship not recorded'}): " + ", ".join(flags)
            details = [", ".join(c.postal_address), c.email, c.phone]
            text += "\n   " + "\n   ".join(d for d in details if d)
            self._line(text, f"Contact {pc.priority}")

    def _contact_card(self, contact_id: int) -> None:
        svc = self.service()
        c = svc.contact(contact_id)
        self._heading(f"{c.title + ' ' if c.title else ''}{c.display_name}")
        for text in (", ".join(c.postal_address), c.email, c.phone):
            if text:
                self._line(text)
        pupils = svc.pupils_of_contact(contact_id)
        label = QLabel(f"Pupils ({len(pupils)})")
        label.setStyleSheet("font-weight: 600; margin-top: 10px;")
        self.card_layout.addWidget(label)
        for p in pupils:
            links = {pc.contact.id: pc for pc in svc.contacts_for(p.id or 0)}
            pc = links.get(contact_id)
            extra = ""
            if pc is not None:
                extra = f": {pc.relationship or 'contact'}" + (
                    ", parental responsibility" if pc.parental_responsibility else ""
                )
            self._line(f"{p.display_name} ({p.year_group.label}, {p.upn}){extra}")

    def _staff_card(self, staff_id: int) -> None:
        s = self.service().staff_member(staff_id)
        self._heading(s.display_name)
        for text in (s.role, s.email):
            if text:
                self._line(text)

    # ---- import and export -------------------------------------------------------------------
    def open_import(self) -> None:
        if self.session is None:
            return
        from schooldp.ui.dialogs.import_people import ImportPeopleDialog

        dialog = ImportPeopleDialog(self.session, self)
        dialog.exec()
        self.refresh()

    def export_csv(self) -> None:
        if self.session is None:
            return
        path = ask_save_path(self, "Export the register", "pupils and contacts.csv", "CSV (*.csv)")
        if path is None:
            return
        service = self.service()

        def write() -> int:
            with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                return service.export_csv(handle)

        def written(count: int) -> None:
            QMessageBox.information(
                self,
                "Export",
                f"{count} pupils written. The file holds personal data: keep it somewhere safe and delete "
                "it when you no longer need it.",
            )

        make_document(self, "Register export", write, written)
