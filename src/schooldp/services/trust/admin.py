"""Setting up and looking after the trust's server: schools, people, roles, upgrades, checks.

Run by the trust's IT staff through ``schooldp-admin``, signed in as a PostgreSQL superuser:
it creates roles and changes every school's tables. Each command is one transaction, so a
failure leaves the server as it was. Every change to a school's accounts is written to that
school's activity log ("by trust IT"), like any other change.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from psycopg import sql
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from schooldp import __version__
from schooldp.domain.accounts import Role, check_passphrase
from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.school import SchoolProfile
from schooldp.services.school import _naive_utc, _profile_to_row
from schooldp.storage import audit
from schooldp.storage.models import AccountRow, Meta, SchoolRow
from schooldp.storage.server import checks, policies, roles
from schooldp.storage.server.conninfo import check_school_code, school_schema
from schooldp.storage.server.migrate import upgrade_schema
from schooldp.storage.server.roles import TrustRoles

BY_IT = "by trust IT"


class ServerUnavailable(SchoolDPError):
    """The server could not be reached or refused the sign-in."""


@contextmanager
def _admin(url: URL | str) -> Iterator[tuple[Connection, TrustRoles]]:
    """One transaction as a superuser on the trust's database."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        try:
            conn = engine.connect()
        except OperationalError as exc:
            raise ServerUnavailable(_connect_message(exc)) from None
        with conn, conn.begin():
            _require_superuser(conn)
            yield conn, roles.roles_for(conn)
    finally:
        engine.dispose()


def _connect_message(exc: OperationalError) -> str:
    lines = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
    detail = " ".join(line.strip() for line in lines).removeprefix("connection failed: ")
    if "password authentication failed" in detail:
        return "The server refused the administrator's password. Check PGPASSWORD or your .pgpass file."
    missing = re.search(r'database "([^"]+)" does not exist', detail)
    if missing:
        return (
            f"The server has no database called '{missing.group(1)}'. Check PGDATABASE or --url, or "
            "create it first (docs/TRUST.md, section 3)."
        )
    detail = re.sub(r"(\w) (Is the server running)", r"\1. \2", detail)
    return f"Could not connect to the database server: {detail}"


def _require_superuser(conn: Connection) -> None:
    superuser = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if not superuser:
        raise ValidationError(
            "schooldp-admin must sign in as a PostgreSQL superuser (for example 'postgres'): it "
            "creates roles and changes every school's tables."
        )


def _require_init(conn: Connection) -> None:
    found = conn.execute(
        text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": policies.CATALOGUE}
    ).first()
    if found is None:
        raise ValidationError(
            "This database has not been set up for SchoolDP yet. Run 'schooldp-admin init' first."
        )


def school_codes(conn: Connection) -> list[str]:
    rows = conn.execute(text(f"SELECT code FROM {policies.CATALOGUE}.schools ORDER BY code"))
    return [str(r[0]) for r in rows]


def _require_school(conn: Connection, code: str) -> None:
    check_school_code(code)
    if code not in school_codes(conn):
        raise ValidationError(
            f"There is no school with the code '{code}'. 'schooldp-admin add-school' adds one."
        )


def _require_person(conn: Connection, login: str) -> str:
    name = conn.execute(
        text(f"SELECT display_name FROM {policies.CATALOGUE}.people WHERE login = :l"), {"l": login}
    ).scalar()
    if name is None:
        raise ValidationError(
            f"There is no person with the login '{login}'. 'schooldp-admin add-user' adds one."
        )
    return str(name)


@contextmanager
def _school(conn: Connection, code: str) -> Iterator[Session]:
    """An ORM session on one school's tables, inside the command's transaction."""
    roles.run(conn, sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(school_schema(code))))
    session = Session(bind=conn, autoflush=True)
    try:
        yield session
        session.flush()
    finally:
        session.close()


# ---- init and schools ------------------------------------------------------------------------
def init(url: URL | str) -> str:
    """The trust's roles, the catalogue and its policies (safe to run again); returns the
    database's name."""
    with _admin(url) as (conn, names):
        roles.ensure_trust_roles(conn, names)
        policies.apply_catalogue(conn, names)
        return names.prefix


