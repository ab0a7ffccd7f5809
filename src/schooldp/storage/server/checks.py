"""What ``schooldp-admin check`` compares: the server's actual grants, policies and owners
against the ones SchoolDP made, in plain words for the trust's IT staff."""

from __future__ import annotations

from sqlalchemy import Connection, text

from schooldp.storage.server import policies
from schooldp.storage.server.conninfo import school_schema
from schooldp.storage.server.migrate import schema_is_current
from schooldp.storage.server.roles import TrustRoles, is_member, role_exists

_FIX = "Run 'schooldp-admin migrate' to put it right, and find out who changed it."


def trust_problems(conn: Connection, names: TrustRoles) -> list[str]:
    problems = [
        f"The role '{role}' is missing. {_FIX}"
        for role in (names.owner, names.trust_dpo)
        if not role_exists(conn, role)
    ]
    for table, using in policies.catalogue_policies(names).items():
        label = "SchoolDP's list of schools and people"
        problems += _rls_problems(
            conn, policies.CATALOGUE, table, label, {"sdp_read": ("SELECT", using, None)}
        )
        actual = policies.table_grants(conn, policies.CATALOGUE, table)
        for grantee, privilege in sorted(actual - policies.catalogue_grants(conn, names)):
            problems.append(f"{label}: '{grantee}' has been given {privilege} on table '{table}'. {_FIX}")
    return problems


def school_problems(conn: Connection, names: TrustRoles, code: str) -> list[str]:
    schema = school_schema(code)
    label = f"School '{code}'"
    if not policies.school_tables(conn, schema):
        return [f"{label}: its tables are missing (schema {schema})."]
    problems = [
        f"{label}: the role '{role}' is missing. {_FIX}"
        for role in names.school_roles(code)
        if not role_exists(conn, role)
    ]
    if problems:
        return problems
    viewer, head, dpo = names.school_roles(code)
    for member, group in ((head, viewer), (dpo, viewer), (names.trust_dpo, dpo)):
        if not is_member(conn, member, group):
            problems.append(f"{label}: '{member}' is no longer a member of '{group}'. {_FIX}")
    if not schema_is_current(conn, schema):
        problems.append(
            f"{label}: its tables need the upgrade for this version. Run 'schooldp-admin migrate'."
        )
    problems += _schema_grant_problems(conn, names, code)
    for table in policies.school_tables(conn, schema):
        problems += _table_problems(conn, names, code, table)
    if not _has_notify(conn, schema):
        problems.append(
            f"{label}: the change notice on the activity log is missing, so other people's screens "
            "will not refresh by themselves. Run 'schooldp-admin migrate'."
        )
    return problems


def _schema_grant_problems(conn: Connection, names: TrustRoles, code: str) -> list[str]:
    label = f"School '{code}'"
    problems = []
    owner = conn.execute(
        text(
            "SELECT o.rolname FROM pg_namespace n JOIN pg_roles o ON o.oid = n.nspowner WHERE n.nspname = :s"
        ),
        {"s": school_schema(code)},
    ).scalar()
    if owner != names.owner:
        problems.append(f"{label}: its schema is owned by '{owner}' instead of '{names.owner}'. {_FIX}")
    actual = policies.schema_grants(conn, school_schema(code))
    for grantee, privilege in sorted(actual - {(names.viewer(code), "USAGE")}):
        problems.append(f"{label}: '{grantee}' has been given {privilege} on the school's schema. {_FIX}")
    if (names.viewer(code), "USAGE") not in actual:
        problems.append(f"{label}: its readers cannot reach the school's schema. {_FIX}")
    return problems


def _table_problems(conn: Connection, names: TrustRoles, code: str, table: str) -> list[str]:
    schema = school_schema(code)
    label = f"School '{code}'"
    problems = _rls_problems(conn, schema, table, label, policies.expected_policies(names, code, table))
    owner = conn.execute(
        text(
            "SELECT o.rolname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_roles o ON o.oid = c.relowner WHERE n.nspname = :s AND c.relname = :t"
        ),
        {"s": schema, "t": table},
    ).scalar()
    if owner != names.owner:
        problems.append(f"{label}: table '{table}' is owned by '{owner}' instead of '{names.owner}'. {_FIX}")
    actual = policies.table_grants(conn, schema, table)
    expected = policies.expected_grants(names, code, table)
    for grantee, privilege in sorted(actual - expected):
        if table == policies.AUDIT_TABLE and privilege in ("UPDATE", "DELETE", "TRUNCATE"):
            problems.append(
                f"{label}: '{grantee}' may {privilege} entries in the activity log (audit_log), which "
                f"must be insert-only for everyone. {_FIX}"
            )
        else:
            problems.append(f"{label}: '{grantee}' has been given {privilege} on table '{table}'. {_FIX}")
    for grantee, privilege in sorted(expected - actual):
        problems.append(f"{label}: '{grantee}' is missing {privilege} on table '{table}'. {_FIX}")
    return problems


def _rls_problems(
    conn: Connection,
    schema: str,
    table: str,
    label: str,
    expected: dict[str, tuple[str, str | None, str | None]] | None = None,
) -> list[str]:
    flags = conn.execute(
        text(
            "SELECT c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relname = :t"
        ),
        {"s": schema, "t": table},
    ).first()
    if flags is None:
        return [f"{label}: table '{table}' is missing."]
    problems = []
    if not flags[0]:
        problems.append(
            f"{label}: row-level security is switched off on table '{table}', so the server no longer "
            f"limits who reads and writes it. {_FIX}"
        )
    elif not flags[1]:
        problems.append(
            f"{label}: row-level security is not enforced for the owner of table '{table}'. {_FIX}"
        )
    if expected is not None:
        problems += _policy_problems(conn, schema, table, label, expected)
    return problems


def _policy_problems(
    conn: Connection,
    schema: str,
    table: str,
    label: str,
    expected: dict[str, tuple[str, str | None, str | None]],
) -> list[str]:
    rows = conn.execute(
        text(
            "SELECT policyname, permissive, roles::text[], cmd, qual, with_check FROM pg_policies "
            "WHERE schemaname = :s AND tablename = :t"
        ),
        {"s": schema, "t": table},
    ).all()
    actual = {str(r[0]): r for r in rows}
    problems = []
    for name in sorted(set(actual) - set(expected)):
        problems.append(
            f"{label}: table '{table}' has an extra access rule '{name}' that SchoolDP did not make. {_FIX}"
        )
    for name, (command, using, check) in expected.items():
        row = actual.get(name)
        if row is None:
            problems.append(f"{label}: table '{table}' is missing its access rule '{name}'. {_FIX}")
            continue
        same = (
            row[1] == "PERMISSIVE"
            and list(row[2]) == ["public"]
            and row[3] == command
            and policies.normalise(row[4]) == policies.normalise(using)
            and policies.normalise(row[5]) == policies.normalise(check)
        )
        if not same:
            problems.append(f"{label}: the access rule '{name}' on table '{table}' has been changed. {_FIX}")
    return problems


def _has_notify(conn: Connection, schema: str) -> bool:
    found = conn.execute(
        text(
            "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relname = :t AND t.tgname = :g AND t.tgenabled <> 'D'"
        ),
        {"s": schema, "t": policies.AUDIT_TABLE, "g": policies.NOTIFY_TRIGGER},
    ).first()
    return found is not None
