"""The full walk of the activity log, on a worker once the window is unlocked.

Opening checks the log only from its newest anchor, so it stays quick however long the log
grows; this walks every entry afterwards and warns, as opening does, when an older entry has
been altered. Lock and close do not wait for it: it only reads, so it is stopped (within a few
hundred entries) and runs again at the next unlock.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from schooldp.ui.operations import OPERATIONS, Op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from schooldp.services.school import LogCheck, SchoolSession

log = logging.getLogger(__name__)

STOP_WAIT_SECONDS = 5.0


class BackgroundLogCheck:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self._op: Op[Any] | None = None
        self._retired: set[Op[Any]] = set()  # stopped, their queued report not yet delivered
        self._stopped = threading.Event()
        self.checked: SchoolSession | None = None  # the session whose whole log has been walked

    @property
    def running(self) -> bool:
        return self._op is not None

    def start(self, session: SchoolSession, warn: Callable[[str], None]) -> None:
        """Walk ``session``'s log unless already walked; ``warn`` gets a new warning's text."""
        from schooldp.services.school import check_log_in_full

        if self._op is not None or self.checked is session:
            return
        before = session.chain_warning
        stopped = self._stopped = threading.Event()

        def walk(job: Any) -> LogCheck:
            try:
                return check_log_in_full(session, cancelled=job.is_cancelled)
            finally:
                stopped.set()

        def done(_result: LogCheck) -> None:
            self._retired.discard(op)
            if self._op is not op:
                return  # stopped by Lock or close; a later unlock walks again
            self._op, self.checked = None, session
            if session.chain_warning and session.chain_warning != before:
                OPERATIONS.notify({"activity"})
                warn(session.chain_warning)

        def failed(exc: BaseException) -> None:
            self._retired.discard(op)
            if self._op is op:
                self._op = None
            log.info("The background check of the activity log stopped: %s", type(exc).__name__)

        op: Op[LogCheck] = Op(self.parent, walk).success(done).failure(failed)
        self._op = op
        op.run_in_background()

    def stop(self) -> None:
        """Stop the walk and wait for it to let go of the file, so Lock need not wait for it."""
        op, self._op = self._op, None
        if op is None:
            return
        op.job.cancel()
        if self._stopped.wait(STOP_WAIT_SECONDS):
            # Finished in fact; its report is queued for the event loop. Held here until it
            # arrives, since the count of running operations no longer holds it.
            self._retired.add(op)
            OPERATIONS._ended(op)
