"""The one window: start page, unlock page and the shell (sidebar + pages) in a stack."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from schooldp.config import Preferences
from schooldp.domain.errors import SchoolDPError
from schooldp.services import backups
from schooldp.services.school import SchoolSession
from schooldp.ui.lock import IdleWatcher
from schooldp.ui.pages.activity import ActivityPage
from schooldp.ui.pages.base import Page
from schooldp.ui.pages.breaches import BreachesPage
from schooldp.ui.pages.consent import ConsentPage
from schooldp.ui.pages.dashboard import DashboardPage
from schooldp.ui.pages.letters import LettersPage
from schooldp.ui.pages.people import PeoplePage
from schooldp.ui.pages.records import RecordsPage
from schooldp.ui.pages.requests import RequestsPage
from schooldp.ui.pages.settings import SettingsPage
from schooldp.ui.pages.start import StartPage
from schooldp.ui.pages.unlock import UnlockPage
from schooldp.ui.wizards.create_school import CreateSchoolWizard

log = logging.getLogger(__name__)


class Shell(QWidget):
    """Sidebar and pages of an open school file."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.settings = SettingsPage(prefs)
        self.activity = ActivityPage()
        self.dashboard = DashboardPage()
        self.dashboard.open_record.connect(self.open_record)
        self.pages: list[Page] = [
            self.dashboard,
            BreachesPage(),
            RequestsPage(),
            ConsentPage(),
            PeoplePage(),
            LettersPage(),
            RecordsPage(),
            self.activity,
            self.settings,
        ]
        names = [
            "Dashboard",
            "Breaches",
            "Requests",
            "Consent",
            "People",
            "Letters",
            "Records",
            "Activity",
            "Settings",
        ]
        for name, page in zip(names, self.pages, strict=True):
            self.sidebar.addItem(name)
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self._show)
        self.sidebar.setCurrentRow(0)

    def _show(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        if page.session is not None and not page.session.locked:
            page.refresh()

    def open_record(self, area: str, record_id: int) -> None:
        """Open a breach, request or consent record from the dashboard (or anywhere)."""
        name = {"breach": "Breaches", "request": "Requests", "consent": "Consent", "records": "Records"}.get(
            area
        )
        if name is None:
            return
        self.go(name)
        page = self.pages[self.sidebar.currentRow()]
        opener = getattr(page, "open_record", None)
        if callable(opener):
            opener(record_id)

    def go(self, name: str) -> None:
        for i in range(self.sidebar.count()):
            if self.sidebar.item(i).text() == name:
                self.sidebar.setCurrentRow(i)
                return

    def set_session(self, session: SchoolSession) -> None:
        for page in self.pages:
            page.set_session(session)

    def clear(self) -> None:
        for page in self.pages:
            page.clear()


class MainWindow(QMainWindow):
    def __init__(self, prefs: Preferences | None = None) -> None:
        super().__init__()
        self.prefs = prefs or Preferences()
        self.session: SchoolSession | None = None
        self.demo_folder: Path | None = None
        self.setWindowTitle("SchoolDP")
        self.resize(1180, 760)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.start = StartPage()
        self.unlock_page = UnlockPage()
        self.shell = Shell(self.prefs)
        for w in (self.start, self.unlock_page, self.shell):
            self.stack.addWidget(w)

        # Status bar: school, account, lock state.
        self.school_label = QLabel()
        self.account_label = QLabel()
        self.state_label = QLabel()
        for lbl, name in (
            (self.school_label, "School"),
            (self.account_label, "Account"),
            (self.state_label, "Lock state"),
        ):
            lbl.setAccessibleName(name)
        self.lock_button = QPushButton("Lock now")
        self.lock_button.setAccessibleName("Lock now (Ctrl+L)")
        self.lock_button.setToolTip("Lock SchoolDP now (Ctrl+L)")
        sb = self.statusBar()
        sb.addWidget(self.school_label)
        sb.addWidget(self.account_label)
        sb.addPermanentWidget(self.state_label)
        sb.addPermanentWidget(self.lock_button)

        self.lock_action = QAction("&Lock now", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.lock_button.clicked.connect(self.lock)

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, self._idle_ms(), self)
        from schooldp.ui.notify import Notifier

        self.notifier = Notifier(self)
        self.idle.idle.connect(self.lock)
        app.applicationStateChanged.connect(self._app_state)

        self.start.create_requested.connect(self.create_school)
        self.start.open_requested.connect(self.choose_file)
        self.start.recent_chosen.connect(self.open_path)
        self.start.demo_requested.connect(self.open_demo)
        self.unlock_page.opened.connect(self.on_opened)
        self.unlock_page.unlocked.connect(self.on_unlocked)
        self.unlock_page.choose_other.connect(self.choose_file)
        self.shell.settings.restore_requested.connect(self.restore_backup)

        geometry = self.prefs.window_geometry
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        self.show_start()

    # ---- navigation ---------------------------------------------------------------------------
    def _idle_ms(self) -> int:
        return int(self.prefs.idle_lock_minutes) * 60_000

    def apply_idle_timeout(self, ms: int | None = None) -> None:
        self.idle.set_timeout_ms(ms if ms is not None else self._idle_ms())
        if self.session is not None and not self.session.locked:
            self.idle.start()

    def show_start(self) -> None:
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
        wizard = CreateSchoolWizard(self)
        if wizard.exec() == QDialog.DialogCode.Accepted and wizard.result_session is not None:
            from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog

            session = wizard.result_session
            RecoveryKeyDialog(session, wizard.recovery_key or "", self).exec()
            self.on_opened(session)

    def open_demo(self) -> None:
        from schooldp.demo import create_demo_school

        session, folder = create_demo_school()
        self.demo_folder = folder
        self.on_opened(session, remember=False)

    # ---- open / lock / unlock --------------------------------------------------------------------
    def on_opened(self, session: SchoolSession, remember: bool = True) -> None:
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        if remember:
            self.prefs.add_recent(session.vault.path)
        self.shell.set_session(session)
        self.stack.setCurrentWidget(self.shell)
        self.refresh_status()
        self.idle.start()
        self.notifier.start(session)
        if session.chain_warning:
            QMessageBox.warning(self, "Activity log altered", session.chain_warning)

    def lock(self) -> None:
        if self.session is None or self.session.locked:
            return
        self._restore_row = self.shell.sidebar.currentRow()
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()
        self.idle.stop()
        self.notifier.stop()
        self.shell.clear()
        self.session.lock()
        name = self._school_name or "School file"
        self.unlock_page.for_locked(self.session, name)
        self.stack.setCurrentWidget(self.unlock_page)
        self.refresh_status()
        log.info("Locked")

    def on_unlocked(self) -> None:
        assert self.session is not None
        self.shell.set_session(self.session)
        self.stack.setCurrentWidget(self.shell)
        self.shell.sidebar.setCurrentRow(getattr(self, "_restore_row", 0))
        self.refresh_status()
        self.idle.start()
        self.notifier.start(self.session)

    def _app_state(self, state: Qt.ApplicationState) -> None:
        # Where the platform tells Qt the session is suspended (screen locked, lid closed), lock.
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock()

    def restore_backup(self, backup: Path) -> None:
        if self.session is None:
            return
        path = self.session.vault.path
        self.shell.clear()
        self.session.close(backup=False)
        self.session = None
        self.idle.stop()
        self.notifier.stop()
        try:
            kept = backups.restore(backup, path)
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
        if s is None:
            self.school_label.setText("No school file open")
            self.account_label.clear()
            self.state_label.clear()
            self.lock_button.setEnabled(False)
            self.setWindowTitle("SchoolDP")
            return
        if not s.locked:
            self._cached_school_name = s.profile().name
        self.school_label.setText(self._school_name)
        self.account_label.setText(f"{s.account.display_name} ({s.account.role.label})")
        if s.locked:
            state = "🔒 Locked"
        elif s.vault.read_only:
            state = "Read-only"
        else:
            state = "Unlocked"
        if self.demo_folder is not None:
            state += " · Demo school"
        self.state_label.setText(state)
        self.lock_button.setEnabled(not s.locked)
        self.setWindowTitle(f"{self._school_name} — SchoolDP" if self._school_name else "SchoolDP")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.prefs.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        if self.session is not None:
            self.shell.clear()
            self.session.close(backup=self.demo_folder is None and not self.session.locked)
            self.session = None
        if self.demo_folder is not None:
            import shutil

            shutil.rmtree(self.demo_folder, ignore_errors=True)
            self.demo_folder = None
        self.idle.stop()
        self.notifier.stop()
        self.idle.detach()
        app = QApplication.instance()
        if app is not None:
            try:
                app.applicationStateChanged.disconnect(self._app_state)
            except (RuntimeError, TypeError):
                pass
        event.accept()
