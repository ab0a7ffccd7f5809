"""How long `schooldp --demo` takes to build its school, and how soon it first says so.

Builds the demo school (`schooldp.demo.create_demo_school`, as the Demo button does on its
worker) a few times in fresh folders and takes the median: the whole build, and the moment the
first progress words arrive. `--one-by-one` writes each change in its own transaction, as the
demo was built before it was written in one, for the before-and-after comparison in one run;
the ratio one-by-one / at once is the figure that holds across machines. Goal: <= 5 s in all,
progress within the first second.

    python -m bench.demo [--runs 3] [--one-by-one]

Last line: `demo_build_ms=<n> first_progress_ms=<n>`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))


@contextmanager
def _one_by_one() -> Iterator[None]:
    """Every change its own transaction and commit (the build before it ran in one)."""
    from schooldp.services.school import SchoolSession

    @contextmanager
    def separately(self: SchoolSession) -> Iterator[None]:
        yield

    saved = SchoolSession.one_transaction
    SchoolSession.one_transaction = separately  # type: ignore[method-assign]
    try:
        yield
    finally:
        SchoolSession.one_transaction = saved  # type: ignore[method-assign]


def _build_once() -> tuple[float, float, list[tuple[str, float]]]:
    """(whole build, first progress words, each step's start) in seconds."""
    from schooldp.demo import create_demo_school

    started = time.perf_counter()
    steps: list[tuple[str, float]] = []

    def step(words: str) -> None:
        steps.append((words, time.perf_counter() - started))

    folder = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    session, _folder = create_demo_school(folder / "school", step=step)
    took = time.perf_counter() - started
    session.close(backup=False)
    shutil.rmtree(folder, ignore_errors=True)
    return took, steps[0][1], steps


def _median_build(runs: int) -> tuple[float, float, list[tuple[str, float]]]:
    results = [_build_once() for _ in range(runs)]
    took = statistics.median(r[0] for r in results)
    first = statistics.median(r[1] for r in results)
    return took, first, min(results, key=lambda r: abs(r[0] - took))[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one-by-one", action="store_true", help="also time the build one change at a time")
    args = parser.parse_args(argv)

    from schooldp.demo import create_demo_school  # noqa: F401 - imports are not the build

    _build_once()  # warm: fonts and templates read once, as in a running program
    took, first, steps = _median_build(args.runs)
    print(f"Demo school build, median of {args.runs}")
    print(f"{'step':58}{'starts at':>10}")
    for words, at in steps:
        print(f"{words:58}{at * 1000:>8.0f}ms")
    print(f"{'whole build':58}{took * 1000:>8.0f}ms   (goal <= 5000 ms)")
    if args.one_by_one:
        with _one_by_one():
            before, _first, _steps = _median_build(args.runs)
        print(f"{'one change at a time (before)':58}{before * 1000:>8.0f}ms   ratio {before / took:.2f}x")
    print(f"demo_build_ms={took * 1000:.0f} first_progress_ms={first * 1000:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
