"""Breaches: the register with its 72-hour countdowns, “Report a breach…”, and trends."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.breaches import BreachService, Trends, trends_pdf
from schooldp.ui.documents import make_document
from schooldp.ui.models.breach_register import ID_ROLE, BreachRegisterModel
from schooldp.ui.pages.base import Page, heading_row, page_layout
from schooldp.ui.printing import ask_save_path
from schooldp.ui.style import NAVY, set_role
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.tables import fit_columns, register_view, sort_proxy


def school_year_of(day: date) -> int:
    """The calendar year a school year starts in (September)."""
    return day.year if day.month >= 9 else day.year - 1


class BreachesPage(Page):
    title_text = "Breaches"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wizards: list[QWidget] = []
        self.report_dialog = None
        self.pdf_dialog = None
        layout = page_layout(self)
        self.report_button = QPushButton("&Report a breach…")
        set_role(self.report_button, "primary")
        self.report_button.setAccessibleName("Report a breach")
        layout.addLayout(heading_row("Breaches", self.report_button))
        layout.addWidget(
            subtitle(
                "Every breach and near miss, worked through the policy's Appendix 1. The ICO must be told within "
                "72 hours of the school becoming aware; the clock column counts down (⚠ under 24 hours, ‼ under 6)."
            )
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._register_tab(), "Re&gister")
        self.tabs.addTab(self._trends_tab(), "&Trends")
        self.trends: Trends | None = None
        self._connect()
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)  # the countdown moves on while the page is open
        self.timer.timeout.connect(self.refresh)

    def _register_tab(self) -> QWidget:
        reg = QWidget()
        rl = QVBoxLayout(reg)
        rl.addLayout(self._filters())
        rl.addWidget(self._register_table(), 1)
        self.empty = QLabel("No breaches recorded. Use “Report a breach…” when one is reported to you.")
        set_role(self.empty, "subtitle")
        rl.addWidget(self.empty)
        return reg

    def _filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.status = QComboBox()
        self.status.setAccessibleName("Filter by status")
        for text, value in (("All", None), ("Open", "open"), ("Closed", "closed")):
            self.status.addItem(text, value)
        self.reportable = QComboBox()
        self.reportable.setAccessibleName("Filter by reportable")
        for text, value in (("All", None), ("Reportable", True), ("Not reportable", False)):
            self.reportable.addItem(text, value)
        self.year = QComboBox()
        self.year.setAccessibleName("Filter by year")
        filters.addWidget(QLabel("&Status:", buddy=self.status))
        filters.addWidget(self.status)
        filters.addWidget(QLabel("Re&portable:", buddy=self.reportable))
        filters.addWidget(self.reportable)
        filters.addWidget(QLabel("&Year:", buddy=self.year))
        filters.addWidget(self.year)
        filters.addStretch()
        self.open_button = QPushButton("&Open")
        self.ico_button = QPushButton("Record an &ICO report…")
        self.ico_button.setToolTip("A follow-up report to the ICO (or an initial one) for the chosen breach")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setToolTip("Save the register as CSV or Excel for governors (no names of people)")
        filters.addWidget(self.open_button)
        filters.addWidget(self.ico_button)
        filters.addWidget(self.export_button)
        return filters

    def _register_table(self) -> QTableView:
        self.model = BreachRegisterModel(self)
        self.proxy = sort_proxy(self.model, self)
        self.table = register_view(
            self.proxy, "Breach register", sort_by=BreachRegisterModel.Columns.AWARE, alternating=True
        )
        self.table.setWordWrap(False)
        return self.table

    def _trends_tab(self) -> QWidget:
        tr = QWidget()
        tl = QVBoxLayout(tr)
        trow = QHBoxLayout()
        self.period = QComboBox()
        self.period.setAccessibleName("Trends period")
        trow.addWidget(QLabel("School &year:", buddy=self.period))
        trow.addWidget(self.period)
        self.trend_summary = QLabel()
        self.trend_summary.setAccessibleName("Trends summary")
        trow.addWidget(self.trend_summary, 1)
        self.print_trends = QPushButton("Print &summary…")
        trow.addWidget(self.print_trends)
        tl.addLayout(trow)
        charts = QGridLayout()
        self.month_chart = self._chart_view("Breaches by month")
        self.cause_chart = self._chart_view("By cause")
        self.category_chart = self._chart_view("By kind of data")
        self.reported_chart = self._chart_view("Reported to the ICO or not")
        charts.addWidget(self.month_chart, 0, 0)
        charts.addWidget(self.reported_chart, 0, 1)
        charts.addWidget(self.cause_chart, 1, 0)
        charts.addWidget(self.category_chart, 1, 1)
        tl.addLayout(charts, 1)
        return tr

    def _connect(self) -> None:
        self.report_button.clicked.connect(self.report_breach)
        self.open_button.clicked.connect(self.open_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.export_button.clicked.connect(self.export)
        self.ico_button.clicked.connect(self.record_ico_report)
        for combo in (self.status, self.reportable, self.year):
            combo.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh_trends)
        self.print_trends.clicked.connect(self.print_summary)
        self.tabs.currentChanged.connect(lambda i: self.refresh_trends() if i == 1 else None)

    @staticmethod
    def _chart_view(name: str) -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setAccessibleName(name)
        view.setMinimumHeight(170)  # two rows of charts still fit a 1366x768 laptop
        return view

    # ---- data ---------------------------------------------------------------------------------
    def set_session(self, session) -> None:  # type: ignore[no-untyped-def]
        self.session = session
        self.report_button.setEnabled(not session.read_only)
        self._fill_years()
        self.refresh()
        self.timer.start()

    def _fill_years(self) -> None:
        if self.session is None:
            return
        years = BreachService(self.session).years()
        for combo, items in ((self.year, [("All years", None)] + [(str(y), y) for y in years]),):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        this = school_year_of(self.session.clock.today())
        first = min([school_year_of(date(y, 9, 1)) for y in years] + [this])
        current = self.period.currentData()
        self.period.blockSignals(True)
        self.period.clear()
        for y in range(this, first - 2, -1):
            self.period.addItem(f"{y}/{str(y + 1)[2:]}", y)
        self.period.setCurrentIndex(max(0, self.period.findData(current)))
        self.period.blockSignals(False)

    def refresh(self) -> None:
        if self.session is None or self.session.locked:
            return
        rows = BreachService(self.session).register(
            status=self.status.currentData(),
            reportable=self.reportable.currentData(),
            year=self.year.currentData(),
        )
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        c = BreachRegisterModel.Columns
        fit_columns(self.table, c.TITLE, essential=(c.REFERENCE, c.AWARE, c.CLOCK, c.REPORTABLE, c.SEVERITY))
        if self.tabs.currentIndex() == 1:
            self.refresh_trends()

    def refresh_trends(self) -> None:
        if self.session is None or self.session.locked:
            return
        y = self.period.currentData()
        if y is None:
            return
        self.trends = BreachService(self.session).trends(date(y, 9, 1), date(y + 1, 8, 31))
        t = self.trends
        self.trend_summary.setText(
            f"{t.total} recorded ({t.near_misses} near misses) · {t.reported} reported to the ICO · "
            f"{t.not_reported} not reportable · {t.undecided} awaiting a decision or report"
        )
        self._bar(
            self.month_chart,
            f"Breaches by month, {t.start.year}/{str(t.end.year)[2:]} (when the school became aware)",
            [(m.split()[0], n) for m, n in t.by_month],
            vertical=True,
        )
        self._bar(self.cause_chart, "By cause", t.by_cause[:8])
        self._bar(self.category_chart, "By kind of data", t.by_category[:8])
        pie = QPieSeries()
        for label, n in (
            ("Reported", t.reported),
            ("Not reportable", t.not_reported),
            ("Pending", t.undecided),
        ):
            if n:
                s = pie.append(f"{label}: {n}", n)
                s.setLabelVisible(True)
        chart = QChart()
        chart.addSeries(pie)
        chart.setTitle("Reported to the ICO or not")
        chart.legend().hide()
        self.reported_chart.setChart(chart)

    def _bar(self, view: QChartView, name: str, items: list[tuple[str, int]], vertical: bool = False) -> None:
        chart = QChart()
        chart.setTitle(name)
        chart.legend().hide()
        bars = QBarSet("Breaches")
        bars.setColor(NAVY)
        labels = []
        for label, n in items:
            bars.append(n)
            labels.append(label if len(label) < 34 else label[:32] + "…")
        series = QBarSeries() if vertical else QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append(labels or [""])
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setMin(0)
        values.setMax(max([n for _, n in items] + [1]) + 1)
        values.setTickCount(min(6, int(values.max()) + 1))
        if vertical:
            chart.addAxis(cats, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        else:
            chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(values)
        view.setChart(chart)

    def clear(self) -> None:
        super().clear()
        self.timer.stop()
        self.model.clear()
        self.trends = None
        self.trend_summary.clear()
        for view in (self.month_chart, self.cause_chart, self.category_chart, self.reported_chart):
            view.setChart(QChart())
        for w in self.wizards:
            w.close()
        self.wizards.clear()

    # ---- actions ------------------------------------------------------------------------------
    def report_breach(self) -> None:
        from schooldp.ui.dialogs.breach_report import ReportBreachDialog

        if self.session is None:
            return
        self.report_dialog = ReportBreachDialog(self.session, self)
        self.report_dialog.accepted.connect(self._reported)
        self.report_dialog.open()

    def _reported(self) -> None:
        dialog = self.report_dialog
        if dialog is None or dialog.created is None:
            return
        self._fill_years()
        self.refresh()
        self.open_breach(dialog.created.id)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        index = rows[0] if rows else self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_reference(self, reference: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data() == reference:
                self.table.selectRow(row)
                return

    def open_selected(self) -> None:
        breach_id = self.selected_id()
        if breach_id is not None:
            self.open_breach(breach_id)

    def open_breach(self, breach_id: int):  # type: ignore[no-untyped-def]
        from schooldp.ui.wizards.breach_triage import BreachTriageWizard

        if self.session is None:
            return None
        try:
            wizard = BreachTriageWizard(self.session, breach_id, self)
        except SchoolDPError as exc:
            QMessageBox.warning(self, "Breach", str(exc))
            return None
        wizard.setWindowModality(Qt.WindowModality.WindowModal)
        wizard.finished.connect(lambda *_: self._wizard_closed(wizard))
        self.wizards.append(wizard)
        wizard.show()
        return wizard

    def record_ico_report(self):  # type: ignore[no-untyped-def]
        """A follow-up report to the ICO from the register, without reopening the wizard."""
        from schooldp.services.breaches import BreachService
        from schooldp.ui.dialogs.breach_ico_report import IcoReportDialog

        breach_id = self.selected_id()
        if self.session is None or breach_id is None:
            return None
        self.ico_dialog = IcoReportDialog(self.session, BreachService(self.session).breach(breach_id), self)
        self.ico_dialog.accepted.connect(self.refresh)
        self.ico_dialog.open()
        return self.ico_dialog

    def open_record(self, record_id: int) -> None:
        """Opened from the dashboard."""
        self.open_breach(record_id)

    def _wizard_closed(self, wizard: QWidget) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        self._fill_years()
        self.refresh()

    def export(self) -> None:
        if self.session is None:
            return
        path = ask_save_path(
            self, "Export the breach register", "Breach register.xlsx", "Excel workbook (*.xlsx);;CSV (*.csv)"
        )
        if path is None:
            return
        try:
            BreachService(self.session).export(path, self.model.rows)
        except (SchoolDPError, OSError) as exc:
            QMessageBox.warning(self, "Not exported", f"The register could not be saved: {exc}")
            return
        QMessageBox.information(self, "Exported", f"The register was saved to {path}.")

    def print_summary(self) -> None:
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        if self.session is None or self.period.currentData() is None:
            return
        y, session = self.period.currentData(), self.session

        def show(pdf: bytes) -> None:
            self.pdf_dialog = BreachPdfDialog(
                session, None, pdf, f"Breach trends {y}-{y + 1}", "Trends summary", self
            )
            self.pdf_dialog.open()

        make_document(
            self, "Trends summary", lambda: trends_pdf(session, date(y, 9, 1), date(y + 1, 8, 31)), show
        )
