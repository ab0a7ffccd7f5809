"""Signing in to the trust's server from the start page, as a person would, to an open school."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from schooldp.domain.accounts import Role
from schooldp.services.trust.signin import open_on_server
from tests.conftest import sample_profile
from tests.pg.provision import PASSWORD


@pytest.fixture
def window(qtbot, tmp_path):
    from schooldp.config import Preferences
    from schooldp.ui.app import make_app
    from schooldp.ui.main_window import MainWindow

    make_app()
    w = MainWindow(Preferences(tmp_path / "prefs.json"))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


@pytest.fixture
def two_schools(trust, tmp_path):
    trust.add_school("oakfield", sample_profile())
    trust.add_school("elmwood", replace(sample_profile(), name="Elmwood Academy"))
    path = tmp_path / "Trust.sdpconn"
    trust.connection_file.save(path)
    return trust, path


def _when_shown(kind, then) -> None:
    """Act on the dialog of this kind once it is up (it runs its own event loop)."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            then(dialog)
        else:
            QTimer.singleShot(30, look)

    QTimer.singleShot(0, look)


def test_the_trust_dpo_signs_in_chooses_a_school_and_sees_others_changes(qtbot, window, two_schools):
    from schooldp.ui.dialogs.server_signin import SchoolChooserDialog, ServerSignInDialog

    trust, path = two_schools
    login = trust.add_person("helen", "Helen Okafor", trust=True)
    colleague = trust.add_person("gareth", "Gareth Llewellyn", school="elmwood", role=Role.HEADTEACHER)
    window.prefs.last_connection_file = str(path)
    seen: dict[str, object] = {}

    def sign_in(dialog: ServerSignInDialog) -> None:
        qtbot.keyClicks(dialog.login, login)
        qtbot.keyClicks(dialog.password, "wrong password 1")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
        seen["wrong"] = dialog.error.text()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        seen["connecting"] = dialog.status.text()

    def choose(dialog: SchoolChooserDialog) -> None:
        seen["choices"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        qtbot.keyClicks(dialog.filter, "elm")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    assert not window.trust_menu.menuAction().isVisible()
    _when_shown(ServerSignInDialog, sign_in)
    _when_shown(SchoolChooserDialog, choose)
    qtbot.mouseClick(window.start.server_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=20000)

    assert "name and password do not sign in" in str(seen["wrong"])
    assert str(seen["connecting"]).startswith("Connecting to Test trust")
    assert seen["choices"] == ["Elmwood Academy", "Oakfield Primary School"]
    session = window.session
    assert session is not None and session.on_server and session.profile().name == "Elmwood Academy"
    assert window.windowTitle() == "Elmwood Academy (trust server) — SchoolDP"
    assert window.school_label.text() == "Elmwood Academy — on the trust server"
    assert window.account_label.text() == "Signed in as Helen Okafor (Data Protection Officer)"
    assert window.prefs.recent_files == []  # a server school is not a recent file

    window.shell.go("Settings")
    settings = window.shell.settings
    assert not settings.backup_now_button.isVisibleTo(settings)
    assert not settings.add_account_button.isVisibleTo(settings)
    assert "IT staff manage sign-ins and backups" in settings.accounts_note.text()

    # A colleague's change reaches this window: the page on screen refreshes.
    other = open_on_server(trust.connection_file, colleague, PASSWORD, "elmwood")
    with qtbot.waitSignal(window._live.refreshed, timeout=15000) as heard:
        other.update_profile(replace(sample_profile(), name="Elmwood Academy", phone="01530 999999"))
    other.close()
    assert "school" in heard.args[0]
    qtbot.waitUntil(lambda: settings.school_fields.phone.text() == "01530 999999", timeout=5000)

    # Lock drops the connection; the password signs in again.
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page and not window._live.listening
    assert "trust server" in window.unlock_page.where.text()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSWORD)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=15000)
    assert window._live.listening

    # Another school from the Trust server menu, without typing the password again.
    def pick_oakfield(dialog: SchoolChooserDialog) -> None:
        qtbot.keyClicks(dialog.filter, "oak")
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)

    assert window.trust_menu.menuAction().isVisible()
    _when_shown(SchoolChooserDialog, pick_oakfield)
    window.change_school_action.trigger()
    qtbot.waitUntil(
        lambda: window.school_label.text() == "Oakfield Primary School — on the trust server", timeout=15000
    )
    assert window.session.profile().name == "Oakfield Primary School" and window._live.listening

    # The trust dashboard (the trust role only), and a school opened from it.
    assert window.dashboard_action.isVisible()
    window.dashboard_action.trigger()
    dashboard = window._dashboard
    qtbot.waitUntil(lambda: dashboard.page.rollup is not None, timeout=20000)
    assert sorted(f.school.code for f in dashboard.page.rollup.schools) == ["elmwood", "oakfield"]
    dashboard.page.open_school_requested.emit("elmwood")
    qtbot.waitUntil(
        lambda: window.school_label.text() == "Elmwood Academy — on the trust server", timeout=15000
    )
    window.lock()
    assert window._dashboard is None and not dashboard.window.isVisible()


def test_one_school_opens_straight_after_signing_in(qtbot, window, two_schools):
    from schooldp.ui.dialogs.server_signin import ServerSignInDialog

    trust, path = two_schools
    login = trust.add_person("office", "Office Viewer", school="oakfield", role=Role.VIEWER)
    window.prefs.last_connection_file = str(path)

    def sign_in(dialog: ServerSignInDialog) -> None:
        qtbot.keyClicks(dialog.login, login)
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)

    _when_shown(ServerSignInDialog, sign_in)
    qtbot.mouseClick(window.start.server_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell, timeout=20000)
    assert window.session.profile().name == "Oakfield Primary School"
    assert window.session.read_only and window.state_label.text().startswith("Read-only")
    assert window.trust_menu.menuAction().isVisible() and not window.dashboard_action.isVisible()
