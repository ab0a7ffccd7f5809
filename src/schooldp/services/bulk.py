"""Building many small values at once without the cycle collector rescanning them all."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_cycle_collection"]


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while tens of thousands of values are built.

    Each collection of the oldest generation walks every live object, so building 25,000
    history entries (or 16,000 states) set off collections whose cost grew with the school:
    twice the pupils took more than twice the time. The values built here hold no cycles, so
    nothing is left for the collector; it runs again as soon as the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
