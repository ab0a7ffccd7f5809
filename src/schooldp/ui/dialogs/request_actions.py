"""Small dialogs for working a request: status, pauses, extension, ID, searches, disclosure,
the pupil's rights, unfounded or excessive, complaints and a letter's wording.

Each dialog collects values and calls one service method in `accept`; a refusal from the
service is shown in the dialog in words a headteacher understands, and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.deadlines import ClockEventKind, format_due
from schooldp.domain.errors import ConflictError, SchoolDPError
from schooldp.domain.requests import (
    DisclosureDecision,
    DisclosureOutcome,
    Exemption,
    IdDocument,
    IdDocumentType,
    RequestStatus,
    SearchLocation,
    SearchRecord,
    UnfoundedAction,
    UnfoundedGround,
    UnfoundedOrExcessive,
    next_statuses,
)
from schooldp.services.requests import ChildJudgement, LetterPlan, RequestDetail, RequestService
from schooldp.ui.conflicts import ConflictBox, show_conflict, show_message_line
from schooldp.ui.documents import failure_words
from schooldp.ui.operations import Cancelled, Op
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import (
    add_field,
    buttons_last,
    choice_combo,
    error_label,
    ok_cancel,
    show_error,
    subtitle,
)


def date_edit(value: date) -> QDateEdit:
    """A UK-format date field with a calendar pop-up."""
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def set_date(edit: QDateEdit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def date_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def text_box(text: str = "", height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMinimumHeight(height)
    box.setMaximumHeight(int(height * 1.6))
    return box


class ActionDialog(QDialog):
    """A form with an explanation, an error line and OK/Cancel; `apply` does the work.

    When someone else saved the record first, the conflict message offers Reload (`reload`,
    then `reloaded` so the page behind shows the record as it now is) or keeping the form open.
    """

    ok_text = "&Save"
    reloaded = Signal()

    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.explanation_label = subtitle(explanation)
        self.explanation_label.setVisible(bool(explanation))
        layout.addWidget(self.explanation_label)
        self.conflict_box: ConflictBox | None = None
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons, self.ok_button = ok_cancel(self, self.ok_text, primary=True)
        layout.addWidget(self.buttons)
        self._outer = layout
        self._buttons_moved = False

    def apply(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # The form is filled after the buttons are made: Tab should reach the fields first.
        if not self._buttons_moved:
            self._buttons_moved = True
            buttons_last(self._outer, self.buttons)
        super().showEvent(event)

    def accept(self) -> None:
        try:
            self.apply()
        except ConflictError as exc:
            show_message_line(self.error, str(exc))
            self.conflict_box = show_conflict(self, exc, self._reload)
            return
        except (SchoolDPError, ValueError) as exc:
            show_message_line(self.error, str(exc))
            return
        super().accept()

    def reload(self) -> None:
        """Read the record again; a dialog that shows it overrides this."""

    def _reload(self) -> None:
        self.reload()
        self.reloaded.emit()


class RequestActionDialog(ActionDialog):
    """An action on one request: the form is built by `build`, after the service and request are set."""

    heading = ""
    explanation = ""

    def __init__(self, service: RequestService, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(self.heading, self.explain(detail), parent)
        self.service, self.detail = service, detail
        self.build()

    def explain(self, detail: RequestDetail) -> str:
        """The explanation under the title; a subclass may word it for this request."""
        return self.explanation

    def build(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def version(self) -> int:
        """The version of the request this dialog was filled from: the service checks it."""
        return self.detail.summary.row_version

    def reload(self) -> None:
        """The request as it is now (the other person's change shown); the form starts again."""
        self.detail = self.service.detail(self.detail.id)
        text = self.explain(self.detail)
        self.explanation_label.setText(text)
        self.explanation_label.setVisible(bool(text))
        while self.form.rowCount():
            self.form.removeRow(0)
        self.ok_button.setEnabled(True)
        self.build()
        show_message_line(
            self.error,
            f"Reloaded: the request is now '{self.detail.summary.status.label}'. "
            "Make your change again if it is still needed.",
            reloaded=True,
        )


class StatusDialog(RequestActionDialog):
    ok_text = "&Change status"
    heading = "Change the request's status"
    explanation = (
        "Every change is kept in the request's history with your name and the date. "
        "To ask the requester for something, use 'Ask the requester…'; to extend, use 'Extend…'."
    )

    def build(self) -> None:
        self.status = choice_combo(
            s
            for s in next_statuses(self.detail.summary.status)
            if not s.is_awaiting and s is not RequestStatus.EXTENDED
        )
        self.on = date_edit(self.service.today())
        self.reason = text_box()
        add_field(self.form, "New &status:", self.status)
        add_field(self.form, "&Date:", self.on)
        add_field(self.form, "&Reason or note:", self.reason)
        if self.status.count() == 0:
            show_error(
                self.error,
                f"A request that is '{self.detail.summary.status.label}' cannot change status here.",
            )
            self.ok_button.setEnabled(False)

    def choose(self, status: RequestStatus) -> None:
        self.status.setCurrentIndex(self.status.findData(status))

    def apply(self) -> None:
        self.service.change_status(
            self.detail.id,
            self.status.currentData(),
            self.reason.toPlainText(),
            date_of(self.on),
            expected_version=self.version,
        )


class AskDialog(RequestActionDialog):
    ok_text = "&Log the pause"
    heading = "Ask the requester for something"
    explanation = (
        "ID, proof of authority or a fee: the month starts again when it arrives. "
        "Clarification: the days until the answer arrives do not count. Send the matching letter "
        "from the Letters tab."
    )

    def build(self) -> None:
        self.kind = choice_combo(ClockEventKind)
        self.asked = date_edit(self.service.today())
        self.note = text_box(height=50)
        add_field(self.form, "&Waiting for:", self.kind)
        add_field(self.form, "&Date asked:", self.asked)
        add_field(self.form, "&Note:", self.note)

    def choose(self, kind: ClockEventKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def apply(self) -> None:
        self.service.ask(
            self.detail.id,
            self.kind.currentData(),
            date_of(self.asked),
            self.note.toPlainText(),
            expected_version=self.version,
        )


class ReplyDialog(RequestActionDialog):
    ok_text = "&Record the reply"
    heading = "Reply received"
    explanation = "Record the day it arrived: the deadline is worked out again."

    def build(self) -> None:
        self.event = QComboBox()
        for e in self.detail.open_events:
            self.event.addItem(f"{e.event.kind.label} (asked {e.event.asked:%d/%m/%Y})", e.id)
        self.received = date_edit(self.service.today())
        add_field(self.form, "&What arrived:", self.event)
        add_field(self.form, "&Date received:", self.received)

    def apply(self) -> None:
        if self.event.currentData() is None:
            raise SchoolDPError("Nothing is being waited for.")
        self.service.reply_received(
            self.detail.id, self.event.currentData(), date_of(self.received), expected_version=self.version
        )


class ExtendDialog(RequestActionDialog):
    ok_text = "&Extend"
    heading = "Extend the time limit"

    def explain(self, detail: RequestDetail) -> str:
        clock = detail.summary.clock
        by = (
            f" The notice must be sent by {format_due(clock.extension_notice_by)}."
            if clock and clock.extension_notice_by
            else ""
        )
        return (
            "Only for a complex or numerous request: two more months, and the person must be told why "
            f"within the first month (UK GDPR Art 12(3)).{by}"
        )

    def build(self) -> None:
        self.reasons = text_box(height=90)
        self.notice_on = date_edit(self.service.today())
        add_field(self.form, "&Reasons:", self.reasons)
        add_field(self.form, "&Notice sent on:", self.notice_on)

    def apply(self) -> None:
        self.service.extend(
            self.detail.id, self.reasons.toPlainText(), date_of(self.notice_on), expected_version=self.version
        )


class IdDialog(RequestActionDialog):
    ok_text = "&Record"
    heading = "Record ID seen"
    explanation = (
        "Record the type of document and the date it was seen. Never keep a copy or its number. "
        "At most two forms of ID (policy section 9.3)."
    )

    def build(self) -> None:
        self.kind = choice_combo(IdDocumentType)
        self.seen = date_edit(self.service.today())
        self.seen_by = QLineEdit(self.service.session.account.display_name)
        self.description = QLineEdit()
        self.description.setPlaceholderText("Only for 'Other'")
        add_field(self.form, "&Document:", self.kind)
        add_field(self.form, "Date &seen:", self.seen)
        add_field(self.form, "Seen &by:", self.seen_by)
        add_field(self.form, "&Other document:", self.description)

    def apply(self) -> None:
        self.service.add_id_document(
            self.detail.id,
            IdDocument(
                self.kind.currentData(), date_of(self.seen), self.seen_by.text(), self.description.text()
            ),
            expected_version=self.version,
        )


class SearchDialog(RequestActionDialog):
    ok_text = "&Log the search"
    heading = "Log a search"
    explanation = (
        "Which system or place was searched, by whom and when: the log shows the search was "
        "reasonable and proportionate."
    )

    def build(self) -> None:
        self.location = choice_combo(SearchLocation)
        self.by = QLineEdit(self.service.session.account.display_name)
        self.on = date_edit(self.service.today())
        self.items = QSpinBox()
        self.items.setRange(0, 100000)
        self.description = QLineEdit()
        self.description.setPlaceholderText("Where else, for 'Other'; or which mailbox, which folder")
        self.note = text_box(height=50)
        add_field(self.form, "&Searched:", self.location)
        add_field(self.form, "Searched &by:", self.by)
        add_field(self.form, "&Date:", self.on)
        add_field(self.form, "&Items found:", self.items)
        add_field(self.form, "&Details:", self.description)
        add_field(self.form, "&Note:", self.note)

    def apply(self) -> None:
        self.service.add_search(
            self.detail.id,
            SearchRecord(
                self.location.currentData(),
                self.by.text(),
                date_of(self.on),
                self.items.value(),
                self.description.text(),
                self.note.toPlainText(),
            ),
            expected_version=self.version,
        )


class DisclosureDialog(RequestActionDialog):
    ok_text = "&Add to the schedule"
    heading = "Disclosure schedule: add an item"
    explanation = (
        "Each document or item found: included, redacted or withheld. Anything held back must "
        "name the exemption relied on (policy section 9.3), so the decision can be defended later."
    )

    def build(self) -> None:
        self.item = QLineEdit()
        self.outcome = choice_combo(DisclosureOutcome)
        self.exemptions = QListWidget()
        self.exemptions.setMinimumHeight(150)
        # Long exemption names wrap in a dialog wide enough to read them, never scroll sideways.
        self.exemptions.setWordWrap(True)
        self.exemptions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fit_resize(self, 760, 560)
        for e in Exemption:
            it = QListWidgetItem(e.label)
            it.setData(Qt.ItemDataRole.UserRole, e)
            it.setToolTip(e.source)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.exemptions.addItem(it)
        self.location = QComboBox()
        self.location.addItem("Not recorded", None)
        for loc in SearchLocation:
            self.location.addItem(loc.label, loc)
        self.note = text_box(height=50)
        add_field(self.form, "&Item:", self.item)
        add_field(self.form, "&Decision:", self.outcome)
        add_field(self.form, "&Exemptions relied on:", self.exemptions)
        add_field(self.form, "&Found in:", self.location)
        add_field(self.form, "&Note:", self.note)

    def set_exemption(self, exemption: Exemption, checked: bool = True) -> None:
        for i in range(self.exemptions.count()):
            it = self.exemptions.item(i)
            if it.data(Qt.ItemDataRole.UserRole) is exemption:
                it.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def apply(self) -> None:
        chosen = tuple(
            self.exemptions.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.exemptions.count())
            if self.exemptions.item(i).checkState() == Qt.CheckState.Checked
        )
        self.service.add_disclosure(
            self.detail.id,
            DisclosureDecision(
                self.item.text(),
                self.outcome.currentData(),
                chosen,
                self.note.toPlainText(),
                self.location.currentData(),
            ),
            expected_version=self.version,
        )


class ChildDialog(RequestActionDialog):
    ok_text = "&Record judgement"
    heading = "The pupil's rights"

    def explain(self, detail: RequestDetail) -> str:
        advice = detail.child_advice
        return advice.advice if advice else "Record your judgement on the pupil's rights and your reasons."

    def build(self) -> None:
        self.judgement = choice_combo(ChildJudgement)
        self.on = date_edit(self.service.today())
        self.reasons = text_box(height=80)
        add_field(self.form, "&Judgement:", self.judgement)
        add_field(self.form, "&Date:", self.on)
        add_field(self.form, "&Reasons:", self.reasons)

    def choose(self, judgement: ChildJudgement) -> None:
        self.judgement.setCurrentIndex(self.judgement.findData(judgement))

    def apply(self) -> None:
        self.service.decide_child(
            self.detail.id,
            self.judgement.currentData(),
            self.reasons.toPlainText(),
            date_of(self.on),
            expected_version=self.version,
        )


class UnfoundedDialog(RequestActionDialog):
    ok_text = "&Record decision"
    heading = "Manifestly unfounded or excessive"
    explanation = (
        "You may refuse, or charge a reasonable fee to cover administrative costs. Consider whether "
        "the request is repetitive, and give your reasons: the person must be told why, and of "
        "their right to complain to the ICO and to go to court (policy section 9.3)."
    )

    def build(self) -> None:
        self.ground = choice_combo(UnfoundedGround)
        self.action = choice_combo(UnfoundedAction)
        self.repetitive = QCheckBox("The request repeats an earlier one")
        self.fee = QDoubleSpinBox()
        self.fee.setPrefix("£")
        self.fee.setRange(0, 1000)
        self.fee.setDecimals(2)
        self.on = date_edit(self.service.today())
        self.reasons = text_box(height=90)
        add_field(self.form, "&Ground:", self.ground)
        add_field(self.form, "&Action:", self.action)
        add_field(self.form, "", self.repetitive, "Repetitive")
        add_field(self.form, "&Fee (if charging):", self.fee)
        add_field(self.form, "&Date:", self.on)
        add_field(self.form, "&Reasons:", self.reasons)

    def apply(self) -> None:
        action = self.action.currentData()
        fee = round(self.fee.value() * 100) if action is UnfoundedAction.CHARGE_FEE else None
        decision = UnfoundedOrExcessive(
            self.ground.currentData(), action, self.reasons.toPlainText(), self.repetitive.isChecked(), fee
        )
        self.service.unfounded(self.detail.id, decision, date_of(self.on), expected_version=self.version)


class ComplaintDialog(ActionDialog):
    """Acknowledge a complaint (within 30 days) or record its outcome."""

    def __init__(
        self, service: RequestService, detail: RequestDetail, outcome: bool, parent: QWidget | None = None
    ) -> None:
        summary = detail.summary
        explanation = (
            "Record the outcome the complainant is told (without undue delay, DPA 2018 s.164A)."
            if outcome
            else f"Acknowledge within 30 days: by {format_due(summary.due)}."
            if summary.due
            else ""
        )
        super().__init__("Complaint: outcome" if outcome else "Complaint: acknowledge", explanation, parent)
        self.ok_button.setText("&Record outcome" if outcome else "&Record acknowledgement")
        self.service, self.detail, self.is_outcome = service, detail, outcome
        self.on = date_edit(service.today())
        add_field(self.form, "&Date:", self.on)
        self.outcome = text_box(height=110)
        if outcome:
            add_field(self.form, "&Outcome:", self.outcome)

    def apply(self) -> None:
        version = self.detail.summary.row_version
        if self.is_outcome:
            self.service.complaint_outcome(
                self.detail.id, self.outcome.toPlainText(), date_of(self.on), expected_version=version
            )
        else:
            self.service.acknowledge_complaint(self.detail.id, date_of(self.on), expected_version=version)

    def reload(self) -> None:
        """The complaint as it is now; what was typed stays (the outcome is this person's words)."""
        self.detail = self.service.detail(self.detail.id)
        show_message_line(
            self.error,
            f"Reloaded: the complaint is now '{self.detail.summary.status.label}'. Save again if "
            "your change is still needed.",
            reloaded=True,
        )


class LetterFieldsDialog(ActionDialog):
    """Check and edit what this letter will say before it is previewed, printed and logged."""

    ok_text = "&Preview…"

    def __init__(
        self,
        plan: LetterPlan,
        render: Callable[[LetterPlan, dict[str, str]], bytes],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            plan.letter_type.title,
            f"To {plan.recipient.name}. Check the wording below; the rest of the letter is the school's "
            "standard wording (Settings).",
            parent,
        )
        self.plan = plan
        self._render = render
        self.pdf: bytes | None = None
        self.edits: dict[str, QPlainTextEdit | QLineEdit] = {}
        holder = QWidget()
        inner = QVBoxLayout(holder)
        for f in plan.editable:
            edit: QPlainTextEdit | QLineEdit
            value = str(plan.fields.get(f.key, ""))
            edit = text_box(value, 64) if f.multiline else QLineEdit(value)
            label = QLabel(f.label + ":")
            label.setBuddy(edit)
            label.setWordWrap(True)
            edit.setAccessibleName(f.label)
            inner.addWidget(label)
            inner.addWidget(edit)
            self.edits[f.key] = edit
        inner.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setMinimumHeight(min(520, 90 + 90 * len(plan.editable)))
        self.form.addRow(scroll)
        fit_resize(self, 720, min(760, 220 + 100 * len(plan.editable)))

    def values(self) -> dict[str, str]:
        return {
            k: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()) for k, e in self.edits.items()
        }

    def apply(self) -> None:
        self.pdf = self._render(self.plan, self.values())

    def accept(self) -> None:
        """Write the letter on a worker, the window alive meanwhile; close once it is made."""
        plan, values, render = self.plan, self.values(), self._render
        self.setEnabled(False)

        def made(pdf: bytes) -> None:
            self.pdf = pdf
            self.setEnabled(True)
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            if not isinstance(exc, Cancelled):
                show_error(self.error, failure_words("letter", exc))

        op = Op(self, lambda _job: render(plan, values)).success(made).failure(failed)
        op.with_progress("Writing the letter…", title=plan.letter_type.title, cancellable=False)
        op.run_in_background()


def info_label(text: str) -> QLabel:
    lbl = QLabel(text)
    lbl.setWordWrap(True)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl
