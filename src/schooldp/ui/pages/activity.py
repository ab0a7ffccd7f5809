"""Activity: the audit trail, filterable, with a check that nobody has edited it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from schooldp.services.references import references
from schooldp.services.school import CheckStopped, LogCheck, SchoolSession, check_log_in_full
from schooldp.ui.models.audit_table import AuditTableModel, action_label
from schooldp.ui.operations import Job, Op
from schooldp.ui.pages.base import Page, page_layout
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import buddy, subtitle, title
from schooldp.ui.widgets.tables import fit_columns, register_view, sort_proxy


class ActivityPage(Page):
    title_text = "Activity"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(title("Activity"))
        layout.addWidget(
            subtitle("Every change and decision, who made it and when. Entries cannot be edited.")
        )
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter…")
        self.search.setAccessibleName("Filter activity")
        self.who = QComboBox()
        self.who.setAccessibleName("Filter by account")
        self.what = QComboBox()
        self.what.setAccessibleName("Filter by kind of activity")
        self.verify_button = QPushButton("&Check the log")
        self.verify_button.setAccessibleName("Check the activity log has not been altered")
        row.addWidget(buddy("&Filter:", self.search))
        row.addWidget(self.search, 1)
        row.addWidget(buddy("&Who:", self.who))
        row.addWidget(self.who)
        row.addWidget(buddy("W&hat:", self.what))
        row.addWidget(self.what)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = AuditTableModel(self)
        self.proxy = sort_proxy(self.model, self, search_all=True)
        self.table = register_view(
            self.proxy,
            "Activity log",
            single=False,
            sort_by=AuditTableModel.Columns.WHEN,
            alternating=True,
            stretch=AuditTableModel.Columns.DETAILS,
        )
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.who.currentIndexChanged.connect(self.refresh)
        self.what.currentIndexChanged.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)

    def set_session(self, session: SchoolSession) -> None:
        self.session = session
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem("Everyone", None)
        for account in session.accounts():
            self.who.addItem(account.display_name, account.id)
        self.who.blockSignals(False)
        self.what.blockSignals(True)
        self.what.clear()
        self.what.addItem("Everything", None)
        self.what.blockSignals(False)
        self.refresh()
        actions = sorted({e.action for e in self.model.rows})
        self.what.blockSignals(True)
        for action in actions:
            self.what.addItem(action_label(action), action)
        self.what.blockSignals(False)

    def refresh(self) -> None:
        if self.session is None or self.session.locked:
            return
        entries = self.session.activity(
            limit=2000, account_id=self.who.currentData(), action=self.what.currentData()
        )
        keys = {(e.entity, str(e.entity_id)) for e in entries}
        self.model.set_entries(entries, references(self.session, keys))
        fit_columns(self.table, AuditTableModel.Columns.DETAILS)

    def verify(self) -> None:
        """Walk the whole log on a worker (it grows with the log) and say what was found."""
        if self.session is None or self.session.locked:
            return
        session = self.session
        self.verify_button.setEnabled(False)
        self.status.setText("Checking the activity log…")
        set_role(self.status, "")

        def checked(result: LogCheck) -> None:
            self.verify_button.setEnabled(True)
            if self.session is not session or session.locked:
                return
            if result.ok:
                self.status.setText(f"✔ The activity log is intact: {result.entries} entries checked.")
                set_role(self.status, "")
                return
            self.status.setText(
                "✖ " + " ".join(result.problems) + " The log has been altered outside SchoolDP."
            )
            set_role(self.status, "error")
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.verify_button.setEnabled(True)
            if isinstance(exc, CheckStopped):
                self.status.setText("The check was stopped before the end of the log.")
                set_role(self.status, "")
                return
            self.status.setText(f"✖ The activity log could not be checked: {exc}")
            set_role(self.status, "error")

        def walk(job: Job) -> LogCheck:
            return check_log_in_full(session, cancelled=job.is_cancelled)

        op = Op(self, walk).success(checked).failure(failed)
        op.with_progress("Checking the activity log…", title="Activity log").run_in_background()

    def clear(self) -> None:
        super().clear()
        self.model.clear()
        self.status.clear()
