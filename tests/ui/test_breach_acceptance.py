"""Breach records a DPO can defend, driven as a DPO would: nothing recorded that did not happen,
people told (or why not), affected pupils chosen by pasting UPNs, letters families understand."""

# The wizard tests' fixtures are imported by name, so pytest passes them in as arguments.
# ruff: noqa: F811

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from schooldp.domain.breach import AffectedGroup, BreachStep, Cause, DataCategory
from schooldp.domain.breach.containment import INSTRUCTIONS
from schooldp.domain.breach.reporting import ICO_REPORT_NOT_MADE, IcoMethod
from schooldp.domain.deadlines import london_now
from schooldp.domain.people import Contact, Pupil, YearGroup
from schooldp.services.breaches import BreachService, ClockState, decision_record_pdf, pasted_rows
from schooldp.services.dashboard import attention
from schooldp.services.letters import LetterService
from schooldp.services.people import PeopleService
from tests.ui.conftest import type_text
from tests.ui.test_breach_wizard import (  # noqa: F401 - fixtures
    _alert_headteacher,
    _contain,
    _investigate,
    _next,
    _report,
    breaches_page,
    people,
)


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _to_ico_step(qtbot, wizard, people_count: int, categories) -> None:
    _next(qtbot, wizard, BreachStep.INVESTIGATION)
    _investigate(
        wizard,
        categories,
        {AffectedGroup.PUPILS},
        people_count,
        people_count,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
    )
    _next(qtbot, wizard, BreachStep.HEADTEACHER_ALERTED)
    _alert_headteacher(wizard)
    _next(qtbot, wizard, BreachStep.CONTAINMENT)
    _contain(wizard)
    _next(qtbot, wizard, BreachStep.CONSEQUENCES)
    type_text(wizard.currentPage().likely, "Distress; other families know the children's needs.")
    _next(qtbot, wizard, BreachStep.REPORTABILITY)
    _next(qtbot, wizard, BreachStep.ICO_REPORT)


def _dashboard_labels(session) -> list[str]:
    return [i.deadline.label for i in attention(session).items]


def test_next_on_step_7_with_nothing_entered_reports_nothing(qtbot, breaches_page, people) -> None:
    session = breaches_page.session
    wizard = _report(
        qtbot, breaches_page, "SEN plan emailed to the wrong parent", "A plan went to the wrong parent."
    )
    _to_ico_step(qtbot, wizard, 1, {DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND})
    page = wizard.currentPage()
    assert page.reported.value() is None and page.reference.text() == ""  # nothing filled in
    assert "Not done yet" in page.hint.text()
    _next(qtbot, wizard, BreachStep.INDIVIDUALS)  # Next with nothing entered
    rec = BreachService(session).breach(wizard.record.id)
    assert BreachStep.ICO_REPORT not in rec.stamps and not rec.ico_reports
    assert rec.ico_status == ICO_REPORT_NOT_MADE
    breaches_page.refresh()
    row = next(r for r in breaches_page.model.rows if r.id == rec.id)
    assert ICO_REPORT_NOT_MADE in row.reportable_label
    assert row.countdown.state is not ClockState.REPORTED  # the clock keeps running
    assert any(
        ICO_REPORT_NOT_MADE in label and rec.reference in label for label in _dashboard_labels(session)
    )
    assert ICO_REPORT_NOT_MADE in _text(decision_record_pdf(session, rec))
    assert "Step 7: Report to the ICO" in _text(decision_record_pdf(session, rec))  # still open

    # Back to step 7: record the report as made, with the ICO's reference.
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    page = wizard.currentPage()
    page.reported.set_value(london_now())
    page.method_buttons[IcoMethod.BREACH_LINE].setChecked(True)
    type_text(page.reported_by, "Priya Raman")
    assert not page.isComplete() and "case reference" in page.hint.text()
    type_text(page.reference, "IC-445566-Q7R8")
    _next(qtbot, wizard, BreachStep.INDIVIDUALS)
    assert "Reported" in wizard.currentPage().clock.text()
    rec = BreachService(session).breach(wizard.record.id)
    assert rec.ico_status.startswith("Reported") and "IC-445566-Q7R8" in rec.ico_status
    breaches_page.refresh()
    row = next(r for r in breaches_page.model.rows if r.id == rec.id)
    assert row.countdown.state is ClockState.REPORTED and row.reportable_label == "Yes"
    assert not any(rec.reference in label for label in _dashboard_labels(session))

    # Step 8: nobody told cannot be recorded as done without an override and its reason.
    page = wizard.currentPage()
    type_text(page.told_by, "Priya Raman")
    page.how.setCurrentText("Phone call")
    page.told_on.set_value(london_now().date())
    assert not page.isComplete() and "Nobody has been told" in page.hint.text()
    page.override.setChecked(True)
    assert not page.isComplete()
    type_text(
        page.override_reason, "The designated safeguarding lead advised against telling the family yet."
    )
    assert page.isComplete()
    _next(qtbot, wizard, BreachStep.THIRD_PARTIES)
    rec = BreachService(session).breach(wizard.record.id)
    assert BreachStep.INDIVIDUALS in rec.stamps
    assert rec.triage.individuals_override_reason.startswith("The designated safeguarding lead")
    wizard.reject()


