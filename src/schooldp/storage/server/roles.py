"""The server's roles: who may read and write which school, made idempotently.

All roles but people's own logins are NOLOGIN group roles named after the trust's database
(``P`` below), so two trusts on one server never share a role:

- ``P_owner`` owns the catalogue and every school's schema, tables, sequences and functions;
- ``P_trust_dpo`` the trust DPO: granted every school's ``P_<code>_dpo``;
- ``P_<code>_viewer`` may read school ``<code>``; ``P_<code>_head`` and ``P_<code>_dpo`` are
  granted the viewer role and may also write.

Identifiers and passwords always go through ``psycopg.sql`` quoting, never string formatting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from psycopg import sql
from sqlalchemy import Connection, text

from schooldp.domain.errors import ValidationError
from schooldp.storage.server.conninfo import check_school_code

_PREFIX = re.compile(r"^[a-z][a-z0-9_]*$")
_LOGIN = re.compile(r"^[a-z][a-z0-9_.\-]{0,62}$")
MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1
SCHOOL_ROLES = ("dpo", "headteacher", "viewer")  # the accounts.role values a person may hold


@dataclass(frozen=True)
class TrustRoles:
    """The role names of one trust (one database)."""

    prefix: str

    def __post_init__(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise ValidationError(
                f"The database is called '{self.prefix}'. SchoolDP names its roles after the "
                "database, so use a database name of lower-case letters, digits and '_' "
                "starting with a letter (for example 'alsager_mat')."
            )
        longest = len(self.prefix) + len("_") + 30 + len("_viewer")
        if longest > MAX_IDENTIFIER:
            raise ValidationError(
                f"The database name '{self.prefix}' is too long for SchoolDP's role names. "
                f"Use at most {MAX_IDENTIFIER - 38} characters."
            )

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    @property
    def trust_dpo(self) -> str:
        return f"{self.prefix}_trust_dpo"

    def viewer(self, code: str) -> str:
        return f"{self.prefix}_{check_school_code(code)}_viewer"

    def head(self, code: str) -> str:
        return f"{self.prefix}_{check_school_code(code)}_head"

    def dpo(self, code: str) -> str:
        return f"{self.prefix}_{check_school_code(code)}_dpo"

    def school_role(self, code: str, role: str) -> str:
        """The group role for ``role`` (an accounts.role value) in school ``code``."""
        if role == "dpo":
            return self.dpo(code)
        if role == "headteacher":
            return self.head(code)
        if role == "viewer":
            return self.viewer(code)
        raise ValidationError(f"'{role}' is not a role. Choose dpo, headteacher or viewer.")

    def school_roles(self, code: str) -> tuple[str, str, str]:
        return self.viewer(code), self.head(code), self.dpo(code)


def check_login(login: str) -> str:
    """A person's login: lower-case letters, digits, '.', '_' or '-', starting with a letter."""
    if not _LOGIN.match(login):
        raise ValidationError(
            f"'{login}' cannot be a login. Use lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter (for example 'priya.raman')."
        )
    return login


def roles_for(conn: Connection) -> TrustRoles:
    """The role names of the database ``conn`` is connected to."""
    return TrustRoles(str(conn.execute(text("SELECT current_database()")).scalar_one()))


def run(conn: Connection, statement: sql.Composable) -> None:
    """Run one composed statement (identifiers and literals quoted by psycopg)."""
    raw = conn.connection.driver_connection
    assert raw is not None
    conn.exec_driver_sql(statement.as_string(raw))


def role_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    return found is not None


def is_login(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    return bool(found and found[0])


def ensure_group(conn: Connection, name: str) -> None:
    """A NOLOGIN role (created once; later calls leave it as it is)."""
    if not role_exists(conn, name):
        run(conn, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))


def is_member(conn: Connection, member: str, group: str) -> bool:
    """True when ``member`` was granted ``group`` directly."""
    found = conn.execute(
        text(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = :g AND r.rolname = :m"
        ),
        {"g": group, "m": member},
    ).first()
    return found is not None


def grant_role(conn: Connection, group: str, member: str) -> None:
    if not is_member(conn, member, group):
        run(conn, sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(member)))


def revoke_role(conn: Connection, group: str, member: str) -> None:
    if is_member(conn, member, group):
        run(conn, sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(member)))


def ensure_trust_roles(conn: Connection, roles: TrustRoles) -> None:
    ensure_group(conn, roles.owner)
    ensure_group(conn, roles.trust_dpo)


def ensure_school_roles(conn: Connection, roles: TrustRoles, code: str) -> None:
    """The school's viewer, head and DPO roles; head and DPO may read; the trust DPO is a DPO."""
    viewer, head, dpo = roles.school_roles(code)
    for name in (viewer, head, dpo):
        ensure_group(conn, name)
    grant_role(conn, viewer, head)
    grant_role(conn, viewer, dpo)
    grant_role(conn, dpo, roles.trust_dpo)


def scram_verifier(conn: Connection, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier, made by libpq on this side: the password never reaches the
    server (nor its statement log) in clear."""
    raw: Any = conn.connection.driver_connection
    verifier: bytes = raw.pgconn.encrypt_password(
        password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def create_login(conn: Connection, login: str, password: str) -> None:
    """A person's own LOGIN role with their password (refuses a name already taken)."""
    check_login(login)
    if role_exists(conn, login):
        raise ValidationError(
            f"There is already a database account called '{login}'. Use 'grant' to give it "
            "access to a school, or choose another login."
        )
    run(
        conn,
        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(login), sql.Literal(scram_verifier(conn, login, password))
        ),
    )


def set_password(conn: Connection, login: str, password: str) -> None:
    run(
        conn,
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(login), sql.Literal(scram_verifier(conn, login, password))
        ),
    )
