"""After the database key is replaced: a new recovery key to print, and the old backups.

Removing an account or changing the recovery key re-encrypts the school file under a new key.
Backups made before still open with the passphrases (and recovery key) of before, so the
interface says so plainly and offers to re-encrypt or delete the backups kept on this computer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from schooldp.domain.errors import SchoolDPError
from schooldp.services import backups
from schooldp.services.school import SchoolSession

OLD_BACKUPS_TEXT = (
    "The school file is now encrypted with a new key. Backups made before this change still open "
    "with the passphrases and the recovery key of before (including any account just removed).\n\n"
    "{count} of them are kept on this computer. Re-encrypt them so only today's accounts can open "
    "them, or delete them. Backups copied elsewhere (a USB stick, another computer) are not "
    "changed: delete those by hand, or keep them locked away."
)


def offer_old_backups(parent: QWidget, session: SchoolSession) -> str:
    """Ask what to do with kept backups the old key opens; returns "reencrypted", "deleted",
    "kept" or "none"."""
    try:
        found = backups.backups_with_old_key(session)
    except (OSError, SchoolDPError):
        return "none"
    if not found:
        QMessageBox.information(
            parent,
            "Backups",
            "The school file is now encrypted with a new key. Backups made before this change "
            "(for example on a USB stick) still open with the passphrases of before: delete them, "
            "or keep them locked away.",
        )
        return "none"
    box = QMessageBox(parent)
    box.setWindowTitle("Backups made before the change")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setText(OLD_BACKUPS_TEXT.format(count=len(found)))
    reencrypt = box.addButton("&Re-encrypt them", QMessageBox.ButtonRole.AcceptRole)
    delete = box.addButton("&Delete them", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Keep them as they are", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    try:
        if box.clickedButton() is reencrypt:
            backups.reencrypt_backups(session, found)
            return "reencrypted"
        if box.clickedButton() is delete:
            backups.delete_backups(session, found)
            return "deleted"
    except (OSError, SchoolDPError) as exc:
        QMessageBox.warning(parent, "Backups", str(exc))
    return "kept"


def change_recovery_key(parent: QWidget, session: SchoolSession) -> str | None:
    """Confirm, make a new recovery key, show it with its emergency sheet; the new key or None."""
    answer = QMessageBox.question(
        parent,
        "Change the recovery key",
        "Make a new recovery key? The school file is re-encrypted with a new key and the old "
        "emergency sheet stops opening it (it will open only backups made before today). You "
        "will need to print the new emergency sheet and shred the old one.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        key = session.change_recovery_key()
    except (OSError, SchoolDPError) as exc:
        QMessageBox.warning(parent, "Change the recovery key", str(exc))
        return None
    from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog

    RecoveryKeyDialog(session, key, parent).exec()
    offer_old_backups(parent, session)
    return key


def offer_new_recovery_key(parent: QWidget, session: SchoolSession) -> None:
    """A file made by an older SchoolDP: its emergency sheet holds the database key itself."""
    if session.read_only or not session.account.role.can_manage_accounts:
        return
    if not session.recovery_key_is_legacy:
        return
    waiting = session.legacy_accounts()
    note = (
        "\n\nFirst, these accounts need to open the file once: "
        + ", ".join(a.display_name for a in waiting)
        + "."
        if waiting
        else ""
    )
    answer = QMessageBox.question(
        parent,
        "Change the recovery key",
        "This school file was made by an earlier SchoolDP, whose recovery key was the file's own "
        "key: anyone with an account could work it out. Change the recovery key now and print a "
        "new emergency sheet? Until you do, the old sheet keeps working." + note,
    )
    if answer == QMessageBox.StandardButton.Yes and not waiting:
        try:
            key = session.change_recovery_key()
        except (OSError, SchoolDPError) as exc:
            QMessageBox.warning(parent, "Change the recovery key", str(exc))
            return
        from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog

        RecoveryKeyDialog(session, key, parent).exec()
        offer_old_backups(parent, session)
