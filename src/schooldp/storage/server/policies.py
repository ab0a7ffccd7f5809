"""Grants, row-level security and the change-notification trigger, applied idempotently.

Every school table gets RLS ENABLE + FORCE and the policies below; grants agree with them
(viewers SELECT only; ``audit_log`` insert-only for everyone). Applying again after a
migration covers the tables it added. ``expected_policies`` and ``expected_grants`` are what
``schooldp-admin check`` compares the server against.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from psycopg import sql
from sqlalchemy import Connection, text

from schooldp.storage.server.conninfo import school_schema
from schooldp.storage.server.roles import TrustRoles, run

CATALOGUE = "schooldp"
CHANNEL = "schooldp"
AUDIT_TABLE = "audit_log"
VERSION_TABLE = "alembic_version"  # written by migrations only
ACCOUNTS_TABLE = "accounts"  # who may sign in is trust IT's to say (schooldp-admin), not a DPO's
ACCOUNT_COLUMNS_WRITTEN = ("last_unlock_at",)  # the program notes each sign-in
NOTIFY_FUNCTION = "sdp_notify_change"
NOTIFY_TRIGGER = "sdp_notify_change"
WRITE = ("INSERT", "UPDATE", "DELETE")


# ---- the catalogue: which schools there are, and the people --------------------------------
def apply_catalogue(conn: Connection, roles: TrustRoles) -> None:
    """The ``schooldp`` schema, its tables and policies; the database closed to strangers."""
    db = sql.Identifier(roles.prefix)
    owner, trust = sql.Identifier(roles.owner), sql.Identifier(roles.trust_dpo)
    run(conn, sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
    run(conn, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, trust))
    run(conn, sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    run(
        conn,
        sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(sql.Identifier(CATALOGUE), owner),
    )
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {CATALOGUE}.schools (code text PRIMARY KEY, name text NOT NULL, "
            "schema text NOT NULL UNIQUE, added_at timestamptz NOT NULL DEFAULT now())"
        )
    )
    conn.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS {CATALOGUE}.people (login text PRIMARY KEY, "
            "display_name text NOT NULL)"
        )
    )
    _protect_catalogue(conn, roles)


def catalogue_grants(conn: Connection, roles: TrustRoles) -> set[tuple[str, str]]:
    """(role, privilege) pairs each catalogue table should carry: read by the trust DPO and by
    each school's readers (its policies then show them only their own schools)."""
    codes = conn.execute(text(f"SELECT code FROM {CATALOGUE}.schools")).scalars()
    return {(roles.trust_dpo, "SELECT")} | {(roles.viewer(str(code)), "SELECT") for code in codes}


def _protect_catalogue(conn: Connection, roles: TrustRoles) -> None:
    cat, owner, trust = (
        sql.Identifier(CATALOGUE),
        sql.Identifier(roles.owner),
        sql.Identifier(roles.trust_dpo),
    )
    run(conn, sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(cat, owner))
    run(conn, sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(cat))
    run(conn, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(cat, trust))
    expected = catalogue_grants(conn, roles)
    for table in ("schools", "people"):
        ident = sql.Identifier(CATALOGUE, table)
        run(conn, sql.SQL("ALTER TABLE {} OWNER TO {}").format(ident, owner))
        run(conn, sql.SQL("REVOKE ALL ON TABLE {} FROM PUBLIC").format(ident))
        run(conn, sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(ident, trust))
        _revoke(conn, "TABLE", ident, table_grants(conn, CATALOGUE, table) - expected)
        run(conn, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(ident))
        run(conn, sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(ident))
    for table, using in catalogue_policies(roles).items():
        ident = sql.Identifier(CATALOGUE, table)
        for name in policy_names(conn, CATALOGUE, table):
            run(conn, sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(name), ident))
        run(conn, sql.SQL("CREATE POLICY sdp_read ON {} FOR SELECT USING ({})").format(ident, sql.SQL(using)))


def _revoke(conn: Connection, kind: str, target: sql.Composable, grants: set[tuple[str, str]]) -> None:
    """Take away grants SchoolDP did not make (someone's mistake, or an attempt to see more)."""
    for grantee, privilege in sorted(grants):
        whom = sql.SQL("PUBLIC") if grantee == "PUBLIC" else sql.Identifier(grantee)
        run(
            conn,
            sql.SQL("REVOKE {} ON {} {} FROM {}").format(sql.SQL(privilege), sql.SQL(kind), target, whom),
        )


