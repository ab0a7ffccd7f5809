"""Model tests run without a window, but brushes and fonts need a QApplication."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    return qapp


@pytest.fixture
def london_tz(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The laptop's own time zone set to the UK, for columns that show local time."""
    import time

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
