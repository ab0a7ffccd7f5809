"""The unlock page: passphrase, recovery key, and the clear messages for every way opening fails."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.ui.operations import Op
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import (
    button_row,
    centred_card,
    error_label,
    label_above,
    line,
    ok_cancel,
    password_line,
    show_error,
    subtitle,
    title,
)
from schooldp.ui.widgets.passphrase import PassphraseFields

if TYPE_CHECKING:
    from schooldp.services.school import FileInUse, SchoolSession

# The school service (and with it the database libraries) is imported when the person unlocks,
# on the worker that derives the key, never before this page is shown.
UNLOCKING = "Unlocking the school file…"


class UnlockPage(QWidget):
    """Opens a school file, or unlocks the open one after a lock."""

    opened = Signal(object)  # SchoolSession, newly opened
    unlocked = Signal()
    choose_other = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.session: SchoolSession | None = None  # set while locked
        self.preferred_slot: str | None = None
        box = centred_card(self, 520)
        self.heading = title("Unlock SchoolDP")
        self.where = subtitle("")
        self.where.setAccessibleName("School file")
        box.addWidget(self.heading)
        box.addWidget(self.where)
        box.addSpacing(8)
        self.passphrase = label_above(box, "&Passphrase:", password_line(), "Passphrase")
        self.passphrase_label = next(x for x in self.findChildren(QLabel) if x.buddy() is self.passphrase)
        self.error = error_label()
        box.addWidget(self.error)
        self.recovery_button = QPushButton("Use &recovery key…")
        self.recovery_button.setAccessibleName("Use recovery key")
        self.other_button = QPushButton("&Open another school file…")
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        set_role(self.unlock_button, "primary")
        box.addLayout(button_row(self.unlock_button, left=(self.recovery_button, self.other_button)))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.recovery_button.clicked.connect(self.use_recovery_key)
        self.other_button.clicked.connect(self.choose_other)
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self._wait_left = 0

    # ---- modes ------------------------------------------------------------------------------
    def for_file(self, path: Path, preferred_slot: str | None = None) -> None:
        self.path, self.session, self.preferred_slot = path, None, preferred_slot
        self.heading.setText("Open school file")
        self._ask_for("&Passphrase:", "Passphrase")
        self.where.setText(str(path))
        self.recovery_button.show()
        self.other_button.show()
        self._reset()

    def for_locked(self, session: SchoolSession, school_name: str) -> None:
        self.path, self.session = session.vault.path, session
        self.heading.setText("SchoolDP is locked")
        self.where.setText(f"{school_name} — {session.account.display_name}")
        on_server = session.on_server
        self._ask_for(
            "&Password:" if on_server else "&Passphrase:", "Password" if on_server else "Passphrase"
        )
        if on_server:
            self.where.setText(
                f"{school_name} on the trust server — {session.account.display_name}. "
                "Type your password for the trust's server to carry on."
            )
        self.recovery_button.hide()
        self.other_button.hide()
        self._reset()

    def _ask_for(self, label: str, name: str) -> None:
        """A school file asks for a passphrase; the trust's server for the person's password."""
        self.passphrase_label.setText(label)
        self.passphrase.setAccessibleName(name)

    def _reset(self) -> None:
        self.passphrase.clear()
        show_error(self.error, None)
        self.unlock_button.setEnabled(True)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- actions ------------------------------------------------------------------------------
    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled() or self.path is None:
            return
        text = self.passphrase.text()
        if not text:
            show_error(
                self.error,
                "Type your password."
                if self.session is not None and self.session.on_server
                else "Type your passphrase.",
            )
            return
        from schooldp.services.school import TooManyAttempts, WrongPassphrase

        self.unlock_button.setEnabled(False)
        try:
            if self.session is not None:
                locked = self.session
                self._in_background(lambda job: locked.unlock(text))
                self.passphrase.clear()
                self.unlock_button.setEnabled(True)
                self.unlocked.emit()
                return
            session = self._open(text)
            self.unlock_button.setEnabled(True)
        except TooManyAttempts as exc:
            self._start_wait(exc.wait_seconds)
            return
        except WrongPassphrase as exc:
            self.unlock_button.setEnabled(True)
            show_error(self.error, str(exc))
            self.passphrase.selectAll()
            return
        except SchoolDPError as exc:
            self.unlock_button.setEnabled(True)
            show_error(self.error, str(exc))
            return
        except OSError as exc:
            self.unlock_button.setEnabled(True)
            show_error(
                self.error, f"The school file could not be read there ({exc.strerror}). Nothing was changed."
            )
            return
        except BaseException:
            self.unlock_button.setEnabled(True)
            raise
        if session is not None:
            self.passphrase.clear()
            self.opened.emit(session)

    def _in_background(self, fn: Any) -> Any:
        """Derive the key and open the file on a worker; the window keeps painting meanwhile."""
        return Op(self, fn).with_progress(UNLOCKING, title="Unlock", cancellable=False).run_and_wait()

    def _open(self, text: str) -> SchoolSession | None:
        from schooldp.services.school import FileInUse, open_school

        path, slot = self.path, self.preferred_slot
        assert path is not None
        try:
            return self._in_background(lambda job: open_school(path, text, preferred_slot=slot))  # type: ignore[no-any-return]
        except FileInUse as exc:
            choice = ask_in_use(self, exc)
            if choice == "read_only":
                return self._in_background(  # type: ignore[no-any-return]
                    lambda job: open_school(path, text, preferred_slot=slot, read_only=True)
                )
            if choice == "take_over":
                return self._in_background(  # type: ignore[no-any-return]
                    lambda job: open_school(path, text, preferred_slot=slot, take_over=True)
                )
            return None

    def _start_wait(self, seconds: float) -> None:
        self._wait_left = int(seconds) + 1
        self.unlock_button.setEnabled(False)
        self._tick()
        self._wait_timer.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_timer.stop()
            self.unlock_button.setEnabled(True)
            show_error(self.error, "You can try again now.")
            return
        show_error(self.error, f"Too many wrong passphrases. You can try again in {self._wait_left} seconds.")

    def use_recovery_key(self) -> None:
        if self.path is None:
            return
        dialog = RecoveryDialog(self.path, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.session is not None:
            self.opened.emit(dialog.session)


def ask_in_use(parent: QWidget, exc: FileInUse) -> str:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("School file in use")
    box.setText(str(exc))
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    take_over = box.addButton("&Take over", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return "read_only"
    if clicked is take_over:
        return "take_over"
    return "cancel"


class RecoveryDialog(QDialog):
    """Type the recovery key from the emergency sheet, then set a new passphrase at once."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.session: SchoolSession | None = None
        self.setWindowTitle("Use the recovery key")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(
            subtitle(
                "Type the recovery key printed on the school's emergency sheet. Spaces and dashes "
                "do not matter. You will then choose a new passphrase."
            )
        )
        self.key = label_above(layout, "Recovery &key:", line("XXXX-XXXX-XXXX-…"), "Recovery key")
        self.passphrase = PassphraseFields(self, "&New passphrase:")
        layout.addWidget(self.passphrase)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self, "&Open and set passphrase", self._go)[0])

    def _go(self) -> None:
        from schooldp.services.school import FileInUse, open_with_recovery_key

        problem = self.passphrase.problem()
        if problem:
            show_error(self.error, problem)
            return
        try:
            session = open_with_recovery_key(self.path, self.key.text())
        except FileInUse as exc:
            if ask_in_use(self, exc) != "take_over":
                return
            session = open_with_recovery_key(self.path, self.key.text(), take_over=True)
        except (SchoolDPError, ValueError) as exc:
            show_error(self.error, str(exc))
            return
        new, confirm = self.passphrase.value(), self.passphrase.confirm.text()
        op = Op(self, lambda job: session.set_passphrase_after_recovery(new, confirm))  # seals a slot
        op.with_progress("Setting your new passphrase…", title="Recovery key", cancellable=False)
        try:
            op.run_and_wait()
        except SchoolDPError as exc:
            session.close(backup=False)
            show_error(self.error, str(exc))
            return
        self.session = session
        self.accept()
