"""The school file's own Alembic migrations, run inside one school's schema on the server."""

from __future__ import annotations

from alembic import command
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, text

from schooldp.storage.vault import alembic_config, head_revisions


def upgrade_schema(conn: Connection, schema: str) -> None:
    """Create (if need be) and bring ``schema`` up to this version, in the caller's transaction."""
    conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    conn.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "heads")


def schema_heads(conn: Connection, schema: str) -> set[str]:
    """The migrations applied in ``schema`` (empty when it has none)."""
    conn.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    return set(MigrationContext.configure(conn).get_current_heads())


def schema_is_current(conn: Connection, schema: str) -> bool:
    return schema_heads(conn, schema) >= head_revisions()
