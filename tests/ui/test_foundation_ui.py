"""The foundation as a user drives it: create, unlock, lock, activity, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from schooldp.domain.school import Nation, SchoolType
from schooldp.services.school import open_school
from schooldp.storage.vault import key_file_path
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text


def _fill_wizard(qtbot, wizard, path: Path) -> None:
    s = wizard.school.fields
    qtbot.keyClicks(s.name, "Ysgol Gymraeg Aberllyn")
    qtbot.keyClicks(s.address, "Heol y Bont")
    qtbot.keyClick(s.address, Qt.Key.Key_Return)
    qtbot.keyClicks(s.address, "Aberllyn")
    qtbot.keyClicks(s.postcode, "ll11 1aa")
    qtbot.keyClicks(s.email, "swyddfa@aberllyn.example.cymru")
    qtbot.keyClicks(s.urn, "6612345")
    s.nation.setCurrentIndex(s.nation.findData(Nation.WALES))
    s.school_type.setCurrentIndex(s.school_type.findData(SchoolType.MAINTAINED))
    qtbot.keyClicks(s.ico, "z7654321")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.people
    p = wizard.people.fields
    type_text(p.dpo_name, "Siân Prydderch")
    qtbot.keyClicks(p.dpo_email, "dpo@aberllyn.example.cymru")
    qtbot.keyClicks(p.head_name, "Dafydd ap Rhys")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.account
    assert wizard.account.account_name.text() == "Siân Prydderch"
    qtbot.keyClicks(wizard.account.passphrase.passphrase, "short1")
    assert not next_button.isEnabled()
    wizard.account.passphrase.passphrase.clear()
    qtbot.keyClicks(wizard.account.passphrase.passphrase, DPO_PASS)
    qtbot.keyClicks(wizard.account.passphrase.confirm, DPO_PASS)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.save
    wizard.save.path.setText(str(path))


def test_create_school_through_the_wizard(qtbot, tmp_path) -> None:
    from schooldp.ui.app import make_app
    from schooldp.ui.wizards.create_school import CreateSchoolWizard

    make_app()
    wizard = CreateSchoolWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    path = tmp_path / "Aberllyn.sdp"
    _fill_wizard(qtbot, wizard, path)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result_session is not None, wizard.save.error.text()
    assert path.exists() and key_file_path(path).exists()
    assert wizard.recovery_key and len(wizard.recovery_key.replace("-", "")) == 56
    profile = wizard.result_session.profile()
    assert profile.name == "Ysgol Gymraeg Aberllyn"
    assert profile.nation is Nation.WALES and profile.postcode == "LL11 1AA"
    assert profile.ico_registration == "Z7654321"
    assert profile.dpo.name == "Siân Prydderch"
    wizard.result_session.close(backup=False)
    s = open_school(path, DPO_PASS)
    assert s.account.display_name == "Siân Prydderch"
    s.close(backup=False)


def test_wizard_refuses_bad_details_with_a_clear_message(qtbot, tmp_path) -> None:
    from schooldp.ui.app import make_app
    from schooldp.ui.wizards.create_school import CreateSchoolWizard

    make_app()
    wizard = CreateSchoolWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # no school name yet
    qtbot.keyClicks(wizard.school.fields.name, "Oakfield")
    qtbot.keyClicks(wizard.school.fields.urn, "12AB")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.school
    assert "URN" in wizard.school.fields.error.text()
    # An existing file is never overwritten.
    existing = tmp_path / "Taken.sdp"
    existing.write_bytes(b"precious")
    wizard.school.fields.urn.clear()
    _fill = [wizard.people.fields.dpo_name, wizard.people.fields.head_name]
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    for f in _fill:
        qtbot.keyClicks(f, "A Person")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.account.passphrase.passphrase, DPO_PASS)
    qtbot.keyClicks(wizard.account.passphrase.confirm, DPO_PASS)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    wizard.save.path.setText(str(existing))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result_session is None
    assert "already there" in wizard.save.error.text()
    assert existing.read_bytes() == b"precious"


def _unlock(qtbot, window, school_path: Path, passphrase: str) -> None:
    window.open_path(school_path)
    assert window.stack.currentWidget() is window.unlock_page
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def test_unlock_page_wrong_then_right_passphrase(qtbot, window, school) -> None:
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, "not my passphrase 9")
    assert window.stack.currentWidget() is window.unlock_page
    assert "does not open" in window.unlock_page.error.text()
    assert window.unlock_page.error.isVisible()
    window.unlock_page.passphrase.clear()
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.shell
    assert "Oakfield Primary School" in window.school_label.text()
    assert "Priya Raman" in window.account_label.text()
    assert window.prefs.recent_files[0] == str(path)


def test_idle_auto_lock_and_unlock_returns_to_same_page(qtbot, window, school) -> None:
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Activity")
    assert window.shell.activity.model.rowCount() > 0
    window.apply_idle_timeout(300)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock_page, timeout=5000)
    assert window.session.locked
    assert window.session.vault.engine is None
    assert window.shell.activity.model.rowCount() == 0  # decrypted rows dropped
    assert "Locked" in window.state_label.text()
    window.apply_idle_timeout(60_000)
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.shell
    assert window.shell.stack.currentWidget() is window.shell.activity
    assert window.shell.activity.model.rowCount() > 0


def test_ctrl_l_locks_and_closes_dialogs(qtbot, window, school) -> None:
    from PySide6.QtWidgets import QDialog

    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    dialog = QDialog(window)
    dialog.show()
    window.lock_action.trigger()
    assert window.stack.currentWidget() is window.unlock_page
    assert not dialog.isVisible()


def test_activity_page_lists_and_verifies(qtbot, window, school) -> None:
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Activity")
    page = window.shell.activity
    texts = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert {"School file created", "School file opened"} <= texts
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)  # the walk runs on a worker
    qtbot.waitUntil(lambda: "intact" in page.status.text())
    assert page.verify_button.isEnabled()


def test_settings_saves_profile_and_lists_accounts(qtbot, window, school) -> None:
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Settings")
    page = window.shell.settings
    page.school_fields.phone.clear()
    qtbot.keyClicks(page.school_fields.phone, "01530 123456")
    qtbot.mouseClick(page.save_profile_button, Qt.MouseButton.LeftButton)
    assert "Saved" in page.profile_status.text()
    assert window.session.profile().phone == "01530 123456"
    page.school_fields.email.setText("not an email")
    qtbot.mouseClick(page.save_profile_button, Qt.MouseButton.LeftButton)
    assert "does not look right" in page.profile_status.text()
    assert window.session.profile().email == "office@oakfield.example.sch.uk"
    assert page.accounts_table.rowCount() == 1


def test_restore_from_backup_through_settings(qtbot, window, school, tmp_path, monkeypatch) -> None:
    from dataclasses import replace

    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    info = window.session.backup_now()
    window.session.update_profile(replace(window.session.profile(), name="Renamed School"))
    window.shell.go("Settings")
    page = window.shell.settings
    page.refresh_backups()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    row = next(i for i, b in enumerate(page._backups) if b.path == info.path)
    page.backups_table.selectRow(row)
    page.restore_selected()
    assert window.stack.currentWidget() is window.unlock_page
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.session.profile().name == "Oakfield Primary School"
    assert list(path.parent.glob("Oakfield.sdp.before-restore-*"))


@pytest.mark.parametrize("kind", ["truncated", "not_school"])
def test_bad_files_show_a_message_on_the_unlock_page(qtbot, window, school, kind) -> None:
    path = school.vault.path
    school.close(backup=False)
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2 + 10])
    else:
        path.write_text("hello " * 500)
    _unlock(qtbot, window, path, DPO_PASS)
    assert window.stack.currentWidget() is window.unlock_page
    assert "backup" in window.unlock_page.error.text() or "school file" in window.unlock_page.error.text()


def test_demo_school_opens_without_a_passphrase(qtbot, window) -> None:
    window.open_demo()
    assert window.stack.currentWidget() is window.shell
    assert "demo" in window.school_label.text().lower()
    folder = window.demo_folder
    window.close()
    assert not folder.exists()
