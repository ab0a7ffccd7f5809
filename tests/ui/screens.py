"""Every top-level screen of SchoolDP, built on the demo school: pages, dialogs, wizard pages.

Shared by the fit and accessibility tests and by tools/screenshots.py, so a new dialog added
here is both photographed and checked. Each entry is (name, factory); the factory builds the
widget (not yet shown) with the main window as its parent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget, QWizard

Factory = Callable[[], QWidget]

PAGES = (
    "Dashboard",
    "Breaches",
    "Requests",
    "Consent",
    "People",
    "Letters",
    "Records",
    "Activity",
    "Settings",
)


def _request_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from schooldp.services.requests import RequestService
    from schooldp.ui.dialogs import request_actions as actions
    from schooldp.ui.dialogs.request_calendar import TermDatesDialog
    from schooldp.ui.dialogs.request_intake import LogRequestDialog

    session = window.session
    service = RequestService(session)
    yield "request-log", lambda: LogRequestDialog(service, window)
    yield "request-term-dates", lambda: TermDatesDialog(session, window)
    detail = service.detail(service.requests()[0].id)
    for cls in (
        actions.ChildDialog,
        actions.StatusDialog,
        actions.AskDialog,
        actions.ReplyDialog,
        actions.ExtendDialog,
        actions.UnfoundedDialog,
        actions.IdDialog,
        actions.SearchDialog,
        actions.DisclosureDialog,
    ):
        yield (
            f"request-{cls.__name__.removesuffix('Dialog').lower()}",
            lambda cls=cls: cls(service, detail, window),
        )
    yield "request-complaint", lambda: actions.ComplaintDialog(service, detail, False, window)
    from schooldp.services.requests import available_letters

    key = available_letters(detail)[0]
    plan = service.letter(detail.id, key)
    yield "request-letter-fields", lambda: actions.LetterFieldsDialog(plan, lambda p, v: b"", window)


def _breach_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from datetime import date

    from schooldp.services.breaches import BreachService, trends_pdf
    from schooldp.ui.dialogs.breach_ico_report import IcoReportDialog
    from schooldp.ui.dialogs.breach_letters import BreachLettersDialog, DeletionRequestDialog
    from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog
    from schooldp.ui.dialogs.breach_report import ReportBreachDialog

    session = window.session
    record = BreachService(session).records()[0]
    yield "breach-report", lambda: ReportBreachDialog(session, window)
    yield "breach-letters", lambda: BreachLettersDialog(session, record, window)
    yield "breach-deletion-request", lambda: DeletionRequestDialog(session, record, window)
    yield "breach-ico-report", lambda: IcoReportDialog(session, record, window)
    year = session.clock.today().year - 1
    pdf = trends_pdf(session, date(year, 9, 1), date(year + 1, 8, 31))
    yield "breach-trends-pdf", lambda: BreachPdfDialog(session, None, pdf, "Trends", "Trends summary", window)


def _consent_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from schooldp.services.consent import ConsentService
    from schooldp.services.people import PeopleService
    from schooldp.ui.dialogs.consent_class_list import ConsentClassListDialog
    from schooldp.ui.dialogs.consent_pupil import ConsentPupilDialog
    from schooldp.ui.dialogs.consent_purpose import ConsentPurposeDialog
    from schooldp.ui.pages.consent.printing import PHOTO_KEYS

    session = window.session
    service = ConsentService(session)
    pupils = PeopleService(session).pupils()
    today = session.clock.today()
    yield "consent-pupil", lambda: ConsentPupilDialog(session, service, pupils[0], today, window)
    yield "consent-purpose", lambda: ConsentPurposeDialog(service, service.purposes()[0], window)
    keys = [p.key for p in service.purposes() if p.key in PHOTO_KEYS]
    listed = [p for p in pupils if p.display_name.isascii()][:20]
    pdf = service.class_list_pdf(listed, keys, "Class", today)
    yield "consent-class-list", lambda: ConsentClassListDialog(service, pdf, "Class", 20, window)


def _records_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from schooldp.services.records import RecordsService
    from schooldp.ui.dialogs.activity_editor import ActivityDialog
    from schooldp.ui.dialogs.organisation_editor import OrganisationDialog

    service = RecordsService(window.session)
    yield "records-activity", lambda: ActivityDialog(service, None, window)
    yield "records-organisation", lambda: OrganisationDialog(service, None, window)


def _other_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from schooldp.ui.dialogs.annual_report import AnnualReportDialog
    from schooldp.ui.dialogs.import_people import ImportPeopleDialog
    from schooldp.ui.dialogs.recovery_key import RecoveryKeyDialog
    from schooldp.ui.pages.letters import WordingDialog
    from schooldp.ui.pages.settings import AddAccountDialog, ChangePassphraseDialog
    from schooldp.ui.pages.unlock import RecoveryDialog

    session = window.session
    yield "annual-report", lambda: AnnualReportDialog(session, window)
    yield "people-import", lambda: ImportPeopleDialog(session, window)
    yield "letters-wording", lambda: WordingDialog(session, window)
    yield "settings-add-account", lambda: AddAccountDialog(window)
    yield "settings-change-passphrase", lambda: ChangePassphraseDialog(window)
    yield "unlock-recovery", lambda: RecoveryDialog(session.vault.path, window)
    yield "recovery-key", lambda: RecoveryKeyDialog(session, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX", window)
    yield from _trust_dialogs(window)
    yield from _moving_dialogs(window)
    shortcuts = _shortcuts_factory(window)
    if shortcuts is not None:
        yield "help-shortcuts", shortcuts


def _trust_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    """Signing in to a trust's server and choosing one of its schools (no server needed to show them)."""
    from pathlib import Path

    from schooldp.services.trust.signin import ConnectionFile, SchoolChoice, TrustSchools
    from schooldp.ui.dialogs.server_signin import SchoolChooserDialog, ServerSignInDialog

    conn = ConnectionFile(
        host="sdp.alsager-mat.example.org", database="alsager", label="Alsager Multi Academy Trust"
    )
    yield "trust-sign-in", lambda: ServerSignInDialog(conn, Path("Alsager.sdpconn"), window)
    names = ("Alsager School", "Excalibur Primary", "Pikemere School", "Rode Heath Primary", "Sandbach High")
    schools = tuple(
        SchoolChoice(f"s{i}", f"{name} {i // len(names) + 1}") for i, name in enumerate(names * 5)
    )
    choices = TrustSchools("trust.dpo", "Helen Okafor", True, tuple(sorted(schools, key=lambda c: c.name)))
    yield "trust-choose-school", lambda: SchoolChooserDialog(choices, window)


