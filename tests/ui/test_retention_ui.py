"""Retention page as the DPO uses it: set how long leavers' consent records are kept, review what
is due, delete exactly those; log a disposal by a contractor and keep its certificate."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from schooldp.services.retention import DisposalMethod, OwnKind, RetentionService
from tests.storage.test_retention_service import leavers  # noqa: F401  (the fixture)
from tests.ui.conftest import type_text, unlock_in_window

_unlock = unlock_in_window


def test_review_and_purge_leavers_consents_then_log_a_disposal(
    qtbot,
    window,
    leavers,  # noqa: F811
    tmp_path,
    monkeypatch,
) -> None:
    school, pupils = leavers
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append("WARNING " + a[2]))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    _unlock(qtbot, window, school)
    window.resize(1366, 768)
    window.shell.go("Retention")
    page = window.shell.stack.currentWidget()
    assert page.title_text == "Retention"
    page.tabs.setCurrentIndex(2)
    spin = page.periods[OwnKind.LEAVER_CONSENTS]
    spin.setFocus()
    spin.selectAll()
    type_text(spin, "24")
    qtbot.mouseClick(page.save_periods_button, Qt.MouseButton.LeftButton)
    assert told[-1] == "The periods were saved."
    page.kind.setCurrentIndex(page.kind.findData(OwnKind.LEAVER_CONSENTS))
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert page.due.column_texts(0) == ["Brown, Amelia", "Reid, Kai"]
    assert page.due_summary.text().startswith("2 leavers' consent records are past")
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert asked and "Delete 2 leavers' consent records" in asked[0]
    assert page.due.rowCount() == 0 and "2 leavers' consent records were deleted" in page.due_summary.text()
    entry = RetentionService(window.session).session.activity()[0]
    assert entry.action == "retention.purged" and "Brown" not in entry.summary

    # A disposal by a contractor, then its certificate kept in the vault.
    page.tabs.setCurrentIndex(1)

    def fill() -> None:
        d = QApplication.activeModalWidget()
        try:
            d.what.setFocus()
            type_text(d.what, "Paper consent forms of 2024 leavers")
            type_text(d.volume, "1 box")
            d.method.setCurrentIndex(d.method.findData(DisposalMethod.CONTRACTOR))
            d.contractor.setFocus()
            type_text(d.contractor, "Shred-it Ltd")
            qtbot.mouseClick(
                d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                Qt.MouseButton.LeftButton,
            )
        finally:
            if d.isVisible():
                d.reject()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(page.add_disposal_button, Qt.MouseButton.LeftButton)
    assert page.disposals.rowCount() == 1
    assert page.disposals.cell(0, page.disposals.Columns.CERTIFICATE) == "Missing"
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(b"%PDF certificate")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(cert), ""))
    page.log_table.setCurrentIndex(page.disposals.index(0, 0))
    qtbot.mouseClick(page.certificate_button, Qt.MouseButton.LeftButton)
    assert page.disposals.cell(0, page.disposals.Columns.CERTIFICATE) == "Kept: certificate.pdf"
