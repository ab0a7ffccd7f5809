"""The school file's migrations build a school's schema on a real PostgreSQL server."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from schooldp.storage.models import Base
from schooldp.storage.server.conninfo import ConnectionFile, school_schema
from schooldp.storage.server.migrate import schema_is_current, upgrade_schema


def test_the_migrations_build_every_table_in_a_school_schema(pg_db):
    engine = create_engine(pg_db)
    with engine.begin() as conn:
        upgrade_schema(conn, school_schema("oakfield"))
    with engine.begin() as conn:
        assert schema_is_current(conn, "school_oakfield")
        tables = set(inspect(conn).get_table_names(schema="school_oakfield"))
        public = set(inspect(conn).get_table_names(schema="public"))
    import importlib

    for name in (
        "breach",
        "consent",
        "dpia",
        "people",
        "policies",
        "records",
        "request",
        "retention",
        "training",
    ):
        importlib.import_module(f"schooldp.storage.{name}_models")
    assert {"audit_log", "breaches", "requests", "consent_events"} <= tables
    assert set(Base.metadata.tables) <= tables  # every model has its table on the server
    assert public == set()  # nothing lands outside the school's schema
    engine.dispose()


def test_a_connection_file_holds_no_password_and_refuses_one(tmp_path):
    import pytest

    from schooldp.domain.errors import ValidationError

    conn = ConnectionFile(host="db.trust.example", database="schooldp", sslrootcert="trust-ca.pem")
    path = tmp_path / "Trust.sdpconn"
    conn.save(path)
    assert "password" not in path.read_text()
    loaded = ConnectionFile.load(path)
    url = loaded.url("jsmith", "secret", base=tmp_path)
    assert url.query["sslmode"] == "verify-full"
    assert url.query["sslrootcert"] == str(tmp_path / "trust-ca.pem")
    path.write_text(path.read_text().replace('"label"', '"password": "x", "label"'))
    with pytest.raises(ValidationError, match="own password"):
        ConnectionFile.load(path)


def test_two_schools_have_separate_tables(pg_db):
    engine = create_engine(pg_db)
    with engine.begin() as conn:
        upgrade_schema(conn, "school_a")
    with engine.begin() as conn:
        upgrade_schema(conn, "school_b")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO school_a.meta(key, value) VALUES ('file_id', 'A')"))
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM school_b.meta")).scalar_one() == 0
    engine.dispose()
