"""Requests: the register of subject access, educational-record and other rights requests and
data protection complaints, and each request's own page (status, clock, ID, searches,
disclosure schedule, letters, timeline).

Every date shown comes from the service, which asks the deadline engine; nothing is worked out
here. Dialogs open window-modal (`open`), so the page stays responsive and testable.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.calendar import format_uk_date
from schooldp.domain.clock import SYSTEM_CLOCK
from schooldp.domain.deadlines import format_due
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.requests import RequestStatus, RequestType, complaint_clock_text, next_statuses
from schooldp.services.letters import LetterService
from schooldp.services.requests import (
    CASE_KIND,
    LetterPlan,
    RequestDetail,
    RequestService,
    letter_choices,
    load_school_calendar,
)
from schooldp.ui.dialogs import request_actions as actions
from schooldp.ui.dialogs.request_calendar import TermDatesDialog
from schooldp.ui.dialogs.request_intake import LogRequestDialog
from schooldp.ui.models.request_table import RequestTableModel, TimelineTableModel
from schooldp.ui.pages.base import Page, page_layout
from schooldp.ui.pages.request_tables import (
    detail_table,
    disclosure_row,
    fill_table,
    id_row,
    search_row,
)
from schooldp.ui.printing import ask_save_path
from schooldp.ui.style import RED, set_role
from schooldp.ui.widgets.forms import button_row, subtitle, title
from schooldp.ui.widgets.tables import fit_columns, register_view, setup_table, sort_proxy

_FILTERS = (("Open requests", "open"), ("Overdue", "overdue"), ("All requests", "all"), ("Closed", "closed"))


class RequestsPage(Page):
    title_text = "Requests"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service: RequestService | None = None
        self.current: RequestDetail | None = None
        self.dialog: QDialog | None = None
        self.preview: QDialog | None = None
        layout = page_layout(self)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.register_view = self._build_register()
        self.detail_view = self._build_detail()
        self.stack.addWidget(self.register_view)
        self.stack.addWidget(self.detail_view)

    # ==== the register ======================================================================
    def _build_register(self) -> QWidget:
        view = QWidget()
        v = QVBoxLayout(view)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(title("Requests"))
        v.addWidget(
            subtitle(
                "Subject access, parents' educational record, the other rights and data protection "
                "complaints. Due dates follow the ICO's rules and your term dates."
            )
        )
        v.addLayout(self._build_register_bar())
        self.calendar_warning = QLabel()
        self.calendar_warning.setWordWrap(True)
        set_role(self.calendar_warning, "warning")
        self.calendar_warning.hide()
        v.addWidget(self.calendar_warning)
        self.model = RequestTableModel(self)
        self.proxy = sort_proxy(self.model, self)
        self.table = register_view(
            self.proxy, "Requests register", sort_by=RequestTableModel.Columns.RECEIVED
        )
        v.addWidget(self.table, 1)
        foot = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Register summary")
        self.open_button = QPushButton("&Open request")
        foot.addWidget(self.count_label, 1)
        foot.addWidget(self.open_button)
        v.addLayout(foot)

        self.log_button.clicked.connect(self.open_intake)
        self.terms_button.clicked.connect(self.open_term_dates)
        self.export_button.clicked.connect(self.export)
        self.search.textChanged.connect(lambda _t: self.refresh_register())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh_register())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh_register())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        return view

    def _build_register_bar(self) -> QHBoxLayout:
        """The register's buttons, search box and filters."""
        bar = QHBoxLayout()
        self.log_button = QPushButton("&Log a request…")
        set_role(self.log_button, "primary")
        self.terms_button = QPushButton("&Term dates…")
        self.export_button = QPushButton("E&xport…")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search reference or name")
        self.search.setAccessibleName("Search requests")
        self.search.setMinimumWidth(180)
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName("Type of request")
        self.type_filter.addItem("All types", None)
        for t in RequestType:
            self.type_filter.addItem(t.label, t)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Which requests")
        for label, key in _FILTERS:
            self.status_filter.addItem(label, key)
        for combo in (self.type_filter, self.status_filter):
            # Shrink to fit a 1366-pixel laptop; the open list still shows each choice in full.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        for button in (self.log_button, self.terms_button, self.export_button):
            bar.addWidget(button)
        bar.addStretch()
        for w in (self.search, self.type_filter, self.status_filter):
            bar.addWidget(w)
        return bar

    def set_session(self, session) -> None:  # type: ignore[no-untyped-def]
        self.service = RequestService(session)
        super().set_session(session)

    def refresh(self) -> None:
        if self.session is None or self.service is None:
            return
        self.refresh_register()
        if self.current is not None and self.stack.currentWidget() is self.detail_view:
            self.show_request(self.current.id)

    def clear(self) -> None:
        self.model.clear()
        self.timeline_model.set_rows([])
        self.current = None
        for table in (self.id_table, self.search_table, self.disclosure_table, self.letters_table):
            table.setRowCount(0)
        for lbl in self.detail_labels.values():
            lbl.clear()
        self.header.clear()
        self.child_text.clear()
        self.description.clear()
        self.search.clear()
        self.stack.setCurrentWidget(self.register_view)
        for d in (self.dialog, self.preview):
            if d is not None:
                d.reject()
        self.dialog = self.preview = None
        self.service = None
        super().clear()

    def refresh_register(self) -> None:
        if self.service is None:
            return
        key = self.status_filter.currentData()
        now = self._now()
        rows = self.service.requests(
            search=self.search.text(),
            request_type=self.type_filter.currentData(),
            open_only=key in ("open", "overdue"),
            overdue_only=key == "overdue",
            now=now,
        )
        if key == "closed":
            rows = [r for r in rows if not r.is_open]
        self.model.set_rows(rows, now)
        c = RequestTableModel.Columns
        fit_columns(self.table, c.SUBJECT, essential=(c.REFERENCE, c.SUBJECT, c.DUE, c.TIME_LEFT))
        overdue = sum(r.is_overdue(now) for r in rows)
        text = f"{len(rows)} request{'s' if len(rows) != 1 else ''}"
        if overdue:
            text += f" — {overdue} OVERDUE (shown in red)"
        self.count_label.setText(text)
        set_role(self.count_label, "error" if overdue else "subtitle")
        has_er = any(r.due_problem for r in rows)
        self.calendar_warning.setVisible(has_er)
        if has_er:
            self.calendar_warning.setText(
                "Term dates are needed to count the 15 school days of an educational-record request. "
                "Use 'Term dates…' to add them."
            )

    def _ask_dialog(self, dialog: QDialog, after=None) -> QDialog:  # type: ignore[no-untyped-def]
        """Open a dialog window-modally and refresh when it is accepted."""
        self.dialog = dialog

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                if after is not None:
                    after(dialog)
                self.refresh()

        dialog.finished.connect(done)
        reloaded = getattr(dialog, "reloaded", None)
        if reloaded is not None:  # someone else's change was read into the dialog: show it here too
            reloaded.connect(self.refresh)
        dialog.open()
        return dialog

    def open_intake(self) -> LogRequestDialog | None:
        if self.service is None or self._read_only():
            return None

        def after(d: LogRequestDialog) -> None:
            if d.result_summary is not None:
                self.show_request(d.result_summary.id)

        return self._ask_dialog(LogRequestDialog(self.service, self), after)  # type: ignore[return-value]

    def open_term_dates(self) -> TermDatesDialog | None:
        if self.session is None or self._read_only():
            return None
        return self._ask_dialog(TermDatesDialog(self.session, self))  # type: ignore[return-value]

    def _read_only(self) -> bool:
        if self.session is not None and self.session.read_only:
            QMessageBox.information(
                self, "Read only", "This school file is open read-only: nothing can be changed."
            )
            return True
        return False

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.show_request(self.model.summary(self.proxy.mapToSource(rows[0]).row()).id)

    def export(self) -> Path | None:
        if self.service is None:
            return None
        target = ask_save_path(
            self,
            "Export the requests register",
            str(Path.home() / "Requests register.xlsx"),
            "Excel workbook (*.xlsx);;CSV (*.csv)",
        )
        if target is None:
            return None
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx")
        rows = [self.model.summary(i) for i in range(self.model.rowCount())]
        try:
            written = self.service.export(target, rows, self.model.now)
        except (OSError, SchoolDPError) as exc:
            QMessageBox.warning(self, "Not exported", f"The register could not be saved there: {exc}")
            return None
        self.count_label.setText(f"Exported {len(rows)} requests to {written.name}.")
        return written

    # ==== one request ========================================================================
    def _build_detail(self) -> QWidget:
        view = QWidget()
        v = QVBoxLayout(view)
        v.setContentsMargins(0, 0, 0, 0)
        self.back_button = QPushButton("← &Back to the register")
        self.back_button.setAccessibleName("Back to the register")
        v.addLayout(button_row(left=(self.back_button,)))
        self.header = title("")
        v.addWidget(self.header)
        v.addWidget(self._build_summary_card())
        v.addWidget(self._build_child_group())
        v.addLayout(self._build_action_bar())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Request details")
        self.tabs.addTab(self._build_id_tab(), "Identity")
        self.tabs.addTab(self._build_search_tab(), "Search log")
        self.tabs.addTab(self._build_disclosure_tab(), "Disclosure schedule")
        self.tabs.addTab(self._build_letters_tab(), "Letters")
        self.tabs.addTab(self._build_timeline(), "Timeline")
        v.addWidget(self.tabs, 1)
        self._connect_detail()
        return view

    def _build_summary_card(self) -> QFrame:
        card = QFrame()
        set_role(card, "card")
        grid = QHBoxLayout(card)
        left, right = QFormLayout(), QFormLayout()
        self.detail_labels: dict[str, QLabel] = {}
        for form, names in (
            (left, ("Data subject", "Requester", "Received", "Asked for")),
            (right, ("Status", "Due", "Time left", "Clock")),
        ):
            for name in names:
                lbl = actions.info_label("")
                lbl.setAccessibleName(name)
                self.detail_labels[name] = lbl
                form.addRow(f"{name}:", lbl)
        grid.addLayout(left, 3)
        grid.addLayout(right, 2)
        self.description = self.detail_labels["Asked for"]
        return card

    def _build_child_group(self) -> QGroupBox:
        self.child_group = QGroupBox("The pupil's rights (policy section 9.2)")
        cg = QVBoxLayout(self.child_group)
        self.child_text = actions.info_label("")
        self.child_text.setAccessibleName("The pupil's rights")
        self.child_button = QPushButton("Record &judgement…")
        row = QHBoxLayout()
        row.addWidget(self.child_text, 1)
        row.addWidget(self.child_button, 0, Qt.AlignmentFlag.AlignTop)
        cg.addLayout(row)
        return self.child_group

    def _build_action_bar(self) -> QGridLayout:
        """The actions in two rows of four, so the page fits a 1366-pixel laptop beside the sidebar."""
        bar = QGridLayout()
        self.status_button = QPushButton("Change &status…")
        self.ask_button = QPushButton("&Ask the requester…")
        self.reply_button = QPushButton("&Reply received…")
        self.extend_button = QPushButton("E&xtend…")
        self.unfounded_button = QPushButton("&Unfounded or excessive…")
        self.ack_button = QPushButton("Ac&knowledge complaint…")
        self.outcome_button = QPushButton("Complaint &outcome…")
        for i, b in enumerate(
            (
                self.status_button,
                self.ask_button,
                self.reply_button,
                self.extend_button,
                self.unfounded_button,
                self.ack_button,
                self.outcome_button,
            )
        ):
            bar.addWidget(b, i // 4, i % 4)
        bar.setColumnStretch(4, 1)
        return bar

    @staticmethod
    def _tab(note: str, table: QTableWidget, button: QPushButton) -> QWidget:
        """A tab with a one-line explanation, a table and the button that adds to it."""
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(subtitle(note))
        layout.addWidget(table)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _build_id_tab(self) -> QWidget:
        self.id_table = detail_table(["Document", "Date seen", "Seen by", "Recorded by"], "ID seen")
        self.id_button = QPushButton("Record &ID seen…")
        return self._tab(
            "Up to two forms of ID: the type and the date seen. Never keep a copy.",
            self.id_table,
            self.id_button,
        )

    def _build_search_tab(self) -> QWidget:
        self.search_table = detail_table(["Searched", "By", "Date", "Items", "Note"], "Search log")
        self.search_button = QPushButton("&Log a search…")
        return self._tab(
            "Where the school looked, who looked and when: reasonable and proportionate searches.",
            self.search_table,
            self.search_button,
        )

    def _build_disclosure_tab(self) -> QWidget:
        self.disclosure_table = detail_table(
            ["Item", "Decision", "Exemption relied on", "Recorded by"], "Disclosure schedule"
        )
        self.disclosure_button = QPushButton("Add an &item…")
        return self._tab(
            "Each item found, what was decided and the exemption relied on.",
            self.disclosure_table,
            self.disclosure_button,
        )

    def _build_letters_tab(self) -> QWidget:
        letters_tab = QWidget()
        ll = QVBoxLayout(letters_tab)
        pick = QHBoxLayout()
        self.letter_choice = QComboBox()
        self.letter_choice.setAccessibleName("Letter to prepare")
        self.letter_button = QPushButton("&Prepare letter…")
        set_role(self.letter_button, "primary")
        lbl = QLabel("&Letter:")
        lbl.setBuddy(self.letter_choice)
        pick.addWidget(lbl)
        pick.addWidget(self.letter_choice, 1)
        pick.addWidget(self.letter_button)
        ll.addLayout(pick)
        self.letters_table = detail_table(["Issued", "Letter", "To", "By"], "Letters issued")
        ll.addWidget(self.letters_table)
        return letters_tab

    def _build_timeline(self) -> QTableView:
        self.timeline_model = TimelineTableModel(self)
        self.timeline = setup_table(
            QTableView(), "Timeline", model=self.timeline_model, read_only=True, stretch_last=True
        )
        return self.timeline

    def _connect_detail(self) -> None:
        self.back_button.clicked.connect(self.back)
        for button, dialog in (
            (self.child_button, actions.ChildDialog),
            (self.status_button, actions.StatusDialog),
            (self.ask_button, actions.AskDialog),
            (self.reply_button, actions.ReplyDialog),
            (self.extend_button, actions.ExtendDialog),
            (self.unfounded_button, actions.UnfoundedDialog),
            (self.id_button, actions.IdDialog),
            (self.search_button, actions.SearchDialog),
            (self.disclosure_button, actions.DisclosureDialog),
        ):
            button.clicked.connect(lambda _checked=False, cls=dialog: self.open_action(cls))
        self.ack_button.clicked.connect(lambda: self.open_complaint(False))
        self.outcome_button.clicked.connect(lambda: self.open_complaint(True))
        self.letter_button.clicked.connect(self.prepare_letter)

    def back(self) -> None:
        self.current = None
        self.stack.setCurrentWidget(self.register_view)
        self.refresh_register()
        self.table.setFocus()

    def _now(self) -> datetime:
        return self.session.clock.london_now() if self.session is not None else SYSTEM_CLOCK.london_now()

    def show_request(self, request_id: int) -> None:
        if self.service is None:
            return
        d = self.service.detail(request_id)
        self.current = d
        writable = not (self.session is not None and self.session.read_only)
        self._show_summary(d)
        self._show_child(d)
        self._enable_actions(d, writable)
        self._fill_tabs(d, writable)
        self.stack.setCurrentWidget(self.detail_view)

    def _show_summary(self, d: RequestDetail) -> None:
        s = d.summary
        now = self._now()
        self.header.setText(f"{s.reference} · {s.request_type.label}")
        subj = s.subject
        subject_text = f"{subj.name} ({subj.kind.label.lower()})"
        if d.child_advice is not None:
            subject_text += f", aged {d.child_advice.pupil_age} on the day received"
        req = s.requester
        contact = ", ".join(x for x in (req.email, req.phone) if x)
        values = {
            "Data subject": subject_text,
            "Requester": f"{req.name} — {s.relationship.label}" + (f" ({contact})" if contact else ""),
            "Received": f"{format_due(s.received_on)} ({s.channel.label.lower()})",
            "Asked for": s.description,
            "Status": s.status.label,
            "Due": s.due_text(),
            "Time left": s.time_left(now),
            "Clock": self._clock_text(d),
        }
        for name, text in values.items():
            self.detail_labels[name].setText(text)
        overdue = s.is_overdue(now)
        for name in ("Due", "Time left"):
            lbl = self.detail_labels[name]
            lbl.setStyleSheet(f"color: {RED}; font-weight: 600;" if overdue else "")

    def _show_child(self, d: RequestDetail) -> None:
        """The pupil's rights: the policy's starting point and the DPO's judgement."""
        self.child_group.setVisible(d.child_advice is not None)
        if d.child_advice is None:
            return
        text = f"Age on the day received: {d.child_advice.pupil_age}. {d.child_advice.advice}"
        if d.child_decision is not None:
            cd = d.child_decision
            when = f" on {format_uk_date(cd.decided_on)}" if cd.decided_on else ""
            text += f"\n\nDPO's judgement{when} ({cd.by}): {cd.judgement.label}. Reasons: {cd.reasons}"
        else:
            text += "\n\nNo judgement recorded yet."
        self.child_text.setText(text)

    def _enable_actions(self, d: RequestDetail, writable: bool) -> None:
        """Show the buttons that fit the request's type, enabled where the status allows."""
        s = d.summary
        is_complaint = s.request_type is RequestType.COMPLAINT
        moves = next_statuses(s.status)
        self.status_button.setEnabled(
            writable and any(not m.is_awaiting and m is not RequestStatus.EXTENDED for m in moves)
        )
        for button, enabled in (
            (self.ask_button, any(m.is_awaiting for m in moves)),
            (self.reply_button, bool(d.open_events)),
            (self.unfounded_button, RequestStatus.REFUSED in moves),
        ):
            button.setVisible(not is_complaint)
            button.setEnabled(writable and enabled)
        self.extend_button.setVisible(s.request_type.may_be_extended)
        self.extend_button.setEnabled(writable and RequestStatus.EXTENDED in moves)
        open_complaint = writable and is_complaint and s.is_open
        self.ack_button.setVisible(is_complaint)
        self.ack_button.setEnabled(open_complaint and s.acknowledged_on is None)
        self.outcome_button.setVisible(is_complaint)
        self.outcome_button.setEnabled(open_complaint)
        for b in (self.child_button, self.search_button, self.disclosure_button, self.letter_button):
            b.setEnabled(writable)
        self.id_button.setEnabled(writable and len(d.id_documents) < 2)

    def _fill_tabs(self, d: RequestDetail, writable: bool) -> None:
        fill_table(self.id_table, [id_row(i) for i in d.id_documents])
        fill_table(self.search_table, [search_row(r) for r in d.searches])
        fill_table(self.disclosure_table, [disclosure_row(x) for x in d.disclosures])
        self.letter_choice.clear()
        for title_text, key in letter_choices(d):
            self.letter_choice.addItem(title_text, key)
        if self.service is None:
            return
        issued = LetterService(self.service.session).issued(case_kind=CASE_KIND, case_id=d.id)
        fill_table(
            self.letters_table,
            [
                (i.issued_at.astimezone().strftime("%d/%m/%Y %H:%M"), i.title, i.recipient_name, i.issued_by)
                for i in issued
            ],
        )
        self.timeline_model.set_rows(self.service.timeline(d.id))
        self.timeline.resizeColumnsToContents()

    def _clock_text(self, d: RequestDetail) -> str:
        s = d.summary
        if not s.is_open:
            return "Stopped: the request is no longer counting down."
        if s.request_type is RequestType.COMPLAINT:
            return complaint_clock_text(s.acknowledged_on)
        clock = s.clock
        if clock is None:
            return ""
        if clock.paused:
            return f"Paused: {clock.pause_reason}."
        parts = [f"Runs from {format_uk_date(clock.start)}"]
        if clock.days_suspended:
            parts.append(f"{clock.days_suspended} days paused for clarification do not count")
        if s.request_type is RequestType.EDUCATIONAL_RECORD:
            parts.append("15 school days from the school calendar")
        elif s.extended:
            parts.append(
                f"extended on {format_uk_date(s.extension_notice_on)}"
                if s.extension_notice_on
                else "extended"
            )
        elif clock.extension_notice_by:
            parts.append(f"an extension must be notified by {format_due(clock.extension_notice_by)}")
        if s.due_problem and self.service is not None and load_school_calendar(self.service.session) is None:
            parts.append("term dates are needed: use 'Term dates…' on the register")
        return "; ".join(parts) + "."

    def open_action(self, cls) -> QDialog | None:  # type: ignore[no-untyped-def]
        if self.service is None or self.current is None or self._read_only():
            return None
        return self._ask_dialog(cls(self.service, self.current, self))

    def open_complaint(self, outcome: bool) -> QDialog | None:
        if self.service is None or self.current is None or self._read_only():
            return None
        return self._ask_dialog(actions.ComplaintDialog(self.service, self.current, outcome, self))

    # ---- letters ---------------------------------------------------------------------------
    def choose_letter(self, key: str) -> bool:
        index = self.letter_choice.findData(key)
        if index >= 0:
            self.letter_choice.setCurrentIndex(index)
        return index >= 0

    def prepare_letter(self) -> QDialog | None:
        if self.service is None or self.current is None or self._read_only():
            return None
        key = self.letter_choice.currentData()
        if key is None:
            return None
        service = self.service
        plan = service.letter(self.current.id, key)
        letters = LetterService(service.session)

        def render(p: LetterPlan, values: dict[str, str]) -> bytes:
            return letters.render(p.letter_type, service.letter_data(p, values))

        dialog = actions.LetterFieldsDialog(plan, render, self)
        return self._ask_dialog(dialog, lambda d: self._preview(plan, d.pdf))

    def _preview(self, plan: LetterPlan, pdf: bytes | None) -> None:
        if pdf is None or self.session is None or self.current is None:
            return
        from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

        request_id = self.current.id
        preview = LetterPreviewDialog(
            self.session,
            plan.letter_type,
            [(plan.recipient, pdf)],
            CASE_KIND,
            request_id,
            self,
            file_stem=plan.file_stem,
        )
        self.preview = preview

        def done(_result: int) -> None:
            if self.current is not None and self.current.id == request_id:
                self.show_request(request_id)

        preview.finished.connect(done)
        preview.open()

    def open_record(self, record_id: int) -> None:
        """Open a request from the dashboard."""
        self.show_request(record_id)
