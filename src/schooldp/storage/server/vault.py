"""One school on the trust's server, opened by one person: the server's stand-in for ``Vault``.

The services use a vault through a small surface: ``session()``, ``write()``, ``meta()``,
``read_only``, ``is_open``, ``path`` (for display), the anchor calls, ``dispose()`` and
``close()``. A ``ServerVault`` offers the same surface over a PostgreSQL engine fixed to the
school's schema, so every register works unchanged. What only a file has (key slots, backups,
key rotation, the recovery key) is the trust's IT staff's business on the server: asking for it
raises ``ServerManaged`` with a message that says so.

Who may write is the server's decision (grants and row-level security); ``read_only`` mirrors
it, asked from the server when the school is opened, so the program offers no change the
server would refuse. Locking drops the engine and the password with it; unlocking asks for the
password again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from schooldp.domain.errors import SchoolDPError
from schooldp.storage.errors import ReadOnlyVault
from schooldp.storage.keyfile import KeyFile
from schooldp.storage.models import Meta
from schooldp.storage.server.conninfo import ConnectionFile, check_school_code, school_schema
from schooldp.storage.server.engine import make_engine

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS = 10
SERVER_MANAGED = "On the trust server, your trust's IT staff manage sign-ins and backups."


class ServerManaged(SchoolDPError):
    """A file-only operation asked of a school on the trust's server."""

    def __init__(self, what: str = "") -> None:
        super().__init__(f"{what} {SERVER_MANAGED}".strip() if what else SERVER_MANAGED)


class ServerLocked(ReadOnlyVault):
    def __init__(self) -> None:
        Exception.__init__(self, "SchoolDP is locked. Sign in again to carry on.")


class ServerRefused(ReadOnlyVault):
    def __init__(self) -> None:
        Exception.__init__(
            self,
            "The trust's server did not allow this change: your sign-in may only read this school. "
            "Nothing was saved. If you should be able to change it, ask your trust's IT staff.",
        )


class ServerUnreachable(SchoolDPError):
    def __init__(self) -> None:
        super().__init__(
            "The connection to the trust's server was lost, so nothing was saved. Check this "
            "computer is on the school's network, then try again."
        )


@contextmanager
def server_errors() -> Iterator[None]:
    """The server's refusal (no privilege, row-level security) and a lost connection, in plain
    words; the transaction has been rolled back by then, so nothing was saved."""
    try:
        yield
    except DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None) or ""
        if state == "42501":
            raise ServerRefused() from exc
        if exc.connection_invalidated or isinstance(exc, OperationalError) and not state:
            raise ServerUnreachable() from exc
        raise


@dataclass(frozen=True)
class ServerPlace:
    """Where a server school is, for the places that show a file's path."""

    school_name: str
    code: str
    host: str
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.school_name} on the trust server"

    @property
    def stem(self) -> str:
        return self.code

    def __str__(self) -> str:
        where = self.label or self.host
        return f"{self.school_name} on the trust server ({where})"


class ServerVault:
    """One school's schema on the trust's server, as the person signed in may use it."""

    kind = "server"
    key_file_altered = False
    locked_but_reserved = False

    def __init__(
        self,
        conn: ConnectionFile,
        login: str,
        password: str,
        code: str,
        *,
        base_dir: Path | None = None,
        pool_size: int = 4,
    ) -> None:
        self.connection = conn
        self.base_dir = base_dir
        self.login = login
        self.code = check_school_code(code)
        self.schema = school_schema(code)
        self.place = ServerPlace(code, code, conn.host, conn.label)
        self._pool_size = pool_size
        self._url: URL | None = None
        self.engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self.backend_pids: set[int] = set()  # this program's connections (to skip own notifications)
        self.read_only = True
        self.trust_role = False  # the trust DPO role (set on opening)
        self.key_file = KeyFile(file_id="")
        self._connect(password)

    def load(self, school_name: str) -> None:
        """After the school is known to be there and current: who may write, and its file id."""
        self.place = replace(self.place, school_name=school_name)
        self.read_only = not self._may_write()
        self.key_file = KeyFile(file_id=self.meta("file_id") or "")

    # ---- connecting -------------------------------------------------------------------------
    def _connect(self, password: str) -> None:
        self._url = self.connection.url(self.login, password, self.base_dir).update_query_dict(
            {"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)}
        )
        engine = make_engine(self._url, self.schema, pool_size=self._pool_size)
        pids = self.backend_pids

        @event.listens_for(engine, "connect")
        def _remember_pid(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            pids.add(int(dbapi_conn.info.backend_pid))

        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _may_write(self) -> bool:
        """Whether the server lets this login change the school (a viewer may only read)."""
        with self.session() as s:
            return bool(
                s.execute(
                    text("SELECT has_table_privilege(current_user, :t, 'INSERT')"),
                    {"t": f'"{self.schema}".meta'},  # accounts: trust IT's
                ).scalar_one()
            )

    @property
    def path(self) -> ServerPlace:
        return self.place

    @property
    def url(self) -> URL | None:
        """The sign-in in use (None while locked): for a second connection such as the listener."""
        return self._url

    # ---- using ------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.engine is not None

    def session(self) -> Session:
        if self._sessions is None or self.engine is None:
            raise ServerLocked()
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any error (the server's refusal or a
        dropped connection said in plain words)."""
        if self.read_only:
            raise ReadOnlyVault()
        with server_errors(), self.session() as s, s.begin():
            yield s

    def meta(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(Meta, key)
            return None if row is None else row.value

    @property
    def has_recovery_slot(self) -> bool:
        return True  # no recovery key on the server: nothing older to replace

    # ---- what a file has and the server does not --------------------------------------------
    def record_anchor(self, now: bool = False) -> None:
        """The server keeps the log's head; there is no key file to copy it into."""

    def flush_anchor(self) -> None:
        pass

    def save_local_anchor(self) -> None:
        pass

    def db_key_for_backup(self) -> bytes:
        raise ServerManaged()

    def seal_slot(self, session: Session, passphrase: str, slot_id: str | None = None) -> str:
        raise ServerManaged()

    def drop_slot(self, session: Session, slot_id: str) -> None:
        raise ServerManaged()

    def commit_key_file(self) -> None:
        pass

    # ---- locking and closing ----------------------------------------------------------------
    def dispose(self) -> None:
        """Lock: close every connection and forget the password."""
        if self.engine is not None:
            self.engine.dispose()
        self.engine = None
        self._sessions = None
        self._url = None

    def resume(self, password: str) -> None:
        """Unlock: connect again with the password typed again (the same person)."""
        if self.engine is not None:
            return
        self._connect(password)
        try:
            with self.session() as s:
                s.execute(text("SELECT 1"))
        except BaseException:
            self.dispose()
            raise

    def close(self) -> None:
        self.dispose()
