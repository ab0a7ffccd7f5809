"""Records page as the DPO uses it: adopt the starter record, change a retention period and a
recipient, add a processor with its Art 28(3) particulars, generate and save the pupil notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from schooldp.services.records import DataSubject, NoticeAudience, OrgRole, RecordsService
from tests.records_checks import accessibility_problems, pdf_text
from tests.ui.conftest import type_text, unlock_in_window

NEW_RECIPIENT = "Local authority (education welfare service)"


_unlock = unlock_in_window


def _in_dialog(qtbot, fill) -> None:
    """Fill the modal dialog that the next click opens, then press its Save button."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        fill(dialog)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, run)


def _select(table, text: str) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text:
            table.setCurrentIndex(model.index(row, 0))
            return
    raise AssertionError(text)


def _replace(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text)


def test_adopt_edit_add_processor_and_generate_pupil_notice(
    qtbot, window, school, tmp_path, monkeypatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append("WARNING " + a[2]))
    _unlock(qtbot, window, school)
    window.resize(1366, 768)
    window.shell.go("Records")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "Records"
    qtbot.mouseClick(page.adopt_button, Qt.MouseButton.LeftButton)
    assert page.activities.rowCount() == 21 and "21 activities" in told[-1]

    # Retention: set by the school from its own schedule.
    _select(page.activity_table, "School census and DfE returns")

    def retention(d) -> None:
        _replace(qtbot, d.trigger, "Pupil's date of birth")
        _replace(qtbot, d.period, "25 years")
        _replace(qtbot, d.retention_source, "Oakfield retention schedule 2026")

    _in_dialog(qtbot, retention)
    qtbot.keyClick(page.activity_table, Qt.Key.Key_Return)
    # One recipient renamed.
    _select(page.activity_table, "Attendance")

    def recipient(d) -> None:
        _replace(qtbot, d.recipients, f"{NEW_RECIPIENT}\nDepartment for Education (DfE)")

    _in_dialog(qtbot, recipient)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)

    # A processor with its Art 28(3) particulars.
    page.tabs.setCurrentIndex(1)

    def processor(d) -> None:
        qtbot.keyClicks(d.name, "Readwell Phonics Ltd")
        d.agreement.setCurrentIndex(d.agreement.findText("Contract with data processing terms"))
        qtbot.keyClicks(d.agreement_date, "01/09/2026")
        qtbot.keyClicks(d.review_date, "01/09/2027")
        for field, text in (
            ("subject_matter", "Phonics practice app for Reception to Year 2"),
            ("duration", "The contract term, renewed each September"),
            ("nature_and_purpose", "Hosting pupils' accounts and reading progress"),
            ("data_types", "Names, class, reading levels"),
            ("subject_categories", "Pupils in Reception to Year 2; their teachers"),
            ("return_or_destruction", "Deleted within 30 days of the contract ending, with a certificate"),
        ):
            type_text(d.particulars[field], text)
        type_text(d.due_diligence, "Cyber Essentials Plus; UK hosting; DPA reviewed by the DPO")

    _in_dialog(qtbot, processor)
    qtbot.mouseClick(page.add_org_button, Qt.MouseButton.LeftButton)
    service = RecordsService(window.session)
    added = next(o for o in service.organisations() if o.name == "Readwell Phonics Ltd")
    assert added.role is OrgRole.PROCESSOR and added.gaps() == ()
    assert added.particulars.return_or_destruction.startswith("Deleted within 30 days")

    # Generate the pupil notice and save it as PDF and web page.
    page.tabs.setCurrentIndex(2)
    _select(page.notice_table, "Pupils and parents")
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)  # made on a worker
    qtbot.waitUntil(lambda: any("notice was generated" in t for t in told), timeout=20000)
    pdf_path, html_path = tmp_path / "pupils.pdf", tmp_path / "pupils.html"
    paths = iter([str(pdf_path), str(html_path)])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(paths), ""))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pdf_path.exists, timeout=20000)
    qtbot.mouseClick(page.save_html_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(html_path.exists, timeout=20000)
    assert not [t for t in told if t.startswith("WARNING")]

    text = pdf_text(pdf_path.read_bytes())
    activities = service.activities()
    pupils = [a for a in activities if NoticeAudience.PUPILS_PARENTS.concerns(a.subjects)]
    for a in pupils:
        for r in a.recipients:
            assert r in text, r
        assert f"{a.lawful_basis.label} ({a.lawful_basis.article})" in text
    assert NEW_RECIPIENT in text and "Local authority (attendance service)" not in text
    assert "School census and DfE returns Pupil's date of birth + 25 years" in text
    staff_only = [a for a in activities if set(a.subjects) <= {DataSubject.STAFF, DataSubject.APPLICANTS}]
    shown = {r for a in pupils for r in a.recipients}
    for a in staff_only:
        assert a.name not in text
        for r in set(a.recipients) - shown:
            assert r not in text, r
        assert a.legal_reference not in text
    assert accessibility_problems(html_path.read_text(encoding="utf-8")) == []

    states = {page.notices.cell(r, 0): page.notices.cell(r, 1) for r in range(page.notices.rowCount())}
    assert states["Pupils and parents"] == "✓ Up to date"
    window.grab().save(str(Path("/tmp") / "records-page-1366x768.png"))


def test_dashboard_item_opens_the_records_page(qtbot, window, school, monkeypatch) -> None:
    from schooldp.services import dashboard

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    _unlock(qtbot, window, school)
    window.shell.go("Records")
    page = window.shell.stack.currentWidget()
    qtbot.mouseClick(page.adopt_button, Qt.MouseButton.LeftButton)
    items = [i for i in dashboard.attention(window.session).items if i.area == "records"]
    assert {i.deadline.ref for i in items} == {"PN-PUPILS", "PN-STAFF", "PN-GOVERNORS"}
    window.shell.go("Dashboard")
    window.shell.open_record("records", items[0].record_id)
    assert window.shell.sidebar.currentItem().text() == "Records"
    assert page.tabs.currentIndex() == 2