def add_school(url: URL | str, code: str, profile: SchoolProfile, *, clock: Clock = SYSTEM_CLOCK) -> None:
    """A new school: its roles, its schema built by the school file's migrations, policies, its
    profile, and accounts for the trust DPOs."""
    check_school_code(code)
    if not profile.name.strip():
        raise ValidationError("Enter the school's name.", "name")
    with _admin(url) as (conn, names):
        _require_init(conn)
        if code in school_codes(conn):
            raise ValidationError(f"There is already a school with the code '{code}'.")
        schema = school_schema(code)
        if policies.school_tables(conn, schema):
            raise ValidationError(
                f"The database already has tables for '{code}' ({schema}) but no school of that "
                "name in SchoolDP's list. Ask for help before removing them: they may hold records."
            )
        roles.ensure_school_roles(conn, names, code)
        upgrade_schema(conn, schema)
        policies.apply_school(conn, names, code)
        conn.execute(
            text(
                f"INSERT INTO {policies.CATALOGUE}.schools(code, name, schema, added_at) VALUES (:c, :n, :s, :a)"
            ),
            {"c": code, "n": profile.name.strip(), "s": schema, "a": clock.now().astimezone(UTC)},
        )
        with _school(conn, code) as s:
            now = clock.now()
            for key, value in (
                ("file_id", str(uuid.uuid4())),
                ("backend", "server"),
                ("school_code", code),
                ("created_at", now.astimezone(UTC).isoformat(timespec="seconds")),
                ("created_by_version", __version__),
            ):
                s.add(Meta(key=key, value=value))
            row = SchoolRow(id=1)
            _profile_to_row(profile, row)
            s.add(row)
            s.flush()
            audit.append(
                s, None, "school.created", "school", 1, f"School added on the trust's server {BY_IT}", now=now
            )
            for login, display_name in _trust_dpos(conn, names):
                _put_account(s, login, display_name, Role.DPO, clock)


def welcome_trust_dpos(conn: Connection, names: TrustRoles, code: str, clock: Clock) -> None:
    """Each trust DPO gets a DPO account in school ``code`` (a school added or moved in)."""
    with _school(conn, code) as s:
        for login, display_name in _trust_dpos(conn, names):
            _put_account(s, login, display_name, Role.DPO, clock)


def _trust_dpos(conn: Connection, names: TrustRoles) -> list[tuple[str, str]]:
    rows = conn.execute(
        text(
            f"SELECT p.login, p.display_name FROM {policies.CATALOGUE}.people p "
            "JOIN pg_roles r ON r.rolname = p.login JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = :t ORDER BY p.login"
        ),
        {"t": names.trust_dpo},
    )
    return [(str(a), str(b)) for a, b in rows]


# ---- people ----------------------------------------------------------------------------------
def _slot(login: str) -> str:
    return f"pg:{login}"


def _put_account(s: Session, login: str, display_name: str, role: Role, clock: Clock) -> None:
    """The school's account row for ``login`` with ``role``; an activity entry if it changed."""
    row = s.scalar(select(AccountRow).where(AccountRow.slot_id == _slot(login)))
    now = clock.now()
    if row is None:
        row = AccountRow(
            display_name=display_name, role=role.value, slot_id=_slot(login), created_at=_naive_utc(clock)
        )
        s.add(row)
        s.flush()
        audit.append(
            s, None, "account.added", "account", row.id, f"Account added {BY_IT}: {role.label}", now=now
        )
    elif row.removed_at is not None or row.role != role.value:
        restored = row.removed_at is not None
        row.role, row.removed_at = role.value, None
        s.flush()
        what = "restored" if restored else "role changed"
        audit.append(
            s, None, "account.changed", "account", row.id, f"Account {what} {BY_IT}: {role.label}", now=now
        )


def _remove_account(s: Session, login: str, clock: Clock) -> None:
    row = s.scalar(select(AccountRow).where(AccountRow.slot_id == _slot(login)))
    if row is None or row.removed_at is not None:
        return
    row.removed_at = _naive_utc(clock)
    s.flush()
    audit.append(s, None, "account.removed", "account", row.id, f"Account removed {BY_IT}", now=clock.now())


def _check_choice(school: str | None, role: str | None, trust: bool) -> Role | None:
    if trust and (school or role):
        raise ValidationError("Choose either a school and a role, or the trust DPO role, not both.")
    if trust:
        return None
    if not school or not role:
        raise ValidationError(
            "Say which school and which role (dpo, headteacher or viewer), or the trust DPO role."
        )
    check_school_code(school)
    if role not in roles.SCHOOL_ROLES:
        raise ValidationError(f"'{role}' is not a role. Choose dpo, headteacher or viewer.")
    return Role(role)


