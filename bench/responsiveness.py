"""Does the window stay alive during long jobs? The longest gap seen by a 10 ms timer.

On a generated 2,000-pupil school, each long job is run the way the program runs it, while a
10 ms QTimer on the UI thread notes the gaps between its ticks. A gap is a freeze: nothing
repaints, no key is read. Goal: every job under 100 ms of freeze.

- unlock: `open_school` (Argon2id key-slot unwrap, SQLCipher open, checks, first read);
- 300 letters: the letters engine (`LetterService.render_batch`), as the breach notice batch;
- annual report: its figures and its PDF;
- decision record: a breach's decision record PDF (the demo school's year of breaches);
- privacy notice: the pupils' and parents' notice generated from the starter record;
- consent register export: every pupil on roll x every purpose, to a workbook;
- Back up now: `SchoolSession.backup_now`;
- import: an MIS export of 2,000 pupils read, checked and saved.

`--ui-thread` runs each job on the UI thread instead (how these jobs ran before they moved to
`schooldp.ui.operations.Op`), for the before-and-after comparison in the same run.
Last line: `max_stall_ms=<n>`.

    python -m bench.responsiveness [--pupils 2000] [--ui-thread]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))

PASSPHRASE = "bench passphrase 2026"


class StallMeter:
    """A 10 ms timer on the UI thread; the longest gap between two ticks while a job runs."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.worst


def _jobs(folder: Path, pupils: int) -> list[tuple[str, Callable[[Callable[[int, int], None]], object]]]:
    from tests.fixtures import make_mis_exports as gen

    from bench.letters import make_letters
    from bench.scale import TODAY, _school
    from schooldp.documents import generic_letter
    from schooldp.imports.mis import read_file
    from schooldp.services.breaches import BreachService, decision_record_pdf
    from schooldp.services.consent import export_consent_register
    from schooldp.services.letters import LetterJob, LetterService, Recipient
    from schooldp.services.people import PeopleService
    from schooldp.services.records import NoticeAudience, RecordsService
    from schooldp.services.reports import ReportNotes, annual_report_data, annual_report_pdf, last_school_year
    from schooldp.services.school import open_school

    session = _school(folder, pupils)
    _add_breaches_and_record(session)
    path = session.vault.path
    session.close(backup=False)
    state: dict[str, object] = {}
    export = folder / "import.csv"
    gen.write_sims_csv(export, gen.families(pupils, seed=23))
    start, end = last_school_year(TODAY)
    letters = [
        LetterJob(d, Recipient(d.recipient_name, "parent", str(i))) for i, d in enumerate(make_letters(300))
    ]

    def unlock(progress: Callable[[int, int], None]) -> object:
        state["session"] = s = open_school(path, PASSPHRASE)
        return s.profile()

    def session_():  # type: ignore[no-untyped-def]
        return state["session"]

    def batch(progress: Callable[[int, int], None]) -> object:
        return LetterService(session_()).render_batch(generic_letter.LETTER, letters, progress)

    def report(progress: Callable[[int, int], None]) -> object:
        return annual_report_pdf(annual_report_data(session_(), start, end, ReportNotes()))

    def decision_record(progress: Callable[[int, int], None]) -> object:
        service = BreachService(session_())
        decided = next(b for b in service.records() if b.triage.decision is not None)
        return decision_record_pdf(session_(), decided)

    def notice(progress: Callable[[int, int], None]) -> object:
        return RecordsService(session_()).generate_notice(NoticeAudience.PUPILS_PARENTS)

    def consent_export(progress: Callable[[int, int], None]) -> object:
        return export_consent_register(session_(), folder / "consent register.xlsx")

    def backup(progress: Callable[[int, int], None]) -> object:
        return session_().backup_now(folder)

    def import_(progress: Callable[[int, int], None]) -> object:
        return PeopleService(session_(), today=TODAY).apply_import(read_file(export, today=TODAY))

    return [
        ("unlock", unlock),
        ("300 letters", batch),
        ("annual report", report),
        ("decision record", decision_record),
        ("privacy notice", notice),
        ("consent register export", consent_export),
        ("Back up now", backup),
        (f"import {pupils:,} pupils", import_),
    ]


def _add_breaches_and_record(session: object) -> None:
    """The demo school's year of breaches (worked through to their decisions) and the starter
    record of processing, so there is a decision record and a privacy notice to make."""
    from schooldp.demo import breaches
    from schooldp.domain.clock import FrozenClock
    from schooldp.services.records import RecordsService
    from schooldp.services.school import SchoolSession

    assert isinstance(session, SchoolSession)
    clock = session.clock
    script = FrozenClock(clock.now())
    session.clock = script
    try:
        breaches.seed(session, script)
    finally:
        session.clock = clock
    RecordsService(session).adopt_starter()


def _run(job: Callable[[Callable[[int, int], None]], object], on_ui_thread: bool) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from schooldp.ui.operations import Op

    loop = QEventLoop()
    failure: list[BaseException] = []
    if on_ui_thread:

        def direct() -> None:
            try:
                job(lambda d, t: None)
            except BaseException as exc:  # noqa: BLE001 - reported below
                failure.append(exc)
            loop.quit()

        QTimer.singleShot(20, direct)
    else:
        op = Op(None, job).success(lambda _r: loop.quit())
        op.failure(lambda exc: (failure.append(exc), loop.quit()))
        QTimer.singleShot(20, op.run_in_background)
    loop.exec()
    if failure:
        raise failure[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--ui-thread", action="store_true", help="run the jobs on the UI thread (before)")
    args = parser.parse_args(argv)

    import schooldp.ui.main_window  # noqa: F401 - what the program has loaded once unlocked
    from schooldp.ui.app import make_app
    from schooldp.ui.operations import settle_memory

    make_app()
    folder = Path(tempfile.mkdtemp(prefix="bench-responsive-"))
    jobs = _jobs(folder, args.pupils)
    if not args.ui_thread:
        settle_memory()  # as the program does once its window is up
    meter = StallMeter()
    rows: list[tuple[str, float, float]] = []
    for name, job in jobs:
        meter.start()
        started = time.perf_counter()
        _run(job, args.ui_thread)
        took = time.perf_counter() - started
        rows.append((name, took, meter.stop()))
    where = "on the UI thread" if args.ui_thread else "as background operations"
    print(f"Responsiveness, {args.pupils:,}-pupil school, jobs run {where} ({date.today():%d %b %Y})")
    print(f"{'job':26}{'took':>10}{'longest freeze':>16}{'goal':>8}")
    for name, took, worst in rows:
        print(f"{name:26}{took * 1000:>8.0f}ms{worst * 1000:>14.0f}ms{'<100ms':>8}")
    print(f"max_stall_ms={max(w for _, _, w in rows) * 1000:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
