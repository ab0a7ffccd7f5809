"""Settings: school profile, accounts, backups, and this computer's preferences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.config import Preferences
from schooldp.domain.accounts import Role
from schooldp.domain.errors import SchoolDPError
from schooldp.services import backups
from schooldp.ui.dialogs.key_change import change_recovery_key, offer_old_backups
from schooldp.ui.dialogs.move_school import TrustTab
from schooldp.ui.operations import Op
from schooldp.ui.pages.base import Page, page_layout
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import (
    add_field,
    button_row,
    choice_combo,
    error_label,
    line,
    ok_cancel,
    password_line,
    show_error,
    subtitle,
    title,
)
from schooldp.ui.widgets.passphrase import PassphraseFields
from schooldp.ui.widgets.profile_form import PeopleFields, SchoolFields, empty_profile
from schooldp.ui.widgets.tables import list_table, setup_table

ACCOUNTS_NOTE = (
    "Each person has their own passphrase. Removing an account re-encrypts the school "
    "file with a new key, so that passphrase stops working (backups made before still "
    "open with it)."
)
SERVER_ACCOUNTS_NOTE = (
    "On the trust server, your trust's IT staff manage sign-ins and backups: each person signs "
    "in with their own name and password, and IT add, change or remove who may open this school."
)
SERVER_BACKUPS_NOTE = (
    "On the trust server, your trust's IT staff manage sign-ins and backups. The school's "
    "records are backed up with the trust's server, not on this computer."
)


class SettingsPage(Page):
    title_text = "Settings"
    restore_requested = Signal(Path)  # a backup file to restore; the main window does it

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        layout = page_layout(self)
        layout.addWidget(title("Settings"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._school_tab(), "School")
        self.tabs.addTab(self._accounts_tab(), "Accounts")
        self.tabs.addTab(self._backups_tab(), "Backups")
        self.tabs.addTab(self._computer_tab(), "This computer")
        self.trust_tab = TrustTab()
        self.tabs.addTab(self.trust_tab, "Trust server")

    def _school_tab(self) -> QWidget:
        """School profile: the fields scroll, the Save button stays in view."""
        fields = QWidget()
        fv = QVBoxLayout(fields)
        self.school_fields = SchoolFields()
        self.people_fields = PeopleFields()
        fv.addWidget(self.school_fields)
        fv.addWidget(self.people_fields)
        fv.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        school = QWidget()
        sv = QVBoxLayout(school)
        sv.addWidget(scroll, 1)
        r = QHBoxLayout()
        self.profile_status = QLabel()
        self.save_profile_button = QPushButton("&Save school details")
        set_role(self.save_profile_button, "primary")
        r.addWidget(self.profile_status, 1)
        r.addWidget(self.save_profile_button)
        sv.addLayout(r)
        self.save_profile_button.clicked.connect(self.save_profile)
        return school

    def _accounts_tab(self) -> QWidget:
        acc = QWidget()
        av = QVBoxLayout(acc)
        self.accounts_note = subtitle(ACCOUNTS_NOTE)
        av.addWidget(self.accounts_note)
        self.accounts_table = setup_table(
            list_table(["Name", "Role"]),
            "Accounts",
            select_rows=True,
            read_only=True,
            stretch=0,
            row_numbers=True,
        )
        av.addWidget(self.accounts_table)
        self.add_account_button = QPushButton("&Add account…")
        self.remove_account_button = QPushButton("&Remove account")
        self.change_pass_button = QPushButton("&Change my passphrase…")
        self.recovery_key_button = QPushButton("Change the recovery &key…")
        av.addLayout(
            button_row(
                self.change_pass_button,
                left=(self.add_account_button, self.remove_account_button, self.recovery_key_button),
            )
        )
        self.add_account_button.clicked.connect(self.add_account)
        self.remove_account_button.clicked.connect(self.remove_account)
        self.change_pass_button.clicked.connect(self.change_passphrase)
        self.recovery_key_button.clicked.connect(self.change_recovery_key)
        return acc

    def _backups_tab(self) -> QWidget:
        bk = QWidget()
        bv = QVBoxLayout(bk)
        self.backup_note = subtitle("")
        bv.addWidget(self.backup_note, 0, Qt.AlignmentFlag.AlignTop)
        self.backups_table = setup_table(
            list_table(["Made", "Why", "Size"]),
            "Backups",
            select_rows=True,
            read_only=True,
            stretch=0,
            row_numbers=True,
        )
        bv.addWidget(self.backups_table)
        self.backup_now_button = QPushButton("&Back up now to…")
        self.backup_now_button.setAccessibleName("Back up now to a chosen folder")
        self.restore_button = QPushButton("Restore &selected…")
        self.restore_file_button = QPushButton("Restore from a &file…")
        bv.addLayout(
            button_row(self.restore_file_button, self.restore_button, left=(self.backup_now_button,))
        )
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        bv.addWidget(self.backup_status)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        return bk

    def _computer_tab(self) -> QWidget:
        """Preferences of this computer (not of the school file)."""
        pr = QWidget()
        pf = QFormLayout(pr)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(" minutes")
        add_field(pf, "&Lock after idle for:", self.idle_minutes)
        pf.addRow("", subtitle("Preferences belong to this computer and hold no personal data."))
        self.idle_minutes.setValue(int(self.prefs.idle_lock_minutes))
        self.idle_minutes.valueChanged.connect(self._save_idle)
        return pr

    # ---- filling ------------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.session
        if s is None or s.locked:
            return
        profile = s.profile()
        self.school_fields.load(profile)
        self.people_fields.load(profile)
        self.profile_status.clear()
        writable = not s.read_only
        for w in (self.school_fields, self.people_fields, self.save_profile_button):
            w.setEnabled(writable)
        admin = writable and s.account.role.can_manage_accounts
        self.add_account_button.setEnabled(admin)
        self.remove_account_button.setEnabled(admin)
        self.recovery_key_button.setEnabled(admin)
        self.change_pass_button.setEnabled(not s.vault.read_only)
        self._show_file_only(not s.on_server)
        self.accounts_table.setRowCount(0)
        self._accounts = s.accounts()
        for a in self._accounts:
            row = self.accounts_table.rowCount()
            self.accounts_table.insertRow(row)
            name = a.display_name + ("  (you)" if a.id == s.account.id else "")
            self.accounts_table.setItem(row, 0, QTableWidgetItem(name))
            self.accounts_table.setItem(row, 1, QTableWidgetItem(a.role.label))
        self.accounts_table.resizeColumnToContents(1)
        self.refresh_backups()
        self.trust_tab.refresh(s)

    def _show_file_only(self, shown: bool) -> None:
        """Accounts, passphrases, keys and backups belong to a school file; on the trust's
        server its IT staff manage them, and the page says so instead."""
        for w in (
            self.add_account_button,
            self.remove_account_button,
            self.recovery_key_button,
            self.change_pass_button,
            self.backups_table,
            self.backup_now_button,
            self.restore_button,
            self.restore_file_button,
            self.backup_status,
        ):
            w.setVisible(shown)
        self.accounts_note.setText(ACCOUNTS_NOTE if shown else SERVER_ACCOUNTS_NOTE)
        if not shown:
            self.backup_note.setText(SERVER_BACKUPS_NOTE)

    def refresh_backups(self) -> None:
        if self.session is None or self.session.on_server:
            return
        from schooldp import config

        self.backup_note.setText(
            f"SchoolDP backs up when you close it (the last 10, and one a day for 30 days) into "
            f"{config.backup_dir()}. Backups are encrypted like the school file."
        )
        self._backups = backups.list_backups(stem=self.session.vault.path.stem)
        self.backups_table.setRowCount(0)
        for b in self._backups:
            row = self.backups_table.rowCount()
            self.backups_table.insertRow(row)
            self.backups_table.setItem(
                row, 0, QTableWidgetItem(b.created_at.astimezone().strftime("%d/%m/%Y %H:%M:%S"))
            )
            self.backups_table.setItem(row, 1, QTableWidgetItem(b.reason))
            self.backups_table.setItem(row, 2, QTableWidgetItem(f"{b.size / 1024:.0f} KB"))
        self.restore_button.setEnabled(bool(self._backups) and not self.session.vault.read_only)

    def clear(self) -> None:
        super().clear()
        blank = empty_profile()
        self.school_fields.load(blank)
        self.people_fields.load(blank)
        self.accounts_table.setRowCount(0)
        self.backups_table.setRowCount(0)

    # ---- actions ----------------------------------------------------------------------------------
    def save_profile(self) -> None:
        if self.session is None:
            return
        profile = self.people_fields.apply(self.school_fields.apply(self.session.profile()))
        try:
            self.session.update_profile(profile)
        except SchoolDPError as exc:
            self.profile_status.setText(str(exc))
            set_role(self.profile_status, "error")
            return
        self.profile_status.setText("✔ Saved.")
        set_role(self.profile_status, "")
        window = self.window()
        if hasattr(window, "refresh_status"):
            window.refresh_status()

    def add_account(self) -> None:
        if self.session is None:
            return
        session = self.session
        dialog = AddAccountDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            entered = (dialog.name.text(), dialog.role.currentData(), dialog.passphrase.value())
            entered += (dialog.passphrase.confirm.text(),)
            # Sealing the new key slot takes about half a second by design (its Argon2id cost).
            op = Op(self, lambda job, entered=entered: session.add_account(*entered))
            op.with_progress("Adding the account…", title="Add account", cancellable=False)
            try:
                op.changes("activity").run_and_wait()
            except SchoolDPError as exc:
                show_error(dialog.error, str(exc))
                continue
            break
        self.refresh()

    def _selected_account(self):  # type: ignore[no-untyped-def]
        rows = self.accounts_table.selectionModel().selectedRows()
        return self._accounts[rows[0].row()] if rows else None

    def remove_account(self) -> None:
        account = self._selected_account()
        if self.session is None or account is None:
            QMessageBox.information(self, "Remove account", "Select the account to remove first.")
            return
        answer = QMessageBox.question(
            self,
            "Remove account",
            f"Remove the account '{account.display_name}'? The school file is re-encrypted with a new "
            "key, so their passphrase stops opening it. Backups made before now still open with it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.remove_account(account.id)
        except (OSError, SchoolDPError) as exc:
            QMessageBox.warning(self, "Remove account", str(exc))
        else:
            offer_old_backups(self, self.session)
        self.refresh()

    def change_recovery_key(self) -> None:
        if self.session is not None:
            change_recovery_key(self, self.session)

    def change_passphrase(self) -> None:
        if self.session is None:
            return
        session = self.session
        dialog = ChangePassphraseDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            entered = (dialog.current.text(), dialog.passphrase.value(), dialog.passphrase.confirm.text())
            # Checking the current passphrase and sealing the new one: about a second by design.
            op = Op(self, lambda job, entered=entered: session.change_own_passphrase(*entered))
            op.with_progress("Changing your passphrase…", title="Change passphrase", cancellable=False)
            try:
                op.changes("activity").run_and_wait()
            except SchoolDPError as exc:
                show_error(dialog.error, str(exc))
                continue
            QMessageBox.information(self, "Passphrase changed", "Your new passphrase is in use from now on.")
            break

    def backup_now(self) -> None:
        if self.session is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, "Choose where to put the backup (for example a USB stick)"
        )
        if not folder:
            return
        session = self.session
        op = Op(self, lambda job: session.backup_now(Path(folder)))
        op.with_progress("Backing up the school file…", title="Back up now", cancellable=False)
        try:
            info = op.changes("backups", "activity").run_and_wait()
        except (OSError, SchoolDPError) as exc:
            self.backup_status.setText(f"The backup could not be written there: {exc}")
            set_role(self.backup_status, "error")
            return
        self.backup_status.setText(f"✔ Backup saved as {info.path}")
        set_role(self.backup_status, "")
        self.refresh_backups()

    def restore_selected(self) -> None:
        rows = self.backups_table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, "Restore", "Select the backup to restore first.")
            return
        self._confirm_restore(self._backups[rows[0].row()].path)

    def restore_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a SchoolDP backup", "", "SchoolDP backup (*.sdpbak)"
        )
        if path:
            self._confirm_restore(Path(path))

    def _confirm_restore(self, path: Path) -> None:
        try:
            info = backups.read_info(path)
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Restore", str(exc))
            return
        answer = QMessageBox.question(
            self,
            "Restore from backup",
            f"Replace the school file with the backup made {info.created_at.astimezone():%d/%m/%Y at %H:%M}?\n\n"
            "The current file is kept aside (not deleted), and SchoolDP will ask for your passphrase again.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(path)

    def _save_idle(self, value: int) -> None:
        self.prefs.idle_lock_minutes = value
        w = self.window()
        if hasattr(w, "apply_idle_timeout"):
            w.apply_idle_timeout()


class AddAccountDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an account")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = add_field(form, "&Name:", line())
        self.role = choice_combo(Role)
        self.role.setCurrentIndex(1)
        add_field(form, "&Role:", self.role)
        layout.addLayout(form)
        self.passphrase = PassphraseFields(self)
        layout.addWidget(self.passphrase)
        layout.addWidget(
            subtitle("Tell the person their passphrase in person; they can change it in Settings.")
        )
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "&Add account")[0])


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change my passphrase")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current = add_field(form, "C&urrent passphrase:", password_line())
        layout.addLayout(form)
        self.passphrase = PassphraseFields(self, "&New passphrase:")
        layout.addWidget(self.passphrase)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "C&hange passphrase")[0])
