"""Signing in to the trust's server: the schools a person may open, and opening one.

Each person signs in with their own database account (the password is typed each time and
kept only while the school is unlocked). The server decides what they may see: the catalogue
lists only their schools (all of them for the trust role), and a school's ``accounts`` row
``pg:<login>`` names them in its activity log. Whatever goes wrong connecting is said in plain
words: a wrong password, a server that cannot be reached, a certificate that is not the
trust's, a school the server has not been brought up to date for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.services.school import THROTTLE, SchoolSession, _account, _naive_utc
from schooldp.storage import audit
from schooldp.storage.models import AccountRow, SchoolRow
from schooldp.storage.server.conninfo import ConnectionFile, check_school_code
from schooldp.storage.server.engine import make_engine
from schooldp.storage.server.vault import CONNECT_TIMEOUT_SECONDS, ServerVault
from schooldp.storage.vault import _is_up_to_date, _known_revisions

if TYPE_CHECKING:
    from schooldp.services.trust.annual import TrustDashboardService

log = logging.getLogger(__name__)

ASK_IT = "Ask your trust's IT staff."


class SignInError(SchoolDPError):
    """Signing in to the trust's server failed; the message says why in plain words."""


class WrongSignIn(SignInError):
    def __init__(self) -> None:
        super().__init__(
            "That name and password do not sign in to the trust's server. Check the name, Caps "
            "Lock and the password, and try again."
        )


@dataclass(frozen=True)
class SchoolChoice:
    code: str
    name: str


@dataclass(frozen=True)
class TrustSchools:
    """What a sign-in may open: its schools (all of them for the trust role)."""

    login: str
    display_name: str
    trust_role: bool
    schools: tuple[SchoolChoice, ...]

    def __iter__(self) -> Iterator[SchoolChoice]:
        return iter(self.schools)

    def __len__(self) -> int:
        return len(self.schools)


# ---- errors in plain words -------------------------------------------------------------------
_TLS = ("certificate", "ssl", "tls")
_UNREACHABLE = (
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "could not connect",
    "server closed the connection unexpectedly",
)


def plain_error(exc: BaseException, conn: ConnectionFile) -> SchoolDPError:
    """A driver's error as a message a headteacher can act on (the details go to the log)."""
    orig = getattr(exc, "orig", None) or exc
    sqlstate = getattr(orig, "sqlstate", None) or ""
    words = str(orig).lower()
    server = conn.label or conn.host
    log.warning("Trust server connection failed (%s, %s)", type(orig).__name__, sqlstate or "no code")
    if sqlstate == "28P01" or "password authentication failed" in words:
        return WrongSignIn()
    if "no password supplied" in words or "fe_sendauth" in words:
        return SignInError("Type your password.")
    if sqlstate == "3D000":
        return SignInError(
            f"The database '{conn.database}' named in the connection file is not on {server}. {ASK_IT}"
        )
    if sqlstate == "28000" or "pg_hba.conf" in words:
        return SignInError(f"{server} does not accept sign-ins from this computer for that name. {ASK_IT}")
    if any(w in words for w in _TLS):
        return SignInError(
            f"SchoolDP could not check that this is really the trust's server ({conn.host}): its "
            "certificate is not signed by the trust's certificate named in the connection file, or "
            f"that certificate is missing. Nothing was sent. {ASK_IT}"
        )
    if any(w in words for w in _UNREACHABLE):
        return SignInError(
            f"SchoolDP cannot reach the trust's server ({conn.host}, port {conn.port}). Check this "
            "computer is on the school's network or VPN, then try again. If it still fails, ask your "
            "trust's IT staff."
        )
    if sqlstate == "42501":
        return SignInError(f"Your sign-in does not give you access to that. {ASK_IT}")
    if sqlstate.startswith("53"):
        return SignInError("The trust's server is too busy to sign you in just now. Try again in a minute.")
    return SignInError(f"The trust's server refused the connection. {ASK_IT}")


@contextmanager
def _plain_errors(conn: ConnectionFile) -> Iterator[None]:
    try:
        yield
    except (DBAPIError, SQLAlchemyError) as exc:
        raise plain_error(exc, conn) from exc
    except ImportError as exc:  # a build without the PostgreSQL driver
        raise SignInError(
            "This copy of SchoolDP cannot connect to a server (its driver is missing)."
        ) from exc


