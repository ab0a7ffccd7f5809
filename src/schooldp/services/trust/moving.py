"""Moving a school between its own file and the trust's server, keeping every record.

"Move this school to the trust server" copies every table of the open school file into a new
schema on the server, row for row with the same ids, in one server transaction: the activity
log arrives verbatim, is checked to extend the file's own head, and then gains one entry saying
the school moved. The file records where it went. Nothing is left on the server if any step
fails (PostgreSQL undoes the new schema with the rest of the transaction).

"Export this school to a file" (a school leaving the trust) does the reverse: a new school file
is built under a temporary name, filled with the server school's rows, given one Data
Protection Officer account with a new passphrase, checked, and only then moved into place.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Connection, Engine, create_engine, delete, insert, select, text, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from schooldp.documents import emergency_sheet as emergency_sheet_pdf
from schooldp.documents.emergency_sheet import EmergencySheetData
from schooldp.domain.accounts import Role, check_passphrase
from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.services.school import PermissionDenied, SchoolSession
from schooldp.services.trust import admin
from schooldp.services.trust.admin import ServerUnavailable
from schooldp.storage import anchors, audit
from schooldp.storage.errors import ReadOnlyVault
from schooldp.storage.keyfile import Anchor
from schooldp.storage.models import AccountRow, Meta, SchoolRow
from schooldp.storage.server import copy as rows
from schooldp.storage.server import policies, roles
from schooldp.storage.server.conninfo import ConnectionFile, school_schema
from schooldp.storage.server.copy import CopyRefused
from schooldp.storage.server.migrate import schema_heads, upgrade_schema
from schooldp.storage.server.roles import TrustRoles
from schooldp.storage.vault import Vault, head_revisions, key_file_path

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Server = Engine | URL | str

SERVER_LOGIN_PREFIX = "pg:"
FILE_ONLY_META = frozenset({"keyfile_mac", "recovery_scheme", "rotation_due"})
"""Facts about one encrypted file's keys: meaningless on the server and remade for a new file."""
_NEW_FILE_META = ("file_id", "created_at", "created_by_version", "recovery_scheme", "keyfile_mac")
CATALOGUE = f"{policies.CATALOGUE}.schools"


@dataclass(frozen=True)
class MoveResult:
    code: str
    schema: str
    rows: int
    activity_entries: int
    noted_in_file: bool = True  # False when the file could not record the move (a full disk)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    school_name: str
    recovery_key: str
    rows: int
    activity_entries: int
    closed_sign_ins: int


# ---- the file to the server -------------------------------------------------------------------
def move_to_server(
    session: SchoolSession,
    server: Server,
    code: str,
    *,
    where: str = "",
    progress: Progress | None = None,
) -> MoveResult:
    """Copy the open school file into schema ``school_<code>`` on ``server``; see the module doc.

    ``server`` is signed in as the server's administrator (a PostgreSQL superuser, as for
    ``schooldp-admin``); ``where`` names the server in the file's own record of the move.
    """
    _require_file_dpo(session)
    schema = school_schema(code)
    say = progress or (lambda _done, _total: None)
    with (
        _server_refusals(),
        session.vault.session() as fs,
        _server_engine(server) as engine,
        engine.begin() as conn,
    ):
        names = _ready_for(conn, code, schema)
        copied, head = _copy_in(fs, conn, code, schema, say)
        _server_meta(conn, _meta(fs.connection(), "file_id"), code)
        rows.reset_sequences(conn, schema)
        _seal_on_server(conn, session, head, code)
        profile = fs.get(SchoolRow, 1)
        _protect(conn, names, code, profile.name if profile else code, session.clock)
        entries = int(conn.execute(text(f'SELECT count(*) FROM "{schema}".audit_log')).scalar_one())
    try:
        _record_in_file(session, code, where)
        noted = True
    except (OSError, SchoolDPError):
        log.warning("The school moved, but the file could not record where it went")
        noted = False
    total = sum(copied.values())
    log.info("Moved a school file to the server (%d rows)", total)
    return MoveResult(code, schema, total, entries, noted)


