"""Access in the interface: removing an account, changing the recovery key, the read-only banner."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from schooldp.domain.accounts import Role
from schooldp.services import backups
from tests.conftest import DPO_PASS, HEAD_PASS


def _answer(monkeypatch, choice: str) -> list[str]:
    """Answer every question Yes and click ``choice`` in the backups box; returns what was shown."""
    shown: list[str] = []

    def question(parent, title, text, *a, **k):
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    def run(box):
        shown.append(box.text())
        button = next((b for b in box.buttons() if choice in b.text().replace("&", "")), None)
        if button is not None:
            button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(
        "schooldp.ui.dialogs.recovery_key.RecoveryKeyDialog.exec",
        lambda self: shown.append(self.recovery_key) or 1,
    )
    return shown


def _settings(window, session):
    window.on_opened(session, remember=False)
    window.shell.go("Settings")
    return window.shell.settings


@pytest.mark.parametrize("choice", ["Re-encrypt them", "Delete them"])
def test_removing_an_account_says_what_old_backups_do_and_offers_to_deal_with_them(
    window, school, monkeypatch, choice
) -> None:
    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.backup_now()
    settings = _settings(window, school)
    shown = _answer(monkeypatch, choice)
    row = next(i for i, a in enumerate(settings._accounts) if a.id == head.id)
    settings.accounts_table.selectRow(row)
    key_before = school.vault.db_key_for_backup()
    settings.remove_account_button.click()
    assert school.vault.db_key_for_backup() != key_before
    assert "Backups made before now still open with it" in shown[0]
    assert "still open with the passphrases and the recovery key of before" in shown[1]
    assert backups.backups_with_old_key(school) == []
    action = "backup.reencrypted" if choice.startswith("Re") else "backup.deleted"
    assert school.activity(action=action)


def test_change_the_recovery_key_button_shows_the_new_key(window, school, monkeypatch) -> None:
    settings = _settings(window, school)
    shown = _answer(monkeypatch, "Keep them")
    assert settings.recovery_key_button.isEnabled()
    old = school.recovery_key
    settings.recovery_key_button.click()
    new = next(t for t in shown if len(t.replace("-", "")) == 56 and t.count("-") == 13)
    assert new != old
    path = school.vault.path
    window.close()
    from schooldp.services.school import open_with_recovery_key

    open_with_recovery_key(path, new).close(backup=False)


def test_viewer_sees_no_account_or_key_buttons(window, school) -> None:
    from schooldp.services.school import open_school

    school.add_account("Governor Viewer", Role.VIEWER, "Governor view 2026")
    path = school.vault.path
    school.close(backup=False)
    viewer = open_school(path, "Governor view 2026")
    settings = _settings(window, viewer)
    for button in (settings.add_account_button, settings.remove_account_button, settings.recovery_key_button):
        assert not button.isEnabled()


def test_read_only_reason_and_notices_show_in_a_banner(window, school) -> None:
    school.read_only_reason = (
        "The folder X cannot be changed (the drive is read-only), so the school file is open read-only"
    )
    school.notices.append("An empty or damaged lock file was found")
    window.on_opened(school, remember=False)
    assert window.banner.isVisible()
    assert "the drive is read-only" in window.banner.text() and "lock file" in window.banner.text()
    window.show_start()
    assert not window.banner.isVisible()


def test_older_file_is_offered_a_new_recovery_key_on_opening(window, school, monkeypatch) -> None:
    from schooldp.services.school import open_school
    from tests.storage.test_access import make_legacy

    path, old_sheet = make_legacy(school)
    dpo = open_school(path, DPO_PASS)
    assert dpo.recovery_key_is_legacy
    shown = _answer(monkeypatch, "Keep them")
    window.on_opened(dpo, remember=False)
    assert "earlier SchoolDP" in shown[0]
    assert not dpo.recovery_key_is_legacy
    assert any(len(t.replace("-", "")) == 56 for t in shown[1:])
