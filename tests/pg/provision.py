"""Setting up schools and people on the test server as the trust's IT staff would.

Until the administration service (services/trust/admin.py) is on this branch, this builds the
minimum by hand as the superuser: the catalogue, a school's schema from the file's own
migrations, its profile and meta rows, a LOGIN role with a password per person, and grants that
agree with the trust's design (a viewer SELECT only, a writer SELECT/INSERT/UPDATE/DELETE).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from schooldp.domain.accounts import Role
from schooldp.domain.school import SchoolProfile
from schooldp.storage import audit
from schooldp.storage.models import AccountRow, Meta, SchoolRow
from schooldp.storage.server.conninfo import ConnectionFile, school_schema
from schooldp.storage.server.migrate import upgrade_schema

PASSWORD = "Tr0ub4dor-&-3-horse"
_NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class TestTrust:
    """One trust database on the test server, with the superuser URL to set it up."""

    url: URL
    engine: Engine = field(init=False)
    roles: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.engine = create_engine(self.url)
        with self.engine.begin() as c:
            c.execute(text("CREATE SCHEMA IF NOT EXISTS schooldp"))
            c.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS schooldp.schools (code text PRIMARY KEY, name text NOT NULL, "
                    "schema text NOT NULL, added_at timestamptz NOT NULL DEFAULT now())"
                )
            )
            c.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS schooldp.people (login text PRIMARY KEY, display_name text NOT NULL)"
                )
            )

    @property
    def connection_file(self) -> ConnectionFile:
        return ConnectionFile(
            host=self.url.host or "127.0.0.1",
            port=self.url.port or 5432,
            database=self.url.database or "",
            sslmode="disable",
            label="Test trust",
        )

    def add_school(self, code: str, profile: SchoolProfile) -> None:
        schema = school_schema(code)
        with self.engine.begin() as c:
            upgrade_schema(c, schema)
            c.execute(
                text("INSERT INTO schooldp.schools(code, name, schema) VALUES (:c, :n, :s)"),
                {"c": code, "n": profile.name, "s": schema},
            )
        self.seed(code, profile)

    def seed(self, code: str, profile: SchoolProfile) -> None:
        """The rows a new school starts with: its profile, meta and first activity entry."""
        with self._in(code) as s:
            from schooldp.services.school import _profile_to_row

            row = SchoolRow(id=1)
            _profile_to_row(profile, row)
            s.add(row)
            for key, value in (("file_id", uuid.uuid4().hex), ("backend", "server")):
                s.add(Meta(key=key, value=value))
            audit.append(s, None, "school.created", "school", 1, "School added to the trust server", now=_NOW)

    def empty(self, code: str) -> None:
        """Every table of the school emptied and its ids started again (between tests)."""
        schema = school_schema(code)
        with self.engine.begin() as c:
            tables = c.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename <> 'alembic_version'"
                ),
                {"s": schema},
            ).scalars()
            names = ", ".join(f'"{schema}"."{t}"' for t in tables)
            c.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))

    @contextmanager
    def _in(self, code: str) -> Iterator[Session]:
        with Session(self.engine) as s, s.begin():
            s.execute(text(f'SET LOCAL search_path TO "{school_schema(code)}"'))
            yield s

    def add_person(self, login: str, display_name: str, password: str = PASSWORD) -> str:
        with self.engine.begin() as c:
            c.execute(text(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{password}'"))
            c.execute(
                text("INSERT INTO schooldp.people(login, display_name) VALUES (:l, :d)"),
                {"l": login, "d": display_name},
            )
            c.execute(text(f'GRANT USAGE ON SCHEMA schooldp TO "{login}"'))
            c.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA schooldp TO "{login}"'))
        self.roles.append(login)
        return login

    def grant(self, login: str, code: str, role: Role, display_name: str | None = None) -> int:
        """Give ``login`` a role in school ``code`` and its accounts row; returns the account id."""
        schema = school_schema(code)
        writes = role.can_write
        with self.engine.begin() as c:
            c.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO "{login}"'))
            what = "SELECT, INSERT, UPDATE, DELETE" if writes else "SELECT"
            c.execute(text(f'GRANT {what} ON ALL TABLES IN SCHEMA "{schema}" TO "{login}"'))
            if writes:
                c.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{login}"'))
        return self.add_account(login, code, role, display_name)

    def add_account(self, login: str, code: str, role: Role, display_name: str | None = None) -> int:
        """The school's accounts row that names ``login`` in its activity log."""
        with self._in(code) as s:
            name = (
                display_name
                or s.execute(
                    text("SELECT display_name FROM schooldp.people WHERE login = :l"), {"l": login}
                ).scalar_one()
            )
            row = AccountRow(
                display_name=name,
                role=role.value,
                slot_id=f"pg:{login}",
                created_at=_NOW.replace(tzinfo=None),
            )
            s.add(row)
            s.flush()
            audit.append(
                s, row.id, "account.added", "account", row.id, f"Account added: {role.label}", now=_NOW
            )
            return row.id

    def dispose(self) -> None:
        """Drop the roles made here (they belong to the cluster, not to the test's database)."""
        with self.engine.begin() as c:
            for login in self.roles:
                c.execute(text(f'DROP OWNED BY "{login}"'))
        self.engine.dispose()
        admin = create_engine(self.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as c:
                for login in self.roles:
                    c.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
        finally:
            admin.dispose()


def unique_login(stem: str) -> str:
    return f"{stem}.{uuid.uuid4().hex[:6]}"
