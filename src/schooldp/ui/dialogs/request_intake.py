"""Log a request: channel, date received, requester, data subject, relationship, type, and the
pupil's rights when a parent asks about a pupil.

The clock starts on the day received whatever the weekday; the due date shown here comes from
the service, which asks the deadline engine.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.domain.requests import Channel, Relationship, RequestType
from schooldp.services.requests import (
    ChildDecision,
    ChildJudgement,
    NewRequest,
    Requester,
    RequestService,
    RequestSummary,
    Subject,
    SubjectKind,
    child_advice,
    load_school_calendar,
    offered_types,
)
from schooldp.ui.dialogs.request_actions import date_edit, date_of, text_box
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, choice_combo, error_label, ok_cancel, show_error, subtitle

if TYPE_CHECKING:
    from schooldp.services.people import PeopleService


def _section(text: str) -> QLabel:
    lbl = QLabel(f"<b>{text}</b>")
    lbl.setContentsMargins(0, 8, 0, 0)
    return lbl


class LogRequestDialog(QDialog):
    def __init__(self, service: RequestService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.profile = service.session.profile()
        self.has_calendar = load_school_calendar(service.session) is not None
        self.result_summary: RequestSummary | None = None
        self._subjects: dict[int, Subject] = {}
        self._requester_id: tuple[str, int | None] = ("other", None)
        self._auto_name = ""  # the requester name filled in from the subject, until edited
        self.setWindowTitle("Log a request")
        fit_resize(self, 760, 820)
        outer = QVBoxLayout(self)
        outer.addWidget(
            subtitle(
                "A request can arrive in any form. Log it on the day it arrives: the clock starts then, "
                "whatever the weekday."
            )
        )
        holder = QWidget()
        form = QFormLayout(holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        self._build_arrival(form)
        self._build_subject(form)
        self._build_requester(form)
        self._build_request(form)
        form.addRow(self._build_child_box())
        self.error = error_label()
        outer.addWidget(self.error)
        outer.addWidget(self._build_buttons())
        self._connect()
        self._subject_changed()

    def _build_arrival(self, form: QFormLayout) -> None:
        self.channel = choice_combo(Channel)
        self.received = date_edit(self.service.today())
        add_field(form, "&Received by:", self.channel, "How the request arrived")
        add_field(form, "&Date received:", self.received)

    def _build_subject(self, form: QFormLayout) -> None:
        form.addRow(_section("Whose personal data is it?"))
        self.subject_search = QLineEdit()
        self.subject_search.setPlaceholderText("Type a name to search pupils, parents and staff")
        self.subject_list = QListWidget()
        self.subject_list.setMaximumHeight(96)
        self.subject_new = QLineEdit()
        self.subject_new.setPlaceholderText("Or type the name of someone not on the register")
        add_field(form, "&Whose data (search):", self.subject_search, "Search for the data subject")
        add_field(form, "", self.subject_list, "Matching people")
        add_field(form, "&Not on the register:", self.subject_new, "Data subject not on the register")
        self.relationship = choice_combo(Relationship)
        add_field(form, "Requester &is:", self.relationship, "Requester's relationship to the data subject")

    def _build_requester(self, form: QFormLayout) -> None:
        form.addRow(_section("Who is asking?"))
        self.requester_pick = QComboBox()
        self.requester_pick.addItem("Type the requester's details below", None)
        self.requester_name = QLineEdit()
        self.requester_address = text_box(height=60)
        self.requester_email = QLineEdit()
        self.requester_phone = QLineEdit()
        add_field(
            form,
            "From the pupil's &contacts:",
            self.requester_pick,
            "Choose the requester from the pupil's contacts",
        )
        add_field(form, "Requester's &name:", self.requester_name)
        add_field(form, "&Address:", self.requester_address, "Requester's postal address")
        add_field(form, "&Email:", self.requester_email, "Requester's email")
        add_field(form, "&Phone:", self.requester_phone, "Requester's phone")

    def _build_request(self, form: QFormLayout) -> None:
        form.addRow(_section("What are they asking for?"))
        self.request_type = QComboBox()
        self.time_limit = QLabel()
        self.time_limit.setWordWrap(True)
        self.calendar_note = QLabel()
        self.calendar_note.setWordWrap(True)
        set_role(self.calendar_note, "warning")
        self.calendar_note.hide()
        self.description = text_box(height=70)
        add_field(form, "&Type:", self.request_type, "Type of request")
        form.addRow("", self.time_limit)
        form.addRow("", self.calendar_note)
        add_field(form, "&What they ask:", self.description, "What they are asking for")

    def _build_child_box(self) -> QGroupBox:
        """The pupil's rights (policy 9.2): shown only for a request about a pupil."""
        self.child_box = QGroupBox("The pupil's rights")
        child_form = QFormLayout(self.child_box)
        self.child_age = QLabel()
        set_role(self.child_age, "warning")
        self.child_advice = QLabel()
        self.child_advice.setWordWrap(True)
        self.child_judgement = QComboBox()
        self.child_judgement.addItem("Choose…", None)
        for j in (ChildJudgement.PROCEED, ChildJudgement.SEEK_CONSENT):
            self.child_judgement.addItem(j.label, j)
        self.child_reasons = text_box(height=60)
        child_form.addRow(self.child_age)
        child_form.addRow(self.child_advice)
        add_field(child_form, "Your &judgement:", self.child_judgement)
        add_field(child_form, "&Reasons:", self.child_reasons, "Reasons for your judgement")
        self.child_box.hide()
        return self.child_box

    def _build_buttons(self) -> QDialogButtonBox:
        buttons, self.log_button = ok_cancel(self, "&Log request", primary=True)
        return buttons

    def _connect(self) -> None:
        self.subject_search.textChanged.connect(self._search)
        self.subject_list.currentRowChanged.connect(lambda _row: self._subject_changed())
        self.subject_new.textEdited.connect(self._new_subject_typed)
        self.received.dateChanged.connect(lambda _d: self._subject_changed())
        self.relationship.currentIndexChanged.connect(lambda _i: self._subject_changed())
        self.requester_pick.currentIndexChanged.connect(self._requester_picked)
        self.request_type.currentIndexChanged.connect(lambda _i: self._type_changed())

    # ---- the data subject ----------------------------------------------------------------
    def _people(self) -> PeopleService | None:
        try:
            from schooldp.services.people import PeopleService
        except ImportError:  # the people register is not part of this build
            return None
        return PeopleService(self.service.session)

    def _search(self, text: str) -> None:
        self.subject_list.clear()
        self._subjects.clear()
        people = self._people()
        if people is None or len(text.strip()) < 2:
            return
        found: list[tuple[str, Subject]] = []
        for p in people.pupils(search=text, include_leavers=True)[:15]:
            label = f"Pupil: {p.display_name}, {p.year_group.label}, born {p.date_of_birth:%d/%m/%Y}"
            found.append((label, Subject(SubjectKind.PUPIL, p.legal_name, p.id, p.date_of_birth)))
        for c in people.contacts(text)[:10]:
            found.append(
                (f"Parent or carer: {c.display_name}", Subject(SubjectKind.CONTACT, c.display_name, c.id))
            )
        for s in people.staff(text)[:10]:
            role = f", {s.role}" if s.role else ""
            found.append((f"Staff: {s.display_name}{role}", Subject(SubjectKind.STAFF, s.display_name, s.id)))
        for i, (label, subject) in enumerate(found):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.subject_list.addItem(item)
            self._subjects[i] = subject
        if len(found) == 1:
            self.subject_list.setCurrentRow(0)

    def _new_subject_typed(self, _text: str) -> None:
        self.subject_list.setCurrentRow(-1)
        self.subject_list.clearSelection()
        self._subject_changed()

    def subject(self) -> Subject | None:
        item = self.subject_list.currentItem()
        if item is not None and item.isSelected():
            return self._subjects.get(item.data(Qt.ItemDataRole.UserRole))
        name = self.subject_new.text().strip()
        return Subject(SubjectKind.OTHER, name) if name else None

    def _subject_changed(self) -> None:
        subject = self.subject()
        received = date_of(self.received)
        relationship: Relationship = self.relationship.currentData()
        people = self._people()
        self._offer_contacts(subject, people)
        typed = self.requester_name.text().strip()
        if relationship is Relationship.SELF and subject is not None and typed in ("", self._auto_name):
            self._requester_is_subject(subject, people)
        self._offer_types(subject, received)
        self._show_child_advice(subject, received, relationship)

    def _offer_contacts(self, subject: Subject | None, people: PeopleService | None) -> None:
        """Requester choices: the pupil's contacts, or the person themselves."""
        self.requester_pick.blockSignals(True)
        self.requester_pick.clear()
        self.requester_pick.addItem("Type the requester's details below", None)
        if subject is not None and subject.kind is SubjectKind.PUPIL and people is not None and subject.id:
            for pc in people.contacts_for(subject.id):
                pr = ", parental responsibility" if pc.parental_responsibility else ""
                self.requester_pick.addItem(
                    f"{pc.contact.display_name} ({pc.relationship or 'contact'}{pr})",
                    ("contact", pc.contact.id),
                )
        self.requester_pick.blockSignals(False)
        self.requester_pick.setEnabled(self.requester_pick.count() > 1)

    def _requester_is_subject(self, subject: Subject, people: PeopleService | None) -> None:
        self.requester_name.setText(subject.name)
        self._auto_name = subject.name
        self._requester_id = (
            subject.kind.value if subject.kind is not SubjectKind.OTHER else "other",
            subject.id,
        )
        if subject.kind is SubjectKind.STAFF and people is not None and subject.id:
            self.requester_email.setText(people.staff_member(subject.id).email)

    def _offer_types(self, subject: Subject | None, received: date) -> None:
        """Types offered: the educational record only where the right applies (policy 10)."""
        current = self.request_type.currentData()
        probe = subject or Subject(SubjectKind.OTHER, "")
        self.request_type.blockSignals(True)
        self.request_type.clear()
        for t in offered_types(probe, received, self.profile):
            self.request_type.addItem(t.label, t)
        index = self.request_type.findData(current) if current is not None else 0
        self.request_type.setCurrentIndex(max(index, 0))
        self.request_type.blockSignals(False)
        self._type_changed()

    def _show_child_advice(self, subject: Subject | None, received: date, relationship: Relationship) -> None:
        advice = None
        if subject is not None:
            try:
                advice = child_advice(subject, received, relationship, self.profile)
            except SchoolDPError:
                advice = None
        self.child_box.setVisible(advice is not None)
        if advice is not None:
            self.child_age.setText(f"Age on the day received: {advice.pupil_age}")
            self.child_advice.setText(advice.advice)
            self.child_age.setAccessibleName(f"Pupil's age on the day received: {advice.pupil_age}")
            self.child_advice.setAccessibleName("What the policy says")

    def _requester_picked(self, _index: int) -> None:
        data = self.requester_pick.currentData()
        people = self._people()
        if data is None or people is None:
            self._requester_id = ("other", None)
            return
        contact = people.contact(data[1])
        self._requester_id = data
        self.requester_name.setText(contact.display_name)
        self.requester_address.setPlainText("\n".join(contact.postal_address))
        self.requester_email.setText(contact.email)
        self.requester_phone.setText(contact.phone)
        self.relationship.setCurrentIndex(self.relationship.findData(Relationship.PARENT_CARER))

    def _type_changed(self) -> None:
        t: RequestType | None = self.request_type.currentData()
        self.time_limit.setText(f"Time limit: {t.time_limit}. {t.legal_basis}." if t else "")
        needs_terms = t is RequestType.EDUCATIONAL_RECORD and not self.has_calendar
        self.calendar_note.setVisible(needs_terms)
        if needs_terms:
            self.calendar_note.setText(
                "Term dates are needed to count the 15 school days. Add them with 'Term dates…' on the "
                "Requests page; you can log the request now and the due date will appear then."
            )

    # ---- saving --------------------------------------------------------------------------
    def build(self) -> NewRequest:
        subject = self.subject()
        if subject is None:
            raise SchoolDPError(
                "Say whose personal data the request is about: search the register or type a name."
            )
        self.service.check_day(date_of(self.received), "date received", field_name="received_on")
        advice = child_advice(subject, date_of(self.received), self.relationship.currentData(), self.profile)
        decision = None
        relationship: Relationship = self.relationship.currentData()
        if advice is not None and relationship is not Relationship.SELF:
            judgement = self.child_judgement.currentData()
            if judgement is None:
                raise SchoolDPError(
                    "Record your judgement on the pupil's rights: can the request go ahead, or must the "
                    "pupil be asked first?"
                )
            decision = ChildDecision(judgement, self.child_reasons.toPlainText())
        kind, rid = self._requester_id
        return NewRequest(
            request_type=self.request_type.currentData(),
            channel=self.channel.currentData(),
            received_on=date_of(self.received),
            requester=Requester(
                self.requester_name.text(),
                tuple(self.requester_address.toPlainText().splitlines()),
                self.requester_email.text(),
                self.requester_phone.text(),
                kind,
                rid,
            ),
            relationship=relationship,
            subject=subject,
            description=self.description.toPlainText(),
            child_decision=decision,
        )

    def accept(self) -> None:
        try:
            self.result_summary = self.service.log(self.build())
        except SchoolDPError as exc:
            show_error(self.error, str(exc))
            return
        super().accept()

    def choose_subject(self, text: str) -> bool:
        """Select the first search match containing `text` (keyboard users type and press Down)."""
        for i in range(self.subject_list.count()):
            if text in self.subject_list.item(i).text():
                self.subject_list.setCurrentRow(i)
                return True
        return False
