"""Letters as a user meets them: preview, print or save (recorded), the log, reprint, wording."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QFileDialog

from schooldp.documents import LetterData
from schooldp.documents.generic_letter import LETTER
from schooldp.services.letters import LetterService, Recipient
from tests.conftest import DPO_PASS
from tests.ui.conftest import type_text


def _open(qtbot, window, school):
    path = school.vault.path
    school.close(backup=False)
    window.open_path(path)
    qtbot.keyClicks(window.unlock_page.passphrase, DPO_PASS)
    qtbot.keyClick(window.unlock_page.passphrase, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.shell
    return window.session


def _letters(session, names):
    svc = LetterService(session)
    out = []
    for name in names:
        data = LetterData(
            school=session.profile(),
            recipient_name=name,
            recipient_address=("1 High Street", "Ashby", "LE65 1AA"),
            letter_date=date(2026, 11, 22),
            reference="BR-2026-001",
            fields={"subject": "About your child's data", "body": "We are writing to tell you…"},
        )
        out.append((Recipient(name, "contact", "1"), svc.render(LETTER, data)))
    return out


def test_preview_print_records_and_reprint_from_the_log(qtbot, window, school, monkeypatch) -> None:
    from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

    session = _open(qtbot, window, school)
    letters = _letters(session, ["Mr Łukasz Nowak", "Ms Aoife Ó Súilleabháin"])
    dialog = LetterPreviewDialog(session, LETTER, letters, "breach", 1, window)
    qtbot.addWidget(dialog)
    assert dialog.page_count() >= 1
    dialog.list.setCurrentRow(1)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(dialog.recorded) == 2
    assert "recorded" in dialog.status.text()
    # Printing again does not record twice.
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(LetterService(session).issued()) == 2
    dialog.close()

    window.shell.go("Letters")
    page = window.shell.pages[5]
    assert page.model.rowCount() == 2
    type_text(page.search, "Súilleabháin")
    assert page.proxy.rowCount() == 1
    page.table.selectRow(0)
    assert page.selected().recipient_name == "Ms Aoife Ó Súilleabháin"


def test_save_one_letter_writes_only_where_chosen(qtbot, window, school, tmp_path, monkeypatch) -> None:
    from schooldp.ui.dialogs.letter_preview import LetterPreviewDialog

    session = _open(qtbot, window, school)
    letters = _letters(session, ["Mrs Zoë Şahin"])
    dialog = LetterPreviewDialog(
        session, LETTER, letters, "request", 7, window, file_stem="SAR-2026-007 acknowledgement"
    )
    qtbot.addWidget(dialog)
    target = tmp_path / "out" / "chosen.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Zoë Şahin" in text
    assert sorted(p.name for p in target.parent.iterdir()) == ["chosen.pdf"]
    issued = LetterService(session).issued(case_kind="request", case_id=7)
    assert len(issued) == 1 and issued[0].has_pdf


def test_wording_dialog_rejects_unknown_field_and_resets(qtbot, window, school) -> None:
    from schooldp.ui.pages.letters import WordingDialog

    session = _open(qtbot, window, school)
    dialog = WordingDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("generic"))
    dialog.text.setPlainText(dialog.text.toPlainText() + "\n\n{shoe_size}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "no field {shoe_size}" in dialog.error.text()
    dialog.text.setPlainText(LETTER.default_wording() + "\n\nKind regards from the office team.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert LetterService(session).wording(LETTER).endswith("office team.")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert LetterService(session).wording(LETTER) is None
    assert dialog.text.toPlainText() == LETTER.default_wording()


def test_background_batch_reports_progress_and_cancels(qtbot, window, school) -> None:
    import pytest

    from schooldp.ui.workers import Cancelled, run_with_progress

    session = _open(qtbot, window, school)
    seen = []

    def work(progress, is_cancelled):
        for i in range(5):
            progress(i + 1, 5)
            seen.append(i)
        return "done"

    assert run_with_progress(window, "Letters", work) == "done"
    assert seen == [0, 1, 2, 3, 4]

    def slow(progress, is_cancelled):
        import time

        for _ in range(200):
            if is_cancelled():
                raise RuntimeError("stopped")
            time.sleep(0.01)
        return "finished"

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    def press_cancel():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible():
                button = next(b for b in w.findChildren(QPushButton) if b.text() == "Cancel")
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(100, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(window, "Letters", slow)
    assert session is not None
