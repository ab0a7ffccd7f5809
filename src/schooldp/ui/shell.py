"""The shell: the sidebar and its pages, each page built on its first visit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QStackedWidget,
    QWidget,
)

from schooldp.config import Preferences

if TYPE_CHECKING:
    from schooldp.services.school import SchoolSession
    from schooldp.ui.pages.activity import ActivityPage
    from schooldp.ui.pages.base import Page
    from schooldp.ui.pages.dashboard import DashboardPage
    from schooldp.ui.pages.settings import SettingsPage

# The start and unlock windows import only what they show: the pages (and with them the
# database, PDF and calendar libraries) load after unlock, each page on its first visit.

log = logging.getLogger(__name__)


def _page(module: str, name: str, *args: Any) -> Callable[[], Page]:
    """A factory that imports a page's module only when the page is first shown."""

    def make() -> Page:
        import importlib

        return getattr(importlib.import_module(f"schooldp.ui.pages.{module}"), name)(*args)  # type: ignore[no-any-return]

    return make


class _Pages(Sequence["Page"]):
    """The shell's pages by sidebar row; each is built the first time it is asked for."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell

    def __len__(self) -> int:
        return len(self.shell.names)

    @overload
    def __getitem__(self, index: int) -> Page: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Page]: ...
    def __getitem__(self, index: int | slice) -> Page | Sequence[Page]:
        if isinstance(index, slice):
            return [self.shell.page(i) for i in range(len(self))[index]]
        return self.shell.page(range(len(self))[index])

    def __iter__(self) -> Iterator[Page]:
        return (self.shell.page(i) for i in range(len(self)))


class Shell(QWidget):
    """Sidebar and pages of an open school file. A page is built on its first visit."""

    restore_requested = Signal(Path)  # from the Settings page: a backup file to restore

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setFixedWidth(190)
        self.stack = QStackedWidget()
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.session: SchoolSession | None = None
        factories: list[tuple[str, Callable[[], Page]]] = [
            ("Dashboard", _page("dashboard", "DashboardPage")),
            ("Breaches", _page("breaches", "BreachesPage")),
            ("Requests", _page("requests", "RequestsPage")),
            ("Consent", _page("consent", "ConsentPage")),
            ("People", _page("people", "PeoplePage")),
            ("Letters", _page("letters", "LettersPage")),
            ("Records", _page("records", "RecordsPage")),
            ("DPIAs", _page("dpias", "DpiasPage")),
            ("Retention", _page("retention", "RetentionPage")),
            ("Training", _page("training", "TrainingPage")),
            ("Policies", _page("policies", "PoliciesPage")),
            ("Activity", _page("activity", "ActivityPage")),
            ("Settings", _page("settings", "SettingsPage", prefs)),
        ]
        self.names = [name for name, _ in factories]
        self._factories = [make for _, make in factories]
        self._built: dict[int, Page] = {}
        for name in self.names:
            self.sidebar.addItem(name)
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
        self.pages = _Pages(self)
        self.sidebar.currentRowChanged.connect(self._show)

    def page(self, row: int) -> Page:
        """The page on this sidebar row, built (and given the open school) on first use."""
        built = self._built.get(row)
        if built is not None:
            return built
        page = self._factories[row]()
        self._built[row] = page
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if current == row:
            self.stack.setCurrentIndex(row)
        self._wire(row, page)
        if self.session is not None and not self.session.locked:
            page.set_session(self.session)
        return page

    def _wire(self, row: int, page: Page) -> None:
        name = self.names[row]
        if name == "Dashboard":
            page.open_record.connect(self.open_record)  # type: ignore[attr-defined]
        elif name == "Policies":
            page.go_to.connect(self.go)  # type: ignore[attr-defined]
        elif name == "Settings":
            page.restore_requested.connect(self.restore_requested)  # type: ignore[attr-defined]

    @property
    def dashboard(self) -> DashboardPage:
        return self.page(self.names.index("Dashboard"))  # type: ignore[return-value]

    @property
    def activity(self) -> ActivityPage:
        return self.page(self.names.index("Activity"))  # type: ignore[return-value]

    @property
    def policies(self) -> Page:
        return self.page(self.names.index("Policies"))

    @property
    def settings(self) -> SettingsPage:
        return self.page(self.names.index("Settings"))  # type: ignore[return-value]

    def refresh_changed(self, changed: frozenset[str]) -> None:
        """After an operation: refresh the page on screen if it shows what changed."""
        row = self.sidebar.currentRow()
        page = self._built.get(row)
        if page is None or page.session is None or page.session.locked:
            return
        shows = getattr(page, "shows", None)
        if shows is None or changed & frozenset(shows):
            page.refresh()

    def _show(self, row: int) -> None:
        if row < 0:
            return
        fresh = row not in self._built
        page = self.page(row)
        self.stack.setCurrentIndex(row)
        if not fresh and page.session is not None and not page.session.locked:
            page.refresh()

    def open_record(self, area: str, record_id: int) -> None:
        """Open a breach, request or consent record from the dashboard (or anywhere)."""
        name = {
            "breach": "Breaches",
            "request": "Requests",
            "consent": "Consent",
            "records": "Records",
            "dpia": "DPIAs",
            "retention": "Retention",
            "training": "Training",
            "policies": "Policies",
        }.get(area)
        if name is None:
            return
        self.go(name)
        page = self.pages[self.sidebar.currentRow()]
        opener = getattr(page, "open_record", None)
        if callable(opener):
            opener(record_id)

    def go(self, name: str) -> None:
        for i in range(self.sidebar.count()):
            if self.sidebar.item(i).text() == name:
                self.sidebar.setCurrentRow(i)
                return

    def set_session(self, session: SchoolSession) -> None:
        self.session = session
        for page in self._built.values():
            page.set_session(session)
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)

    def clear(self) -> None:
        self.session = None
        for page in self._built.values():
            page.clear()
