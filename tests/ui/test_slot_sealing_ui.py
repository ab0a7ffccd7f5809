"""Adding an account and changing a passphrase seal a key slot on a worker.

A slot's Argon2id cost is calibrated to about half a second, so sealing one runs off the UI
thread (the window keeps painting, with a progress window if it takes longer than 0.3 s).
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog, QMessageBox

from schooldp.domain.accounts import Role
from schooldp.services.school import open_school
from schooldp.storage.keyslots import KeySlot
from tests.conftest import DPO_PASS, HEAD_PASS


def _sealed_where(monkeypatch) -> list[bool]:
    """For each slot sealed: whether it was sealed on the UI thread."""
    on_ui: list[bool] = []
    real = KeySlot.seal.__func__

    def seal(cls, *args, **kwargs):
        on_ui.append(threading.current_thread() is threading.main_thread())
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(KeySlot, "seal", classmethod(seal))
    return on_ui


def _fill_once(monkeypatch, dialog_class, fill) -> None:
    def exec_(self):
        if getattr(self, "_filled", False):
            return QDialog.DialogCode.Rejected
        self._filled = True
        fill(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", exec_)


def test_add_account_and_change_passphrase_seal_slots_off_the_ui_thread(window, school, monkeypatch) -> None:
    from schooldp.ui.pages.settings import AddAccountDialog, ChangePassphraseDialog

    on_ui = _sealed_where(monkeypatch)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: told.append(a[1])))
    window.on_opened(school, remember=False)
    window.shell.go("Settings")
    settings = window.shell.settings

    def add(dialog) -> None:
        dialog.name.setText("Gareth Llewellyn")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.HEADTEACHER))
        dialog.passphrase.passphrase.setText(HEAD_PASS)
        dialog.passphrase.confirm.setText(HEAD_PASS)

    _fill_once(monkeypatch, AddAccountDialog, add)
    settings.add_account_button.click()
    assert "Gareth Llewellyn" in [a.display_name for a in school.accounts()]

    new = "Harbour lights 2027"

    def change(dialog) -> None:
        dialog.current.setText(DPO_PASS)
        dialog.passphrase.passphrase.setText(new)
        dialog.passphrase.confirm.setText(new)

    _fill_once(monkeypatch, ChangePassphraseDialog, change)
    settings.change_pass_button.click()
    assert told == ["Passphrase changed"]
    assert on_ui == [False, False]
    path = school.vault.path
    window.close()
    open_school(path, new).close(backup=False)
    open_school(path, HEAD_PASS).close(backup=False)
