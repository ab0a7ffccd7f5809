"""Settings > Trust server, driven as a DPO would, against a real PostgreSQL server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from sqlalchemy import create_engine, text

from schooldp.services.school import open_school
from schooldp.services.trust import admin
from schooldp.services.trust.signin import open_on_server
from schooldp.storage.server.conninfo import ConnectionFile
from tests.pg import moving_trust
from tests.ui.conftest import unlock_in_window

SHOTS = Path(os.environ.get("SCHOOLDP_SHOTS", "")) if os.environ.get("SCHOOLDP_SHOTS") else None


def shot(widget, name: str) -> None:
    QApplication.processEvents()  # let a changed layout settle before the picture
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def trust(pg_server, tmp_path):
    """The trust's database set up by IT, and the connection file they hand out."""
    with moving_trust.initialised(pg_server) as url:
        yield from _handed_out(url, tmp_path)


def _handed_out(url, tmp_path):
    conn = ConnectionFile(
        host=url.host, port=url.port, database=url.database, sslmode="disable", label="Test MAT"
    )
    path = tmp_path / "Test MAT.sdpconn"
    conn.save(path)
    yield url, path


def test_the_dpo_moves_the_school_to_the_server_from_settings(qtbot, window, school, trust, monkeypatch):
    url, conn_path = trust
    unlock_in_window(qtbot, window, school)
    window.shell.go("Settings")
    page = window.shell.settings
    tab = page.trust_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.move_button.isVisible() and tab.move_button.isEnabled()
    assert not tab.export_button.isVisible()
    shot(window, "settings-trust-tab")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(conn_path), ""))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, words, *a, **k: told.append(words))

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        assert dialog.code.text() == "oakfield"  # suggested from the school's name
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert "Choose the connection file" in dialog.error.text()
        qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.login, str(url.username))
        qtbot.keyClicks(dialog.password, "not the password")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "did not accept" in dialog.error.text(), timeout=20_000)
        shot(dialog, "move-to-server-wrong-password")
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, str(url.password))
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(tab.move_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert "on the trust's server as 'oakfield'" in told[0]
    assert "This file was moved to the trust's server (Test MAT" in tab.status.text()
    shot(window, "settings-trust-tab-after-move")
    with create_engine(url).connect() as conn:
        names = conn.execute(text("SELECT display_name FROM school_oakfield.accounts")).scalars().all()
        assert names == ["Priya Raman"]
    assert window.session.activity(limit=1)[0].action == "school.moved_out"


def test_the_schools_dpo_exports_it_from_the_server(qtbot, window, school, trust, tmp_path, monkeypatch):
    from schooldp.services.trust import moving

    url, conn_path = trust
    moving.move_to_server(school, url, "oakfield")
    login = moving_trust.login(url, "priya")
    admin.add_user(url, login, "Priya Raman", "Oakfield-dpo-2026", school="oakfield", role="dpo")
    session = open_on_server(ConnectionFile.load(conn_path), login, "Oakfield-dpo-2026", "oakfield")
    window.on_opened(session, remember=False)
    window.shell.go("Settings")
    page = window.shell.settings
    tab = page.trust_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.export_button.isVisible() and tab.export_button.isEnabled()
    assert not tab.move_button.isVisible()
    shot(window, "settings-trust-tab-on-server")
    target = tmp_path / "leaving" / "Oakfield.sdp"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        qtbot.mouseClick(dialog.choose, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.dpo_name, "Priya Raman")
        qtbot.keyClicks(dialog.passphrase.passphrase, "Leaving-the-trust-2027")
        qtbot.keyClicks(dialog.passphrase.confirm, "Leaving-the-trust-2027")
        shot(dialog, "export-to-file")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        QTimer.singleShot(0, key_sheet)

    def key_sheet() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "recovery_key"):
            QTimer.singleShot(50, key_sheet)
            return
        shown.append(dialog.recovery_key)
        shot(dialog, "export-recovery-key")
        dialog.confirm.setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Exported to" in tab.status.text(), timeout=30_000)
    assert shown and len(shown[0]) > 20
    reopened = open_school(target, "Leaving-the-trust-2027")
    try:
        assert reopened.profile().name == "Oakfield Primary School"
        assert reopened.verify_activity().ok
    finally:
        reopened.close(backup=False)