def _member(role: str) -> str:
    """The SQL test 'the signed-in person holds ``role``' (directly or through another role).

    As a sub-select it is worked out once per statement, not once per row (a roll-up across
    every school reads many rows)."""
    return f"(SELECT pg_has_role(current_user, {sql.Literal(role).as_string()}, 'MEMBER'))"


def catalogue_policies(roles: TrustRoles) -> dict[str, str]:
    """A person sees the schools they belong to (the trust DPO all) and their own name."""
    prefix = sql.Literal(roles.prefix + "_").as_string()
    trust_member = _member(roles.trust_dpo)
    school_member = (
        "EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = "
        f"({prefix} || schools.code || '_viewer') AND pg_has_role(current_user, r.oid, 'MEMBER'))"
    )
    return {
        "schools": f"{trust_member} OR {school_member}",
        "people": f"{trust_member} OR login = current_user",
    }


def open_catalogue_to_school(conn: Connection, roles: TrustRoles, code: str) -> None:
    """A school's readers may connect and read the catalogue (its policies then filter)."""
    viewer = sql.Identifier(roles.viewer(code))
    run(conn, sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(roles.prefix), viewer))
    run(conn, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(CATALOGUE), viewer))
    for table in ("schools", "people"):
        run(conn, sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(sql.Identifier(CATALOGUE, table), viewer))


# ---- one school's schema -------------------------------------------------------------------
def school_tables(conn: Connection, schema: str) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') ORDER BY c.relname"
        ),
        {"s": schema},
    )
    return [str(r[0]) for r in rows]


def expected_policies(
    roles: TrustRoles, code: str, table: str
) -> dict[str, tuple[str, str | None, str | None]]:
    """policy name -> (command, USING, WITH CHECK) for one school table."""
    read = _member(roles.viewer(code))
    write = f"{_member(roles.dpo(code))} OR {_member(roles.head(code))}"
    policies: dict[str, tuple[str, str | None, str | None]] = {"sdp_read": ("SELECT", read, None)}
    if table == VERSION_TABLE:
        return policies
    if table == ACCOUNTS_TABLE:
        policies["sdp_update"] = ("UPDATE", write, write)
        return policies
    policies["sdp_insert"] = ("INSERT", None, write)
    if table != AUDIT_TABLE:
        policies["sdp_update"] = ("UPDATE", write, write)
        policies["sdp_delete"] = ("DELETE", write, None)
    return policies


def expected_grants(roles: TrustRoles, code: str, table: str) -> set[tuple[str, str]]:
    """(role, privilege) pairs a school table should carry, besides its owner's."""
    viewer, head, dpo = roles.school_roles(code)
    grants = {(viewer, "SELECT")}
    if table in (VERSION_TABLE, ACCOUNTS_TABLE):  # accounts: column grants only (see _apply_table)
        return grants
    writes: Iterable[str] = ("INSERT",) if table == AUDIT_TABLE else WRITE
    for role in (head, dpo):
        grants |= {(role, p) for p in writes}
    return grants


def apply_school(conn: Connection, roles: TrustRoles, code: str) -> None:
    """Ownership, grants, RLS and policies on every table of the school's schema, and the
    notification trigger; safe to run again (after each migration)."""
    schema = school_schema(code)
    viewer, head, dpo = roles.school_roles(code)
    sch, owner = sql.Identifier(schema), sql.Identifier(roles.owner)
    run(conn, sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(sch, owner))
    run(conn, sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(sch))
    run(conn, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sch, sql.Identifier(viewer)))
    _revoke(conn, "SCHEMA", sch, schema_grants(conn, schema) - {(viewer, "USAGE")})
    for table in school_tables(conn, schema):
        _apply_table(conn, roles, code, table)
    writers = sql.SQL(", ").join([sql.Identifier(head), sql.Identifier(dpo)])
    run(conn, sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(sch, writers))
    _apply_notify(conn, roles, code)
    open_catalogue_to_school(conn, roles, code)


