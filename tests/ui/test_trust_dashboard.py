"""The trust dashboard page on a real PostgreSQL server with three hand-made schools."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from schooldp.domain.clock import FrozenClock
from schooldp.services.trust.annual import TrustDashboardService
from schooldp.ui.models.trust_tables import TrustSchoolsModel
from schooldp.ui.pages.trust_dashboard import TrustDashboardPage, TrustDashboardWindow
from tests.pg import test_trust_rollup
from tests.pg.test_trust_rollup import NOW
from tests.ui.screen_runner import problems_on_screen

trust_db = test_trust_rollup.trust_db  # three schools set up with the real admin service


@pytest.fixture
def page(qtbot, trust_db):  # type: ignore[no-untyped-def]
    if "priya" not in trust_db.logins:
        trust_db.add_person("priya", trust=True)  # the trust DPO signs in with her own login
    service = TrustDashboardService(trust_db.engine("priya"), FrozenClock(NOW), "Alsager Multi Academy Trust")
    page = TrustDashboardPage(service, prepared_by="Priya Raman")
    window = TrustDashboardWindow(page)
    qtbot.addWidget(window)
    window.show()
    page.refresh()  # on a worker, as the sign-in flow does
    qtbot.waitUntil(lambda: page.schools_model.rowCount() == 3, timeout=20000)
    yield page
    window.close()


def _column(page: TrustDashboardPage, column: int) -> list[str]:
    view = page.schools_table
    proxy = view.model()
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_the_page_lists_every_school_with_its_figures(page):
    c = TrustSchoolsModel.Columns
    names = _column(page, c.SCHOOL)
    assert sorted(names) == ["Ashby Infants", "Elmwood Academy", "Oakfield Primary"]
    assert names[0] == "Oakfield Primary"  # most overdue first
    rows = dict(zip(names, _column(page, c.REQUESTS), strict=True))
    assert rows["Oakfield Primary"] == "1 open, 1 overdue"
    assert rows["Elmwood Academy"] == "1 open"
    breaches = dict(zip(names, _column(page, c.BREACHES), strict=True))
    assert breaches["Elmwood Academy"] == "2 open, 1 awaiting ICO report"
    assert page.breach_tile.number.text() == "1"
    clock = page.breaches_table.model().index(0, 0).data()
    assert clock.endswith("2 h 0 min left to report to the ICO")


def test_sorting_by_name_puts_the_schools_in_order(page):
    page.schools_table.sortByColumn(TrustSchoolsModel.Columns.SCHOOL, Qt.SortOrder.AscendingOrder)
    assert _column(page, TrustSchoolsModel.Columns.SCHOOL) == [
        "Ashby Infants",
        "Elmwood Academy",
        "Oakfield Primary",
    ]


def test_the_school_filter_narrows_the_table_tiles_and_breaches(qtbot, page):
    combo = page.school_filter
    assert combo.itemText(0) == "All schools" and combo.count() == 4
    combo.setCurrentIndex(combo.findText("Oakfield Primary"))
    assert _column(page, TrustSchoolsModel.Columns.SCHOOL) == ["Oakfield Primary"]
    assert page.overdue_tile.number.text() == "1"
    assert page.breaches_model.rowCount() == 0
    assert "1 of 3 schools" in page.summary.text()
    combo.setCurrentIndex(0)
    assert page.schools_model.rowCount() == 3


def test_opening_a_school_asks_for_its_own_pages(qtbot, page):
    view = page.schools_table
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    with qtbot.waitSignal(page.open_school_requested) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == ["oak"]
    page.school_filter.setCurrentIndex(page.school_filter.findText("Elmwood Academy"))
    with qtbot.waitSignal(page.open_school_requested) as signal:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["elm"]


def test_the_annual_report_is_saved_as_a_pdf_with_a_page_per_school(qtbot, page, tmp_path, monkeypatch):
    from pypdf import PdfReader

    target = tmp_path / "Trust report.pdf"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: pytest.fail(str(a))))
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=30000)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 4
    assert "saved as" in page.summary.text()


@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, "1"), (1920, 1080, "1.5")])
def test_the_trust_dashboard_fits_a_school_laptop(tmp_path, width, height, scale):
    problems = problems_on_screen("tests.ui.trust_fit_check", tmp_path, width, height, scale)
    assert problems == [], "\n".join(problems)
