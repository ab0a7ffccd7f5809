"""Open the trust dashboard with 20 schools on one simulated screen; report what does not fit.

python -m tests.ui.trust_fit_check   (QT_QPA_PLATFORM=offscreen:configfile=..., QT_SCALE_FACTOR)

The figures are made here from the roll-up's own values (no server needed to lay out a page):
20 schools with long names, breaches in every clock state and five consent purposes.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QApplication


def sample_rollup():  # type: ignore[no-untyped-def]
    from schooldp.demo.trust import SCHOOL_NAMES
    from schooldp.domain.clock import LONDON
    from schooldp.domain.deadlines import Deadline, DeadlineKind
    from schooldp.services.breaches.countdown import countdown
    from schooldp.services.trust.rollup import (
        BreachClock,
        PurposeCoverage,
        SchoolFigures,
        SchoolRef,
        TrustItem,
        TrustRollup,
    )

    now = datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
    schools = []
    for n in range(20):
        code = f"s{n:02d}"
        ref = SchoolRef(
            code, SCHOOL_NAMES[n] + (" Church of England Academy" if n % 5 == 0 else ""), f"school_{code}"
        )
        aware = now - timedelta(hours=10 * n)
        clock = BreachClock(code, 20, f"BR-2026-{n:03d}", aware, countdown(aware, now))
        items = tuple(
            TrustItem(
                code,
                "request",
                Deadline(DeadlineKind.SUBJECT_ACCESS, f"SAR-2026-{i:03d}", date(2026, 11, 10 + i)),
                i,
            )
            for i in range(n % 6)
        )
        consent = tuple(
            PurposeCoverage(f"p{i}", f"Purpose {i}", 1950, 1400 + 10 * n, 300, 250 - 10 * n) for i in range(5)
        )
        schools.append(SchoolFigures(ref, 1950, items, (clock,) if n % 3 else (), len(items), consent, now))
    return TrustRollup(now, tuple(schools))


def check() -> list[str]:
    from schooldp.ui.app import make_app
    from schooldp.ui.pages.trust_dashboard import TrustDashboardPage, TrustDashboardWindow
    from tests.ui.fit_check import problems_of

    make_app()
    page = TrustDashboardPage(prepared_by="Trust DPO")
    window = TrustDashboardWindow(page)
    window.show()
    page.show_rollup(sample_rollup())
    for _ in range(3):
        QApplication.processEvents()
    found = problems_of("trust dashboard", window)
    for table in (page.schools_table, page.breaches_table):
        if table.horizontalScrollBar().isVisible():
            found.append(f"trust dashboard: the table {table.accessibleName()!r} scrolls sideways")
        if table.height() < 90:
            found.append(
                f"trust dashboard: the table {table.accessibleName()!r} is only {table.height()} px high"
            )
    window.close()
    return found


if __name__ == "__main__":
    print(json.dumps(check()))
    sys.exit(0)
