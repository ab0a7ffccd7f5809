"""Breach trends for governors (Policy App 1: "regularly assess recorded breaches and identify trends")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches.values import RegisterRow, Trends


def _months(start: date, end: date) -> list[tuple[int, int]]:
    """Every (year, month) from start to end, both included."""
    months: list[tuple[int, int]] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _by_month(rows: Sequence[RegisterRow], start: date, end: date) -> list[tuple[str, int]]:
    counts = Counter((r.aware_at.astimezone(LONDON).year, r.aware_at.astimezone(LONDON).month) for r in rows)
    return [(date(y, m, 1).strftime("%b %Y"), counts.get((y, m), 0)) for y, m in _months(start, end)]


def _undecided(r: RegisterRow) -> bool:
    """Not yet decided, or decided reportable and not yet reported."""
    return r.reportable is None or (r.reportable and r.reported_at is None)


def build_trends(rows: Sequence[RegisterRow], start: date, end: date) -> Trends:
    breaches = [r for r in rows if not r.near_miss]
    causes = Counter((r.cause.label if r.cause else "Not yet recorded") for r in breaches)
    cats = Counter(c.label for r in breaches for c in r.categories)
    return Trends(
        total=len(rows),
        by_month=_by_month(rows, start, end),
        by_cause=causes.most_common(),
        by_category=cats.most_common(),
        reported=sum(1 for r in breaches if r.reported_at is not None),
        not_reported=sum(1 for r in breaches if r.reportable is False),
        undecided=sum(1 for r in breaches if _undecided(r)),
        near_misses=len(rows) - len(breaches),
        start=start,
        end=end,
    )
