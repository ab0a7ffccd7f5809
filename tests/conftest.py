"""Shared test setup: offscreen Qt before any Qt import, and a private SCHOOLDP_HOME."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def schooldp_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data, backup, log and config folders."""
    home = tmp_path_factory.mktemp("schooldp-home")
    monkeypatch.setenv("SCHOOLDP_HOME", str(home))
    return home
