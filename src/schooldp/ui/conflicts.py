"""Someone else saved first: the one message every edit dialog and page shows for it.

A save made from an out-of-date copy is refused by the services with a `ConflictError` naming
who changed what and when. `show_conflict` puts that message in front of the person with two
choices: "Reload" (the record is read again into the dialog or page, showing the other person's
change) and "Keep my edits open" (nothing changes; what they typed stays where it is, to copy
or compare). Nothing typed is thrown away until they choose Reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from schooldp.domain.errors import ConflictError, SchoolDPError
from schooldp.ui.operations import OPERATIONS
from schooldp.ui.style import set_role
from schooldp.ui.widgets.forms import show_error

# Which pages show a record, by the activity log's entity name (for the data-changed notice).
T = TypeVar("T")

_SHOWN_ON = {
    "request": "requests",
    "breach": "breaches",
    "pupil": "people",
    "contact": "people",
    "staff": "people",
    "processing_activity": "records",
    "organisation": "records",
    "dpia": "dpias",
}


class ConflictBox(QMessageBox):
    """Who changed the record while this person was editing, with Reload / Keep my edits open."""

    def __init__(self, parent: QWidget | None, error: ConflictError, reload: Callable[[], None]) -> None:
        super().__init__(parent)
        self.error = error
        self._reload = reload
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Someone else changed this")
        self.setText(str(error))
        self.setInformativeText(
            "Your change has not been saved. What you typed stays in the form until you choose Reload."
        )
        self.reload_button = self.addButton("&Reload", QMessageBox.ButtonRole.AcceptRole)
        self.keep_button = self.addButton("&Keep my edits open", QMessageBox.ButtonRole.RejectRole)
        # Enter or Escape keeps what was typed: only a deliberate Reload replaces it.
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.buttonClicked.connect(self._chosen)

    def _chosen(self, button: object) -> None:
        if button is self.reload_button:
            self._reload()
            shown_on = _SHOWN_ON.get(self.error.entity)
            if shown_on:
                OPERATIONS.notify({shown_on})


def show_conflict(parent: QWidget | None, error: ConflictError, reload: Callable[[], None]) -> ConflictBox:
    """Show the conflict window-modally over ``parent``; ``reload`` runs if the person chooses it."""
    box = ConflictBox(parent, error, reload)
    box.open()
    return box


def show_message_line(label: QLabel, text: str | None, *, reloaded: bool = False) -> None:
    """A dialog's message line: red for a refusal, amber for "reloaded, make your change again"."""
    set_role(label, "warning" if reloaded else "error")
    label.setText(text or "")
    label.setVisible(bool(text))


class ReopenOnReload:
    """For an editor that fills its form when it is made (the record, organisation and DPIA
    editors): Reload closes it, and `edit_with_reload` opens it again on the record as it now is."""

    reload_requested = False
    conflict_box: ConflictBox | None = None

    def conflict(self, error: ConflictError) -> None:
        assert isinstance(self, QDialog)
        self.conflict_box = show_conflict(self, error, self._reopen)

    def _reopen(self) -> None:
        assert isinstance(self, QDialog)
        self.reload_requested = True
        self.reject()

    def save_or_explain(self, error_line: QLabel, write: Callable[[], object]) -> None:
        """Run ``write`` (the service call): keep what it returns in ``saved`` and close; or say
        why not on ``error_line`` and keep the form open, offering Reload after a conflict."""
        assert isinstance(self, QDialog)
        try:
            self.saved = write()
        except ConflictError as exc:
            show_error(error_line, str(exc))
            self.conflict(exc)
            return
        except SchoolDPError as exc:
            show_error(error_line, str(exc))
            return
        self.accept()


def edit_with_reload(open_editor: Callable[[T], QDialog], record: T, reread: Callable[[T], T]) -> QDialog:
    """Run an editor on ``record``; each time its person chooses Reload after a conflict, run it
    again on the record read afresh. Returns the last editor (accepted or cancelled)."""
    dialog = open_editor(record)
    while not dialog.exec() and getattr(dialog, "reload_requested", False):
        record = reread(record)
        dialog = open_editor(record)
    return dialog