def _apply_table(conn: Connection, roles: TrustRoles, code: str, table: str) -> None:
    ident = sql.Identifier(school_schema(code), table)
    everyone = sql.SQL(", ").join([sql.SQL("PUBLIC"), *(sql.Identifier(r) for r in roles.school_roles(code))])
    run(conn, sql.SQL("ALTER TABLE {} OWNER TO {}").format(ident, sql.Identifier(roles.owner)))
    run(conn, sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(ident, everyone))
    by_role: dict[str, list[str]] = {}
    for role, privilege in sorted(expected_grants(roles, code, table)):
        by_role.setdefault(role, []).append(privilege)
    for role, privileges in by_role.items():
        run(
            conn,
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                sql.SQL(", ").join(sql.SQL(p) for p in privileges), ident, sql.Identifier(role)
            ),
        )
    extra = table_grants(conn, school_schema(code), table) - expected_grants(roles, code, table)
    _revoke(conn, "TABLE", ident, extra)
    if table == ACCOUNTS_TABLE:
        # A head or DPO may note their own sign-in but cannot add people or change anyone's
        # role by any query: the server refuses, whatever the program does.
        columns = sql.SQL(", ").join(sql.Identifier(c) for c in ACCOUNT_COLUMNS_WRITTEN)
        writers = sql.SQL(", ").join(sql.Identifier(r) for r in roles.school_roles(code)[1:])
        run(conn, sql.SQL("GRANT UPDATE ({}) ON TABLE {} TO {}").format(columns, ident, writers))
    run(conn, sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(ident))
    run(conn, sql.SQL("ALTER TABLE {} FORCE ROW LEVEL SECURITY").format(ident))
    expected = expected_policies(roles, code, table)
    for name in policy_names(conn, school_schema(code), table):
        if name not in expected:
            run(conn, sql.SQL("DROP POLICY {} ON {}").format(sql.Identifier(name), ident))
    for name, (command, using, check) in expected.items():
        run(conn, sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(name), ident))
        parts = [
            sql.SQL("CREATE POLICY {} ON {} FOR {}").format(sql.Identifier(name), ident, sql.SQL(command))
        ]
        if using is not None:
            parts.append(sql.SQL("USING ({})").format(sql.SQL(using)))
        if check is not None:
            parts.append(sql.SQL("WITH CHECK ({})").format(sql.SQL(check)))
        run(conn, sql.SQL(" ").join(parts))


def table_grants(conn: Connection, schema: str, table: str) -> set[tuple[str, str]]:
    """(role, privilege) pairs granted on a table to anyone but its owner ('PUBLIC' for all)."""
    rows = conn.execute(
        text(
            "SELECT COALESCE(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
            "LEFT JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE n.nspname = :s AND c.relname = :t AND a.grantee <> c.relowner"
        ),
        {"s": schema, "t": table},
    )
    return {(str(g), str(p)) for g, p in rows}


def schema_grants(conn: Connection, schema: str) -> set[tuple[str, str]]:
    """(role, privilege) pairs granted on a schema to anyone but its owner."""
    rows = conn.execute(
        text(
            "SELECT COALESCE(g.rolname, 'PUBLIC'), a.privilege_type FROM pg_namespace n, "
            "aclexplode(n.nspacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE n.nspname = :s AND a.grantee <> n.nspowner"
        ),
        {"s": schema},
    )
    return {(str(g), str(p)) for g, p in rows}


def policy_names(conn: Connection, schema: str, table: str) -> list[str]:
    rows = conn.execute(
        text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
        {"s": schema, "t": table},
    )
    return [str(r[0]) for r in rows]


def _apply_notify(conn: Connection, roles: TrustRoles, code: str) -> None:
    """After each activity entry, tell listeners which school and record changed (names and
    ids only, never personal details)."""
    schema = school_schema(code)
    function = sql.Identifier(schema, NOTIFY_FUNCTION)
    body = (
        "BEGIN PERFORM pg_notify("
        + sql.Literal(CHANNEL).as_string()
        + ", "
        + sql.Literal(code + "|").as_string()
        + " || NEW.entity || '|' || NEW.entity_id); RETURN NULL; END"
    )
    run(
        conn,
        sql.SQL("CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS {}").format(
            function, sql.Literal(body)
        ),
    )
    run(conn, sql.SQL("ALTER FUNCTION {}() OWNER TO {}").format(function, sql.Identifier(roles.owner)))
    audit = sql.Identifier(schema, AUDIT_TABLE)
    run(conn, sql.SQL("DROP TRIGGER IF EXISTS {} ON {}").format(sql.Identifier(NOTIFY_TRIGGER), audit))
    run(
        conn,
        sql.SQL("CREATE TRIGGER {} AFTER INSERT ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
            sql.Identifier(NOTIFY_TRIGGER), audit, function
        ),
    )


def normalise(expression: str | None) -> str:
    """An expression as PostgreSQL shows it, without casts, brackets, spaces or case."""
    if expression is None:
        return ""
    plain = re.sub(r"::[a-z_]+", "", expression.lower())
    plain = re.sub(r"\bas pg_has_role\b", "", plain)
    return re.sub(r"[\s()]", "", plain)
