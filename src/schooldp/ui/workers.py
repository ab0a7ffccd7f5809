"""Background work with a progress dialog that can cancel (Anki's CollectionOp idea).

The function runs on a QThreadPool worker and must not touch widgets; it receives
``progress(done, total)`` and ``is_cancelled()``. A worker that needs the database opens its
own Session from the service (SQLAlchemy sessions never cross threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


class Cancelled(Exception):
    """The person pressed Cancel."""


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress, IsCancelled], Any], cancel: threading.Event) -> None:
        super().__init__()
        self.fn = fn
        self.cancel = cancel
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(lambda d, t: self.signals.progress.emit(d, t), self.cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress, IsCancelled], T],
    label: str = "Working…",
) -> T:
    """Run ``fn`` off the UI thread; the UI stays responsive. Raises Cancelled or fn's error."""
    cancel = threading.Event()
    job = _Job(fn, cancel)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        dialog.setLabelText(f"{label} {done} of {total}")

    def on_finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def on_failed(exc: object) -> None:
        outcome["error"] = exc
        loop.quit()

    job.signals.progress.connect(on_progress)
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    dialog.canceled.connect(cancel.set)
    QThreadPool.globalInstance().start(job)
    # Quick jobs finish without a flash of dialog; slower ones show it (with Cancel) after 0.3 s.
    QTimer.singleShot(300, lambda: None if outcome else dialog.show())
    loop.exec()
    cancelled = cancel.is_set()
    dialog.canceled.disconnect(cancel.set)  # closing a QProgressDialog emits canceled
    dialog.close()
    dialog.deleteLater()
    # Cancel reports what really happened: a job that finished anyway (its save had already
    # committed when Cancel was pressed) hands back its result, and the caller says it was done.
    if "result" in outcome:
        return outcome["result"]  # type: ignore[no-any-return]
    if cancelled:
        raise Cancelled()
    raise outcome["error"]
