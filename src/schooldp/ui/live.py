"""Pages follow other people's changes to a school on the trust's server.

The listener (services.trust.changes) calls back on its own thread; here each change becomes
a queued Qt signal, so nothing is touched off the UI thread. Changes arriving together (an
import, a colleague's busy minute) are gathered for half a second and announced once, through
the same data-changed notification a finished operation uses: the page on screen refreshes if
it shows what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from schooldp.ui.operations import OPERATIONS

if TYPE_CHECKING:
    from schooldp.services.school import SchoolSession

GATHER_MS = 500


class LiveChanges(QObject):
    """Started for a school on the server when it is opened or unlocked; stopped on lock/close."""

    heard = Signal(str, str)  # entity, entity id (emitted on the listener's thread)
    refreshed = Signal(frozenset)  # what was announced (for tests)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: Any = None
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(GATHER_MS)
        self._timer.timeout.connect(self._announce)
        self.heard.connect(self._gather, Qt.ConnectionType.QueuedConnection)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def start(self, session: SchoolSession) -> None:
        self.stop()
        if not session.on_server or session.locked:
            return
        from schooldp.services.trust.changes import watch

        self._listener = watch(session, self.heard.emit)

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()  # returns at once; the thread ends within a quarter second
            self._listener = None
        self._timer.stop()
        self._pending.clear()

    def _gather(self, entity: str, _entity_id: str) -> None:
        if self._listener is None:
            return
        self._pending.add(entity)
        if not self._timer.isActive():
            self._timer.start()

    def _announce(self) -> None:
        names, self._pending = frozenset(self._pending), set()
        if names:
            OPERATIONS.notify(names)
            self.refreshed.emit(names)
