"""How the everyday screens grow with the school: 500, 2,000 and 8,000 pupils.

For each size a school is generated (an MIS import of that many pupils with their parents, and
a year of consent forms for 8 purposes, about 12 entries per pupil), then these are timed, each
the median of a few runs, all through the services the pages use:

- consent open: every pupil x purpose state (the consent register);
- people list: the People page's pupil list and its counts;
- people search: one keystroke's search of the register;
- dashboard: the attention feed;
- registers: the breach and request registers;
- annual report: the report's figures (consent coverage on the last day of the school year).

The figure that matters is growth: time at the largest size over time at the size a quarter of
it (linear is 4x). Last line: `worst_growth=<x>` (time at 8,000 over time at 2,000, worst measure).

    python -m bench.scale [--sizes 500 2000 8000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))

TODAY = date(2026, 3, 10)
MEASURES = ("consent open", "people list", "people search", "dashboard", "registers", "annual report")


def _school(folder: Path, pupils: int):  # type: ignore[no-untyped-def]
    """A school of `pupils` pupils with a year of consent history, built in bulk."""
    from tests.conftest import sample_profile
    from tests.fixtures import make_mis_exports as gen

    from schooldp.domain.accounts import Role
    from schooldp.domain.clock import FrozenClock
    from schooldp.imports.mis import read_file
    from schooldp.services.consent import ConsentService
    from schooldp.services.people import PeopleService
    from schooldp.services.school import NewSchool, create_school

    clock = FrozenClock(datetime(2026, 3, 10, 12, 0, tzinfo=UTC))
    session, _ = create_school(
        NewSchool(
            folder / f"scale{pupils}.sdp", sample_profile(), "Bench", Role.DPO, "bench passphrase 2026"
        ),
        clock=clock,
    )
    export = folder / f"scale{pupils}.csv"
    gen.write_sims_csv(export, gen.families(pupils, seed=17))
    people = PeopleService(session, today=TODAY)
    people.apply_import(read_file(export, today=TODAY))
    consent = ConsentService(session, people=people)
    _seed_consent(session, consent, people.pupils())
    return session


def _seed_consent(session, consent, pupils) -> None:  # type: ignore[no-untyped-def]
    from schooldp.domain.consent import ConsentDuration, ConsentEventKind, custom_purpose
    from schooldp.storage.consent_models import ConsentEventRow

    for i, duration in enumerate(
        (
            ConsentDuration.EACH_SCHOOL_YEAR,
            ConsentDuration.UNTIL_KEY_STAGE_CHANGE,
            ConsentDuration.UNTIL_WITHDRAWN,
        )
    ):
        consent.add_purpose(custom_purpose(f"extra_{i}", f"Extra purpose {i}", duration=duration))
    keys = [p.key for p in consent.purposes()]
    rnd = random.Random(8)
    sent = date(2025, 9, 4)
    now = datetime(2026, 1, 5, 9, 0)
    with session.change() as ch:
        for p in pupils:
            for key in keys:
                if rnd.random() < 0.1:
                    continue
                ch.session.add(_event(ConsentEventRow, key, p.id, ConsentEventKind.ASKED, sent, None, now))
                if rnd.random() < 0.75:
                    kind = ConsentEventKind.GIVEN if rnd.random() < 0.85 else ConsentEventKind.REFUSED
                    day = sent + timedelta(days=rnd.randint(2, 30))
                    ch.session.add(_event(ConsentEventRow, key, p.id, kind, day, 100000 + p.id, now))
        ch.record("bench.seeded", "consent", "", f"{len(pupils)} pupils")


def _event(row_type, key, pupil_id, kind, day, contact, now):  # type: ignore[no-untyped-def]
    return row_type(
        purpose_key=key,
        pupil_id=pupil_id,
        kind=kind.value,
        contact_id=contact,
        by_pupil=False,
        method="paper_form",
        effective_date=day,
        recorded_at=now,
        recorded_by=None,
        recorded_by_name="Bench",
        year_group=None,
        school_year=None,
        evidence_note="",
    )


def _measures(session) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    from schooldp.services.breaches import BreachService
    from schooldp.services.consent import ConsentService
    from schooldp.services.dashboard import attention
    from schooldp.services.people import PeopleService
    from schooldp.services.reports import ReportNotes, annual_report_data, last_school_year
    from schooldp.services.requests import RequestService

    people = PeopleService(session, today=TODAY)
    consent = ConsentService(session, people=people)
    start, end = last_school_year(TODAY)

    def people_list() -> object:
        if not hasattr(people, "contact_count"):  # an older build, for a before figure
            return (people.pupils(), people.pupil_count(), len(people.contacts()), len(people.staff()))
        return (people.pupils(), people.pupil_count(), people.contact_count(), people.staff_count())

    def registers() -> object:
        return BreachService(session).register(), RequestService(session).requests()

    return {
        "consent open": lambda: consent.matrix(TODAY),
        "people list": people_list,
        "people search": lambda: people.pupils(search="smi"),
        "dashboard": lambda: attention(session),
        "registers": registers,
        "annual report": lambda: annual_report_data(session, start, end, ReportNotes()),
    }


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: imports and first-use caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 8000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    folder = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    times: dict[int, dict[str, float]] = {}
    for n in sizes:
        built = time.perf_counter()
        session = _school(folder, n)
        print(f"  {n:,} pupils generated in {time.perf_counter() - built:.1f} s", flush=True)
        try:
            times[n] = {name: _median(fn, args.repeat) for name, fn in _measures(session).items()}
        finally:
            session.close(backup=False)

    print(f"\nSchoolDP scale benchmark (medians of {args.repeat})")
    print(f"{'':16}" + "".join(f"{n:>10,}" for n in sizes) + f"{'growth':>10}")
    worst = 0.0
    for name in MEASURES:
        cells = "".join(f"{times[n][name] * 1000:>8.0f}ms" for n in sizes)
        growth = times[sizes[-1]][name] / times[sizes[-2]][name] if len(sizes) > 1 else 1.0
        worst = max(worst, growth)
        print(f"{name:16}{cells}{growth:>9.1f}x")
    if len(sizes) > 1:
        print(
            f"(growth = time at {sizes[-1]:,} / time at {sizes[-2]:,}; the data grew {sizes[-1] / sizes[-2]:.0f}x)"
        )
    print(f"worst_growth={worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
