"""Take screenshots of SchoolDP's screens offscreen, for looking at (not for tests).

python tools/screenshots.py [OUT_DIR]     (default: ./shots, which git ignores)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-shots-"))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QWizard

    from schooldp.config import Preferences
    from schooldp.demo import create_demo_school
    from schooldp.ui.app import make_app
    from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog
    from schooldp.ui.main_window import MainWindow
    from schooldp.ui.wizards.create_school import CreateSchoolWizard

    app = make_app()

    def snap(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    wizard = CreateSchoolWizard()
    wizard.resize(760, 640)
    wizard.show()
    wizard.school.fields.name.setText("Oakfield Primary School")
    wizard.school.fields.address.setPlainText("12 Mill Lane\nAshby")
    wizard.school.fields.urn.setText("123456")
    snap(wizard, "wizard-1-school")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.people.fields.dpo_name.setText("Priya Raman")
    wizard.people.fields.head_name.setText("Gareth Llewellyn")
    snap(wizard, "wizard-2-people")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.account.passphrase.passphrase.setText("Kestrel lantern 42")
    wizard.account.passphrase.confirm.setText("Kestrel lantern 4")
    snap(wizard, "wizard-3-account")
    wizard.account.passphrase.confirm.setText("Kestrel lantern 42")
    wizard.button(QWizard.WizardButton.NextButton).click()
    snap(wizard, "wizard-4-save")
    wizard.close()

    window = MainWindow(Preferences(Path(os.environ["SCHOOLDP_HOME"]) / "prefs.json"))
    window.resize(1180, 760)
    window.show()
    snap(window, "start")
    session, folder = create_demo_school(Path(tempfile.mkdtemp(prefix="shots-demo-")))
    dialog = RecoveryKeyDialog(session, session.vault.recovery_key())
    dialog.show()
    snap(dialog, "recovery-key")
    dialog.confirm.setChecked(True)
    dialog.accept()
    path = session.vault.path
    session.close(backup=False)
    window.open_path(path)
    window.unlock_page.passphrase.setText("wrong passphrase 1")
    window.unlock_page.try_unlock()
    snap(window, "unlock-wrong")
    window.unlock_page.passphrase.setText("demo school 2026")
    window.unlock_page.try_unlock()
    for name in ("Dashboard", "Activity", "Settings"):
        window.shell.go(name)
        snap(window, f"shell-{name.lower()}")
    window.shell.settings.tabs.setCurrentIndex(1)
    snap(window, "settings-accounts")
    window.shell.settings.tabs.setCurrentIndex(2)
    snap(window, "settings-backups")
    window.lock()
    snap(window, "locked")
    for name, page in extra_pages(window):
        window.unlock_page.passphrase.setText("demo school 2026")
        window.unlock_page.try_unlock()
        window.shell.go(name)
        snap(window, page)
    window.close()
    return 0


def extra_pages(window):  # type: ignore[no-untyped-def]
    """Feature pages add themselves here as they are built: (sidebar name, file name)."""
    return [
        ("Consent", "consent-matrix"),
        ("Requests", "requests-register"),
        ("Breaches", "breaches-register"),
        ("People", "people-register"),
    ]


if __name__ == "__main__":
    sys.exit(main())