# ---- the connection file ---------------------------------------------------------------------
def read_connection_file(path: Path) -> ConnectionFile:
    """The ``.sdpconn`` file the trust's IT staff handed out, or a plain reason it cannot be used."""
    try:
        return ConnectionFile.load(Path(path))
    except ValidationError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise SignInError(f"The connection file '{Path(path).name}' could not be read. {ASK_IT}") from exc


# ---- the catalogue --------------------------------------------------------------------------
def _has_trust_role(db: Connection) -> bool:
    return bool(
        db.execute(
            text(
                "SELECT coalesce(bool_or(pg_has_role(current_user, r.oid, 'MEMBER')), false) "
                "FROM pg_roles r WHERE r.rolname = current_database() || '_trust_dpo'"
            )
        ).scalar_one()
    )


def _catalogue(db: Connection) -> tuple[str, bool, list[SchoolChoice]]:
    login = str(db.execute(text("SELECT current_user")).scalar_one())
    trust = _has_trust_role(db)
    if db.execute(text("SELECT to_regclass('schooldp.schools')")).scalar_one() is None:
        raise SignInError(f"The trust's server has not been set up for SchoolDP yet. {ASK_IT}")
    rows = db.execute(
        text(
            "SELECT s.code, s.name FROM schooldp.schools s JOIN pg_namespace n ON n.nspname = s.schema "
            "WHERE has_schema_privilege(current_user, n.oid, 'USAGE') ORDER BY s.name, s.code"
        )
    )
    return login, trust, [SchoolChoice(code, name) for code, name in rows]


def _display_name(db: Connection, login: str) -> str:
    if db.execute(text("SELECT to_regclass('schooldp.people')")).scalar_one() is None:
        return login
    found = db.execute(
        text("SELECT display_name FROM schooldp.people WHERE login = :l"), {"l": login}
    ).scalar_one_or_none()
    return str(found) if found else login


