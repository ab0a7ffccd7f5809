"""Consent page as the office uses it: a stack of returned forms by keyboard, a withdrawal and
its tasks, the trip leader's list and a batch of forms."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from schooldp.domain.consent import ConsentEventKind, ConsentState
from schooldp.domain.people import Contact, Pupil, YearGroup, upn_check_letter
from schooldp.services.consent import ConsentService
from schooldp.services.letters import LetterService
from schooldp.services.people import PeopleService
from schooldp.ui.operations import OPERATIONS
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text

K = ConsentEventKind
S = ConsentState


def upn(n: int) -> str:
    body = f"82012345{n:03d}1"
    return upn_check_letter(body) + body


CLASS = [
    ("Amelia", "Brown", "Sarah", "Mother"),
    ("Zoë", "Nowak", "Kasia", "Mother"),
    ("Oliver", "Patel", "Raj", "Father"),
    ("Isla", "Reid", "Dee", "Carer"),
]


def _unlock(qtbot, window, school_path: Path, passphrase: str) -> None:
    window.open_path(school_path)
    assert window.stack.currentWidget() is window.unlock_page
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _seed_class(school) -> dict[str, int]:
    people = PeopleService(school)
    ids = {}
    for n, (first, last, parent, rel) in enumerate(CLASS, 1):
        p = people.add_pupil(Pupil(upn(n), first, last, date(2016, 3, n), YearGroup.Y4, "4B"))
        people.add_contact(
            Contact(parent, last, address_lines=(f"{n} Elm Road", "Ashby"), postcode="LE65 1AA"),
            p.id,
            rel,
            True,
            True,
            1,
        )
        ids[first] = p.id
    other = people.add_pupil(Pupil(upn(9), "Noah", "Green", date(2015, 1, 9), YearGroup.Y5, "5A"))
    ids["Noah"] = other.id
    return ids


def _text(pdf: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)


def test_keyboard_entry_withdrawal_tasks_and_class_list(qtbot, window, school, tmp_path, monkeypatch) -> None:
    ids = _seed_class(school)
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Consent")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "Consent"
    assert page.model.rowCount() == 5
    # Colour is never alone: every cell has a symbol and a word.
    cell = page.model.index(0, 2).data()
    assert cell == "– Not asked"

    # ---- a year group's returned forms, by keyboard ---------------------------------------------
    page.tabs.setCurrentIndex(1)
    entry = page.entry
    forms = {"Amelia": "GGGG", "Zoë": "GRRG", "Oliver": "G-RA", "Isla": "RRRR"}
    for name, keys in forms.items():
        entry.search.setFocus()
        type_text(entry.search, name)
        qtbot.keyClick(entry.search, Qt.Key.Key_Return)
        assert entry.pupil is not None and entry.pupil.legal_first_name == name
        assert entry.answers.hasFocus() or entry.answers.isEnabled()
        assert len(entry.slots) == 4  # youth support does not apply in Year 4
        qtbot.keyClicks(entry.answers, keys.lower())
        assert entry.answers.text() == keys
        qtbot.keyClick(entry.answers, Qt.Key.Key_Return)
        assert not entry.error.isVisible(), entry.error.text()
    assert entry.recent.count() == 4
    assert "Isla Reid" in entry.recent.item(0).text()

    svc = ConsentService(window.session)
    today = page.today
    assert svc.status(ids["Amelia"], "photos_online", today).state is S.GIVEN
    assert svc.status(ids["Zoë"], "photos_outside_school", today).state is S.REFUSED
    assert svc.status(ids["Oliver"], "photos_outside_school", today).state is S.NOT_ASKED  # "-" skipped
    assert svc.status(ids["Oliver"], "biometrics", today).state is S.AWAITING_REPLY
    assert svc.status(ids["Noah"], "photos_in_school", today).state is S.NOT_ASKED
    history = svc.history(ids["Zoë"])
    assert len(history) == 4 and all(h.given_by == "Kasia Nowak (Mother)" for h in history)
    assert all(h.recorded_by == "Priya Raman" for h in history)
    # The matrix was refreshed after each form.
    page.tabs.setCurrentIndex(0)
    page.reg.setCurrentIndex(page.reg.findData("4B"))
    assert page.model.rowCount() == 4
    page.state_filter.setCurrentIndex(page.state_filter.findData(S.REFUSED))
    assert {page.model.pupil_at(r).legal_first_name for r in range(page.model.rowCount())} == {
        "Zoë",
        "Oliver",
        "Isla",
    }
    page.state_filter.setCurrentIndex(0)

    # ---- withdraw one consent in the pupil's dialog ---------------------------------------------
    row = next(r for r in range(page.model.rowCount()) if page.model.pupil_at(r).legal_first_name == "Amelia")
    page.table.selectRow(row)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("photos_online"))
    dialog.kind.setCurrentIndex(dialog.kind.findData(K.WITHDRAWN))
    type_text(dialog.note, "Phoned the office")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert "follow-up tasks" in dialog.status.text()
    assert dialog.history.item(0, 2).text() == "Consent withdrawn"
    assert dialog.history.item(0, 3).text() == "Sarah Brown (Mother)"
    assert svc.status(ids["Amelia"], "photos_online", today).state is S.WITHDRAWN
    assert dialog.letter_button.isEnabled()
    dialog.accept()

    # ---- the tasks appear; complete one --------------------------------------------------------
    qtbot.waitUntil(lambda: page.tasks_model.rowCount() == 5)
    page.tabs.setCurrentIndex(2)
    assert "(5)" in page.tabs.tabText(2)
    titles = [page.tasks_model.index(r, 1).data() for r in range(5)]
    assert "Take the photo or video off the school website" in titles
    assert (
        page.tasks_model.index(0, 2).data() == "Amelia Brown (4B)"
    )  # the class tells two pupils of one name apart
    page.tasks_table.selectRow(0)
    qtbot.keyClicks(page.task_note, "Removed from website")
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert page.tasks_model.rowCount() == 4
    assert len(svc.open_tasks()) == 4
    done = [t for t in svc.tasks() if t.done_on]
    assert len(done) == 1 and done[0].done_note == "Removed from website" and done[0].done_by == "Priya Raman"

    # ---- print the class list (saved as PDF: same bytes the printer gets) -------------------------
    page.tabs.setCurrentIndex(0)
    before = page.dialog
    qtbot.mouseClick(page.list_button, Qt.MouseButton.LeftButton)  # made on a worker
    qtbot.waitUntil(lambda: page.dialog is not before, timeout=20000)
    list_dialog = page.dialog
    target = tmp_path / "list.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(list_dialog.save_button, Qt.MouseButton.LeftButton)
    text = _text(target.read_bytes())
    assert "Do not photograph / do not publish" in text and "Class 4B" in text
    restricted, _, agreed = text.partition("Consent given for every use listed")
    for name in ("Amelia Brown", "Zoë Nowak", "Oliver Patel", "Isla Reid"):
        assert name in restricted  # Amelia withdrew online consent, the rest refused something
    assert "Noah" not in text  # another class
    assert "NO" in restricted and upn(1) not in text and "Elm Road" not in text
    assert "Do not photograph list" in list_dialog.status.text() or "Saved" in list_dialog.status.text()
    list_dialog.accept()
    assert any(e.action == "consent.printed" for e in window.session.activity())


def test_batch_of_forms_for_a_class_is_logged(qtbot, window, school, tmp_path, monkeypatch) -> None:
    _seed_class(school)
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Consent")
    page = window.shell.stack.currentWidget()
    page.reg.setCurrentIndex(page.reg.findData("4B"))
    qtbot.mouseClick(page.forms_button, Qt.MouseButton.LeftButton)
    preview = page.dialog
    assert preview is not None and len(preview.letters) == 4
    text = _text(preview.letters[1][1])
    assert "Zoë Nowak" in text and "Return slip" in text and "Kasia Nowak" in text
    folder = tmp_path / "forms"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert len(list(folder.glob("*.pdf"))) == 4
    assert not any("Nowak" in f.name for f in folder.glob("*.pdf"))
    issued = LetterService(window.session).issued(case_kind="consent")
    assert len(issued) == 4 and {i.letter_type for i in issued} == {"consent_form"}
    preview.accept()


def test_add_custom_purpose_and_lock_clears(qtbot, window, school) -> None:
    _seed_class(school)
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    window.shell.go("Consent")
    page = window.shell.stack.currentWidget()
    page.tabs.setCurrentIndex(4)
    qtbot.mouseClick(page.add_purpose_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.keyClicks(dialog.title, "Residential trip photographer")
    dialog.age.setValue(16)
    dialog.save()
    assert dialog.saved is not None and dialog.saved.custom and dialog.saved.passes_to_pupil_at == 16
    assert page.purpose_table.rowCount() == 6
    assert page.model.columnCount() == 2 + 6
    window.lock()
    assert page.model.rowCount() == 0 and page.purpose_table.rowCount() == 0 and page.entry.pupils == []


def test_consent_register_exports_to_excel_and_csv(qtbot, window, tmp_path, monkeypatch) -> None:
    import csv
    from datetime import date

    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from schooldp.demo import create_demo_school
    from schooldp.domain.clock import FrozenClock

    day = date(2026, 3, 10)
    session, folder = create_demo_school(tmp_path / "demo", today=day)
    session.clock = FrozenClock(day)
    window.demo_folder = folder
    window.on_opened(session, remember=False)
    window.shell.go("Consent")
    page = window.shell.stack.currentWidget()
    for name in ("register.xlsx", "register.csv"):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        assert page.export_register() == target  # written on a worker
        qtbot.waitUntil(target.exists, timeout=30000)
        qtbot.waitUntil(lambda: OPERATIONS.running == 0, timeout=30000)
    ws = load_workbook(tmp_path / "register.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[:4] == ["UPN", "Pupil", "Year", "Reg group"] and len(header) > 4
    assert ws.max_row > 100
    with open(tmp_path / "register.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == header and len(rows) == ws.max_row
    assert "consent.exported" in [e.action for e in session.activity(limit=10)]
