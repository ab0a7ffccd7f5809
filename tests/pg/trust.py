"""A small trust on the test server, built with the real admin commands (for tests/pg)."""

from __future__ import annotations

from dataclasses import dataclass, field

from psycopg import sql
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL

from schooldp.domain.school import Nation, SchoolProfile, SchoolType
from schooldp.services.trust import admin
from schooldp.storage.server.engine import make_engine
from tests.pg import cluster

PASSWORD = "Correct horse 42 battery"


def profile(name: str) -> SchoolProfile:
    return SchoolProfile(name=name, nation=Nation.ENGLAND, school_type=SchoolType.ACADEMY)


@dataclass
class Trust:
    """Two schools ('a' and 'b') and their people; ``login(who)`` is a person's own URL."""

    url: URL  # superuser
    logins: dict[str, str] = field(default_factory=dict)
    engines: list[Engine] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return str(self.url.database)

    def add_person(
        self, who: str, *, school: str | None = None, role: str | None = None, trust: bool = False
    ) -> str:
        login = f"{self.prefix}_{who}"
        admin.add_user(self.url, login, who.title(), PASSWORD, school=school, role=role, trust=trust)
        self.logins[who] = login
        return login

    def login(self, who: str) -> URL:
        return self.url.set(username=self.logins[who], password=PASSWORD)

    def engine(self, who: str, code: str | None = None) -> Engine:
        url = self.login(who) if who != "superuser" else self.url
        engine = make_engine(url, None if code is None else f"school_{code}")
        self.engines.append(engine)
        return engine

    def engine_for(self, url: URL) -> Engine:
        engine = make_engine(url)
        self.engines.append(engine)
        return engine

    def superuser(self) -> Engine:
        engine = create_engine(self.url)
        self.engines.append(engine)
        return engine

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()


def build(url: URL) -> Trust:
    trust = Trust(url)
    admin.init(url)
    admin.add_school(url, "a", profile("Ash Primary"))
    admin.add_school(url, "b", profile("Birch Academy"))
    trust.add_person("adpo", school="a", role="dpo")
    trust.add_person("ahead", school="a", role="headteacher")
    trust.add_person("aview", school="a", role="viewer")
    trust.add_person("bdpo", school="b", role="dpo")
    trust.add_person("tdpo", trust=True)
    return trust


def tear_down(server: URL, trust: Trust) -> None:
    """Drop the database, then the trust's roles (roles belong to the whole server)."""
    trust.close()
    cluster.drop_database(server, trust.url)
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            names = conn.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p ORDER BY rolcanlogin DESC"),
                {"p": trust.prefix + "\\_%"},
            ).scalars()
            for name in list(names):
                conn.exec_driver_sql(
                    sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)).as_string()
                )
    finally:
        engine.dispose()
