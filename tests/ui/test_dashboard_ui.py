"""The dashboard on the demo school: everything due, most urgent first; a click opens the record."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from schooldp.domain.clock import LONDON
from schooldp.domain.deadlines import DeadlineStatus

# A fixed school day: the demo is dated back from it and the session's clock stands on it.
DAY = date(2026, 11, 25)

_ORDER = [DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.UPCOMING, DeadlineStatus.PAUSED]


def test_dashboard_lists_demo_items_in_urgency_order_and_opens_them(qtbot, window, tmp_path) -> None:
    from schooldp.demo import create_demo_school

    now = datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
    session, folder = create_demo_school(tmp_path / "demo", today=DAY)
    window.demo_folder = folder
    window.shell.dashboard.now_fn = lambda: now
    window.on_opened(session, remember=False)
    window.shell.go("Dashboard")
    page = window.shell.dashboard
    view = page.model.view
    assert view is not None and view.items, "the demo school should have things due"
    statuses = [i.deadline.status(now) for i in view.items]
    assert [_ORDER.index(s) for s in statuses] == sorted(_ORDER.index(s) for s in statuses)
    areas = {i.area for i in view.items}
    assert {"breach", "request", "consent"} <= areas
    assert int(page.overdue.number.text()) == statuses.count(DeadlineStatus.OVERDUE)
    # Overdue items are never below the fold: they are the first rows.
    first_rows = [page.model.index(r, 0).data() for r in range(statuses.count(DeadlineStatus.OVERDUE))]
    assert all(text.startswith("⚠") for text in first_rows)
    # Activating a row opens its record on the right page.
    for area, name in (("breach", "Breaches"), ("request", "Requests"), ("consent", "Consent")):
        row = next(r for r, i in enumerate(view.items) if i.area == area)
        window.shell.go("Dashboard")
        page.table.setCurrentIndex(page.model.index(row, 0))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert window.shell.sidebar.currentItem().text() == name
    # The alert names references, never people.
    window.notifier.now_fn = lambda: now
    window.notifier._told.clear()
    window.notifier.check()
    if statuses.count(DeadlineStatus.OVERDUE) or statuses.count(DeadlineStatus.DUE_TODAY):
        assert window.notifier.last_message


def test_annual_report_dialog_shows_saves_and_records(qtbot, window, tmp_path, monkeypatch) -> None:
    import io

    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from schooldp.demo import create_demo_school
    from schooldp.services.reports import load_notes
    from schooldp.ui.dialogs.annual_report import AnnualReportDialog
    from tests.ui.conftest import type_text

    session, folder = create_demo_school(tmp_path / "demo", today=DAY)
    window.demo_folder = folder
    window.on_opened(session, remember=False)
    dialog = AnnualReportDialog(session, window, DAY)
    qtbot.addWidget(dialog)
    type_text(dialog.commentary, "Breaches fell after the spring training.")
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert dialog.pdf and dialog.view.document().pageCount() >= 2
    assert load_notes(session).commentary == "Breaches fell after the spring training."
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages).split()
    )
    assert "Breaches fell after the spring training." in text
    qtbot.mouseClick(dialog.summary_button, Qt.MouseButton.LeftButton)
    assert dialog.view.document().pageCount() == 1
    assert "report.issued" in [e.action for e in session.activity(limit=20)]
    # An impossible period is refused in words.
    dialog.end.setDate(dialog.start.date().addDays(-1))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert "before its start" in dialog.error.text()
