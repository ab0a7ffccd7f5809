"""The dashboard on the demo school: everything due, most urgent first; a click opens the record."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from schooldp.domain.deadlines import DeadlineStatus, london_now

_ORDER = [DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.UPCOMING, DeadlineStatus.PAUSED]


def test_dashboard_lists_demo_items_in_urgency_order_and_opens_them(qtbot, window, tmp_path) -> None:
    from schooldp.services.demo import create_demo_school

    now = london_now()
    session, folder = create_demo_school(tmp_path / "demo", today=date.today())
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
