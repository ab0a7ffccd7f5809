"""Moving a school between its own file and the trust's server: the two dialogs and the tab.

Only the trust's IT staff may add a school to the server, so the move asks for the server's
administrator sign-in: IT type it at the DPO's computer (nothing is kept). The export makes a
new encrypted file with one DPO account; its recovery key is shown once, like a new file's.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.accounts import Role
from schooldp.domain.errors import SchoolDPError
from schooldp.services.school import SchoolSession
from schooldp.services.trust import moving
from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog
from schooldp.ui.operations import Op
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import (
    add_field,
    button_row,
    error_label,
    line,
    ok_cancel,
    password_line,
    show_error,
    subtitle,
    title,
)
from schooldp.ui.widgets.passphrase import PassphraseFields

log = logging.getLogger(__name__)

MOVE_EXPLAINED = (
    "Everything in this school file is copied to your trust's own database server: every "
    "record, letter and attachment, and the activity log, which is checked on the server before "
    "the copy is kept. If anything goes wrong, nothing is left on the server."
)
MOVE_AFTER = (
    "Afterwards everyone signs in to the server with their own login from the trust's IT staff. "
    "This file records where the school went and stays as it is now: keep it as a record, and "
    "make further changes on the server."
)
MOVE_WHO = (
    "Only the trust's IT staff can add a school to the server, so one of them signs in below "
    "with the server's administrator account; SchoolDP keeps neither the login nor the password. "
    "(They can also do it on their own computer with 'schooldp-admin import-file'.)"
)
EXPORT_EXPLAINED = (
    "A new encrypted school file is made holding everything this school has on the trust's "
    "server: every record, letter and attachment, and the activity log, which gains an entry "
    "saying it was exported. Use this when the school leaves the trust. The school stays on the "
    "server until the trust's IT staff remove it."
)
EXPORT_ACCOUNTS = (
    "The new file has one account: the Data Protection Officer named below, with the passphrase "
    "you choose here. Everyone else's accounts stay in the file so its log still says who did "
    "what, but they cannot open it; the DPO can add accounts afterwards."
)


def _path_row(edit: QWidget, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class MoveToServerDialog(QDialog):
    """Where the server is, the school's code on it, and IT's sign-in; the move runs from here."""

    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_: moving.MoveResult | None = None
        self.setWindowTitle("Move this school to the trust's server")
        layout = QVBoxLayout(self)
        layout.addWidget(title("Move this school to the trust's server"))
        for words in (MOVE_EXPLAINED, MOVE_AFTER, MOVE_WHO):
            layout.addWidget(subtitle(words))
        already = moving.moved_away(session)
        if already:
            note = subtitle(f"This file was already moved to {already}. Moving it again makes a second copy.")
            layout.addWidget(note)
        form = QFormLayout()
        self.connection = line("The .sdpconn file from the trust's IT staff")
        self.connection.setReadOnly(True)
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose the connection file")
        form.addRow(
            self._buddy("&Connection file:", self.connection), _path_row(self.connection, self.choose)
        )
        self.code = add_field(form, "School &code:", line("for example oakfield"))
        self.code.setText(moving.suggest_code(session.profile().name))
        self.login = add_field(form, "Administrator &login:", line("the server's administrator account"))
        self.password = add_field(form, "&Password:", password_line())
        layout.addLayout(form)
        layout.addStretch()
        self.error = error_label()
        layout.addWidget(self.error)
        box, self.ok = ok_cancel(self, "&Move to the server", self._move, primary=True)
        layout.addWidget(box)
        self.choose.clicked.connect(self._choose)
        fit_resize(self, 640, 520)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        return label

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the trust's connection file", "", "SchoolDP connection (*.sdpconn)"
        )
        if path:
            self.connection.setText(path)

    def _move(self) -> None:
        if not self.connection.text():
            show_error(self.error, "Choose the connection file the trust's IT staff gave you.")
            return
        show_error(self.error, None)
        session, conn_file = self.session, Path(self.connection.text())
        code, login, password = self.code.text(), self.login.text(), self.password.text()
        self.ok.setEnabled(False)
        op = Op(
            self,
            lambda job: moving.move_with_connection_file(session, conn_file, login, password, code, job),
        )
        op.with_progress("Copying the school to the trust's server…", title="Moving", cancellable=False)
        op.success(self._moved).failure(self._failed).changes("activity").run_in_background()

    def _moved(self, result: moving.MoveResult) -> None:
        self.result_ = result
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        show_error(self.error, _plain(exc))


class ExportToFileDialog(QDialog):
    """Where the new file goes, its DPO and passphrase; the export runs from here."""

    def __init__(self, session: SchoolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_: moving.ExportResult | None = None
        self.setWindowTitle("Export this school to a file")
        layout = QVBoxLayout(self)
        layout.addWidget(title("Export this school to a file"))
        layout.addWidget(subtitle(EXPORT_EXPLAINED))
        layout.addWidget(subtitle(EXPORT_ACCOUNTS))
        form = QFormLayout()
        self.target = line("Where to save the new school file")
        self.target.setReadOnly(True)
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose where to save the new school file")
        label = QLabel("&Save as:")
        label.setBuddy(self.target)
        self.target.setAccessibleName("Save as")
        form.addRow(label, _path_row(self.target, self.choose))
        self.dpo_name = add_field(form, "&DPO's name:", line("the person who will open the new file"))
        layout.addLayout(form)
        self.passphrase = PassphraseFields(self, "&Passphrase for the new file:")
        layout.addWidget(self.passphrase)
        layout.addStretch()
        self.error = error_label()
        layout.addWidget(self.error)
        box, self.ok = ok_cancel(self, "&Export", self._export, primary=True)
        layout.addWidget(box)
        self.choose.clicked.connect(self._choose)
        fit_resize(self, 640, 560)

    def _choose(self) -> None:
        name = f"{self.session.profile().name}.sdp"
        path, _ = QFileDialog.getSaveFileName(self, "Save the new school file", name, "School file (*.sdp)")
        if path:
            self.target.setText(path if path.endswith(".sdp") else path + ".sdp")

    def _export(self) -> None:
        if not self.target.text():
            show_error(self.error, "Choose where to save the new school file.")
            return
        show_error(self.error, None)
        session, target = self.session, Path(self.target.text())
        name, passphrase = self.dpo_name.text(), self.passphrase.value()
        problem = self.passphrase.problem()
        if problem:
            show_error(self.error, problem)
            return
        self.ok.setEnabled(False)
        op = Op(self, lambda job: moving.export_to_file(session, target, name, passphrase, progress=job))
        op.with_progress("Writing the school to a new file…", title="Exporting", cancellable=False)
        op.success(self._exported).failure(self._failed).changes("activity").run_in_background()

    def _exported(self, result: moving.ExportResult) -> None:
        self.result_ = result
        self.passphrase.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        show_error(self.error, _plain(exc))


class ExportedKeyDialog(RecoveryKeyDialog):
    """The new file's recovery key and emergency sheet, shown once."""

    def __init__(self, session: SchoolSession, result: moving.ExportResult, parent: QWidget | None = None):
        self.export = result
        super().__init__(session, result.recovery_key, parent)
        self.setWindowTitle("The new file's recovery key")

    def _pdf(self) -> bytes:
        return moving.emergency_sheet(self.export, self.export.school_name, self.session.clock)


