"""Letters for a breach: to the people affected (parents/carers with parental responsibility, or
staff) in one batch, and to recipients asking them to delete the data and confirm in writing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.breach import deletion_reply_by
from schooldp.domain.errors import ConflictError, SchoolDPError
from schooldp.services.breaches import (
    DELETION_LETTER,
    BreachRecord,
    BreachService,
    DeletionRequest,
    LetterBatch,
    Matched,
    NoticeText,
    default_notice_text,
    deletion_email_text,
    deletion_letter,
    deletion_letter_pdf,
    file_rows,
    match_pupils,
    match_staff,
    notice_letters,
    pasted_rows,
)
from schooldp.services.letters import BatchOutcome, LetterService, Recipient
from schooldp.services.school import SchoolSession
from schooldp.ui.conflicts import show_conflict, show_message_line
from schooldp.ui.documents import make_document
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import add_field, button_row, error_label, subtitle
from schooldp.ui.wizards.breach_fields import DateField, text_box
from schooldp.ui.workers import Cancelled, IsCancelled, Progress, run_with_progress


def _checklist(name: str) -> QListWidget:
    lst = QListWidget()
    lst.setAccessibleName(name)
    return lst


class BreachLettersDialog(QDialog):
    def __init__(self, session: SchoolSession, record: BreachRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record = record
        self.previews: list[QDialog] = []
        self.set_aside: list[str] = []  # "29 printed, 1 could not be printed: ..." per batch
        self.setWindowTitle(f"{record.reference}: letters to the people affected")
        fit_resize(self, 1000, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Tick the pupils and staff affected. Each pupil's parents and carers with parental responsibility "
                "get a letter at their address; staff get one by hand. Check the wording, then preview and print."
            )
        )
        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a pupil or member of staff…")
        self.search.setAccessibleName("Find people")
        ll.addWidget(self.search)
        self.pupils = _checklist("Pupils affected")
        ll.addWidget(QLabel("&Pupils:", buddy=self.pupils))
        ll.addWidget(self.pupils, 2)
        self.staff = _checklist("Staff affected")
        ll.addWidget(QLabel("S&taff:", buddy=self.staff))
        ll.addWidget(self.staff, 1)
        self.count = QLabel()
        self.count.setAccessibleName("People chosen")
        ll.addWidget(self.count)
        ll.addLayout(self._choosers())
        self.match_report = QLabel()
        self.match_report.setWordWrap(True)
        self.match_report.setAccessibleName("Matching report")
        self.match_report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ll.addWidget(self.match_report)
        split.addWidget(left)
        right = QWidget()
        form = QFormLayout(right)
        text = default_notice_text(record)
        self.what = add_field(form, "What &happened:", text_box("What happened (letter)", height=80))
        self.what.setPlainText(text.what_happened)
        self.when = add_field(form, "&When:", text_box("When it happened (letter)", height=50))
        self.when.setPlainText(text.when_it_happened)
        self.data = add_field(
            form, "&Information involved:", text_box("Information involved (letter)", height=50)
        )
        self.data.setPlainText(text.data_involved)
        self.consequences = add_field(
            form, "&Likely consequences:", text_box("Likely consequences (letter)", height=60)
        )
        self.consequences.setPlainText(text.likely_consequences)
        self.measures = add_field(
            form, "What we have &done:", text_box("What the school has done (letter)", height=70)
        )
        self.measures.setPlainText(text.measures_taken)
        self.advice = add_field(form, "What they &can do:", text_box("What they can do (letter)", height=60))
        self.advice.setPlainText(text.what_you_can_do)
        self.letter_date = add_field(form, "Letter &date:", DateField("Letter date"))
        split.addWidget(right)
        split.setSizes([360, 640])
        layout.addWidget(split, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        self.preview_button = QPushButton("&Preview letters…")
        set_role(self.preview_button, "primary")
        self.close_button = QPushButton("&Close")
        layout.addLayout(button_row(self.preview_button, self.close_button))
        self._fill()
        self.search.textChanged.connect(self._filter)
        self.pupils.itemChanged.connect(self._count)
        self.staff.itemChanged.connect(self._count)
        self.preview_button.clicked.connect(self.preview)
        self.close_button.clicked.connect(self.accept)

    def _fill(self) -> None:
        from schooldp.services.people import PeopleService

        people = PeopleService(self.session)
        chosen_p, chosen_s = set(self.record.affected_pupils), set(self.record.affected_staff)
        for p in people.pupils(include_leavers=False) + people.pupils(ids=chosen_p, include_leavers=True):
            if self.find(self.pupils, p.id) is not None:
                continue
            item = QListWidgetItem(f"{p.display_name} · {p.year_group.label} {p.reg_group}".strip())
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.id in chosen_p else Qt.CheckState.Unchecked)
            self.pupils.addItem(item)
        for s in people.staff():
            item = QListWidgetItem(f"{s.display_name} · {s.role}".strip(" ·"))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.id in chosen_s else Qt.CheckState.Unchecked)
            self.staff.addItem(item)
        self._count()

    @staticmethod
    def find(lst: QListWidget, person_id: int | None) -> QListWidgetItem | None:
        for i in range(lst.count()):
            if lst.item(i).data(Qt.ItemDataRole.UserRole) == person_id:
                return lst.item(i)
        return None

    def tick(self, kind: str, person_id: int, on: bool = True) -> None:
        item = self.find(self.pupils if kind == "pupil" else self.staff, person_id)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _chosen(self, lst: QListWidget) -> list[int]:
        return [
            lst.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _filter(self, text: str) -> None:
        t = text.casefold().strip()
        for lst in (self.pupils, self.staff):
            for i in range(lst.count()):
                lst.item(i).setHidden(bool(t) and t not in lst.item(i).text().casefold())

    def _count(self, *_: object) -> None:
        self.count.setText(
            f"{len(self._chosen(self.pupils))} pupil(s), {len(self._chosen(self.staff))} staff chosen."
        )

    def text(self) -> NoticeText:
        return NoticeText(
            self.what.toPlainText().strip(),
            self.data.toPlainText().strip(),
            self.consequences.toPlainText().strip(),
            self.measures.toPlainText().strip(),
            self.advice.toPlainText().strip(),
            self.when.toPlainText().strip(),
        )

    # ---- choosing who was affected ---------------------------------------------------------------
    def _choosers(self) -> QGridLayout:
        from schooldp.services.people import PeopleService

        grid = QGridLayout()
        self.group = QComboBox()
        self.group.setAccessibleName("Class or year group")
        people = PeopleService(self.session)
        for year in people.year_groups():
            self.group.addItem(f"Year group {year}", ("year", year))
        for reg in people.reg_groups():
            self.group.addItem(f"Class {reg}", ("class", reg))
        self.group_button = QPushButton("Tick the &whole group")
        self.paste_button = QPushButton("Paste &UPNs or names…")
        self.paste_button.setToolTip("One pupil or member of staff a line: UPN, or first and last name")
        self.import_button = QPushButton("Import rows of the &spreadsheet…")
        self.import_button.setToolTip("The rows of the file that went astray (.csv or .xlsx)")
        grid.addWidget(self.group, 0, 0)
        grid.addWidget(self.group_button, 0, 1)
        grid.addWidget(self.paste_button, 1, 0)
        grid.addWidget(self.import_button, 1, 1)
        self.group_button.clicked.connect(self.tick_group)
        self.paste_button.clicked.connect(self._ask_paste)
        self.import_button.clicked.connect(self._ask_file)
        return grid

    def tick_group(self) -> None:
        from schooldp.services.people import PeopleService

        kind, value = self.group.currentData() or ("", "")
        if not kind:
            return
        people = PeopleService(self.session)
        pupils = people.pupils(year_group=value) if kind == "year" else people.pupils(reg_group=value)
        for p in pupils:
            if p.id is not None:
                self.tick("pupil", p.id)
        self.match_report.setText(f"{len(pupils)} pupil(s) in {self.group.currentText()} ticked.")

    def _ask_paste(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, "Paste UPNs or names", "One pupil or member of staff a line (UPN, or first and last name):"
        )
        if ok:
            self.apply_rows(pasted_rows(text))

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "The spreadsheet that went astray", "", "Spreadsheets (*.csv *.xlsx)"
        )
        if not path:
            return
        try:
            self.apply_rows(file_rows(Path(path)))
        except (OSError, SchoolDPError) as exc:
            show_message_line(self.error, str(exc))

    def apply_rows(self, rows: list[list[str]]) -> Matched:
        """Tick the pupils, then the staff, the rows name; report what matched and what did not."""
        from schooldp.services.people import PeopleService

        people = PeopleService(self.session)
        pupils = match_pupils(people.pupils(include_leavers=True), rows)
        rest = [[line] for line in pupils.unmatched]
        staff = match_staff(people.staff(), rest)
        for pid in pupils.ids:
            self.tick("pupil", pid)
        for sid in staff.ids:
            self.tick("staff", sid)
        result = Matched(
            pupils.ids + staff.ids, pupils.lines, staff.unmatched, pupils.ambiguous + staff.ambiguous
        )
        report = result.summary
        if result.unmatched:
            report += "\nNot matched: " + "; ".join(result.unmatched)
        if result.ambiguous:
            report += "\nMore than one person (tick by hand): " + "; ".join(result.ambiguous)
        self.match_report.setText(report)
        return result

    def _render(self, batches: list[LetterBatch]) -> list[tuple[LetterBatch, list[tuple[Recipient, bytes]]]]:
        """Render every letter on a worker, with progress and Cancel (the window stays responsive)."""
        letters = LetterService(self.session)
        todo = [b for b in batches if b.jobs]
        total = sum(len(b.jobs) for b in todo)

        def work(progress: Progress, cancelled: IsCancelled) -> list[BatchOutcome]:
            out: list[BatchOutcome] = []
            for b in todo:
                done = sum(len(x.printed) + len(x.set_aside) for x in out)
                outcome = letters.render_batch_setting_aside(
                    b.letter_type, b.jobs, lambda d, _t, done=done: progress(done + d, total), cancelled
                )
                if cancelled():
                    raise Cancelled()
                out.append(outcome)
            return out

        # A letter no font can print is set aside and reported; the rest still go.
        rendered = run_with_progress(self, "Preparing letters", work, "Preparing letter")
        self.set_aside = [o.summary() for o in rendered if o.set_aside]
        return [
            (b, [(j.recipient, pdf) for j, pdf in o.printed])
            for b, o in zip(todo, rendered, strict=True)
            if o.printed
        ]

    def reload(self) -> None:
        """The breach as it is now; the people ticked here stay ticked, to check and send again."""
        self.record = BreachService(self.session).breach(self.record.id)
        show_message_line(
            self.error,
            "Reloaded: check who is ticked against the breach as it now stands, then prepare the letters again.",
            reloaded=True,
        )

    def preview(self) -> None:
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

        pupils, staff = self._chosen(self.pupils), self._chosen(self.staff)
        if not pupils and not staff:
            show_message_line(self.error, "Tick at least one pupil or member of staff.")
            return
        try:
            service = BreachService(self.session)
            service.set_affected(self.record.id, pupils, staff, expected_version=self.record.row_version)
            self.record = service.breach(self.record.id)
            batches = [
                b
                for b in notice_letters(self.session, self.record, self.text(), self.letter_date.value())
                if b is not None
            ]
            prepared = self._render(batches)
        except Cancelled:
            show_message_line(self.error, "Preparing the letters was cancelled. No letters were made.")
            return
        except ConflictError as exc:
            show_message_line(self.error, str(exc))
            self.conflict_box = show_conflict(self, exc, self.reload)
            return
        except SchoolDPError as exc:
            show_message_line(self.error, str(exc))
            return
        skipped = [s for b in batches for s in b.skipped] + self.set_aside
        if not prepared:
            show_message_line(self.error, "No letters could be addressed. " + " ".join(skipped))
            return
        show_message_line(self.error, " ".join(skipped) if skipped else None)
        for batch, items in prepared:
            dialog = LetterPreviewDialog(
                self.session,
                batch.letter_type,
                items,
                case_kind="breach",
                case_id=self.record.id,
                parent=self,
                file_stem=f"{self.record.reference} {batch.letter_type.key}",
            )
            self.previews.append(dialog)
            dialog.open()


class DeletionRequestDialog(QDialog):
    """Policy App 1: ask whoever received it in error to delete it and confirm in writing."""

    def __init__(self, session: SchoolSession, record: BreachRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record = record
        self.previews: list[QDialog] = []
        self.setWindowTitle(f"{record.reference}: ask the recipient to delete it")
        fit_resize(self, 620, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "A letter (or the same words for an email) asking for deletion and written confirmation."
            )
        )
        form = QFormLayout()
        self.name = add_field(form, "Recipient's &name:", QLineEdit(), "Recipient's name")
        self.salutation = add_field(form, "Dear…:", QLineEdit(), "Salutation")
        self.salutation.setPlaceholderText("e.g. Mrs Patel (optional)")
        self.address = add_field(
            form, "&Address:", text_box("Recipient's address", "One line each; leave empty for email", 80)
        )
        self.sent = add_field(form, "What was &sent:", QLineEdit(), "What was sent")
        self.sent.setPlaceholderText("e.g. an email containing another pupil's support plan")
        self.sent_on = add_field(form, "Sent o&n:", DateField("Sent on"))
        self.reply_by = add_field(form, "&Reply by:", DateField("Reply by"))
        self.reply_by.set_value(deletion_reply_by(session.clock.today()))
        self.letter_date = add_field(form, "Letter &date:", DateField("Letter date"))
        if record.triage.occurred_at is not None:
            self.sent_on.set_value(record.triage.occurred_at.date())
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.copy_button = QPushButton("Copy as &email text")
        self.preview_button = QPushButton("&Preview letter…")
        set_role(self.preview_button, "primary")
        self.close_button = QPushButton("&Close")
        layout.addLayout(button_row(self.copy_button, self.preview_button, self.close_button))
        self.copy_button.clicked.connect(self.copy_email)
        self.preview_button.clicked.connect(self.preview)
        self.close_button.clicked.connect(self.accept)

    def _job(self):  # type: ignore[no-untyped-def]
        req = DeletionRequest(
            recipient_name=self.name.text(),
            recipient_address=tuple(x.strip() for x in self.address.toPlainText().splitlines() if x.strip()),
            what_was_sent=self.sent.text(),
            sent_on=self.sent_on.value(),  # type: ignore[arg-type]
            reply_by=self.reply_by.value(),  # type: ignore[arg-type]
            salutation=self.salutation.text(),
        )
        return deletion_letter(self.session, self.record, req, self.letter_date.value())  # type: ignore[arg-type]

    def copy_email(self) -> str:
        try:
            text = deletion_email_text(self.session, self._job())
        except SchoolDPError as exc:
            show_message_line(self.error, str(exc))
            return ""
        QApplication.clipboard().setText(text)
        show_message_line(self.error, None)
        QMessageBox.information(
            self, "Copied", "The email text is on the clipboard. Paste it into your email."
        )
        return text

    def _render(self, batches: list[LetterBatch]) -> list[tuple[LetterBatch, list[tuple[Recipient, bytes]]]]:
        """Render every letter on a worker, with progress and Cancel (the window stays responsive)."""
        letters = LetterService(self.session)
        todo = [b for b in batches if b.jobs]
        total = sum(len(b.jobs) for b in todo)

        def work(progress: Progress, cancelled: IsCancelled) -> list[list[bytes]]:
            out: list[list[bytes]] = []
            for b in todo:
                done = sum(len(x) for x in out)
                pdfs = letters.render_batch(
                    b.letter_type, b.jobs, lambda d, _t, done=done: progress(done + d, total), cancelled
                )
                if cancelled():
                    raise Cancelled()
                out.append(pdfs)
            return out

        rendered = run_with_progress(self, "Preparing letters", work, "Preparing letter")
        return [
            (b, list(zip([j.recipient for j in b.jobs], pdfs, strict=True)))
            for b, pdfs in zip(todo, rendered, strict=True)
        ]

    def reload(self) -> None:
        """The breach as it is now; the people ticked here stay ticked, to check and send again."""
        self.record = BreachService(self.session).breach(self.record.id)
        show_message_line(
            self.error,
            "Reloaded: check who is ticked against the breach as it now stands, then prepare the letters again.",
            reloaded=True,
        )

    def preview(self) -> None:
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

        try:
            job = self._job()
        except SchoolDPError as exc:
            show_message_line(self.error, str(exc))
            return
        show_message_line(self.error, None)
        session = self.session

        def show(pdf: bytes) -> None:
            dialog = LetterPreviewDialog(
                session,
                DELETION_LETTER,
                [(job.recipient, pdf)],
                case_kind="breach",
                case_id=self.record.id,
                parent=self,
                file_stem=f"{self.record.reference} deletion request",
            )
            self.previews.append(dialog)
            dialog.open()

        make_document(self, "Deletion request", lambda: deletion_letter_pdf(session, job), show)