def add_user(
    url: URL | str,
    login: str,
    display_name: str,
    password: str,
    *,
    school: str | None = None,
    role: str | None = None,
    trust: bool = False,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    """A person's own database login with their password, granted a school role or the trust
    DPO role; an account row (``pg:<login>``) in each school they may use."""
    roles.check_login(login)
    name = display_name.strip()
    if not name:
        raise ValidationError("Enter the person's name as it should appear in SchoolDP.", "name")
    check_passphrase(password)
    chosen = _check_choice(school, role, trust)
    with _admin(url) as (conn, names):
        _require_init(conn)
        if school:
            _require_school(conn, school)
        roles.create_login(conn, login, password)
        conn.execute(
            text(f"INSERT INTO {policies.CATALOGUE}.people(login, display_name) VALUES (:l, :n)"),
            {"l": login, "n": name},
        )
        _grant(conn, names, login, name, school, chosen, clock)


def grant(
    url: URL | str,
    login: str,
    *,
    school: str | None = None,
    role: str | None = None,
    trust: bool = False,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    """Give an existing person a role in a school (replacing their role there) or the trust role."""
    chosen = _check_choice(school, role, trust)
    with _admin(url) as (conn, names):
        _require_init(conn)
        name = _require_person(conn, login)
        if school:
            _require_school(conn, school)
        _grant(conn, names, login, name, school, chosen, clock)


def _grant(
    conn: Connection,
    names: TrustRoles,
    login: str,
    name: str,
    school: str | None,
    role: Role | None,
    clock: Clock,
) -> None:
    if role is None or school is None:
        roles.grant_role(conn, names.trust_dpo, login)
        for code in school_codes(conn):
            with _school(conn, code) as s:
                _put_account(s, login, name, Role.DPO, clock)
        return
    wanted = names.school_role(school, role.value)
    for group in names.school_roles(school):
        if group != wanted:
            roles.revoke_role(conn, group, login)
    roles.grant_role(conn, wanted, login)
    if roles.is_member(conn, login, names.trust_dpo):
        role = Role.DPO  # a trust DPO is a DPO in every school, whatever else they hold
    with _school(conn, school) as s:
        _put_account(s, login, name, role, clock)


def revoke(
    url: URL | str, login: str, *, school: str | None = None, trust: bool = False, clock: Clock = SYSTEM_CLOCK
) -> None:
    """Take away a person's role in one school, or the trust DPO role. Their login stays (for
    other schools); their account rows are marked removed, never deleted."""
    if trust == bool(school):
        raise ValidationError("Say which school to take the person out of, or the trust DPO role.")
    with _admin(url) as (conn, names):
        _require_init(conn)
        name = _require_person(conn, login)
        if trust:
            roles.revoke_role(conn, names.trust_dpo, login)
            for code in school_codes(conn):
                _settle_account(conn, names, login, name, code, clock)
            return
        assert school is not None
        _require_school(conn, school)
        for group in names.school_roles(school):
            roles.revoke_role(conn, group, login)
        _settle_account(conn, names, login, name, school, clock)


def _settle_account(
    conn: Connection, names: TrustRoles, login: str, name: str, code: str, clock: Clock
) -> None:
    """Make the school's account row agree with the roles the person still holds there."""
    held: Role | None = Role.DPO if roles.is_member(conn, login, names.trust_dpo) else None
    if held is None:
        for value in roles.SCHOOL_ROLES:
            if roles.is_member(conn, login, names.school_role(code, value)):
                held = Role(value)
                break
    with _school(conn, code) as s:
        if held is None:
            _remove_account(s, login, clock)
        else:
            _put_account(s, login, name, held, clock)


def set_password(url: URL | str, login: str, password: str) -> None:
    """A new password for a person (their old one stops working at once)."""
    check_passphrase(password)
    with _admin(url) as (conn, _names):
        _require_init(conn)
        _require_person(conn, login)
        roles.set_password(conn, login, password)


# ---- upgrades and checks ---------------------------------------------------------------------
def migrate(url: URL | str) -> list[str]:
    """Every school's tables brought to this version, then roles, grants and policies applied
    again (so tables a migration added are covered). Returns the school codes."""
    with _admin(url) as (conn, names):
        _require_init(conn)
        roles.ensure_trust_roles(conn, names)
        policies.apply_catalogue(conn, names)
        codes = school_codes(conn)
        for code in codes:
            if not policies.school_tables(conn, school_schema(code)):
                raise ValidationError(
                    f"School '{code}' is in SchoolDP's list but its tables ({school_schema(code)}) are "
                    "missing. Restore them from a backup before upgrading; nothing was changed."
                )
            roles.ensure_school_roles(conn, names, code)
            upgrade_schema(conn, school_schema(code))
            policies.apply_school(conn, names, code)
        return codes


def check(url: URL | str) -> list[str]:
    """Problems with the server's access rules and the schools' activity logs, in plain words
    (an empty list when all is well)."""
    with _admin(url) as (conn, names):
        try:
            _require_init(conn)
        except ValidationError as exc:
            return [str(exc)]
        problems = checks.trust_problems(conn, names)
        for code in school_codes(conn):
            found = checks.school_problems(conn, names, code)
            problems += found
            if found and any("tables are missing" in p for p in found):
                continue
            with _school(conn, code) as s:
                report = audit.verify_chain(s)
            if not report.ok:
                problems.append(f"School '{code}': the activity log does not check out. {report.message}")
        return problems