def _plain(exc: BaseException) -> str:
    if isinstance(exc, SchoolDPError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The file could not be written there ({exc.strerror or 'an error on the disk'}). Nothing was kept."
    log.error("Moving a school stopped", exc_info=exc)
    return "It stopped unexpectedly and nothing was kept. The details are in SchoolDP's log."


class TrustTab(QWidget):
    """Settings > Trust server: move a school file in, or export a server school to a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: SchoolSession | None = None
        layout = QVBoxLayout(self)
        self.about = subtitle("")
        layout.addWidget(self.about)
        self.move_button = QPushButton("&Move this school to the trust server…")
        self.export_button = QPushButton("&Export this school to a file…")
        layout.addLayout(button_row(left=(self.move_button, self.export_button)))
        self.status = subtitle("")
        layout.addWidget(self.status)
        layout.addStretch()
        self.move_button.clicked.connect(self.move_school)
        self.export_button.clicked.connect(self.export_school)

    def refresh(self, session: SchoolSession) -> None:
        self.session = session
        server = moving.on_server(session)
        dpo = session.account.role is Role.DPO and not session.vault.read_only
        self.move_button.setVisible(not server)
        self.export_button.setVisible(server)
        self.move_button.setEnabled(dpo)
        self.export_button.setEnabled(session.account.role is Role.DPO)
        if server:
            self.about.setText(
                "This school is kept on your trust's server. If the school leaves the trust, its "
                "Data Protection Officer can export it to a school file of its own."
            )
        else:
            self.about.setText(
                "If your school belongs to a multi-academy trust that runs SchoolDP on its own "
                "database server, this school file can be moved there, so several people can work "
                "in it at once. Only the Data Protection Officer can start the move."
            )
        away = None if server else moving.moved_away(session)
        self.status.setText(
            f"This file was moved to {away}. Work there from now on: on the start page, choose "
            "'Connect to the trust's server…' and sign in with your own login."
            if away
            else ""
        )

    def move_school(self) -> None:
        if self.session is None:
            return
        dialog = MoveToServerDialog(self.session, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
            return
        done = dialog.result_
        QMessageBox.information(
            self,
            "Moved to the trust's server",
            f"The school is now on the trust's server as '{done.code}': {done.rows:,} records copied "
            f"and the activity log checked ({done.activity_entries:,} entries).\n\nFrom now on, sign "
            "in with 'Connect to the trust's server…' on the start page. "
            + (
                "This file keeps a note of the move."
                if done.noted_in_file
                else "This file could not record the move (the drive may be full): do not carry on in it."
            ),
        )
        self.refresh(self.session)

    def export_school(self) -> None:
        if self.session is None:
            return
        dialog = ExportToFileDialog(self.session, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
            return
        ExportedKeyDialog(self.session, dialog.result_, self).exec()
        self.status.setText(
            f"✔ Exported to {dialog.result_.path} ({dialog.result_.rows:,} records). Open it from "
            "the start page with the new passphrase."
        )
