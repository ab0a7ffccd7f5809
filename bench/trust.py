"""Trust roll-up benchmark: the dashboard across 20 schools x 2,000 pupils on a local server.

Goal: the trust dashboard opens (the catalogue read, the roll-up worked out on the server and in
Python, the page's table filled) in under 1 s. Each figure is also shown as a ratio against
baselines measured in the same run, so it reads the same on a fast server and a slow one:

- round trip: ``SELECT 1`` on a pooled connection (the least any query costs);
- one pass: counting every school's pupils in one UNION ALL (the least a roll-up over all
  schools could cost).

Everything is timed as the trust DPO's own login, so the server's row-level security is paid for.

The benchmark starts its own throw-away PostgreSQL cluster (``initdb`` in a temporary folder),
or uses ``SCHOOLDP_TEST_PG_URL`` when set, and drops what it made.

    python -m bench.trust [--schools 20] [--pupils 2000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))

GOAL_MS = 1000


def timed(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: imports, the pool, the server's caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    from tests.pg import cluster

    own = None
    server = cluster.server_from_env()
    if server is None:
        own = cluster.Cluster()
        server = own.start()
    else:
        cluster.wait_for(server)
    from tests.pg.trust import Trust, tear_down

    db = cluster.new_database(server)
    try:
        return _run(db, args)
    finally:
        tear_down(server, Trust(db))  # the database and the trust's roles
        if own is not None:
            own.stop()


def _run(db: object, args: argparse.Namespace) -> int:
    from sqlalchemy import text
    from tests.pg.trust import PASSWORD

    from schooldp.demo.trust import seed_trust
    from schooldp.domain.clock import LONDON, FrozenClock
    from schooldp.services.trust import admin
    from schooldp.services.trust.rollup import catalogue_schools, compute_rollup
    from schooldp.storage.server.engine import make_engine

    now = datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)
    started = time.perf_counter()
    refs = seed_trust(db, args.schools, args.pupils, now)  # type: ignore[arg-type]
    seed_s = time.perf_counter() - started
    # timed as the trust DPO's own login, through the server's row-level security
    login = f"{db.database}_priya"  # type: ignore[attr-defined]
    admin.add_user(db, login, "Trust DPO", PASSWORD, trust=True)  # type: ignore[arg-type]
    engine = make_engine(db.set(username=login, password=PASSWORD))  # type: ignore[attr-defined]
    clock = FrozenClock(now)
    page = _page()

    def dashboard() -> object:
        rollup = compute_rollup(engine, catalogue_schools(engine), clock)
        if page is not None:
            page.show_rollup(rollup)
        return rollup

    def service_only() -> object:
        return compute_rollup(engine, refs, clock)

    def round_trip() -> None:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1")).scalar()

    union = " UNION ALL ".join(f'SELECT count(*) FROM "{r.schema}".pupils' for r in refs)

    def one_pass() -> None:
        with engine.connect() as conn:
            conn.execute(text(union)).all()

    open_s = timed(dashboard, args.repeat)
    service_s = timed(service_only, args.repeat)
    trip_s = timed(round_trip, args.repeat * 3)
    pass_s = timed(one_pass, args.repeat)
    rollup = dashboard()
    with engine.connect() as conn:
        events = sum(
            conn.execute(text(f'SELECT count(*) FROM "{r.schema}".consent_events')).scalar_one() for r in refs
        )
    engine.dispose()
    _report(args, rollup, seed_s, events, open_s, service_s, trip_s, pass_s, page is not None)
    return 0


def _page():  # type: ignore[no-untyped-def]
    """The trust dashboard page, when it can be built (the table filled is part of "opens")."""
    try:
        from schooldp.ui.app import make_app
        from schooldp.ui.pages.trust_dashboard import TrustDashboardPage
    except ImportError:
        return None
    make_app()
    page = TrustDashboardPage(load=None)
    page.resize(1366, 700)
    return page


def _report(
    args: argparse.Namespace,
    rollup: object,
    seed_s: float,
    events: int,
    open_s: float,
    service_s: float,
    trip_s: float,
    pass_s: float,
    with_page: bool,
) -> None:
    from schooldp.services.trust.rollup import TrustRollup

    assert isinstance(rollup, TrustRollup)
    print(
        f"Trust: {args.schools} schools x {args.pupils:,} pupils ({rollup.pupils_on_roll:,} on roll),"
        f" {events:,} consent entries; seeded in {seed_s:.1f} s"
    )
    print(
        f"Figures: {rollup.overdue} overdue, {rollup.due_this_week} due this week, "
        f"{rollup.open_breaches} open breaches, {rollup.open_requests} open requests, "
        f"consent {rollup.consent_percent}%"
    )
    print(f"Machine: {platform.machine()} {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"{'':34}{'median':>10}{'x round trip':>14}{'x one pass':>12}{'goal':>9}")
    what = "dashboard opens (page filled)" if with_page else "dashboard opens (no page)"
    for label, value, goal in (
        (what, open_s, f"<{GOAL_MS}ms"),
        ("roll-up service only", service_s, ""),
        ("baseline: round trip", trip_s, ""),
        ("baseline: one pass over pupils", pass_s, ""),
    ):
        print(f"{label:34}{value * 1000:>8.1f}ms{value / trip_s:>13.0f}x{value / pass_s:>11.1f}x{goal:>9}")
    print("PASS" if open_s * 1000 < GOAL_MS else "OVER GOAL")
    print(f"trust_dashboard_ms={open_s * 1000:.0f}")


if __name__ == "__main__":
    sys.exit(main())
