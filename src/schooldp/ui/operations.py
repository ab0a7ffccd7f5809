"""Background operations, the Anki way: one small class for every job over 100 ms.

    Op(parent, lambda job: service.build_report(progress=job)) \\
        .success(show_report).failure(show_error) \\
        .with_progress("Building the report…").changes("letters") \\
        .run_in_background()

The function runs on a worker thread and must not touch widgets. It is given a `Job`: call
`job(done, total)` to report progress (it is a `progress(done, total)` callback as the services
take), and `job.is_cancelled()` to see whether the person pressed Cancel. The success and
failure callbacks run on the UI thread. A function that honours Cancel raises `Cancelled`; one
that finishes anyway has its result handed to `success` with `job.cancel_requested` set, so the
screen says what really happened (a save that had already committed is reported as saved).

`OPERATIONS` counts the operations running: the main window shows a busy cursor while any
run, Lock waits for them (`when_idle`), and `data_changed` names what a finished operation
changed so only the pages showing it refresh.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

__all__ = ["OPERATIONS", "Cancelled", "Job", "Op", "Operations", "settle_memory"]

T = TypeVar("T")

SHOW_PROGRESS_AFTER_MS = 300
"""Quick operations finish without a flash of dialog; slower ones show it, with Cancel."""


def settle_memory() -> None:
    """Set aside what start-up loaded (modules, classes, the shell) from the cycle collector.

    A full collection walks every live object while holding the interpreter lock, so with
    everything the program loads it froze the window for 100 to 300 ms in the middle of a
    background job. Called once the window is up and again after the first unlock; what is
    set aside lives as long as the program anyway.
    """
    gc.collect()
    gc.freeze()


class Cancelled(Exception):
    """The operation stopped because the person pressed Cancel; nothing more was done."""


class Job:
    """What the worker function is handed: a progress callback and the Cancel flag."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._label: str | None = None

    def __call__(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total, self._label or "")

    def step(self, label: str) -> None:
        """Say what is being done now (shown in the progress window)."""
        self._label = label
        self._signals.progress.emit(0, 0, label)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise `Cancelled` if Cancel was pressed (call it between steps that can be undone)."""
        if self._cancel.is_set():
            raise Cancelled()


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], job: Job, signals: _Signals) -> None:
        super().__init__()
        self.fn, self.job, self.signals = fn, job, signals
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(self.job)
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class Operations(QObject):
    """How many operations are running; what the finished ones changed."""

    running_changed = Signal(int)
    data_changed = Signal(frozenset)  # names such as "people", "consent", "letters", "backups"

    def __init__(self) -> None:
        super().__init__()
        self._running: set[Op[Any]] = set()
        self._waiting: list[Callable[[], None]] = []

    @property
    def running(self) -> int:
        return len(self._running)

    def _started(self, op: Op[Any]) -> None:
        self._running.add(op)
        self.running_changed.emit(len(self._running))

    def _ended(self, op: Op[Any]) -> None:
        self._running.discard(op)
        self.running_changed.emit(len(self._running))
        if not self._running:
            waiting, self._waiting = self._waiting, []
            for fn in waiting:
                fn()

    def when_idle(self, fn: Callable[[], None]) -> bool:
        """Call `fn` now if nothing runs (True), else once the last operation ends (False)."""
        if not self._running:
            fn()
            return True
        self._waiting.append(fn)
        return False

    def cancel_all(self) -> None:
        for op in list(self._running):
            op.job.cancel()

    def notify(self, changed: Iterable[str]) -> None:
        names = frozenset(changed)
        if names:
            self.data_changed.emit(names)


OPERATIONS = Operations()


class Op(Generic[T]):
    """One background operation: configure with the chained methods, then `run_in_background`."""

    def __init__(self, parent: QWidget | None, fn: Callable[[Job], T]) -> None:
        self.parent = parent
        self.fn = fn
        self._signals = _Signals()
        self.job = Job(self._signals)
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._title = ""
        self._cancellable = True
        self._changes: frozenset[str] = frozenset()
        self._dialog: QProgressDialog | None = None
        self._done = False
        self.started_at = 0.0

    # ---- configuring ---------------------------------------------------------------------
    def success(self, fn: Callable[[T], None]) -> Op[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op[T]:
        self._on_failure = fn
        return self

    def with_progress(self, label: str, *, title: str = "", cancellable: bool = True) -> Op[T]:
        """Show a progress window with this label (after 0.3 s, so quick jobs do not flash one)."""
        self._label, self._title, self._cancellable = label, title, cancellable
        return self

    def changes(self, *what: str) -> Op[T]:
        """Name what this operation changes; pages showing it refresh when it succeeds."""
        self._changes = frozenset(what)
        return self

    # ---- running -------------------------------------------------------------------------
    def run_in_background(self, *, show_progress_after_ms: int = SHOW_PROGRESS_AFTER_MS) -> Op[T]:
        self.started_at = time.perf_counter()
        self._signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        OPERATIONS._started(self)
        if self._label is not None:
            self._dialog = self._make_dialog()
            QTimer.singleShot(show_progress_after_ms, self._show_dialog)
        self._runnable = _Runnable(self.fn, self.job, self._signals)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def run_and_wait(self, *, show_progress_after_ms: int = SHOW_PROGRESS_AFTER_MS) -> T:
        """Run in the background and return its result here, the window alive meanwhile.

        For callers that need the result before they go on (unlock, open the demo): the work
        runs on a worker while a local event loop keeps painting, ticking timers and reading
        the keyboard. The operation's error (or `Cancelled`) is raised here.
        """
        loop = QEventLoop()
        outcome: dict[str, Any] = {}
        then_success, then_failure = self._on_success, self._on_failure

        def done(result: T) -> None:
            outcome["result"] = result
            loop.quit()
            if then_success is not None:
                then_success(result)

        def failed(exc: BaseException) -> None:
            outcome["error"] = exc
            loop.quit()
            if then_failure is not None:
                then_failure(exc)

        self._on_success, self._on_failure = done, failed
        self.run_in_background(show_progress_after_ms=show_progress_after_ms)
        if not outcome:
            loop.exec()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]  # type: ignore[no-any-return]

    def _make_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._label or "", "Cancel" if self._cancellable else "", 0, 0, self.parent)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self._title or "Working")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.job.cancel)
        return dialog

    def _show_dialog(self) -> None:
        if self._dialog is not None and not self._done:
            self._dialog.show()

    def _progress(self, done: int, total: int, label: str) -> None:
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 0))
        if total:
            self._dialog.setValue(min(done, total))
        words = label or self._label or ""
        self._dialog.setLabelText(f"{words} {done} of {total}" if total else words)

    def _close_dialog(self) -> None:
        self._done = True
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.job.cancel)  # closing emits canceled
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _finished(self, result: object) -> None:
        self._close_dialog()
        try:
            if self._on_success is not None:
                self._on_success(result)  # type: ignore[arg-type]
            OPERATIONS.notify(self._changes)
        finally:
            OPERATIONS._ended(self)

    def _failed(self, exc: object) -> None:
        self._close_dialog()
        try:
            if self._on_failure is not None:
                self._on_failure(exc)  # type: ignore[arg-type]
            elif not isinstance(exc, Cancelled):
                raise exc  # type: ignore[misc]
        finally:
            OPERATIONS._ended(self)
