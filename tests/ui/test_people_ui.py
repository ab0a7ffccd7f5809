"""People page: search as you type, a person's card, and an import through the real dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from schooldp.domain.people import Contact, Pupil, Staff, YearGroup, upn_check_letter
from schooldp.services.people import PeopleService
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mis"


def _unlock(qtbot, window, school_path: Path, passphrase: str) -> None:
    window.open_path(school_path)
    assert window.stack.currentWidget() is window.unlock_page
    page = window.unlock_page
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _upn(n: int) -> str:
    body = f"82012345{n:04d}"
    return upn_check_letter(body) + body


def _open_people(qtbot, window, school):  # type: ignore[no-untyped-def]
    path = school.vault.path
    school.close(backup=False)
    _unlock(qtbot, window, path, DPO_PASS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.shell)
    window.shell.go("People")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "People"
    return page


def test_search_as_you_type_and_card(qtbot, window, school) -> None:
    svc = PeopleService(school)
    zoe = svc.add_pupil(Pupil(_upn(1), "Zoë", "Şahin", date(2018, 3, 4), YearGroup.Y2, "2A"))
    svc.add_pupil(Pupil(_upn(2), "芳", "王", date(2017, 3, 4), YearGroup.Y3, "3B"))
    svc.add_pupil(Pupil(_upn(3), "Łukasz", "Nowak", date(2016, 3, 4), YearGroup.Y4, "4C"))
    svc.add_contact(
        Contact("Ayşe", "Şahin", title="Mrs", address_lines=("1 Mill Lane",), postcode="LE65 1AA"),
        zoe.id,
        "Mother",
        True,
        True,
        1,
    )
    svc.add_staff(Staff("Mr Αλέξανδρος Papadopoulos", "Caretaker"))
    page = _open_people(qtbot, window, school)
    assert len(page.visible_names()) == 3

    type_text(page.search, "sahin")
    assert page.visible_names() == ["Zoë Şahin"]
    text = " ".join(w.text() for w in page.card.findChildren(type(page.counts)))
    assert "Mrs Ayşe Şahin" in text and "parental responsibility" in text and "LE65 1AA" in text

    page.search.clear()
    type_text(page.search, "王")
    assert page.visible_names() == ["芳 王"]
    page.search.clear()
    qtbot.keyClicks(page.search, "4c")
    assert page.visible_names() == ["Łukasz Nowak"]
    page.search.clear()
    qtbot.keyClicks(page.search, _upn(2)[:6].lower())
    assert page.visible_names() == ["芳 王"]

    page.tabs.setCurrentIndex(2)
    page.search.clear()
    type_text(page.search, "alex")
    assert page.visible_names() == []  # Greek script is not transliterated
    page.search.clear()
    type_text(page.search, "Αλέξ")
    assert page.visible_names() == ["Mr Αλέξανδρος Papadopoulos"]

    window.lock()  # locking drops every decrypted value from the page
    assert page.model.rowCount() == 0 and page.search.text() == ""


def test_import_through_the_real_dialog(qtbot, window, school, monkeypatch) -> None:
    page = _open_people(qtbot, window, school)
    from schooldp.ui.dialogs import import_people

    seen = {}

    def drive() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, import_people.ImportPeopleDialog) and w.isVisible()
        )
        seen["dialog"] = dialog
        monkeypatch.setattr(
            QFileDialog,
            "getOpenFileName",
            staticmethod(lambda *a, **k: (str(FIXTURES / "sims_pupils_contacts.csv"), "")),
        )
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=10000)
        seen["preview"] = dialog.preview_summary.text()
        seen["ignored"] = dialog.ignored_label.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=10000)
        seen["summary"] = dialog.summary_label.text()
        dialog.close_button.click()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert "36</b> pupils ready" in seen["preview"]
    assert "Adno" in seen["ignored"] and "Gender" in seen["ignored"]
    assert "36 pupil(s) added" in seen["summary"]
    assert len(page.visible_names()) == 35  # the leaver is hidden until "Show leavers"
    page.show_leavers.setChecked(True)
    assert len(page.visible_names()) == 36


def test_unknown_headings_go_through_the_mapping_step(qtbot, window, school, tmp_path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text(
        "Pupil Ref,Family,Given,Born,NCY,Shoe size\r\n" + f"{_upn(1)},Ng,Lan,1/2/2018,2,30\r\n",
        encoding="utf-8",
    )
    page = _open_people(qtbot, window, school)
    from schooldp.ui.dialogs.import_people import ImportPeopleDialog

    dialog = ImportPeopleDialog(page.session, page)
    dialog.load(path)
    assert dialog.pages.currentIndex() == 1
    for heading, target in (
        ("Pupil Ref", "upn"),
        ("Family", "legal_last_name"),
        ("Given", "legal_first_name"),
        ("Born", "date_of_birth"),
        ("NCY", "year_group"),
    ):
        combo = dialog.mapping_combo(heading)
        combo.setCurrentIndex(combo.findData(target))
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 2, timeout=10000)
    assert "Shoe size" in dialog.ignored_label.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 3, timeout=10000)
    # Remembered: a second dialog goes straight to the preview.
    again = ImportPeopleDialog(page.session, page)
    again.load(path)
    qtbot.waitUntil(lambda: again.pages.currentIndex() == 2, timeout=10000)
    assert "update 0" in again.preview_summary.text() and "add 0 pupils" in again.preview_summary.text()


def test_malformed_file_shows_a_clear_message(qtbot, window, school, tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    page = _open_people(qtbot, window, school)
    from schooldp.ui.dialogs.import_people import ImportPeopleDialog

    dialog = ImportPeopleDialog(page.session, page)
    dialog.load(path)
    assert dialog.pages.currentIndex() == 0 and "empty" in dialog.error.text()
