"""Connecting to the trust's server: the connection file, signing in, choosing a school.

The connection file (.sdpconn) says where the server is; each person signs in with their own
name and password. Connecting runs on a worker with "Connecting…" shown in the dialog, so the
window never freezes on a slow network. The sign-in service (and the database driver with it)
is imported only when the person presses Sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from schooldp.config import Preferences
from schooldp.domain.errors import SchoolDPError
from schooldp.ui.operations import Op
from schooldp.ui.style import set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import (
    button_row,
    error_label,
    label_above,
    line,
    password_line,
    show_error,
    subtitle,
    title,
)

if TYPE_CHECKING:
    from schooldp.services.school import SchoolSession
    from schooldp.services.trust.signin import ConnectionFile, TrustSchools

CONNECTION_FILTER = "SchoolDP connection file (*.sdpconn)"
NO_SCHOOLS = (
    "You are signed in, but no school on the trust's server is open to you yet. Ask your "
    "trust's IT staff to give you a role in your school."
)


def choose_connection_file(parent: QWidget, prefs: Preferences) -> Path | None:
    """Ask for the connection file, starting where the last one was."""
    last = Path(prefs.last_connection_file) if prefs.last_connection_file else None
    start = str(last) if last is not None and last.exists() else str(Path.home())
    path, _ = QFileDialog.getOpenFileName(
        parent, "Choose the trust's connection file", start, CONNECTION_FILTER
    )
    return Path(path) if path else None


def connect_to_server(parent: QWidget, prefs: Preferences) -> SchoolSession | None:
    """The whole flow from the start page: the file (the last one, or chosen), sign in, a school."""
    last = Path(prefs.last_connection_file) if prefs.last_connection_file else None
    path = last if last is not None and last.exists() else choose_connection_file(parent, prefs)
    while path is not None:
        conn = _read(parent, path)
        if conn is None:
            path = choose_connection_file(parent, prefs)
            continue
        prefs.last_connection_file = str(path)
        dialog = ServerSignInDialog(conn, path, parent)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted:
            return dialog.session
        if not dialog.other_file_requested:
            return None
        path = choose_connection_file(parent, prefs)
    return None


def change_school(parent: QWidget, session: SchoolSession) -> SchoolSession | None:
    """Choose another of this person's schools and open it with the sign-in already made."""
    from schooldp.services.trust.signin import schools_for

    try:
        schools = (
            Op(parent, lambda job: schools_for(session))
            .with_progress("Asking the trust's server for your schools…", title="Schools", cancellable=False)
            .run_and_wait()
        )
    except SchoolDPError as exc:
        QMessageBox.warning(parent, "Schools", str(exc))
        return None
    chooser = SchoolChooserDialog(schools, parent)
    if chooser.exec() != QDialog.DialogCode.Accepted or chooser.code is None:
        return None
    return open_other_school(parent, session, chooser.code)


def open_other_school(parent: QWidget, session: SchoolSession, code: str) -> SchoolSession | None:
    """One of this person's schools, opened on a worker with the sign-in already made."""
    from schooldp.services.trust.signin import switch_school

    try:
        return (
            Op(parent, lambda job: switch_school(session, code))
            .with_progress(  # type: ignore[no-any-return]
                "Opening the school…", title="Schools", cancellable=False
            )
            .run_and_wait()
        )
    except SchoolDPError as exc:
        QMessageBox.warning(parent, "Schools", str(exc))
        return None


