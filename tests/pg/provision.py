"""Setting up schools and people on the test server with the trust's own admin service.

The same commands the trust's IT staff run (``services/trust/admin.py``): roles, row-level
security, the insert-only activity log and the notification trigger are all real. For the
``backend`` fixture a school is also emptied and seeded again between tests (``empty``,
``seed``), as the superuser.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from schooldp.domain.accounts import Role
from schooldp.domain.school import SchoolProfile
from schooldp.services.trust import admin
from schooldp.storage import audit
from schooldp.storage.models import AccountRow, Meta, SchoolRow
from schooldp.storage.server.conninfo import ConnectionFile, school_schema
from tests.pg import cluster

PASSWORD = "Tr0ub4dor-and-3-horse"
_NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class TestTrust:
    """One trust database on the test server, set up with ``schooldp-admin``'s service."""

    url: URL  # superuser, on the trust's database
    engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        admin.init(self.url)
        self.engine = create_engine(self.url)

    @property
    def prefix(self) -> str:
        return str(self.url.database)

    @property
    def connection_file(self) -> ConnectionFile:
        return ConnectionFile(
            host=self.url.host or "127.0.0.1",
            port=self.url.port or 5432,
            database=self.prefix,
            sslmode="disable",
            label="Test trust",
        )

    def add_school(self, code: str, profile: SchoolProfile) -> None:
        admin.add_school(self.url, code, profile)

    def add_person(
        self,
        stem: str,
        display_name: str,
        *,
        school: str | None = None,
        role: Role | None = None,
        trust: bool = False,
        password: str = PASSWORD,
    ) -> str:
        """A person's own login (named after the trust, so tear-down finds it); returns it."""
        login = f"{self.prefix}.{stem}"
        admin.add_user(
            self.url,
            login,
            display_name,
            password,
            school=school,
            role=None if role is None else role.value,
            trust=trust,
        )
        return login

    def grant(self, login: str, code: str, role: Role) -> None:
        admin.grant(self.url, login, school=code, role=role.value)

    # ---- the backend fixture: a school emptied and seeded again between tests ----------------
    def empty(self, code: str) -> None:
        """Every table of the school emptied and its ids started again."""
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

    def seed(self, code: str, profile: SchoolProfile, login: str, display_name: str, role: Role) -> None:
        """The rows a new school starts with, and the account of ``login``."""
        from schooldp.services.school import _profile_to_row

        with self._in(code) as s:
            row = SchoolRow(id=1)
            _profile_to_row(profile, row)
            s.add(row)
            for key, value in (("file_id", uuid.uuid4().hex), ("backend", "server"), ("school_code", code)):
                s.add(Meta(key=key, value=value))
            audit.append(s, None, "school.created", "school", 1, "School added to the trust server", now=_NOW)
            account = AccountRow(
                display_name=display_name,
                role=role.value,
                slot_id=f"pg:{login}",
                created_at=_NOW.replace(tzinfo=None),
            )
            s.add(account)
            s.flush()
            audit.append(
                s, None, "account.added", "account", account.id, f"Account added: {role.label}", now=_NOW
            )

    def account_id(self, code: str, login: str) -> int:
        with self._in(code) as s:
            return int(s.scalar(select(AccountRow.id).where(AccountRow.slot_id == f"pg:{login}")) or 0)

    @contextmanager
    def _in(self, code: str) -> Iterator[Session]:
        with Session(self.engine) as s, s.begin():
            s.execute(text(f'SET LOCAL search_path TO "{school_schema(code)}"'))
            yield s

    def dispose(self, server: URL) -> None:
        """Drop the database, then the trust's roles (roles belong to the whole server)."""
        self.engine.dispose()
        cluster.drop_database(server, self.url)
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                names = conn.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolcanlogin DESC"),
                    {"p": self.prefix + "\\_%"},
                ).scalars()
                logins = conn.execute(
                    text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": self.prefix + ".%"}
                ).scalars()
                for name in [*logins, *names]:
                    conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        finally:
            engine.dispose()


def unique_login(stem: str) -> str:
    return f"{stem}{uuid.uuid4().hex[:4]}"
