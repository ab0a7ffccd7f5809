"""The trust dashboard: every school the person may read, on one page (the trust role's home).

Tiles sum the schools shown; the table has one row per school (sortable by any column); the
breach list shows every open breach with its 72-hour ICO clock. "School" narrows everything to
one school; opening a school (double-click, Enter, or the button) asks the sign-in flow to open
that school's own pages through `open_school_requested(code)`. The figures are read on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from schooldp.domain.errors import SchoolDPError
from schooldp.services.files import save_bytes
from schooldp.services.trust.annual import TrustDashboardService
from schooldp.services.trust.rollup import SchoolFigures, TrustRollup
from schooldp.ui.models.base import ID_ROLE, SORT_ROLE
from schooldp.ui.models.trust_tables import TrustBreachesModel, TrustSchoolsModel
from schooldp.ui.operations import Op
from schooldp.ui.pages.base import heading_row, page_layout
from schooldp.ui.printing import ask_save_path
from schooldp.ui.style import AMBER, GREEN, NAVY, RED, set_role
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.widgets.forms import subtitle
from schooldp.ui.widgets.tables import fit_columns, register_view

__all__ = ["TrustDashboardPage", "TrustDashboardWindow"]

ALL_SCHOOLS = "All schools"
UNREACHABLE = (
    "The figures could not be read from the trust's server. Check the network connection and "
    "press Refresh; if it keeps happening, tell the trust's IT staff."
)


def _sorted_view(
    model: TrustSchoolsModel | TrustBreachesModel, name: str, stretch: int, sort_by: int, order: Qt.SortOrder
) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = register_view(proxy, name, sortable=True, alternating=True, stretch=stretch)
    view.sortByColumn(sort_by, order)
    return view


class _Tile(QFrame):
    """A figure and its caption side by side: five fit across a laptop screen and leave room
    for the table."""

    def __init__(self, caption: str, colour: str, suffix: str = "") -> None:
        super().__init__()
        self.suffix = suffix
        set_role(self, "card")
        box = QHBoxLayout(self)
        box.setContentsMargins(12, 6, 12, 6)
        self.number = QLabel("0")
        self.number.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {colour};")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        box.addWidget(self.number)
        box.addWidget(self.caption, 1)
        self.setAccessibleName(caption)

    def set(self, n: int | None) -> None:
        """``None`` is shown as a dash: nothing to count yet, which is not the same as nought."""
        shown = "–" if n is None else f"{n}{self.suffix}"
        self.number.setText(shown)
        self.setAccessibleDescription(f"{shown} {self.caption.text()}")


class TrustDashboardPage(QWidget):
    """The roll-up across schools. ``load`` reads it (on a worker); None shows nothing until
    `show_rollup` is called (the bench and tests fill it directly)."""

    open_school_requested = Signal(str)  # school code
    title_text = "Trust dashboard"

    def __init__(
        self,
        service: TrustDashboardService | None = None,
        *,
        load: Callable[[], TrustRollup] | None = None,
        prepared_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.load = load or (service.rollup if service is not None else None)
        self.prepared_by = prepared_by
        self.rollup: TrustRollup | None = None
        self._build()

    # ---- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = page_layout(self)
        self.refresh_button = QPushButton("&Refresh")
        self.report_button = QPushButton("Trust annual &report…")
        self.report_button.setAccessibleName("Save the trust's annual report as a PDF")
        self.open_button = QPushButton("&Open school")
        self.open_button.setAccessibleName("Open the chosen school's own pages")
        layout.addLayout(heading_row("Trust dashboard", self.refresh_button, self.report_button))
        self.summary = subtitle("Reading the figures from the trust's server…")
        layout.addWidget(self.summary)
        layout.addLayout(self._filter_row())
        layout.addLayout(self._tiles())
        self.schools_model = TrustSchoolsModel(self)
        c = TrustSchoolsModel.Columns
        self.schools_table = _sorted_view(
            self.schools_model, "Schools", c.SCHOOL, c.OVERDUE, Qt.SortOrder.DescendingOrder
        )
        self.breaches_model = TrustBreachesModel(self)
        b = TrustBreachesModel.Columns
        self.breaches_table = _sorted_view(
            self.breaches_model,
            "Open breaches and their 72-hour ICO clocks",
            b.CLOCK,
            b.CLOCK,
            Qt.SortOrder.AscendingOrder,
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.schools_table)
        splitter.addWidget(self._labelled("Open breaches, nearest ICO deadline first", self.breaches_table))
        splitter.setSizes([340, 130])
        layout.addWidget(splitter, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(self.save_report)
        self.open_button.clicked.connect(self._open_current)
        self.schools_table.activated.connect(self._open_index)
        self.report_button.setEnabled(self.service is not None)

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel("&School:")
        self.school_filter = QComboBox()
        self.school_filter.setAccessibleName("Show one school or all")
        self.school_filter.setMinimumContentsLength(28)
        self.school_filter.addItem(ALL_SCHOOLS, None)
        label.setBuddy(self.school_filter)
        row.addWidget(label)
        row.addWidget(self.school_filter)
        row.addWidget(self.open_button)
        row.addStretch()
        self.school_filter.currentIndexChanged.connect(self._apply_filter)
        return row

    def _tiles(self) -> QGridLayout:
        tiles = QGridLayout()
        self.overdue_tile = _Tile("overdue", RED)
        self.due_tile = _Tile("due in the next 7 days", AMBER)
        self.breach_tile = _Tile("breaches awaiting an ICO report", RED)
        self.requests_tile = _Tile("open requests", NAVY)
        self.consent_tile = _Tile("consent given, all purposes", GREEN, suffix="%")
        for i, tile in enumerate(
            (self.overdue_tile, self.due_tile, self.breach_tile, self.requests_tile, self.consent_tile)
        ):
            tiles.addWidget(tile, 0, i)
        return tiles

    @staticmethod
    def _labelled(text: str, table: QTableView) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 6, 0, 0)
        caption = QLabel(text)
        caption.setBuddy(table)
        box.addWidget(caption)
        box.addWidget(table)
        return holder

    # ---- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the figures again on a worker; the page stays usable meanwhile."""
        if self.load is None:
            return
        self.refresh_button.setEnabled(False)
        load = self.load
        Op(self, lambda job: load()).success(self.show_rollup).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        message = str(exc) if isinstance(exc, SchoolDPError) else UNREACHABLE
        self.summary.setText(message)
        QMessageBox.warning(self, "Trust dashboard", message)

    def show_rollup(self, rollup: TrustRollup) -> None:
        self.refresh_button.setEnabled(True)
        self.rollup = rollup
        chosen = self.school_filter.currentData()
        self.school_filter.blockSignals(True)
        self.school_filter.clear()
        self.school_filter.addItem(ALL_SCHOOLS, None)
        for s in sorted(rollup.schools, key=lambda s: s.school.name.casefold()):
            self.school_filter.addItem(s.school.name, s.school.code)
        found = self.school_filter.findData(chosen) if chosen else 0
        self.school_filter.setCurrentIndex(max(found, 0))
        self.school_filter.blockSignals(False)
        self._apply_filter()

    def shown_schools(self) -> list[SchoolFigures]:
        if self.rollup is None:
            return []
        code = self.school_filter.currentData()
        return [s for s in self.rollup.schools if code is None or s.school.code == code]

    def _apply_filter(self) -> None:
        if self.rollup is None:
            return
        schools = self.shown_schools()
        self.schools_model.set_rows(schools)
        names = {s.school.code: s.school.name for s in schools}
        self.breaches_model.set_breaches([b for s in schools for b in s.breaches], names)
        self._set_tiles(schools)
        when = self.rollup.now
        pupils = sum(s.pupils_on_roll for s in schools)
        self.summary.setText(
            f"{len(schools)} of {len(self.rollup.schools)} schools, {pupils:,} pupils on roll. Figures as at "
            f"{when:%A} {when.day} {when:%B %Y, %H:%M}. Double-click a school, or press Enter, to open its own pages."
        )
        c = TrustSchoolsModel.Columns
        fit_columns(self.schools_table, c.SCHOOL, essential=(c.OVERDUE, c.DUE))
        b = TrustBreachesModel.Columns
        fit_columns(self.breaches_table, b.CLOCK, essential=(b.REFERENCE,))
        self.open_button.setEnabled(bool(schools))

    def _set_tiles(self, schools: list[SchoolFigures]) -> None:
        self.overdue_tile.set(sum(s.overdue for s in schools))
        self.due_tile.set(sum(s.due_this_week for s in schools))
        self.breach_tile.set(sum(s.breaches_awaiting_report for s in schools))
        self.requests_tile.set(sum(s.open_requests for s in schools))
        asked = sum(s.consent_asked for s in schools)
        self.consent_tile.set(round(100 * sum(s.consent_given for s in schools) / asked) if asked else None)

    # ---- opening a school -----------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        code = index.data(ID_ROLE)
        if code:
            self.open_school_requested.emit(str(code))

    def _open_current(self) -> None:
        code = self.school_filter.currentData()
        if code is None:
            index = self.schools_table.currentIndex()
            if not index.isValid():
                QMessageBox.information(
                    self, "Open school", "Choose a school in the list or under School first."
                )
                return
            code = index.data(ID_ROLE)
        self.open_school_requested.emit(str(code))

    # ---- the annual report ----------------------------------------------------------------------
    def save_report(self) -> None:
        service = self.service
        if service is None:
            return
        codes = None if self.school_filter.currentData() is None else [self.school_filter.currentData()]
        by = self.prepared_by or "The trust's data protection officer"
        Op(self, lambda job: service.annual_report(by, codes=codes)).success(self._save_pdf).failure(
            self._report_failed
        ).with_progress("Preparing the trust's annual report…").run_in_background()

    def _report_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, SchoolDPError) else UNREACHABLE
        QMessageBox.warning(self, "Trust annual report", message)

    def _save_pdf(self, pdf: bytes) -> None:
        suggested = str(Path.home() / "Trust data protection annual report.pdf")
        path = ask_save_path(self, "Save the trust's annual report", suggested, "PDF (*.pdf)")
        if path is None:
            return
        target = path if path.name.lower().endswith(".pdf") else Path(f"{path}.pdf")
        try:
            save_bytes(target, pdf)
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"The report could not be saved there: {exc.strerror}.")
            return
        self.summary.setText(f"✔ The trust's annual report was saved as {target}")


class TrustDashboardWindow(QWidget):
    """The page in a window of its own, sized for a school laptop (the sign-in flow shows it)."""

    def __init__(self, page: TrustDashboardPage) -> None:
        super().__init__()
        self.setWindowTitle("SchoolDP: trust dashboard")
        self.page = page
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(page)
        fit_resize(self, 1280, 680)
