"""Hearing about other people's changes: LISTEN on the trust's server, on a connection of its own.

Each school's activity log has a trigger that sends ``NOTIFY schooldp, '<code>|<entity>|<id>'``
for every entry (names of kinds of record and ids only, never personal data). The listener
hands each one to a callback on its own thread; the caller moves it to wherever it belongs (the
UI thread, for the interface). A dropped connection is tried again every few seconds, quietly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

CHANNEL = "schooldp"
POLL_SECONDS = 0.25  # how soon stop() is noticed
RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class ChangeNotice:
    code: str  # the school's code
    entity: str  # the kind of record, as the activity log names it ("request", "breach"...)
    entity_id: str
    pid: int  # the server process that made the change


def parse(payload: str, pid: int = 0) -> ChangeNotice | None:
    parts = payload.split("|", 2)
    if len(parts) != 3 or not parts[0]:
        return None
    return ChangeNotice(parts[0], parts[1], parts[2], pid)


def _connect_args(url: URL) -> dict[str, Any]:
    args: dict[str, Any] = {
        "host": url.host,
        "port": url.port or 5432,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
        "autocommit": True,
    }
    args.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    return args


class ChangeListener:
    """LISTEN ``schooldp`` until stopped; ``on_change`` is called on the listener's thread."""

    def __init__(
        self,
        url: URL,
        on_change: Callable[[ChangeNotice], None],
        *,
        ignore_pids: Collection[int] = (),
    ) -> None:
        self._args = _connect_args(url)
        self._on_change = on_change
        self._ignore = ignore_pids  # a live set: this program's own connections
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="schooldp-listen", daemon=True)

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_ready(self, seconds: float = 10.0) -> bool:
        """True once LISTEN is in place (tests wait for it before sending)."""
        return self._ready.wait(seconds)

    def stop(self) -> None:
        """Ask the thread to end (within POLL_SECONDS); returns at once."""
        self._stop.set()
        self._args = {}

    def join(self, seconds: float = 2.0) -> None:
        self._thread.join(seconds)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        import psycopg

        args = dict(self._args)
        while not self._stop.is_set():
            try:
                with psycopg.connect(**args) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    self._listen(conn)
            except psycopg.Error as exc:
                log.info("Change notifications interrupted (%s); trying again", type(exc).__name__)
                self._stop.wait(RETRY_SECONDS)
        args.clear()

    def _listen(self, conn: Any) -> None:
        while not self._stop.is_set():
            for note in conn.notifies(timeout=POLL_SECONDS):
                notice = parse(note.payload, note.pid)
                if notice is None or notice.pid in self._ignore:
                    continue
                try:
                    self._on_change(notice)
                except Exception:  # noqa: BLE001 - one bad handler must not stop the listening
                    log.exception("Handling a change notification failed")
