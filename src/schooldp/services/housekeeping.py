"""What start-up tidies before the first window: light on purpose (no database libraries)."""

from __future__ import annotations

from pathlib import Path

from schooldp.storage.stale_work import clean_stale_work


def clean_up_after_crash() -> list[Path]:
    """At start: remove work folders an interrupted backup left behind."""
    return clean_stale_work()
