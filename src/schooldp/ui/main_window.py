"""The one window: start page, unlock page and the shell (sidebar + pages) in a stack."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEventLoop, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.config import Preferences
from schooldp.domain.errors import SchoolDPError
from schooldp.ui.icons import icon
from schooldp.ui.lock import IdleWatcher
from schooldp.ui.log_check import BackgroundLogCheck
from schooldp.ui.operations import OPERATIONS, Op, settle_memory
from schooldp.ui.pages.unlock import UnlockPage
from schooldp.ui.sections import NUMBERED, SECTIONS
from schooldp.ui.shell import Shell
from schooldp.ui.widgets.fit import FRAME, available, fit_resize
from schooldp.ui.widgets.status_strip import StatusStrip

if TYPE_CHECKING:
    from schooldp.services.school import SchoolSession
    from schooldp.ui.live import LiveChanges
    from schooldp.ui.notify import Notifier
    from schooldp.ui.pages.start import StartPage

# The start and unlock windows import only what they show: the pages (and with them the
# database, PDF and calendar libraries) load after unlock, each page on its first visit.

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, prefs: Preferences | None = None, path: Path | None = None) -> None:
        """The start page, or with `path` the unlock page for that school file (the start page
        is then built only if the person goes back to it)."""
        super().__init__()
        self.prefs = prefs or Preferences()
        self.session: SchoolSession | None = None
        self.demo_folder: Path | None = None
        self.setWindowTitle("SchoolDP")
        fit_resize(self, 1280, 680)
        self.stack = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = QLabel()  # why the file is read-only, or what was found on opening it
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Notice")
        self.banner.setStyleSheet("background: #fff4ce; color: #4a3b00; padding: 8px 12px;")
        self.banner.hide()
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._start: StartPage | None = None
        self.unlock_page = UnlockPage()
        self._shell: Shell | None = None
        self._notifier: Notifier | None = None
        self._live: LiveChanges | None = None
        self._lock_waiting = False
        self._settled = False  # start-up objects set aside from the cycle collector yet?
        self.stack.addWidget(self.unlock_page)

        # Status bar: school, account, lock state and the attention count, each its own widget.
        self.status_strip = StatusStrip(self.statusBar())
        self.school_label = self.status_strip.school_label
        self.account_label = self.status_strip.account_label
        self.state_label = self.status_strip.state_label
        self.lock_button = self.status_strip.lock_button
        self.status_strip.attention_clicked.connect(lambda: self.shell.go("Dashboard"))

        self.lock_action = QAction("&Lock now", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.lock_button.clicked.connect(self.lock)
        self.trust_menu = self.menuBar().addMenu("&Trust server")
        self.change_school_action = self.trust_menu.addAction("Open &another school…")
        self.change_school_action.triggered.connect(self.change_school)
        self.dashboard_action = self.trust_menu.addAction("Trust &dashboard…")
        self.dashboard_action.triggered.connect(self.show_trust_dashboard)
        self._dashboard: Any = None
        self.trust_menu.menuAction().setVisible(False)
        self._build_keyboard()

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, self._idle_ms(), self)
        self.log_check = BackgroundLogCheck(self)
        self.idle.idle.connect(self.lock)
        OPERATIONS.running_changed.connect(self._operations_running)
        OPERATIONS.data_changed.connect(self._data_changed)
        app.applicationStateChanged.connect(self._app_state)

        self.unlock_page.opened.connect(self.on_opened)
        self.unlock_page.unlocked.connect(self.on_unlocked)
        self.unlock_page.choose_other.connect(self.choose_file)

        self._restore_geometry()
        if path is None:
            self.show_start()
        else:
            self.open_path(path)

    # ---- keyboard -----------------------------------------------------------------------------
    def _build_keyboard(self) -> None:
        """Ctrl+1..9 for the first sections, and Help > Keyboard shortcuts (F1) listing every key."""
        for number, name in enumerate(SECTIONS[:NUMBERED]):
            go = QAction(f"Go to {name}", self)
            go.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            go.triggered.connect(lambda _checked=False, n=name: self._go(n))
            self.addAction(go)
        help_menu = self.menuBar().addMenu("&Help")
        self.shortcuts_action = help_menu.addAction(icon("keyboard"), "&Keyboard shortcuts")
        self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.lock_action)

    def _go(self, name: str) -> None:
        if self._shell is not None and self.stack.currentWidget() is self._shell:
            self.shell.go(name)
            self.shell.sidebar.setFocus()

    def show_shortcuts(self) -> None:
        from schooldp.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    # ---- geometry -----------------------------------------------------------------------------
    def _screen_key(self) -> str:
        rect = available(self)
        screen = self.screen()
        return f"{screen.name() if screen else ''} {rect.width()}x{rect.height()}"

    def _restore_geometry(self) -> None:
        """The size last used on this screen, kept within the screen's available geometry."""
        geometry = self.prefs.window_geometries.get(self._screen_key(), "")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        room = available(self)
        if not room.contains(self.frameGeometry()):
            self.resize(self.size().boundedTo(room.size() - FRAME))
            self.move(room.topLeft())

    def _save_geometry(self) -> None:
        saved = dict(self.prefs.window_geometries)
        saved[self._screen_key()] = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        self.prefs.window_geometries = saved

    # ---- built on first use ---------------------------------------------------------------------
    @property
    def start(self) -> StartPage:
        """Create, open, recent files and the demo: built when first shown."""
        if self._start is None:
            from schooldp.ui.pages.start import StartPage

            self._start = StartPage()
            self._start.create_requested.connect(self.create_school)
            self._start.open_requested.connect(self.choose_file)
            self._start.recent_chosen.connect(self.open_path)
            self._start.demo_requested.connect(self.open_demo)
            self._start.server_requested.connect(self.connect_server)
            self.stack.insertWidget(0, self._start)
        return self._start

    @property
    def shell(self) -> Shell:
        """The sidebar and pages, built when a school is first opened."""
        if self._shell is None:
            self._shell = Shell(self.prefs)
            self._shell.restore_requested.connect(self.restore_backup)
            self.stack.addWidget(self._shell)
        return self._shell

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from schooldp.ui.notify import Notifier

            self._notifier = Notifier(self)
            self._notifier.counted.connect(self.status_strip.set_attention)
        return self._notifier

    def _stop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.stop()
        if self._live is not None:
            self._live.stop()

    def _start_notifier(self, session: SchoolSession) -> None:
        """The attention count; for a school on the trust's server, other people's changes too."""
        self.notifier.start(session)
        if session.on_server:
            if self._live is None:
                from schooldp.ui.live import LiveChanges

                self._live = LiveChanges(self)
            self._live.start(session)

    def _operations_running(self, count: int) -> None:
        if count:
            if QApplication.overrideCursor() is None:
                QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            while QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()

    def _data_changed(self, changed: frozenset[str]) -> None:
        if self._shell is not None and self.session is not None and not self.session.locked:
            self._shell.refresh_changed(changed)

    # ---- navigation ---------------------------------------------------------------------------
    def _idle_ms(self) -> int:
        return int(self.prefs.idle_lock_minutes) * 60_000

    def apply_idle_timeout(self, ms: int | None = None) -> None:
        self.idle.set_timeout_ms(ms if ms is not None else self._idle_ms())
        if self.session is not None and not self.session.locked:
            self.idle.start()

    def show_start(self) -> None:
        self._show_banner(None)
        self.start.set_recent(self.prefs.recent_files)
        self.stack.setCurrentWidget(self.start)
        self.refresh_status()

    def open_path(self, path: Path) -> None:
        self.unlock_page.for_file(Path(path))
        self.stack.setCurrentWidget(self.unlock_page)
        self.refresh_status()

    def choose_file(self) -> None:
        from schooldp import config

        path, _ = QFileDialog.getOpenFileName(
            self, "Open a school file", str(config.data_dir()), "SchoolDP school file (*.sdp)"
        )
        if path:
            self.open_path(Path(path))

    def create_school(self) -> None:
        from schooldp.ui.wizards.create_school import CreateSchoolWizard

        wizard = CreateSchoolWizard(self)
        if wizard.exec() == QDialog.DialogCode.Accepted and wizard.result_session is not None:
            from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog

            session = wizard.result_session
            RecoveryKeyDialog(session, wizard.recovery_key or "", self).exec()
            self.on_opened(session)

    def connect_server(self) -> None:
        """Sign in to the trust's server and open a school there."""
        from schooldp.ui.dialogs.server_signin import connect_to_server

        session = connect_to_server(self, self.prefs)
        if session is not None:
            self.on_opened(session, remember=False)

    def show_trust_dashboard(self) -> None:
        """The roll-up across schools for the trust role, in a window of its own."""
        from schooldp.ui.dialogs.server_signin import TrustDashboard

        if self.session is None or not self.session.on_server or self.session.locked:
            return
        if self._dashboard is None:
            self._dashboard = TrustDashboard(self.session, self.open_school_code)
        self._dashboard.show()

    def _close_dashboard(self) -> None:
        if self._dashboard is not None:
            self._dashboard.close()
            self._dashboard = None

    def open_school_code(self, code: str) -> None:
        """A school chosen on the trust dashboard: its own pages, with the same sign-in."""
        from schooldp.ui.dialogs.server_signin import open_other_school

        if self.session is not None and self.session.on_server and not self.session.locked:
            self._switch_to(open_other_school(self, self.session, code))
            self.activateWindow()

    def change_school(self) -> None:
        """Another of the signed-in person's schools on the trust's server, without signing in again."""
        from schooldp.ui.dialogs.server_signin import change_school

        if self.session is not None and self.session.on_server and not self.session.locked:
            self._switch_to(change_school(self, self.session))

    def _switch_to(self, session: SchoolSession | None) -> None:
        if session is not None:
            self.shell.clear()
            self._stop_notifier()
            self.on_opened(session, remember=False)

    def open_demo(self) -> None:
        """Build the demo school on a worker, a progress window up from the first second."""

        def build(job: Any) -> tuple[SchoolSession, Path]:
            from schooldp.demo import create_demo_school

            return create_demo_school(step=job.step)

        op = Op(self, build).with_progress(
            "Building the demo school…", title="Demo school", cancellable=False
        )
        try:
            session, folder = op.run_and_wait(show_progress_after_ms=0)
        except SchoolDPError as exc:
            QMessageBox.critical(self, "Demo school", f"The demo school could not be built: {exc}")
            return
        self.demo_folder = folder
        self.on_opened(session, remember=False)

    # ---- open / lock / unlock --------------------------------------------------------------------
    def on_opened(self, session: SchoolSession, remember: bool = True) -> None:
        if self.session is not None and self.session is not session:
            self.log_check.stop()
            self.session.close()
        self.session = session
        if remember and not session.on_server:
            self.prefs.add_recent(session.vault.path)
        first, self._settled = not self._settled, True
        self.shell.set_session(session)
        self.stack.setCurrentWidget(self.shell)
        self.refresh_status()
        self.idle.start()
        self._start_notifier(session)
        self._show_banner(session)
        if first:
            settle_memory()  # what the first open loaded stays: keep it out of later collections
        if session.chain_warning:
            self._warn_log_altered(session.chain_warning)
        self.log_check.start(session, self._warn_log_altered)
        if not session.must_set_passphrase:
            from schooldp.ui.dialogs.key_change import offer_new_recovery_key

            offer_new_recovery_key(self, session)

    def _warn_log_altered(self, warning: str) -> None:
        QMessageBox.warning(self, "Activity log altered", warning)

    def _show_banner(self, session: SchoolSession | None) -> None:
        lines = [] if session is None else [session.read_only_reason or "", *session.notices]
        text = "\n".join(line for line in lines if line)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def lock(self) -> None:
        """Lock now; while a background operation uses the school file, lock as it ends."""
        if self.session is None or self.session.locked:
            return
        self.log_check.stop()  # it only reads: stopped, not waited for, and walks again on unlock
        if OPERATIONS.running:
            if not self._lock_waiting:
                self._lock_waiting = True
                self.state_label.setText("Locking when the current task ends…")
                OPERATIONS.when_idle(self._lock_when_idle)
            return
        self._restore_row = self.shell.sidebar.currentRow()
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()
        self.idle.stop()
        self._stop_notifier()
        self._close_dashboard()
        self.shell.clear()
        self.session.lock()
        name = self._school_name or "School file"
        self.unlock_page.for_locked(self.session, name)
        self.stack.setCurrentWidget(self.unlock_page)
        self.refresh_status()
        log.info("Locked")

    def _lock_when_idle(self) -> None:
        self._lock_waiting = False
        self.lock()

    def on_unlocked(self) -> None:
        assert self.session is not None
        self.shell.set_session(self.session)
        self.stack.setCurrentWidget(self.shell)
        self.shell.sidebar.setCurrentRow(getattr(self, "_restore_row", 0))
        self.refresh_status()
        self.idle.start()
        self._start_notifier(self.session)
        self.log_check.start(self.session, self._warn_log_altered)

    def _app_state(self, state: Qt.ApplicationState) -> None:
        # Where the platform tells Qt the session is suspended (screen locked, lid closed), lock.
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock()

    def restore_backup(self, backup: Path) -> None:
        if self.session is None:
            return
        path = self.session.vault.path
        self.log_check.stop()
        self.shell.clear()
        self.session.close(backup=False)
        self.session = None
        self._show_banner(None)
        self.idle.stop()
        self._stop_notifier()

        def restore(job: Any) -> Path:
            from schooldp.services import backups

            return backups.restore(backup, path)

        op = Op(self, restore).with_progress("Restoring the backup…", title="Restore", cancellable=False)
        try:
            kept = op.run_and_wait()
        except (OSError, SchoolDPError) as exc:
            QMessageBox.critical(
                self,
                "Restore failed",
                f"The backup could not be restored: {exc}\nYour school file was not changed.",
            )
            self.open_path(path)
            return
        QMessageBox.information(
            self,
            "Restored",
            f"The school file was restored from the backup. The file it replaced is kept as:\n{kept.name}",
        )
        self.open_path(path)

    # ---- status -------------------------------------------------------------------------------------
    @property
    def _school_name(self) -> str:
        return getattr(self, "_cached_school_name", "")

    def refresh_status(self) -> None:
        s = self.session
        self.trust_menu.menuAction().setVisible(s is not None and s.on_server and not s.locked)
        self.dashboard_action.setVisible(s is not None and s.on_server and _trust_role(s))
        if s is None:
            self.school_label.setText("No school file open")
            self.account_label.clear()
            self.status_strip.set_state("", None)
            self.status_strip.set_attention(None)
            self.lock_button.setEnabled(False)
            self.setWindowTitle("SchoolDP")
            return
        if not s.locked:
            self._cached_school_name = s.profile().name
        where = " — on the trust server" if s.on_server else ""
        self.school_label.setText(self._school_name + where)
        signed_in = "Signed in as " if s.on_server else ""
        self.account_label.setText(f"{signed_in}{s.account.display_name} ({s.account.role.label})")
        if s.locked:
            state = "Locked"
            self.status_strip.set_attention(None)
        elif s.vault.read_only:
            state = "Read-only"
        else:
            state = "Unlocked"
        if self.demo_folder is not None:
            state += " · Demo school"
        self.status_strip.set_state(state, s.locked)
        self.lock_button.setEnabled(not s.locked)
        server = " (trust server)" if s.on_server else ""
        self.setWindowTitle(f"{self._school_name}{server} — SchoolDP" if self._school_name else "SchoolDP")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._save_geometry()
        self._close_dashboard()
        if self.session is not None:
            self.shell.clear()
            session, back_up = self.session, self.demo_folder is None  # locked or not: the file is encrypted
            self.session = None
            OPERATIONS.cancel_all()
            while OPERATIONS.running:  # a job still using the file finishes (or stops) first
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            op = Op(self, lambda job: session.close(backup=back_up))
            words = (
                "Signing out of the trust's server…"
                if session.on_server
                else "Backing up the school file before closing…"
            )
            op.with_progress(words, title="Closing", cancellable=False)
            try:
                op.run_and_wait()
            except (OSError, SchoolDPError) as exc:
                log.warning("Closing the school file: %s", exc)
        if self.demo_folder is not None:
            import shutil

            shutil.rmtree(self.demo_folder, ignore_errors=True)
            self.demo_folder = None
        self.idle.stop()
        self._stop_notifier()
        self.idle.detach()
        app = QApplication.instance()
        if app is not None:
            try:
                app.applicationStateChanged.disconnect(self._app_state)
            except (RuntimeError, TypeError):
                pass
        event.accept()


def _trust_role(session: SchoolSession) -> bool:
    from schooldp.services.trust.signin import has_trust_role

    return has_trust_role(session)
