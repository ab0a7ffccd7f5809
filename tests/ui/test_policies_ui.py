"""Policies page as the DPO uses it: approve the data protection policy with the headteacher's
name, see its next review; record evidence against one accountability heading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from schooldp.services.policies import CheckState, PoliciesService
from tests.ui.conftest import type_text, unlock_in_window

_unlock = unlock_in_window


def _type(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text)


def test_approve_the_policy_and_fill_a_checklist_heading(qtbot, window, school, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: (_ for _ in ()).throw(AssertionError(a[2])))
    _unlock(qtbot, window, school)
    window.resize(1366, 768)
    window.shell.go("Policies")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "Policies"
    page.refresh()
    assert page.documents.rowCount() == 6
    page.doc_table.setCurrentIndex(page.documents.index(0, 0))
    assert page.doc_title.text() == "Data protection policy"
    _type(page.version, "2026.1")
    _type(page.approved_by, "Gareth Llewellyn")
    _type(page.approved_on, "01/10/2026")
    qtbot.mouseClick(page.save_doc_button, Qt.MouseButton.LeftButton)
    C = page.documents.Columns
    assert page.documents.cell(0, C.APPROVED_BY) == "Gareth Llewellyn (Headteacher)"
    assert page.documents.cell(0, C.NEXT_REVIEW) == "01/10/2027"
    assert page.documents.cell(0, C.STATE) == "In date"

    page.tabs.setCurrentIndex(1)
    assert page.checklist.rowCount() == 10
    page.check_table.setCurrentIndex(page.checklist.index(1, 0))
    page.check_state.setCurrentIndex(page.check_state.findData(CheckState.MET))
    page.check_evidence.setFocus()
    type_text(page.check_evidence, "Policy approved 1 October 2026")
    qtbot.mouseClick(page.save_check_button, Qt.MouseButton.LeftButton)
    assert page.checklist.cell(1, page.checklist.Columns.STATE) == "Met"
    assert "1 approved and in date" in page.checklist.cell(1, page.checklist.Columns.HOLDS)
    assert PoliciesService(window.session).checklist(2026)[1].evidence == "Policy approved 1 October 2026"

    # Each heading links to the records SchoolDP holds for it.
    page.check_table.setCurrentIndex(page.checklist.index(7, 0))
    qtbot.mouseClick(page.evidence_button, Qt.MouseButton.LeftButton)
    assert window.shell.stack.currentWidget().title_text == "DPIAs"