def test_follow_up_report_from_the_breach_page(qtbot, breaches_page, people) -> None:
    session = breaches_page.session
    wizard = _report(
        qtbot, breaches_page, "Reports posted to wrong families", "Reports went to the wrong homes."
    )
    _to_ico_step(qtbot, wizard, 2, {DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND})
    page = wizard.currentPage()
    page.reported.set_value(london_now())
    page.method_buttons[IcoMethod.ONLINE_FORM].setChecked(True)
    type_text(page.reported_by, "Priya Raman")
    page.pending.setChecked(True)  # the ICO has not given its reference yet
    _next(qtbot, wizard, BreachStep.INDIVIDUALS)
    wizard.reject()
    rec = BreachService(session).breach(wizard.record.id)
    assert "not yet given" in rec.ico_status
    assert any("case reference" in label for label in _dashboard_labels(session))  # chased
    breaches_page.refresh()
    breaches_page.select_reference(rec.reference)
    dialog = breaches_page.record_ico_report()
    assert dialog.kind.value == "follow_up" and dialog.when.value() is None
    dialog.when.set_value(london_now())
    dialog.method_buttons[IcoMethod.ONLINE_FORM].setChecked(True)
    type_text(dialog.made_by, "Priya Raman")
    type_text(dialog.reference, "IC-112233-A1B2")
    type_text(dialog.notes, "All letters recovered from the families.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None, dialog.error.text()
    assert [r.kind.value for r in dialog.saved.ico_reports] == ["initial", "follow_up"]
    assert "IC-112233-A1B2" in dialog.saved.ico_status
    assert not any("case reference" in label for label in _dashboard_labels(session))


@pytest.fixture
def class_of_30(breaches_page):
    """Thirty pupils in Year 5, each with a parent with parental responsibility, and a stepparent
    without it for the first five."""
    svc = PeopleService(breaches_page.session)
    upns = []
    for i in range(30):
        upn = f"K{100000000000 + i:012d}"[:13]
        p = svc.add_pupil(
            Pupil(upn, f"Child{i:02d}", f"Family{i:02d}", date(2015, 5, 1), YearGroup("Y5"), "5C")
        )
        svc.add_contact(
            Contact(
                "Parent",
                f"Family{i:02d}",
                title="Mx",
                address_lines=(f"{i + 1} High Street", "Ashby"),
                postcode="LE65 1ZZ",
            ),
            p.id,
            "Parent",
            parental_responsibility=True,
        )
        if i < 5:
            svc.add_contact(
                Contact(
                    "Step",
                    f"Family{i:02d}",
                    title="Mr",
                    address_lines=("2 Low Road", "Ashby"),
                    postcode="LE65 2ZZ",
                ),
                p.id,
                "Stepparent",
                parental_responsibility=False,
            )
        upns.append(upn)
    return upns


def test_misdirected_send_spreadsheet_letters_by_pasted_upns(qtbot, breaches_page, class_of_30) -> None:
    session = breaches_page.session
    wizard = _report(
        qtbot,
        breaches_page,
        "SEND register emailed to a parent",
        "The Year 5 SEND register was emailed to a parent instead of the SENCO.",
    )
    _to_ico_step(qtbot, wizard, 30, {DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND})
    page = wizard.currentPage()
    page.reported.set_value(london_now())
    page.method_buttons[IcoMethod.ONLINE_FORM].setChecked(True)
    type_text(page.reported_by, "Priya Raman")
    type_text(page.reference, "IC-300300-S3N4")
    _next(qtbot, wizard, BreachStep.INDIVIDUALS)

    qtbot.mouseClick(wizard.currentPage().letters_button, Qt.MouseButton.LeftButton)
    dialog = wizard.children_dialogs[-1]
    pasted = "\n".join(class_of_30) + "\nZ000000000000\n"
    result = dialog.apply_rows(pasted_rows(pasted))
    assert len(result.ids) == 30 and result.unmatched == ("Z000000000000",)
    assert (
        "30 matched from 31 lines" in dialog.match_report.text()
        and "Z000000000000" in dialog.match_report.text()
    )
    assert "30 pupil(s)" in dialog.count.text()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.previews, dialog.error.text()
    recorded = []
    for preview in dialog.previews:
        assert preview.save_all() is not None
        recorded += preview.recorded
    dialog.accept()
    assert len(recorded) == 30  # one per parent with parental responsibility, none to the stepparents

    page = wizard.currentPage()
    qtbot.mouseClick(page.from_letters, Qt.MouseButton.LeftButton)
    assert page.count.value() == 30 and "told 30 of 30" in page.told_label.text()
    _next(qtbot, wizard, BreachStep.THIRD_PARTIES)
    rec = BreachService(session).breach(wizard.record.id)
    assert rec.triage.individuals_told_count == 30 and len(rec.affected_pupils) == 30

    letters = LetterService(session)
    issued = letters.issued(case_kind="breach", case_id=rec.id)
    texts = [_text(letters.pdf(i.id)) for i in issued]
    one = " ".join(texts[0].split())
    aware = rec.triage.aware_at.astimezone().date() if rec.triage.aware_at else None
    assert aware is not None and f"{aware.day} {aware:%B %Y}" in one  # the incident's date
    assert "your child's special needs and the help they get in school" in one
    assert "The person who sent the email tried to recall it." in one  # past tense
    assert "dpo@" in one  # the DPO's contact
    assert "Information Commissioner" in one

    opened = len(wizard.children_dialogs)
    wizard.show_ico_pack()  # built on a worker; the preview opens when it is ready
    qtbot.waitUntil(lambda: len(wizard.children_dialogs) > opened, timeout=20000)
    pack_dialog = wizard.children_dialogs[-1]
    pack = _text(pack_dialog.pdf)
    # The online form cannot be saved part way: each section is copied on its own.
    pack_dialog.section.setCurrentIndex(pack_dialog.section.findText("9. Telling the people affected"))
    copied = pack_dialog.copy_section()
    assert (
        copied.startswith("9. Telling the people affected")
        and "30 of 30 people were told by letter" in copied
    )
    assert "Child01" not in pack  # no names of the people affected
    for text in [*texts, pack]:
        flat = " ".join(text.split())
        for instruction in INSTRUCTIONS:
            assert " ".join(instruction.split()) not in flat, instruction
    assert "told 30" not in pack or "30" in pack
    wizard.reject()