def _ready_for(conn: Connection, code: str, schema: str) -> TrustRoles:
    """The server is set up for SchoolDP, the signed-in person may add schools, the code is free."""
    if not rows.schema_exists(conn, policies.CATALOGUE):
        raise ValidationError(
            "This database has not been set up for SchoolDP yet. The trust's IT staff run "
            "'schooldp-admin init' first (see docs/TRUST.md)."
        )
    superuser = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if not superuser:
        raise PermissionDenied(
            "Only the trust's IT staff can add a school to the server: sign in with the server's "
            "administrator account."
        )
    _refuse_taken(conn, code, schema)
    names = roles.roles_for(conn)
    roles.ensure_school_roles(conn, names, code)
    return names


def _protect(conn: Connection, names: TrustRoles, code: str, name: str, clock: Clock) -> None:
    """Exactly as for a school added on the server: accounts for the trust DPOs, then the
    grants, row-level security and notifications, then the trust's list of schools."""
    admin.welcome_trust_dpos(conn, names, code, clock)
    conn.execute(text("RESET search_path"))
    policies.apply_school(conn, names, code)
    conn.execute(
        text(f"INSERT INTO {CATALOGUE}(code, name, schema, added_at) VALUES (:c, :n, :s, :a)"),
        {"c": code, "n": name, "s": school_schema(code), "a": clock.now().astimezone(UTC)},
    )


def _copy_in(
    fs: Session, conn: Connection, code: str, schema: str, say: Progress
) -> tuple[dict[str, int], Anchor]:
    """Build the school's schema and copy every row of the file into it; refuse any loss."""
    fconn = fs.connection()
    rows.check_nothing_left_behind(fconn)
    _require_current(_file_heads(fconn), "The school file")
    head = anchors.chain_head(fs)
    counts = rows.count_rows(fconn)
    upgrade_schema(conn, schema)
    copied = rows.copy_rows(fconn, conn, progress=say, total=sum(counts.values()))
    fs.expire_all()
    if anchors.chain_head(fs) != head or rows.count_rows(fconn) != copied:
        raise CopyRefused("The school file changed while it was being copied. Nothing was moved; try again.")
    _check_same(copied, rows.count_rows(conn))
    return copied, head


def _require_file_dpo(session: SchoolSession) -> None:
    if session.account.role is not Role.DPO:
        raise PermissionDenied("Only the Data Protection Officer can move the school to the trust's server.")
    if session.vault.read_only:
        raise ReadOnlyVault()
    if session.on_server:
        raise SchoolDPError("This school is already on the trust's server.")


def _refuse_taken(conn: Connection, code: str, schema: str) -> None:
    if rows.schema_exists(conn, schema):
        raise CopyRefused(
            f"The trust's server already has a school with the code '{code}'. Choose another code, "
            "or ask the trust's IT staff to remove the old one first. Nothing was changed."
        )
    if rows.table_exists(conn, CATALOGUE):
        taken = conn.execute(text(f"SELECT 1 FROM {CATALOGUE} WHERE code = :c"), {"c": code}).first()
        if taken is not None:
            raise CopyRefused(
                f"The trust's list of schools already has the code '{code}'. Choose another code."
            )


def _server_meta(conn: Connection, file_id: str | None, code: str) -> None:
    """The school now lives on the server: a new id, the file's id kept, file-only keys gone."""
    conn.execute(delete(Meta).where(Meta.key.in_(FILE_ONLY_META)))
    for key, value in (
        ("file_id", uuid.uuid4().hex),
        ("moved_from_file_id", file_id or ""),
        ("backend", "server"),
        ("school_code", code),
    ):
        _set_meta(conn, key, value)


