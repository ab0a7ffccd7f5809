"""Two people on one school at once, as they would meet it: the DPO has a request open with a
dialog half filled in while the headteacher saves a change to the same request. The DPO's save
says who changed what; "Keep my edits open" loses nothing; "Reload" shows the other change."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt

from schooldp.domain.accounts import Role
from schooldp.domain.clock import FrozenClock
from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.requests import RequestStatus
from schooldp.services.requests import NewRequest, RequestService
from schooldp.services.school import SchoolSession
from schooldp.ui.conflicts import ConflictBox
from tests.conftest import HEAD_PASS, sample_request
from tests.ui.conftest import type_text, unlock_in_window

AT = datetime(2026, 11, 2, 10, 42, tzinfo=UTC)
SHOTS = os.environ.get("SCHOOLDP_SHOTS")  # a folder: save screenshots to look at


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(f"{SHOTS}/{name}.png")


def _request() -> NewRequest:
    return sample_request(date(2026, 10, 28))


def _label(page, name: str) -> str:
    return page.detail_labels[name].text()


def _save(qtbot, dialog) -> ConflictBox:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # not saved, not closed
    box = dialog.conflict_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def test_a_save_over_someone_elses_change_names_them_and_reload_shows_it(qtbot, window, school):
    school.clock = FrozenClock(AT)
    head_account = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS, HEAD_PASS)
    request_id = RequestService(school).log(_request()).id
    unlock_in_window(qtbot, window, school)
    window.shell.go("Requests")
    page = window.shell.stack.currentWidget()
    page.show_request(request_id)
    assert _label(page, "Status") == "Received"

    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.choose(RequestStatus.IN_PROGRESS)
    type_text(dialog.reason, "Searches started in the office.")

    # Meanwhile, on another laptop, the headteacher asks the requester for ID.
    head = SchoolSession(window.session.vault, head_account, FrozenClock(AT))
    RequestService(head).ask(request_id, ClockEventKind.ID_AWAITED, date(2026, 11, 2))

    box = _save(qtbot, dialog)
    assert box.text() == (
        "Gareth Llewellyn changed this request's deadline details at 10:42 while you were editing. "
        "Reload to see their change, then make yours again."
    )
    assert [b.text() for b in (box.reload_button, box.keep_button)] == ["&Reload", "&Keep my edits open"]
    _shot(box, "conflict_box")
    _shot(window, "conflict_window")
    _shot(dialog, "conflict_dialog")

    qtbot.mouseClick(box.keep_button, Qt.MouseButton.LeftButton)  # keep: nothing typed is lost
    assert not box.isVisible() and dialog.isVisible()
    assert dialog.reason.toPlainText() == "Searches started in the office."
    assert dialog.status.currentData() is RequestStatus.IN_PROGRESS
    assert RequestService(head).summary(request_id).status is RequestStatus.AWAITING_ID

    box = _save(qtbot, dialog)  # still out of date: asked again
    qtbot.mouseClick(box.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.detail.summary.status is RequestStatus.AWAITING_ID  # the headteacher's change
    assert _label(page, "Status") == "Awaiting ID"  # and the page behind shows it
    assert "Reloaded: the request is now 'Awaiting ID'" in dialog.error.text()
    qtbot.wait(50)  # the rebuilt form is laid out
    _shot(dialog, "conflict_reloaded")

    # Made again on the fresh copy, the DPO's change is saved.
    dialog.choose(RequestStatus.WITHDRAWN)
    type_text(dialog.reason, "Withdrawn by phone.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    assert _label(page, "Status") == "Withdrawn"


def test_a_breach_step_saved_over_someone_elses_change_is_held_until_they_choose(qtbot, window, school):
    from dataclasses import replace
    from datetime import timedelta

    from PySide6.QtWidgets import QWizard

    from schooldp.domain.breach import BreachStep
    from schooldp.services.breaches import BreachReport, BreachService

    aware = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
    school.clock = FrozenClock(aware + timedelta(minutes=30))
    head_account = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS, HEAD_PASS)
    made = BreachService(school).report_breach(
        BreachReport(
            title="SEN plan emailed to the wrong parent",
            reported_by="Class teacher, Year 4",
            aware_at=aware,
            occurred_at=aware - timedelta(hours=1),
            how_found="The parent who received it phoned the office.",
            what_happened="A SEN support plan was emailed to the wrong parent.",
            systems_involved="School email",
        )
    )
    unlock_in_window(qtbot, window, school)
    window.session.clock = FrozenClock(AT)
    window.shell.go("Breaches")
    wizard = window.shell.stack.currentWidget().open_breach(made.id)
    assert wizard.currentId() == BreachStep.DPO_NOTIFIED.value
    page = wizard.currentPage()
    page.systems.clear()
    type_text(page.systems, "School email and the SEN folder")

    head = SchoolSession(window.session.vault, head_account, FrozenClock(AT))
    BreachService(head).complete_step(
        made.id, BreachStep.DPO_NOTIFIED, replace(made.triage, dpo_notified_at=aware + timedelta(minutes=10))
    )

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == BreachStep.DPO_NOTIFIED.value  # held on the page, nothing saved
    box = page.conflict_box
    qtbot.waitUntil(box.isVisible)
    assert box.text().startswith("Gareth Llewellyn saved step 1 (DPO notified) of this breach at 10:42")
    qtbot.mouseClick(box.keep_button, Qt.MouseButton.LeftButton)
    assert page.systems.text() == "School email and the SEN folder"  # what was typed is still there

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    box = page.conflict_box
    qtbot.waitUntil(box.isVisible)
    qtbot.mouseClick(box.reload_button, Qt.MouseButton.LeftButton)
    assert page.notified.value() == aware + timedelta(minutes=10)  # the headteacher's answer
    assert page.systems.text() == "School email"
    assert "Reloaded" in page.error.text()
    _shot(wizard, "conflict_wizard_reloaded")


def test_an_editor_filled_when_opened_reopens_on_the_fresh_record_after_reload(qtbot, window, school):
    """The record of processing's editor: Reload closes it and opens it again on the activity as
    the headteacher saved it; Keep my edits open leaves the typed text where it was."""
    from dataclasses import replace

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from schooldp.services.records import RecordsService

    school.clock = FrozenClock(AT)
    head_account = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS, HEAD_PASS)
    RecordsService(school).adopt_starter()
    unlock_in_window(qtbot, window, school)
    window.session.clock = FrozenClock(AT)
    window.shell.go("Records")
    page = window.shell.stack.currentWidget()
    page.activity_table.setCurrentIndex(page.activity_table.model().index(0, 0))
    activity = page.activity_table.current_row()
    head = SchoolSession(window.session.vault, head_account, FrozenClock(AT))
    seen: dict[str, object] = {}

    def save(dialog) -> None:
        button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def first() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.security.setPlainText("Laptops encrypted; two-step sign-in on email.")
        RecordsService(head).update_activity(replace(activity, owner_role="Deputy head (data lead)"))
        save(dialog)
        seen["message"] = dialog.conflict_box.text()
        qtbot.mouseClick(dialog.conflict_box.keep_button, Qt.MouseButton.LeftButton)
        seen["kept"] = dialog.security.toPlainText()
        save(dialog)
        qtbot.mouseClick(dialog.conflict_box.reload_button, Qt.MouseButton.LeftButton)
        QTimer.singleShot(0, second)

    def second() -> None:
        dialog = QApplication.activeModalWidget()
        seen["owner after reload"] = dialog.owner.text()
        dialog.reject()

    QTimer.singleShot(0, first)
    page.edit_activity()
    assert str(seen["message"]).startswith("Gareth Llewellyn changed this processing activity at 10:42")
    assert seen["kept"] == "Laptops encrypted; two-step sign-in on email."
    assert seen["owner after reload"] == "Deputy head (data lead)"
    assert RecordsService(head).activity(activity.id).security == activity.security  # nothing overwritten
