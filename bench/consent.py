"""Consent matrix benchmark: 2,000 pupils x 8 purposes, opened and filtered.

Goals: the matrix opens (history read from the encrypted vault, states derived, the
table model filled) in under 0.5 s, and a filter applies in under 50 ms. Each figure is also
reported as a ratio against a baseline measured in the same run, so it reads the same on a
fast desktop and a slow school laptop:

- open baseline: reading the same history rows from the vault as plain tuples and building a
  plain Python list of 2,000 x 8 cells (the least any matrix could cost);
- filter baseline: a plain list comprehension over the same 2,000 rows and criteria.

    python -m bench.consent [--pupils 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from PySide6.QtCore import Qt
    from sqlalchemy import select

    from schooldp.demo import demo_profile
    from schooldp.domain.accounts import Role
    from schooldp.domain.consent import ConsentDuration, ConsentEventKind, ConsentState, custom_purpose
    from schooldp.domain.people import Pupil, YearGroup
    from schooldp.services.consent import ConsentService
    from schooldp.services.school import NewSchool, create_school
    from schooldp.storage.consent_models import ConsentEventRow
    from schooldp.ui.app import make_app
    from schooldp.ui.models.consent_matrix import ConsentMatrixModel

    make_app()
    folder = Path(tempfile.mkdtemp(prefix="bench-consent-"))
    session, _ = create_school(
        NewSchool(folder / "bench.sdp", demo_profile(), "Bench", Role.DPO, "bench passphrase 2026")
    )
    svc = ConsentService(session, people=None)
    for i, duration in enumerate(
        (
            ConsentDuration.EACH_SCHOOL_YEAR,
            ConsentDuration.UNTIL_KEY_STAGE_CHANGE,
            ConsentDuration.UNTIL_WITHDRAWN,
        )
    ):
        svc.add_purpose(custom_purpose(f"extra_{i}", f"Extra purpose {i}", duration=duration))
    purposes = svc.purposes()
    assert len(purposes) == 8

    # 2,000 secondary pupils (Years 7 to 13, so youth support and the 18 rule both apply).
    rnd = random.Random(8)
    today = date(2026, 3, 10)
    pupils: list[Pupil] = []
    for i in range(1, args.pupils + 1):
        year = 7 + (i % 7)
        born = date(2026 - year - 5, 9, 1) + timedelta(days=rnd.randint(0, 364))
        pupils.append(
            Pupil(
                "",
                f"Pupil{i}",
                f"Surname{i % 97}",
                born,
                YearGroup(f"Y{year}"),
                f"{year}{'ABCD'[i % 4]}",
                id=i,
            )
        )
    sent = date(2025, 9, 4)
    rows = []
    now = datetime.now(UTC).replace(tzinfo=None)
    for p in pupils:
        for purpose in purposes:
            if rnd.random() < 0.1:
                continue
            rows.append((p.id, purpose.key, ConsentEventKind.ASKED, sent, None))
            r = rnd.random()
            if r < 0.75:
                kind = ConsentEventKind.GIVEN if rnd.random() < 0.85 else ConsentEventKind.REFUSED
                rows.append((p.id, purpose.key, kind, sent + timedelta(days=rnd.randint(2, 30)), 1000 + p.id))
                if rnd.random() < 0.03:
                    rows.append(
                        (p.id, purpose.key, ConsentEventKind.WITHDRAWN, date(2026, 2, 1), 1000 + p.id)
                    )
    with session.change() as ch:
        for pid, key, kind, day, contact in rows:
            ch.session.add(
                ConsentEventRow(
                    purpose_key=key,
                    pupil_id=pid,
                    kind=kind.value,
                    contact_id=contact,
                    by_pupil=False,  # parents answer; pupils over 18 then show "ask pupil"
                    method="paper_form",
                    effective_date=day,
                    recorded_at=now,
                    recorded_by=None,
                    recorded_by_name="Bench",
                    year_group=None,
                    school_year=None,
                    evidence_note="",
                )
            )
        ch.record("bench.seeded", "consent", "", f"{len(rows)} entries")

    model = ConsentMatrixModel()

    def open_matrix() -> None:
        matrix = svc.matrix(today, pupils)
        model.set_matrix(matrix)
        for r in range(min(40, model.rowCount())):  # what the view asks for on screen
            for c in range(model.columnCount()):
                idx = model.index(r, c)
                model.data(idx, Qt.ItemDataRole.DisplayRole)
                model.data(idx, Qt.ItemDataRole.BackgroundRole)

    t = ConsentEventRow.__table__

    def open_baseline() -> None:
        with session.read() as s:
            history = s.execute(select(t)).all()
        by_pupil: dict[int, list[object]] = {}
        for h in history:
            by_pupil.setdefault(h.pupil_id, []).append(h)
        [(p.display_name, *("✓ Yes" for _ in purposes), len(by_pupil.get(p.id, ()))) for p in pupils]

    states = [s for s in ConsentState if s is not ConsentState.GIVEN]
    wanted = frozenset(states)

    def do_filter() -> None:
        model.set_filter(year_group="Y9", purpose_index=2, states=states)

    def filter_baseline() -> None:
        [
            i
            for i, row in enumerate(model.all_rows)
            if row.pupil.year_group.value == "Y9" and row.statuses[2].state in wanted
        ]

    def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
        fn()  # warm up (imports, caches, SQLCipher key derivation of the pool)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx("open_matrix()", globals(), locals(), "/tmp/consent-bench.prof")
        pstats.Stats("/tmp/consent-bench.prof").sort_stats("tottime").print_stats(
            22
        )  # BENCH_PROFILE=1: where the time goes
    open_s = timed(open_matrix, args.repeat)
    open_base = timed(open_baseline, args.repeat)
    filter_s = timed(do_filter, args.repeat * 4)
    filter_base = timed(filter_baseline, args.repeat * 4)
    shown = model.rowCount()
    session.close(backup=False)

    cells = len(pupils) * len(purposes)
    print(
        f"Consent matrix: {len(pupils):,} pupils x {len(purposes)} purposes = {cells:,} cells, {len(rows):,} history entries"
    )
    print(
        f"Machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(f"{'':28}{'median':>10}{'baseline':>11}{'ratio':>8}{'goal':>9}")
    print(
        f"{'open (model filled)':28}{open_s * 1000:>8.0f}ms{open_base * 1000:>9.0f}ms{open_s / open_base:>7.1f}x{'<500ms':>9}"
    )
    print(
        f"{'filter (Y9, online not ✓)':28}{filter_s * 1000:>8.1f}ms{filter_base * 1000:>9.1f}ms{filter_s / filter_base:>7.1f}x{'<50ms':>9}"
    )
    print(f"rows after filter: {shown}")
    ok = open_s < 0.5 and filter_s < 0.05
    print("PASS" if ok else "OVER GOAL")
    print(f"consent_open_ms={open_s * 1000:.0f} consent_filter_ms={filter_s * 1000:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
