"""Migration 0012 on both backends: rows already in a school (file or server schema) start at
version 1, and the columns the ORM's version check uses are there."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from schooldp.storage.server.migrate import upgrade_schema
from schooldp.storage.vault import alembic_config

_BEFORE = (
    "0002_letters",
    "0003_people",
    "0008_breach_report_facts",
    "0005_requests",
    "0006_consent",
    "0007_records",
    "0008_dpia",
    "0009_retention",
    "0010_training",
    "0011_policies",
)


def _upgrade(conn, target: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def _old_request(conn) -> None:
    conn.execute(
        text(
            "INSERT INTO requests (id, reference, request_type, channel, received_on, status, requester_name, "
            "requester_address, requester_email, requester_phone, requester_kind, relationship, subject_kind, "
            "subject_name, description, extended, extension_reasons, created_at) VALUES (1, 'SAR-2026-001', "
            "'subject_access', 'email', :d, 'received', 'R', '[]', '', '', 'other', 'parent_carer', 'other', "
            "'S', '', false, '', :t)"
        ),
        {"d": date(2026, 11, 2), "t": datetime(2026, 11, 2, 9, 0)},
    )


@pytest.mark.parametrize("backend", ["file", "server"])
def test_rows_already_saved_start_at_version_one(backend, tmp_path, request):
    if backend == "file":
        engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
        with engine.begin() as conn:
            for head in _BEFORE:
                _upgrade(conn, head)
            _old_request(conn)
        with engine.begin() as conn:
            _upgrade(conn, "heads")
    else:
        engine = create_engine(request.getfixturevalue("pg_db"))
        with engine.begin() as conn:
            conn.execute(text('CREATE SCHEMA "school_old"'))
            conn.execute(text('SET LOCAL search_path TO "school_old"'))
            for head in _BEFORE:
                _upgrade(conn, head)
            _old_request(conn)
        with engine.begin() as conn:
            upgrade_schema(conn, "school_old")
    with engine.begin() as conn:
        if backend == "server":
            conn.execute(text('SET LOCAL search_path TO "school_old"'))
        assert conn.execute(text("SELECT row_version FROM requests")).scalar_one() == 1
        for table in ("breaches", "pupils", "records_activities", "dpia_assessments", "school_profile"):
            columns = {c["name"]: c for c in inspect(conn).get_columns(table)}
            assert columns["row_version"]["nullable"] is False, table
    engine.dispose()
