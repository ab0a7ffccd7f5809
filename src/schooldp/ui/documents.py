"""Making a document (a PDF, a notice, an export) without freezing the window.

    make_document(self, "Decision record", lambda: decision_record_pdf(session, record), show)

`build` runs on a worker (`schooldp.ui.operations.Op`) and must not touch widgets: read what it
needs from the screen first. `then` gets the result back on the UI thread (to preview it, or to
ask where to save it). A progress window shows if it takes more than a moment; a failure is
said in plain words, and nothing half-made is shown or saved.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from schooldp.domain.errors import SchoolDPError
from schooldp.ui.operations import Cancelled, Op

__all__ = ["failure_words", "make_document"]

log = logging.getLogger(__name__)

T = TypeVar("T")


def failure_words(what: str, exc: BaseException) -> str:
    """What to tell the person when `what` could not be made: the program's own words if it
    has them, a plain sentence otherwise (the technical detail goes to the log, without data)."""
    if isinstance(exc, SchoolDPError):
        return str(exc)
    if isinstance(exc, OSError):
        reason = exc.strerror or "the disk refused it"
        return f"The {what.lower()} could not be saved there ({reason}). Choose another folder and try again."
    log.error("Making the %s failed: %s", what.lower(), type(exc).__name__)
    return (
        f"The {what.lower()} could not be made, so nothing was saved. Try again; if it happens "
        "again, close SchoolDP, open it again and send the log file to your support contact."
    )


def make_document(
    parent: QWidget,
    what: str,
    build: Callable[[], T],
    then: Callable[[T], None],
    *,
    label: str = "",
    changes: tuple[str, ...] = (),
) -> Op[T]:
    """Build `what` on a worker, then hand it to `then` on the UI thread (see the module)."""

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, Cancelled):
            QMessageBox.warning(parent, what, failure_words(what, exc))

    op = Op(parent, lambda _job: build()).success(then).failure(failed)
    op.with_progress(label or f"Preparing the {what.lower()}…", title=what, cancellable=False)
    if changes:
        op.changes(*changes)
    return op.run_in_background()
