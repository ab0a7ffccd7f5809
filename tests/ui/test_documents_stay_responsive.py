"""Documents are made on a worker: the window keeps ticking while the breach decision record or a
privacy notice is built, the PDF lands where the person chose, and it is recorded as before.

Each build is held on its worker until a 10 ms timer on the UI thread has ticked a few times: if
the build ran on the UI thread, the timer could not tick and the test would time out. (Counts
of ticks, never wall-clock limits.)
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from schooldp.domain.deadlines import london_now
from schooldp.services.breaches import BreachReport, BreachService
from schooldp.services.records import NoticeAudience, RecordsService
from schooldp.ui.operations import OPERATIONS
from schooldp.ui.wizards.breach.wizard import BreachTriageWizard
from tests.ui.conftest import unlock_in_window

HELD_FOR_TICKS = 5


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


class Ticker:
    """A 10 ms timer on the UI thread; it only ticks while the UI thread is free."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def _held(fn: Callable[..., Any], ticker: Ticker, seen: dict[str, int]) -> Callable[..., Any]:
    """`fn`, made to wait on its worker until the UI thread's timer has ticked a few more times."""
    release = threading.Event()

    def watch() -> None:
        if ticker.count >= seen.setdefault("start", ticker.count) + HELD_FOR_TICKS:
            release.set()

    ticker.timer.timeout.connect(watch)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen["on_ui_thread"] = threading.current_thread() is threading.main_thread()
        seen["start"] = ticker.count
        assert release.wait(20), "the UI thread stopped ticking while the document was made"
        seen["ticked"] = ticker.count - seen["start"]
        return fn(*args, **kwargs)

    return wrapper


@pytest.fixture
def breach(school):
    now = london_now()
    report = BreachReport(
        "Class list emailed to the wrong parent",
        "Office manager",
        now - timedelta(hours=3),
        "The parent replied to say so.",
        "A Year 4 class list with medical notes went to one wrong address.",
        dpo_notified_at=now - timedelta(hours=2),
    )
    return BreachService(school).report_breach(report, now=now - timedelta(hours=2))


@pytest.fixture
def demo(tmp_path):
    """The demo school: its breaches have been worked through to their decisions."""
    from schooldp.demo import create_demo_school

    session, _folder = create_demo_school(tmp_path / "demo")
    yield session
    session.close(backup=False)


def test_the_decision_record_is_made_while_the_window_keeps_ticking(
    qtbot, demo, tmp_path, monkeypatch
) -> None:
    import schooldp.services.breaches as breaches

    school = demo
    breach = next(b for b in BreachService(demo).records() if b.triage.decision is not None)

    ticker, seen = Ticker(), {}
    monkeypatch.setattr(breaches, "decision_record_pdf", _held(breaches.decision_record_pdf, ticker, seen))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    wizard = BreachTriageWizard(school, breach.id)
    qtbot.addWidget(wizard)

    wizard.show_decision_record()
    assert wizard.children_dialogs == [] and OPERATIONS.running == 1  # on its way, not made here
    qtbot.waitUntil(lambda: bool(wizard.children_dialogs or warned), timeout=30000)
    assert warned == []
    assert seen["on_ui_thread"] is False and seen["ticked"] >= HELD_FOR_TICKS
    qtbot.waitUntil(lambda: OPERATIONS.running == 0, timeout=5000)

    dialog = wizard.children_dialogs[0]
    assert breach.reference in _text(dialog.pdf)
    chosen = tmp_path / "chosen folder" / "decision.pdf"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    assert dialog.save() == chosen
    assert chosen.read_bytes() == dialog.pdf
    noted = [e.summary for e in school.activity(action="breach.document")]
    assert noted == ["Decision record saved"]  # recorded as before


def test_a_failed_decision_record_says_so_in_plain_words(qtbot, school, breach, monkeypatch) -> None:
    import schooldp.services.breaches as breaches

    def broken(*_args: Any) -> bytes:
        raise RuntimeError("reportlab: glyph table overflow")

    monkeypatch.setattr(breaches, "decision_record_pdf", broken)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    wizard = BreachTriageWizard(school, breach.id)
    qtbot.addWidget(wizard)
    wizard.show_decision_record()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told == [
        "The decision record could not be made, so nothing was saved. Try again; if it happens "
        "again, close SchoolDP, open it again and send the log file to your support contact."
    ]
    assert wizard.children_dialogs == []
    assert "glyph" not in told[0]


def test_the_privacy_notice_is_generated_and_saved_while_the_window_keeps_ticking(
    qtbot, window, school, tmp_path, monkeypatch
) -> None:
    RecordsService(school).adopt_starter()
    unlock_in_window(qtbot, window, school)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append("WARNING " + a[2]))
    ticker, seen = Ticker(), {}
    monkeypatch.setattr(
        RecordsService, "generate_notice", _held(RecordsService.generate_notice, ticker, seen)
    )
    window.shell.go("Records")
    page = window.shell.stack.currentWidget()
    page.tabs.setCurrentIndex(2)

    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert told == []  # still being made
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert seen["on_ui_thread"] is False and seen["ticked"] >= HELD_FOR_TICKS
    assert told == ["The pupils and parents notice was generated. Save it as a PDF or a web page."]
    notice = RecordsService(window.session).latest_notice(NoticeAudience.PUPILS_PARENTS)
    assert notice is not None and "Oakfield Primary School" in notice.html

    chosen = tmp_path / "notice for the website.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(chosen.exists, timeout=20000)
    qtbot.waitUntil(lambda: OPERATIONS.running == 0, timeout=5000)
    assert "Oakfield Primary School" in _text(chosen.read_bytes())
    assert not [t for t in told if t.startswith("WARNING")]
    states = {page.notices.cell(r, 0): page.notices.cell(r, 1) for r in range(page.notices.rowCount())}
    assert states["Pupils and parents"] == "✓ Up to date"
    Path("/tmp/jobs").mkdir(exist_ok=True)
    window.grab().save("/tmp/jobs/records-notice.png")


def test_the_retention_schedule_export_is_written_where_the_person_chose(
    qtbot, window, school, tmp_path, monkeypatch
) -> None:
    from openpyxl import load_workbook

    RecordsService(school).adopt_starter()
    unlock_in_window(qtbot, window, school)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append("WARNING " + a[2]))
    chosen = tmp_path / "for the governors" / "retention.xlsx"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    window.shell.go("Retention")
    page = window.shell.stack.currentWidget()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # written on a worker
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert told == ["The schedule and the disposal log were exported."]
    sheets = load_workbook(chosen).sheetnames
    assert len(sheets) >= 1 and load_workbook(chosen).active.max_row > 10  # one row per activity
