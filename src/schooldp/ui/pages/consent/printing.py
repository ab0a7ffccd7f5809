"""What the consent page prints or saves: the trip leader's list, a batch of forms, the register.

PDFs come from the consent service; the dialogs here preview them and log what is issued.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from schooldp.domain.consent import ConsentPurpose, form_return_by
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Pupil
from schooldp.services.consent import FORM_LETTER, ConsentService, export_consent_register
from schooldp.services.school import SchoolSession
from schooldp.ui.documents import make_document
from schooldp.ui.printing import ask_save_path

__all__ = ["PHOTO_KEYS", "class_list_dialog", "export_register", "forms_dialog"]

# The trip leader's list covers the photo and video purposes (policy section 12).
PHOTO_KEYS = ("photos_in_school", "photos_outside_school", "photos_online")


def export_register(
    parent: QWidget, session: SchoolSession, done: Callable[[Path], None] = lambda _path: None
) -> Path | None:
    """The whole register (pupils on roll x purposes) to a CSV or Excel file the DPO chooses,
    written on a worker (seconds for a large school); `done` gets the file once it is written.
    Returns where it is being written, or None if the person cancelled."""
    path = ask_save_path(
        parent,
        "Export the consent register",
        str(Path.home() / "Consent register.xlsx"),
        "Excel (*.xlsx);;CSV (*.csv)",
    )
    if path is None:
        return None
    make_document(parent, "Consent register export", lambda: export_consent_register(session, path), done)
    return path


def class_list_dialog(
    parent: QWidget,
    service: ConsentService,
    pupils: list[Pupil],
    name: str,
    purposes: Sequence[ConsentPurpose],
    today: date,
    shown: Callable[[QWidget], None],
) -> None:
    """Make the "Do not photograph" list for these pupils on a worker; `shown` gets its preview
    (ready to print or save) once it is made."""
    keys = [k for k in PHOTO_KEYS if any(p.key == k for p in purposes)]

    def show(pdf: bytes) -> None:
        from schooldp.ui.dialogs.consent_class_list import ConsentClassListDialog

        dialog = ConsentClassListDialog(service, pdf, name, len(pupils), parent)
        dialog.open()
        shown(dialog)

    make_document(parent, "Class list", lambda: service.class_list_pdf(pupils, keys, name, today), show)


def forms_dialog(
    parent: QWidget,
    session: SchoolSession,
    service: ConsentService,
    pupils: list[Pupil],
    name: str,
    case_id: str,
    today: date,
) -> QWidget | None:
    """Pre-filled forms for these pupils, rendered in the background, previewed in one batch."""
    from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog
    from schooldp.ui.workers import Cancelled, run_with_progress

    try:
        jobs = service.form_jobs(pupils, return_by=form_return_by(today), today=today)
        if not jobs:
            QMessageBox.information(
                parent, "Consent forms", "None of these pupils has anything to ask about."
            )
            return None
        outcome = run_with_progress(
            parent,
            "Consent forms",
            lambda progress, cancelled: service.render_forms_setting_aside(jobs, progress, cancelled),
            "Preparing forms…",
        )
    except Cancelled:
        return None
    except SchoolDPError as exc:
        QMessageBox.warning(parent, "Consent forms", str(exc))
        return None
    if outcome.set_aside:
        QMessageBox.warning(parent, "Consent forms", outcome.summary())
    if not outcome.printed:
        return None
    case = case_id or f"forms {name or 'selection'} {today:%Y-%m-%d}"
    dialog = LetterPreviewDialog(
        session,
        FORM_LETTER,
        [(j.recipient, pdf) for j, pdf in outcome.printed],
        "consent",
        case[:40],
        parent,
        file_stem=f"Consent forms {name}".strip(),
    )
    dialog.open()
    return dialog