def _seal_on_server(conn: Connection, session: SchoolSession, head: Anchor, code: str) -> int:
    """Check the copied log is the file's log, then add the entry saying the school moved."""
    with Session(bind=conn) as ss:
        report = audit.verify_chain(ss)
        if not report.ok or anchors.chain_head(ss) != head:
            raise CopyRefused(
                "The copy of the activity log on the server does not match the school file's. "
                "Nothing was moved. " + report.message
            )
        audit.append(
            ss,
            session.account.id,
            "school.moved_in",
            "school",
            1,
            f"Moved to the trust server from its school file (school code '{code}')",
            now=session.clock.now(),
        )
        ss.flush()
        final = audit.verify_chain(ss)
        if not final.ok:
            raise CopyRefused(final.message)
        return final.entries


def _record_in_file(session: SchoolSession, code: str, where: str) -> None:
    """The file says where the school went, so whoever opens it later knows."""
    place = f"the trust's server{f' ({where})' if where else ''}"
    with session.vault.write() as s:
        s.merge(Meta(key="moved_to_server", value=f"{where}|{code}"))
        audit.append(
            s,
            session.account.id,
            "school.moved_out",
            "school",
            1,
            f"Copied to {place} as school '{code}'; carry on there",
            now=session.clock.now(),
        )
    session.vault.record_anchor(now=True)


