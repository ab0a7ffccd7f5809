"""Background operations: results and errors come back on the UI thread, the count of running
operations is kept, Cancel is reported as what really happened, and "data changed" names what
changed."""

from __future__ import annotations

import threading

import pytest

from schooldp.ui.operations import OPERATIONS, Cancelled, Job, Op


@pytest.fixture(autouse=True)
def _app(qapp):
    yield
    assert OPERATIONS.running == 0


def test_success_runs_on_the_ui_thread_with_the_result(qtbot) -> None:
    seen: list[tuple[int, bool]] = []
    ui_thread = threading.get_ident()
    worker_thread: list[int] = []

    def work(job: Job) -> int:
        worker_thread.append(threading.get_ident())
        return 42

    op = Op(None, work).success(lambda n: seen.append((n, threading.get_ident() == ui_thread)))
    op.run_in_background()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]
    assert worker_thread and worker_thread[0] != ui_thread


def test_failure_hands_the_error_back(qtbot) -> None:
    errors: list[BaseException] = []

    def work(job: Job) -> None:
        raise ValueError("no such pupil")

    Op(None, work).failure(errors.append).run_in_background()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "no such pupil"


def test_running_operations_are_counted_and_idle_callbacks_wait(qtbot) -> None:
    release = threading.Event()
    done: list[str] = []

    def work(job: Job) -> str:
        release.wait(5)
        return "saved"

    Op(None, work).success(done.append).run_in_background()
    assert OPERATIONS.running == 1
    idle: list[int] = []
    assert OPERATIONS.when_idle(lambda: idle.append(OPERATIONS.running)) is False
    assert idle == []
    release.set()
    qtbot.waitUntil(lambda: bool(idle), timeout=5000)
    assert done == ["saved"] and idle == [0]
    assert OPERATIONS.when_idle(lambda: idle.append(-1)) is True and idle[-1] == -1


def test_cancel_that_the_job_honours_is_a_failure_with_cancelled(qtbot) -> None:
    started = threading.Event()
    errors: list[BaseException] = []

    def work(job: Job) -> None:
        started.set()
        while not job.is_cancelled():
            threading.Event().wait(0.01)
        job.check()

    op = Op(None, work).failure(errors.append).run_in_background()
    started.wait(5)
    op.job.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)


def test_cancel_too_late_reports_the_result_that_was_saved(qtbot) -> None:
    """A job past its point of no return finishes: the screen is told it was saved, not lost."""
    started = threading.Event()
    cancel_seen = threading.Event()
    results: list[tuple[str, bool]] = []

    def work(job: Job) -> str:
        started.set()
        cancel_seen.wait(5)
        return "200 pupils imported"

    op = Op(None, work)
    op.success(lambda r: results.append((r, op.job.cancel_requested))).run_in_background()
    started.wait(5)
    op.job.cancel()
    cancel_seen.set()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [("200 pupils imported", True)]


def test_data_changed_names_what_changed(qtbot) -> None:
    with qtbot.waitSignal(OPERATIONS.data_changed, timeout=5000) as signal:
        Op(None, lambda job: None).changes("people", "consent").run_in_background()
    assert signal.args == [frozenset({"people", "consent"})]


def test_progress_window_shows_the_steps(qtbot) -> None:
    release = threading.Event()
    reported = threading.Event()
    done: list[object] = []

    def work(job: Job) -> None:
        job.step("Reading the file")
        job(3, 10)
        reported.set()
        release.wait(5)

    op = Op(None, work).with_progress("Importing", title="Import").success(done.append)
    op.run_in_background(show_progress_after_ms=0)
    reported.wait(5)
    qtbot.waitUntil(lambda: op._dialog is not None and op._dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: op._dialog is not None and op._dialog.value() == 3, timeout=5000)
    assert op._dialog is not None and "3 of 10" in op._dialog.labelText()
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert op._dialog is None