def _moving_dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    from pathlib import Path

    from schooldp.services.trust.moving import ExportResult
    from schooldp.ui.dialogs.move_school import ExportedKeyDialog, ExportToFileDialog, MoveToServerDialog

    session = window.session
    exported = ExportResult(Path("Oakfield.sdp"), "Oakfield Primary School", "ABCD-EFGH-IJKL-MNOP", 10, 5, 1)
    yield "settings-move-to-server", lambda: MoveToServerDialog(session, window)
    yield "settings-export-to-file", lambda: ExportToFileDialog(session, window)
    yield "settings-exported-key", lambda: ExportedKeyDialog(session, exported, window)


def _shortcuts_factory(window: Any) -> Factory | None:
    try:
        from schooldp.ui.dialogs.shortcuts import ShortcutsDialog
    except ImportError:
        return None
    return lambda: ShortcutsDialog(window)


def dialogs(window: Any) -> Iterator[tuple[str, Factory]]:
    """Every dialog, for a main window with the demo school open and unlocked."""
    yield from _request_dialogs(window)
    yield from _breach_dialogs(window)
    yield from _consent_dialogs(window)
    yield from _records_dialogs(window)
    yield from _other_dialogs(window)


def dismiss(widget: QWidget) -> None:
    """Close a shown dialog for good, even one that refuses Escape until confirmed (the recovery
    key), so no window is left open for a later test's lock to meet."""
    if isinstance(widget, QDialog):
        QDialog.done(widget, QDialog.DialogCode.Rejected)
    widget.close()
    widget.deleteLater()


def wizard_pages(wizard: QWizard) -> Iterator[int]:
    """Show each page of a wizard in turn (restarting at it); yields its id."""
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        yield page_id


def wizards(window: Any) -> Iterator[tuple[str, Factory]]:
    from schooldp.services.breaches import BreachService
    from schooldp.ui.wizards.breach_triage import BreachTriageWizard
    from schooldp.ui.wizards.create_school import CreateSchoolWizard

    session = window.session
    record = BreachService(session).records()[0]
    yield "wizard-breach", lambda: BreachTriageWizard(session, record.id, window)
    yield "wizard-create-school", lambda: CreateSchoolWizard(window)