# ---- the server to a file -----------------------------------------------------------------------
def export_to_file(
    server: Server | SchoolSession,
    target: Path,
    dpo_name: str,
    passphrase: str,
    *,
    code: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the server school into a new school file at ``target``; see the module doc.

    ``server`` is a session open on the server school, or a server (with ``code``) signed in
    as someone who may read the whole school (its DPO, the trust DPO or the owner).
    """
    if not dpo_name.strip():
        raise ValidationError("Enter the name of the Data Protection Officer for the new file.", "name")
    check_passphrase(passphrase)
    target = Path(target)
    if target.exists() or key_file_path(target).exists():
        raise ValidationError(f"A file called '{target.name}' already exists there. Choose another name.")
    if isinstance(server, SchoolSession):
        if server.account.role is not Role.DPO:
            raise PermissionDenied(
                "Only the school's Data Protection Officer can export the school to a file."
            )
        clock = server.clock if clock is SYSTEM_CLOCK else clock
    say = progress or (lambda _done, _total: None)
    with _server_refusals(), _server_connection(server, code) as (src, schema):
        rows.check_nothing_left_behind(src, schema)
        _require_current(schema_heads(src, schema), "The school on the server")
        src.execute(text(f'SET LOCAL search_path TO "{schema}"'))
        counts = rows.count_rows(src)
        with Session(bind=src) as ss:
            head = anchors.chain_head(ss)
            profile = ss.get(SchoolRow, 1)
            name = profile.name if profile else ""
        tmp = target.with_name(f".{uuid.uuid4().hex}.exporting{target.suffix}")
        vault, slot_id, recovery = Vault.create(tmp, passphrase, clock)
        try:
            closed, entries = _fill_file(vault, src, slot_id, dpo_name.strip(), head, counts, clock, say)
            vault.record_anchor(now=True)
            vault.close()
            _move_into_place(tmp, target)
        except BaseException:
            vault.close()
            for leftover in (tmp, key_file_path(tmp)):
                leftover.unlink(missing_ok=True)
            anchors.forget_local(vault.key_file.file_id)
            raise
    anchors.save_local(vault.key_file, target)
    log.info("Exported a school from the server to a new file (%d rows)", sum(counts.values()))
    return ExportResult(target, name, recovery, sum(counts.values()), entries, closed)


def _fill_file(
    vault: Vault,
    src: Connection,
    slot_id: str,
    dpo_name: str,
    head: Anchor,
    counts: dict[str, int],
    clock: Clock,
    say: Progress,
) -> tuple[int, int]:
    """Replace the new file's contents with the server school's, in one file transaction."""
    with vault.write() as fs:
        dst = fs.connection()
        keep = {r.key: r.value for r in fs.scalars(select(Meta)) if r.key in _NEW_FILE_META}
        rows.delete_rows(dst)
        copied = rows.copy_rows(src, dst, progress=say, total=sum(counts.values()))
        _check_same(counts, copied)
        fs.expire_all()
        dst.execute(delete(Meta).where(Meta.key.in_(("backend", "school_code", *_NEW_FILE_META))))
        for key, value in (*keep.items(), ("exported_from_file_id", _meta(src, "file_id") or "")):
            _set_meta(dst, key, value)
        report = audit.verify_chain(fs)
        if not report.ok or anchors.chain_head(fs) != head:
            raise CopyRefused("The activity log did not copy exactly. No file was written. " + report.message)
        closed = _close_server_sign_ins(fs, clock)
        dpo = AccountRow(
            display_name=dpo_name, role=Role.DPO.value, slot_id=slot_id, created_at=_naive(clock)
        )
        fs.add(dpo)
        fs.flush()
        now = clock.now()
        audit.append(fs, dpo.id, "school.exported", "school", 1, _export_summary(closed), now=now)
        audit.append(
            fs, dpo.id, "account.added", "account", dpo.id, "First account in the exported file", now=now
        )
        fs.flush()
        final = audit.verify_chain(fs)
        if not final.ok:
            raise CopyRefused(final.message)
    return closed, final.entries


def _export_summary(closed: int) -> str:
    return (
        "Exported from the trust server to a school file; "
        f"{closed} sign-in{'s' if closed != 1 else ''} that cannot open this file closed"
    )


def _close_server_sign_ins(fs: Session, clock: Clock) -> int:
    """No account but the new DPO's has a key slot in the new file: each is marked removed, and
    kept, so the activity log still names who did what."""
    result = fs.execute(
        update(AccountRow).where(AccountRow.removed_at.is_(None)).values(removed_at=_naive(clock))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _move_into_place(tmp: Path, target: Path) -> None:
    """The finished file and its key file take their names; the target was checked free."""
    if target.exists() or key_file_path(target).exists():
        raise ValidationError(f"A file called '{target.name}' appeared there meanwhile. Choose another name.")
    os.replace(key_file_path(tmp), key_file_path(target))
    try:
        os.replace(tmp, target)
    except BaseException:
        key_file_path(target).unlink(missing_ok=True)
        raise


# ---- for the screens --------------------------------------------------------------------------------
def move_with_connection_file(
    session: SchoolSession,
    connection_file: Path,
    login: str,
    password: str,
    code: str,
    progress: Progress | None = None,
) -> MoveResult:
    """Move the open school file to the server a ``.sdpconn`` names, signed in as ``login``."""
    school_schema(code.strip())
    if not login.strip() or not password:
        raise ValidationError("Enter the administrator's login and password for the trust's server.", "login")
    conn = ConnectionFile.load(Path(connection_file))
    url = conn.url(login.strip(), password, base=Path(connection_file).parent)
    where = f"{conn.label or conn.host}, database {conn.database}"
    return move_to_server(session, url, code.strip(), where=where, progress=progress)


def suggest_code(school_name: str) -> str:
    """A first guess at a school's code: its first telling word, in lower-case letters."""
    for word in school_name.lower().split():
        code = "".join(c for c in word if c.isascii() and c.isalnum())[:30]
        if len(code) >= 3 and code[0].isalpha() and code not in _NOT_TELLING:
            return code
    return ""


_NOT_TELLING = frozenset({"saint", "the", "sir"})


def on_server(session: SchoolSession) -> bool:
    return session.on_server


def moved_away(session: SchoolSession) -> str | None:
    """Where this school file was moved to, in words, if it was."""
    value = session.vault.meta("moved_to_server")
    if not value:
        return None
    where, _, code = value.rpartition("|")
    return (
        f"the trust's server ({where}) as school '{code}'"
        if where
        else f"the trust's server as school '{code}'"
    )


def emergency_sheet(result: ExportResult, school_name: str, clock: Clock = SYSTEM_CLOCK) -> bytes:
    """The emergency sheet of the new file: where it is and its recovery key."""
    return emergency_sheet_pdf.render(
        EmergencySheetData(
            school_name=school_name,
            file_location=str(result.path),
            created=clock.today(),
            recovery_key=result.recovery_key,
        )
    )


# ---- shared ---------------------------------------------------------------------------------------
@contextmanager
def _server_refusals() -> Iterator[None]:
    """The server's own errors in plain words (never its detail: it may quote a record)."""
    try:
        yield
    except DBAPIError as exc:
        if not type(exc.orig).__module__.startswith("psycopg"):
            raise  # the school file's own errors say what they are elsewhere
        _plain_server_error(exc)


def _plain_server_error(exc: DBAPIError) -> NoReturn:
    if isinstance(exc, OperationalError):
        detail = str(exc.orig).strip().splitlines()[-1] if exc.orig is not None else ""
        log.warning("Could not use the trust's server: %s", type(exc.orig).__name__)
        if "password authentication failed" in detail:
            raise ServerUnavailable("The trust's server did not accept that login and password.") from None
        if "connect" in detail or "timeout" in detail or "SSL" in detail or "certificate" in detail:
            raise ServerUnavailable(
                "Could not reach the trust's server. Check the network, and that the connection "
                "file and its certificate are the ones the trust's IT staff gave you."
            ) from None
        raise ServerUnavailable("The trust's server stopped the copy, so nothing was moved.") from None
    log.warning("The server refused the copy: %s", type(exc.orig).__name__)
    raise CopyRefused(
        "The trust's server refused part of the copy, so nothing was changed. The trust's IT "
        "staff can see why in the server's log."
    ) from None


@contextmanager
def _server_engine(server: Server) -> Iterator[Engine]:
    if isinstance(server, Engine):
        yield server
        return
    engine = create_engine(server, pool_size=1, max_overflow=0)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _server_connection(server: Server | SchoolSession, code: str | None) -> Iterator[tuple[Connection, str]]:
    """One read-only, repeatable-read transaction on the server school: a consistent snapshot."""
    snapshot = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    if isinstance(server, SchoolSession):
        with server.vault.session() as s:
            conn = s.connection(execution_options=snapshot)
            schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
            yield conn, schema
        return
    with _server_engine(server) as engine, engine.connect() as raw:
        conn = raw.execution_options(**snapshot)
        with conn.begin():
            yield conn, _school_schema_of(conn, code)


def _school_schema_of(conn: Connection, code: str | None) -> str:
    """The schema of school ``code``, or (no code) the school the connection works in."""
    if code is None:
        schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
        if not schema.startswith("school_"):
            raise ValidationError("Name the school to export (its code).", "code")
        return schema
    schema = school_schema(code)
    if not rows.schema_exists(conn, schema):
        raise ValidationError(f"The trust's server has no school with the code '{code}'.", "code")
    return schema


def _file_heads(conn: Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute(text("SELECT version_num FROM alembic_version"))}


def _require_current(heads: set[str], what: str) -> None:
    wanted = head_revisions()
    if heads == wanted:
        return
    if heads - _known():
        raise CopyRefused(f"{what} was made by a newer version of SchoolDP. Update SchoolDP first.")
    raise CopyRefused(
        f"{what} is from an older version of SchoolDP. The trust's IT staff bring the server up to "
        "date with 'schooldp-admin migrate'; a school file is brought up to date by opening it."
    )


def _known() -> set[str]:
    from schooldp.storage.vault import _known_revisions

    return _known_revisions()


def _check_same(expected: dict[str, int], found: dict[str, int]) -> None:
    lost = {t: (n, found.get(t, 0)) for t, n in expected.items() if found.get(t, 0) != n}
    if lost:
        table, (want, got) = sorted(lost.items())[0]
        raise CopyRefused(
            f"The copy would lose records ({table}: {want} there, {got} copied). Nothing was changed."
        )


def _meta(conn: Connection, key: str) -> str | None:
    value = conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one_or_none()
    return None if value is None else str(value)


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(Meta).where(Meta.key == key))
    conn.execute(insert(Meta).values(key=key, value=value))


def _naive(clock: Clock):  # type: ignore[no-untyped-def]
    return clock.now().astimezone(UTC).replace(tzinfo=None)