class TrustDashboard:
    """The trust dashboard window for a signed-in trust DPO; closing it closes its connections."""

    def __init__(self, session: SchoolSession, open_school: Callable[[str], None]) -> None:
        from schooldp.services.trust.signin import dashboard_for
        from schooldp.ui.pages.trust_dashboard import TrustDashboardPage, TrustDashboardWindow

        self.service = dashboard_for(session)
        self.page = TrustDashboardPage(self.service, prepared_by=session.account.display_name)
        self.page.open_school_requested.connect(open_school)
        self.window = TrustDashboardWindow(self.page)

    def show(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.page.refresh()

    def close(self) -> None:
        from schooldp.services.trust.signin import release_dashboard

        self.window.close()
        self.window.deleteLater()
        release_dashboard(self.service)


def _read(parent: QWidget, path: Path) -> ConnectionFile | None:
    from schooldp.services.trust.signin import read_connection_file

    try:
        return read_connection_file(path)
    except SchoolDPError as exc:
        QMessageBox.warning(parent, "Connection file", str(exc))
        return None


class ServerSignInDialog(QDialog):
    """Name and password for the trust's server, then the school to open."""

    def __init__(self, conn: ConnectionFile, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conn, self.base_dir = conn, path.parent
        self.session: SchoolSession | None = None
        self.other_file_requested = False
        self._busy = False
        self._closed = False
        self.setWindowTitle("Sign in to the trust's server")
        layout = QVBoxLayout(self)
        layout.addWidget(title(conn.label or "The trust's server"))
        where = subtitle(f"Server: {conn.host}, port {conn.port} · database {conn.database}")
        where.setAccessibleName("Server")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addWidget(
            subtitle(
                "Sign in with the name and password your trust's IT staff gave you. SchoolDP keeps "
                "the password only while the school is open and unlocked."
            )
        )
        self.login = label_above(
            layout, "Your sign-in &name:", line("for example priya.raman"), "Sign-in name"
        )
        self.password = label_above(layout, "&Password:", password_line(), "Password")
        self.status = QLabel()
        self.status.setAccessibleName("Connection status")
        self.status.hide()
        layout.addWidget(self.status)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.other_button = QPushButton("Use another &connection file…")
        self.sign_in_button = QPushButton("&Sign in")
        self.sign_in_button.setDefault(True)
        set_role(self.sign_in_button, "primary")
        self.cancel_button = QPushButton("Cancel")
        layout.addLayout(button_row(self.sign_in_button, self.cancel_button, left=(self.other_button,)))
        for quiet in (self.other_button, self.cancel_button):
            quiet.setAutoDefault(False)  # Enter while connecting must not press Cancel
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_button.clicked.connect(self.reject)
        self.other_button.clicked.connect(self._other_file)
        fit_resize(self, 560, 340)
        self.login.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- states ---------------------------------------------------------------------------------
    def _set_busy(self, words: str | None) -> None:
        self._busy = words is not None
        for w in (self.login, self.password, self.sign_in_button, self.other_button):
            w.setEnabled(not self._busy)
        self.status.setText(words or "")
        self.status.setVisible(self._busy)
        if self._busy:
            show_error(self.error, None)

    def _fail(self, exc: BaseException) -> None:
        self._set_busy(None)
        if isinstance(exc, SchoolDPError):
            show_error(self.error, str(exc))
        else:
            show_error(self.error, "Something went wrong connecting to the trust's server. Try again.")
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _other_file(self) -> None:
        self.other_file_requested = True
        self.reject()

    def reject(self) -> None:
        self._closed = True
        super().reject()

    # ---- signing in -----------------------------------------------------------------------------
    def sign_in(self) -> None:
        if self._busy:
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login:
            show_error(self.error, "Type your sign-in name.")
            return
        if not password:
            show_error(self.error, "Type your password.")
            return
        self._set_busy(f"Connecting to {self.conn.label or self.conn.host}…")
        conn, base = self.conn, self.base_dir

        def listing(job: Any) -> TrustSchools:
            from schooldp.services.trust.signin import list_schools

            return list_schools(conn, login, password, base)

        Op(self, listing).success(lambda schools: self._listed(schools, password)).failure(
            self._fail
        ).run_in_background()

    def _listed(self, schools: TrustSchools, password: str) -> None:
        if self._closed:
            return
        if not schools.schools:
            self._set_busy(None)
            show_error(self.error, NO_SCHOOLS)
            return
        code = schools.schools[0].code
        if len(schools.schools) > 1:
            chooser = SchoolChooserDialog(schools, self)
            if chooser.exec() != QDialog.DialogCode.Accepted or chooser.code is None:
                self._set_busy(None)
                return
            code = chooser.code
        name = next(s.name for s in schools.schools if s.code == code)
        self._set_busy(f"Opening {name}…")
        conn, base, login = self.conn, self.base_dir, schools.login

        def opening(job: Any) -> SchoolSession:
            from schooldp.services.trust.signin import open_on_server

            return open_on_server(conn, login, password, code, base_dir=base)

        Op(self, opening).success(self._opened).failure(self._fail).run_in_background()

    def _opened(self, session: SchoolSession) -> None:
        if self._closed:
            session.close()  # the person gave up waiting: sign out again
            return
        self.password.clear()
        self.session = session
        self.accept()


class SchoolChooserDialog(QDialog):
    """Which school to open, for a person with several (the trust DPO has them all)."""

    def __init__(self, schools: TrustSchools, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code: str | None = None
        self.setWindowTitle("Choose a school")
        layout = QVBoxLayout(self)
        layout.addWidget(title("Choose a school"))
        who = f"Signed in as {schools.display_name}."
        if schools.trust_role:
            who += " As the trust's Data Protection Officer you can open every school."
        layout.addWidget(subtitle(who))
        self.filter = label_above(layout, "&Find a school:", line("Type part of its name"), "Find a school")
        self.list = QListWidget()
        self.list.setAccessibleName("Schools")
        for school in schools.schools:
            item = QListWidgetItem(school.name)
            item.setData(Qt.ItemDataRole.UserRole, school.code)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        self.open_button = QPushButton("&Open")
        set_role(self.open_button, "primary")
        self.open_button.setDefault(True)
        cancel = QPushButton("Cancel")
        cancel.setAutoDefault(False)
        layout.addLayout(button_row(self.open_button, cancel))
        self.open_button.clicked.connect(self._open)
        cancel.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._open())
        self.filter.textChanged.connect(self._narrow)
        fit_resize(self, 520, 520)
        self.filter.setFocus(Qt.FocusReason.OtherFocusReason)

    def _narrow(self, text: str) -> None:
        words = text.casefold().split()
        first_shown = -1
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first_shown < 0:
                first_shown = row
        self.list.setCurrentRow(first_shown)
        self.open_button.setEnabled(first_shown >= 0)

    def _open(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.code = str(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