def list_schools(
    conn_file: ConnectionFile, login: str, password: str, base_dir: Path | None = None
) -> TrustSchools:
    """Sign in and list the schools this person may open; ``SignInError`` says why not."""
    _check_typed(login, password)
    url = conn_file.url(login.strip(), password, base_dir).update_query_dict(
        {"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)}
    )
    with _throttled(conn_file, login), _plain_errors(conn_file):
        engine = make_engine(url, pool_size=1)
        try:
            with engine.connect() as db:
                current, trust, schools = _catalogue(db)
                name = _display_name(db, current)
        finally:
            engine.dispose()
    return TrustSchools(current, name, trust, tuple(schools))


@contextmanager
def _throttled(conn: ConnectionFile, login: str) -> Iterator[None]:
    """Wrong passwords slow down here as they do for a school file (the server may also refuse)."""
    key = f"server:{conn.host}:{conn.database}:{login.strip()}"
    THROTTLE.check(key)
    try:
        yield
    except WrongSignIn:
        THROTTLE.failed(key)
        raise
    THROTTLE.succeeded(key)


def _check_typed(login: str, password: str) -> None:
    if not login.strip():
        raise SignInError("Type your sign-in name.")
    if not password:
        raise SignInError("Type your password.")


# ---- opening a school ---------------------------------------------------------------------------
def open_on_server(
    conn_file: ConnectionFile,
    login: str,
    password: str,
    code: str,
    clock: Clock = SYSTEM_CLOCK,
    base_dir: Path | None = None,
) -> SchoolSession:
    """Open school ``code`` on the trust's server as this person."""
    _check_typed(login, password)
    check_school_code(code)
    with _throttled(conn_file, login), _plain_errors(conn_file):
        vault = ServerVault(conn_file, login.strip(), password, code, base_dir=base_dir)
        try:
            session = _open(vault, clock)
        except BaseException:
            vault.close()
            raise
    return session


def _open(vault: ServerVault, clock: Clock) -> SchoolSession:
    with vault.session() as s:
        db = s.connection()
        _check_school(db, vault.schema)
        current_login = str(db.execute(text("SELECT current_user")).scalar_one())
        profile = s.get(SchoolRow, 1)
        row = s.scalars(
            select(AccountRow).where(
                AccountRow.slot_id == f"pg:{current_login}", AccountRow.removed_at.is_(None)
            )
        ).first()
        name = profile.name if profile is not None else vault.code
        if row is None:
            raise SignInError(
                f"You are signed in, but {name} has no account for you on the trust's server. {ASK_IT}"
            )
        account = _account(row)
        vault.trust_role = _has_trust_role(db)
    vault.load(name)
    session = SchoolSession(vault, account, clock)
    _after_open(session)
    return session


def _check_school(db: Connection, schema: str) -> None:
    usable = db.execute(
        text(
            "SELECT has_schema_privilege(current_user, n.oid, 'USAGE') FROM pg_namespace n "
            "WHERE n.nspname = :s"
        ),
        {"s": schema},
    ).scalar_one_or_none()
    if usable is None:
        raise SignInError(f"That school is not on the trust's server. {ASK_IT}")
    if not usable:
        raise SignInError(f"Your sign-in does not give you access to that school. {ASK_IT}")
    applied = set(MigrationContext.configure(db).get_current_heads())
    if not applied <= _known_revisions():
        raise SignInError(
            "That school on the trust's server has been brought up to a newer version of SchoolDP. "
            "Install the latest SchoolDP to open it."
        )
    if not _is_current(applied):
        raise SignInError(
            "That school on the trust's server has not been brought up to date for this version "
            "of SchoolDP. Ask your trust's IT staff to run 'schooldp-admin migrate'."
        )


def _is_current(applied: set[str]) -> bool:
    return bool(applied) and _is_up_to_date(applied)


def _after_open(session: SchoolSession) -> None:
    """Check the activity log; record the sign-in when this person may write."""
    vault = session.vault
    with vault.session() as s:
        report = audit.verify_chain(s)
    if not report.ok:
        session.chain_warning = (
            "Warning: the activity log of this school has been altered outside SchoolDP. "
            f"{report.message} Tell your Data Protection Officer and the trust's IT staff."
        )
        log.warning("Activity log check failed on the server: %s", report.message)
    if session.read_only:
        return
    with vault.write() as s:
        acc = s.get(AccountRow, session.account.id)
        assert acc is not None
        acc.last_unlock_at = _naive_utc(session.clock)
        audit.append(
            s,
            acc.id,
            "vault.opened",
            "account",
            acc.id,
            "Signed in on the trust server",
            now=session.clock.now(),
        )


def _signed_in(session: SchoolSession) -> tuple[ServerVault, str]:
    vault = session.vault
    if not isinstance(vault, ServerVault) or vault.url is None:
        raise SignInError("Sign in to the trust's server first.")
    return vault, str(vault.url.password or "")


def schools_for(session: SchoolSession) -> TrustSchools:
    """The schools the person signed in to this session may open (without asking again)."""
    vault, password = _signed_in(session)
    return list_schools(vault.connection, vault.login, password, vault.base_dir)


def has_trust_role(session: SchoolSession) -> bool:
    """True when the person signed in holds the trust DPO role (every school, the roll-up)."""
    return isinstance(session.vault, ServerVault) and session.vault.trust_role


def trust_engine(session: SchoolSession) -> Engine:
    """An engine signed in as this session's person, in no school's schema: for the services
    that read across the schools they may see (the trust roll-up). The caller disposes it."""
    vault, password = _signed_in(session)
    url = vault.connection.url(vault.login, password, vault.base_dir).update_query_dict(
        {"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)}
    )
    return make_engine(url, pool_size=2)


def dashboard_for(session: SchoolSession) -> TrustDashboardService:
    """The trust roll-up for the person signed in to this session (every school they may read);
    ``release_dashboard`` closes its connections."""
    from schooldp.services.trust.annual import TrustDashboardService

    vault, _password = _signed_in(session)
    return TrustDashboardService(trust_engine(session), session.clock, vault.connection.label or "The trust")


def release_dashboard(service: TrustDashboardService) -> None:
    service.engine.dispose()


def switch_school(session: SchoolSession, code: str) -> SchoolSession:
    """Another of this person's schools, opened with the sign-in already made; the caller closes
    the one it replaces."""
    vault, password = _signed_in(session)
    return open_on_server(vault.connection, vault.login, password, code, session.clock, vault.base_dir)


def unlock_on_server(session: SchoolSession, password: str) -> None:
    """Unlock after a lock: the same person types their password again."""
    vault = session.vault
    assert isinstance(vault, ServerVault)
    if not password:
        raise SignInError("Type your password.")
    with _throttled(vault.connection, vault.login), _plain_errors(vault.connection):
        vault.resume(password)


__all__ = [
    "ConnectionFile",
    "SchoolChoice",
    "SignInError",
    "TrustSchools",
    "WrongSignIn",
    "list_schools",
    "open_on_server",
    "plain_error",
    "read_connection_file",
    "dashboard_for",
    "has_trust_role",
    "release_dashboard",
    "schools_for",
    "trust_engine",
    "switch_school",
    "unlock_on_server",
]
