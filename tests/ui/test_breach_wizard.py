"""Acceptance (Policy App 1): the triage wizard driven to a closed breach for the policy's three examples.

Mis-sent email with SEND data; stolen unencrypted laptop; reports posted to the wrong families.
Each ends closed with letters in the log and an ICO pack, and the test checks what was recorded.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from schooldp.domain.breach import (
    AffectedGroup,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    Identifiability,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.domain.deadlines import london_now
from schooldp.domain.people import Contact, Pupil, Staff, YearGroup
from schooldp.services.breaches import BreachService, IcoReportKind
from schooldp.services.letters import LetterService
from schooldp.services.people import PeopleService
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _unlock(qtbot, window, school_path: Path, passphrase: str) -> None:
    window.open_path(school_path)
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


@pytest.fixture
def people(school):
    """Two pupils: one with two parents (one without parental responsibility), one with a carer."""
    svc = PeopleService(school)
    amelia = svc.add_pupil(Pupil("A123456789012", "Amelia", "Nowak", date(2016, 4, 2), YearGroup("Y4"), "4B"))
    svc.add_contact(
        Contact("Zoë", "Nowak", title="Mrs", address_lines=("4 Church Street", "Ashby"), postcode="LE65 2AB"),
        amelia.id,
        "Mother",
        parental_responsibility=True,
    )
    svc.add_contact(
        Contact("Piotr", "Nowak", title="Mr", address_lines=("9 Elm Road", "Ashby"), postcode="LE65 3CD"),
        amelia.id,
        "Stepfather",
        parental_responsibility=False,
    )
    oscar = svc.add_pupil(Pupil("B123456789012", "Oscar", "Reid", date(2016, 9, 20), YearGroup("Y4"), "4B"))
    svc.add_contact(
        Contact("Grace", "Reid", title="Ms", address_lines=("1 Mill Lane", "Ashby"), postcode="LE65 1AB"),
        oscar.id,
        "Grandmother (carer)",
        parental_responsibility=True,
    )
    staff = svc.add_staff(Staff("Sam Teacher", "Year 4 teacher"))
    return {"amelia": amelia.id, "oscar": oscar.id, "staff": staff.id}


@pytest.fixture
def breaches_page(qtbot, window, school, people, tmp_path, monkeypatch):
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Breaches")
    page = window.shell.pages[window.shell.sidebar.currentRow()]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "saved.pdf"), ""))
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)
    )
    return page


def _report(qtbot, page, title: str, what: str):
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    d = page.report_dialog
    assert d is not None and d.isVisible()
    type_text(d.title_edit, title)
    type_text(d.reported_by, "Class teacher")
    d.aware.set_value(london_now() - timedelta(hours=2))
    type_text(d.how_found, "Reported to the office.")
    type_text(d.what, what)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.created is not None, d.error.text()
    wizard = page.wizards[-1]
    assert wizard.currentId() == BreachStep.DPO_NOTIFIED.value
    return wizard


def _next(qtbot, wizard, expect: BreachStep | None) -> None:
    page = wizard.currentPage()
    assert page.isComplete(), page.problems()
    assert wizard.record.reference in page.clock.text()  # the 72-hour clock is on every page
    button = wizard.button(
        QWizard.WizardButton.FinishButton if expect is None else QWizard.WizardButton.NextButton
    )
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not page.error.isVisible(), page.error.text()
    if expect is not None:
        assert wizard.currentId() == expect.value, (wizard.currentId(), page.error.text())


def _investigate(
    wizard, categories, groups, people, records, *, malicious=False, recipients=Recipients.KNOWN, cause
):
    p = wizard.currentPage()
    p.natures[BreachNature.STOLEN if malicious else BreachNature.DISCLOSED].setChecked(True)
    p.conclusion_buttons[Conclusion.BREACH].setChecked(True)
    type_text(p.reasons, "Personal data reached people with no right to it.")
    f = p.facts
    for c in categories:
        f.set_category(c)
    for g in groups:
        f.groups[g].setChecked(True)
    f.people.setValue(people)
    f.records.setValue(records)
    f.confidentiality.setChecked(True)
    # Every factor the score uses is answered explicitly: nothing is assumed for the DPO.
    assert "Still to answer" in f.error or f.facts() is None
    f.malicious.setCurrentIndex(f.malicious.findData(malicious))
    f.insider.setCurrentIndex(f.insider.findData(False))
    f.recipients.setCurrentIndex(f.recipients.findData(recipients))
    f.unintelligible.setCurrentIndex(f.unintelligible.findData(Unintelligibility.NO))
    f.identifiability.setCurrentIndex(f.identifiability.findData(Identifiability.FULL))
    f.living.setCurrentIndex(f.living.findData(True))
    f.cause.setCurrentIndex(f.cause.findData(cause))


def _contain(wizard, who: str = "DPO", free_done: bool = True) -> None:
    p = wizard.currentPage()
    for row in p.rows:
        if row.checklist_id is not None:
            row.owner.setText(who)
            row.done.set_value(london_now().date())
    free = [r for r in p.rows if r.checklist_id is None][0]
    free.text.setText("Staff briefing on checking recipients")
    free.owner.setText("Headteacher")
    if free_done:
        free.done.set_value(london_now().date())


def _letters(qtbot, wizard, pupils=(), staff=()) -> list:
    qtbot.mouseClick(wizard.currentPage().letters_button, Qt.MouseButton.LeftButton)
    dialog = wizard.children_dialogs[-1]
    for pid in pupils:
        dialog.tick("pupil", pid)
    for sid in staff:
        dialog.tick("staff", sid)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.previews, dialog.error.text()
    recorded = []
    for preview in dialog.previews:
        assert preview.save_all() is not None
        recorded += preview.recorded
    dialog.accept()
    return recorded


def _deletion_letter(qtbot, wizard) -> list:
    qtbot.mouseClick(wizard.currentPage().letter_button, Qt.MouseButton.LeftButton)
    d = wizard.children_dialogs[-1]
    type_text(d.name, "Mrs K Recipient")
    type_text(d.address, "7 Wrong Road\nAshby\nLE65 9ZZ")
    type_text(d.sent, "a letter meant for another family")
    email = d.copy_email()
    assert "delete" in email and "written" in email.lower() or "writing" in email
    shown = len(d.previews)
    qtbot.mouseClick(d.preview_button, Qt.MouseButton.LeftButton)  # made on a worker
    qtbot.waitUntil(lambda: len(d.previews) > shown, timeout=20000)
    preview = d.previews[-1]
    assert preview.save_all() is not None
    d.accept()
    return preview.recorded


def _alert_headteacher(wizard) -> None:
    """Step 3 records a fact: the time the headteacher was alerted, never a default."""
    page = wizard.currentPage()
    assert page.alerted.value() is None  # nothing filled in for the DPO
    page.alerted.set_value(london_now() - timedelta(minutes=30))


def _record_ico_report(wizard, ico_ref: str) -> None:
    page = wizard.currentPage()
    assert page.reported.value() is None and "ICO report not made" in page.status.text()
    page.reported.set_value(london_now() - timedelta(minutes=10))
    page.method_buttons[IcoMethod.ONLINE_FORM].setChecked(True)
    type_text(page.reported_by, "Priya Raman")
    type_text(page.reference, ico_ref)


def _finish_steps(qtbot, wizard, *, ico: bool, tell: bool, letters=None, ico_ref="IC-123456-A1B2") -> dict:
    out: dict = {}
    if ico:
        assert wizard.currentId() == BreachStep.ICO_REPORT.value
        opened = len(wizard.children_dialogs)
        wizard.show_ico_pack()  # built on a worker; the preview opens when it is ready
        qtbot.waitUntil(lambda: len(wizard.children_dialogs) > opened, timeout=20000)
        pack = wizard.children_dialogs[-1]
        assert pack.save() is not None
        out["pack"] = pack.pdf
        _record_ico_report(wizard, ico_ref)
        _next(qtbot, wizard, BreachStep.INDIVIDUALS if tell else BreachStep.THIRD_PARTIES)
    if tell:
        out["letters"] = letters(wizard) if letters else []
        page = wizard.currentPage()
        assert not page.isComplete() or page.untouched()  # nobody told yet
        qtbot.mouseClick(page.from_letters, Qt.MouseButton.LeftButton)
        assert page.count.value() >= 1 and "told" in page.told_label.text()
        _next(qtbot, wizard, BreachStep.THIRD_PARTIES)
    qtbot.mouseClick(wizard.currentPage().follow_button, Qt.MouseButton.LeftButton)
    _next(qtbot, wizard, BreachStep.RECORD)
    p = wizard.currentPage()
    type_text(p.effects, "Distress to the families involved.")
    type_text(p.prevention, "Second check before sending; refresher training.")
    _next(qtbot, wizard, BreachStep.REVIEW_MEETING)
    wizard.currentPage().held_on.set_value(london_now().date())
    type_text(
        wizard.currentPage().notes, "Agreed the new checks; review again at the next governors' meeting."
    )
    _next(qtbot, wizard, BreachStep.CLOSE)
    summary = wizard.currentPage().summary.text()
    if "Staff briefing" in summary:
        # A proposed action still open blocks closing: go back, mark it done, come forward again.
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        while wizard.currentId() != BreachStep.CONTAINMENT.value:
            qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
        free = [r for r in wizard.currentPage().rows if r.checklist_id is None][0]
        assert free.text.text() == "Staff briefing on checking recipients"
        free.done.set_value(london_now().date())
        while wizard.currentId() != BreachStep.CLOSE.value:
            _next(qtbot, wizard, BreachStep(wizard.nextId()))
        out["reopened"] = True
    assert "Every step is complete" in wizard.currentPage().summary.text()
    _next(qtbot, wizard, None)
    return out


def _assert_recorded(school, breach_id, *, ico: bool, tell: bool):
    rec = BreachService(school).breach(breach_id)
    assert rec.is_closed and rec.triage.closed_by == "Priya Raman"
    path = [s for s in BreachStep]
    expected = {s for s in path}
    if not ico:
        expected.discard(BreachStep.ICO_REPORT)
    if not tell:
        expected.discard(BreachStep.INDIVIDUALS)
    assert set(rec.stamps) == expected
    assert all(s.account_name == "Priya Raman" for s in rec.stamps.values())
    assert rec.decided_by == "Priya Raman"
    return rec


def test_mis_sent_email_with_send_data(qtbot, breaches_page, school, people) -> None:
    wizard = _report(
        qtbot,
        breaches_page,
        "SEN plan emailed to the wrong parent",
        "A SEN support plan was emailed to the wrong parent.",
    )
    _next(qtbot, wizard, BreachStep.INVESTIGATION)
    _investigate(
        wizard,
        {DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND},
        {AffectedGroup.PUPILS},
        1,
        1,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
    )
    _next(qtbot, wizard, BreachStep.HEADTEACHER_ALERTED)
    _alert_headteacher(wizard)
    _next(qtbot, wizard, BreachStep.CONTAINMENT)
    ids = [r.checklist_id for r in wizard.currentPage().rows if r.checklist_id]
    assert ids[:5] == [
        "email.sender_recall",
        "email.staff_recipients_alert",
        "email.it_recall",
        "email.contact_recipients",
        "email.written_confirmation",
    ]
    assert not wizard.currentPage().isComplete()  # nothing recorded yet
    _contain(wizard, free_done=False)
    deletion = _deletion_letter(qtbot, wizard)
    _next(qtbot, wizard, BreachStep.CONSEQUENCES)
    type_text(wizard.currentPage().likely, "Distress; another family knows the child's needs.")
    assert "Before mitigation" in wizard.currentPage().summary.text()
    _next(qtbot, wizard, BreachStep.REPORTABILITY)
    risk = wizard.currentPage()
    assert "Very high" in risk.severity.text()
    assert "tell the people affected" in risk.recommendation.text()
    assert "SEND records usually reveal health" in risk.reasons.toPlainText()
    # An override without a reason is refused, with the reason why.
    risk.ico.override.setChecked(True)
    assert not risk.isComplete() and "Write down why" in risk.hint.text()
    risk.ico.follow.setChecked(True)
    _next(qtbot, wizard, BreachStep.ICO_REPORT)
    out = _finish_steps(
        qtbot,
        wizard,
        ico=True,
        tell=True,
        letters=lambda w: _letters(qtbot, w, pupils=[people["amelia"]]),
    )
    assert out["reopened"]
    assert "Staff briefing on checking recipients" in _text(out["pack"])  # a measure proposed
    rec = _assert_recorded(breaches_page.session, wizard.record.id, ico=True, tell=True)
    containment = [h for h in rec.history if h.step is BreachStep.CONTAINMENT]
    assert len(containment) == 2  # first saved, then again once the briefing was done
    assert (
        len([h for h in rec.history if h.step is BreachStep.REVIEW_MEETING]) == 1
    )  # unchanged: no new stamp
    assert rec.triage.decision.report_to_ico and rec.triage.decision.tell_individuals
    assert not rec.triage.decision.ico.overridden
    assert [r.kind for r in rec.ico_reports] == [IcoReportKind.INITIAL]
    assert rec.ico_reports[0].ico_reference == "IC-123456-A1B2"
    assert rec.affected_pupils == (people["amelia"],)
    # ICO pack: the form's answers, the breach line, never the child's name.
    pack = _text(out["pack"])
    assert "0303 123 1113" in pack and "Special category" in pack and "About 1" in pack
    assert "Amelia" not in pack and "Nowak" not in pack
    # Letters: only the parent WITH parental responsibility, plus the deletion request; all in the log.
    letters = LetterService(breaches_page.session).issued(case_kind="breach", case_id=rec.id)
    assert sorted(entry.letter_type for entry in letters) == [
        "breach_deletion_request",
        "breach_notice_parent",
    ]
    parent = next(e for e in letters if e.letter_type == "breach_notice_parent")
    assert parent.recipient_name == "Zoë Nowak"
    text = _text(LetterService(breaches_page.session).pdf(parent.id))
    assert "Amelia" in text and "Mrs Nowak" in text and rec.reference in text
    assert "emailed to the wrong parent" in text
    assert "Piotr" not in " ".join(e.recipient_name for e in letters)
    assert "written confirmation" not in text
    assert "Mrs K Recipient" in _text(LetterService(breaches_page.session).pdf(deletion[0].id))
    # The register shows it closed and reported.
    breaches_page.refresh()
    row = breaches_page.model.rows[0]
    assert row.status == "closed" and row.reportable is True and row.countdown.text.startswith("✔")


def test_stolen_unencrypted_laptop(qtbot, breaches_page, school, people) -> None:
    wizard = _report(
        qtbot, breaches_page, "Unencrypted laptop stolen from a car", "A school laptop was stolen from a car."
    )
    _next(qtbot, wizard, BreachStep.INVESTIGATION)
    _investigate(
        wizard,
        {DataCategory.BASIC_IDENTIFIERS, DataCategory.CONTACT_DETAILS, DataCategory.ASSESSMENT},
        {AffectedGroup.PUPILS, AffectedGroup.PARENTS_CARERS, AffectedGroup.STAFF},
        240,
        240,
        malicious=True,
        recipients=Recipients.UNKNOWN,
        cause=Cause.DEVICE_LOST_OR_STOLEN,
    )
    _next(qtbot, wizard, BreachStep.HEADTEACHER_ALERTED)
    _alert_headteacher(wizard)
    _next(qtbot, wizard, BreachStep.CONTAINMENT)
    ids = [r.checklist_id for r in wizard.currentPage().rows if r.checklist_id]
    assert "device.remote_wipe" in ids and "device.police" in ids and "internet_search" in ids
    _contain(wizard, "IT provider")
    _next(qtbot, wizard, BreachStep.CONSEQUENCES)
    type_text(wizard.currentPage().likely, "Families could be targeted by scams.")
    _next(qtbot, wizard, BreachStep.REPORTABILITY)
    assert "High" in wizard.currentPage().severity.text()
    _next(qtbot, wizard, BreachStep.ICO_REPORT)
    out = _finish_steps(
        qtbot,
        wizard,
        ico=True,
        tell=True,
        ico_ref="IC-777000-L4P7",
        letters=lambda w: _letters(
            qtbot, w, pupils=[people["amelia"], people["oscar"]], staff=[people["staff"]]
        ),
    )
    rec = _assert_recorded(breaches_page.session, wizard.record.id, ico=True, tell=True)
    police = next(t for t in rec.triage.third_parties if t.party.value == "police")
    assert police.notify  # suggested for a theft, accepted
    pack = _text(out["pack"])
    assert "About 240" in pack and "Pupils (children: vulnerable people)" in pack and "Stolen" in pack
    letters = LetterService(breaches_page.session).issued(case_kind="breach", case_id=rec.id)
    kinds = sorted(e.letter_type for e in letters)
    assert kinds == ["breach_notice_parent", "breach_notice_parent", "breach_notice_staff"]
    assert sorted(e.recipient_name for e in letters) == ["Grace Reid", "Sam Teacher", "Zoë Nowak"]
    staff_letter = next(e for e in letters if e.letter_type == "breach_notice_staff")
    assert "about you" in _text(LetterService(breaches_page.session).pdf(staff_letter.id))


def test_reports_posted_to_wrong_families_with_override(qtbot, breaches_page, school, people) -> None:
    wizard = _report(
        qtbot, breaches_page, "Reports posted to the wrong families", "Reports went to the wrong families."
    )
    _next(qtbot, wizard, BreachStep.INVESTIGATION)
    _investigate(
        wizard,
        {DataCategory.BASIC_IDENTIFIERS, DataCategory.ASSESSMENT, DataCategory.ATTENDANCE},
        {AffectedGroup.PUPILS},
        28,
        28,
        cause=Cause.POST_WRONG_ADDRESS,
    )
    _next(qtbot, wizard, BreachStep.HEADTEACHER_ALERTED)
    _alert_headteacher(wizard)
    _next(qtbot, wizard, BreachStep.CONTAINMENT)
    _contain(wizard, "Office manager")
    deletion = _deletion_letter(qtbot, wizard)
    _next(qtbot, wizard, BreachStep.CONSEQUENCES)
    type_text(wizard.currentPage().likely, "Families upset that others read their child's report.")
    _next(qtbot, wizard, BreachStep.REPORTABILITY)
    risk = wizard.currentPage()
    assert "telling them is not required" in risk.tell.recommended_label.text()
    risk.tell.override.setChecked(True)
    assert not risk.isComplete()
    type_text(risk.tell.reason, "Families will hear from each other; we would rather they heard it from us.")
    _next(qtbot, wizard, BreachStep.ICO_REPORT)
    _finish_steps(
        qtbot,
        wizard,
        ico=True,
        tell=True,
        letters=lambda w: _letters(qtbot, w, pupils=[people["amelia"], people["oscar"]]),
    )
    rec = _assert_recorded(breaches_page.session, wizard.record.id, ico=True, tell=True)
    d = rec.triage.decision
    assert (
        d.individuals.overridden
        and d.tell_individuals
        and "rather they heard it from us" in d.individuals.reason
    )
    assert not d.ico.overridden
    letters = LetterService(breaches_page.session).issued(case_kind="breach", case_id=rec.id)
    assert len([e for e in letters if e.letter_type == "breach_notice_parent"]) == 2
    assert deletion and _text(LetterService(breaches_page.session).pdf(deletion[0].id)).count("Signed") >= 1
    record_pdf = _text(
        __import__("schooldp.services.breaches", fromlist=["x"]).decision_record_pdf(
            breaches_page.session, rec
        )
    )
    words = " ".join(record_pdf.split())  # a reason may wrap inside its table cell
    assert "Overridden" in words and "rather they heard it from us" in words


def test_reopening_resumes_at_first_unfinished_step(qtbot, breaches_page, school, people) -> None:
    wizard = _report(qtbot, breaches_page, "Near miss: USB stick found", "An encrypted stick was found.")
    _next(qtbot, wizard, BreachStep.INVESTIGATION)
    p = wizard.currentPage()
    p.conclusion_buttons[Conclusion.NOT_A_BREACH].setChecked(True)
    type_text(p.reasons, "Encrypted and never left the building.")
    _next(qtbot, wizard, BreachStep.RECORD)  # a near miss goes straight to the record
    breach_id = wizard.record.id
    wizard.reject()
    again = breaches_page.open_breach(breach_id)
    assert again.currentId() == BreachStep.RECORD.value
    qtbot.mouseClick(again.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert again.currentId() == BreachStep.INVESTIGATION.value
    assert again.currentPage().reasons.toPlainText() == "Encrypted and never left the building."
    rec = BreachService(breaches_page.session).breach(breach_id)
    assert set(rec.stamps) == {BreachStep.DPO_NOTIFIED, BreachStep.INVESTIGATION}
    assert "Near miss" in again.currentPage().clock.text()
    again.reject()
    breaches_page.refresh()
    assert breaches_page.model.rows[0].stage.startswith("Step 10")
