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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.config import Preferences
from schooldp.domain.errors import SchoolDPError
from schooldp.services import backups
from schooldp.services.school import SchoolSession
from schooldp.ui.dialogs.shortcuts import NUMBERED, SECTIONS
from schooldp.ui.icons import icon
from schooldp.ui.lock import IdleWatcher
from schooldp.ui.pages.activity import ActivityPage
from schooldp.ui.pages.base import Page
from schooldp.ui.pages.breaches import BreachesPage
from schooldp.ui.pages.consent import ConsentPage
from schooldp.ui.pages.dashboard import DashboardPage
from schooldp.ui.pages.dpias import DpiasPage
from schooldp.ui.pages.letters import LettersPage
from schooldp.ui.pages.people import PeoplePage
from schooldp.ui.pages.policies import PoliciesPage
from schooldp.ui.pages.records import RecordsPage
from schooldp.ui.pages.requests import RequestsPage
from schooldp.ui.pages.retention import RetentionPage
from schooldp.ui.pages.settings import SettingsPage
from schooldp.ui.pages.start import StartPage
from schooldp.ui.pages.training import TrainingPage
from schooldp.ui.pages.unlock import UnlockPage
from schooldp.ui.widgets.fit import FRAME, available, fit_resize
from schooldp.ui.widgets.status_strip import StatusStrip
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
        self.policies = PoliciesPage()
        self.policies.go_to.connect(self.go)
        self.pages: list[Page] = [
            self.dashboard,
            BreachesPage(),
            RequestsPage(),
            ConsentPage(),
            PeoplePage(),
            LettersPage(),
            RecordsPage(),
            DpiasPage(),
            RetentionPage(),
            TrainingPage(),
            self.policies,
            self.activity,
            self.settings,
        ]
        names = list(SECTIONS)
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
        name = {
            "breach": "Breaches",
            "request": "Requests",
            "consent": "Consent",
            "records": "Records",
            "dpia": "DPIAs",
            "retention": "Retention",
            "training": "Training",
            "policies": "Policies",
        }.get(area)
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
        self.start = StartPage()
        self.unlock_page = UnlockPage()
        self.shell = Shell(self.prefs)
        for w in (self.start, self.unlock_page, self.shell):
            self.stack.addWidget(w)

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
        self._build_keyboard()

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.idle = IdleWatcher(app, self._idle_ms(), self)
        from schooldp.ui.notify import Notifier

        self.notifier = Notifier(self)
        self.notifier.counted.connect(self.status_strip.set_attention)
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

        self._restore_geometry()
        self.show_start()

    # ---- keyboard -----------------------------------------------------------------------------
    def _build_keyboard(self) -> None:
        """Ctrl+1..9 for the first sections, and Help > Keyboard shortcuts (F1) listing every key."""
        for number in range(min(NUMBERED, self.shell.sidebar.count())):
            name = self.shell.sidebar.item(number).text()
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
        if self.stack.currentWidget() is self.shell:
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
        self._show_banner(session)
        if session.chain_warning:
            QMessageBox.warning(self, "Activity log altered", session.chain_warning)
        if not session.must_set_passphrase:
            from schooldp.ui.dialogs.key_change import offer_new_recovery_key

            offer_new_recovery_key(self, session)

    def _show_banner(self, session: SchoolSession | None) -> None:
        lines = [] if session is None else [session.read_only_reason or "", *session.notices]
        text = "\n".join(line for line in lines if line)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

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
        self._show_banner(None)
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
            self.status_strip.set_state("", None)
            self.status_strip.set_attention(None)
            self.lock_button.setEnabled(False)
            self.setWindowTitle("SchoolDP")
            return
        if not s.locked:
            self._cached_school_name = s.profile().name
        self.school_label.setText(self._school_name)
        self.account_label.setText(f"{s.account.display_name} ({s.account.role.label})")
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
        self.setWindowTitle(f"{self._school_name} — SchoolDP" if self._school_name else "SchoolDP")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._save_geometry()
        if self.session is not None:
            self.shell.clear()
            self.session.close(backup=self.demo_folder is None)
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
