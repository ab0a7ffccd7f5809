"""Copying a school's tables row for row, between a school file and a schema on the server.

The same models describe both, so every row keeps its id and every value (letters' PDFs,
evidence, certificates) moves byte for byte. Tables go in dependency order, so a row's parent
is always there before it. Key slots never move: they open one file and mean nothing elsewhere.
A table the models do not know would be left behind, so its presence refuses the copy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import lru_cache

from sqlalchemy import Connection, Integer, Table, func, inspect, select, text

from schooldp.domain.errors import SchoolDPError
from schooldp.storage.models import Base

MODEL_MODULES = (
    "models",
    "breach_models",
    "consent_models",
    "dpia_models",
    "people_models",
    "policies_models",
    "records_models",
    "request_models",
    "retention_models",
    "training_models",
)
NOT_COPIED = frozenset({"key_slots"})
"""Secrets that open one school file: a copy elsewhere would open nothing and leak a wrapped key."""

_BOOKKEEPING = frozenset({"alembic_version"})
BATCH = 500

Progress = Callable[[int, int], None]


class CopyRefused(SchoolDPError):
    """The copy cannot be made without losing something; nothing was changed."""


@lru_cache(maxsize=1)
def school_tables() -> tuple[Table, ...]:
    """Every table a school holds, parents before children (key slots left out)."""
    for name in MODEL_MODULES:
        importlib.import_module(f"schooldp.storage.{name}")
    return tuple(t for t in Base.metadata.sorted_tables if t.name not in NOT_COPIED)


def check_nothing_left_behind(conn: Connection, schema: str | None = None) -> None:
    """Refuse when the database holds a table or column the models do not know (it would not move)."""
    school_tables()
    known = Base.metadata.tables
    found = inspect(conn)
    for name in found.get_table_names(schema=schema):
        if name in _BOOKKEEPING:
            continue
        table = known.get(name)
        if table is None:
            raise CopyRefused(
                f"The school holds a table this version of SchoolDP does not know ('{name}'), so "
                "it cannot be copied without losing it. Use the version of SchoolDP that made it."
            )
        extra = {c["name"] for c in found.get_columns(name, schema=schema)} - set(table.columns.keys())
        if extra:
            raise CopyRefused(
                f"The table '{name}' has columns this version of SchoolDP does not know "
                f"({', '.join(sorted(extra))}), so it cannot be copied without losing them."
            )


def count_rows(conn: Connection, tables: Iterable[Table] | None = None) -> dict[str, int]:
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in (school_tables() if tables is None else tables)
    }


def copy_rows(
    src: Connection,
    dst: Connection,
    tables: Iterable[Table] | None = None,
    progress: Progress | None = None,
    total: int = 0,
) -> dict[str, int]:
    """Insert every row of ``tables`` read from ``src`` into ``dst``; the rows copied per table."""
    copied: dict[str, int] = {}
    done = 0
    for table in school_tables() if tables is None else tables:
        order = list(table.primary_key.columns)
        rows = src.execute(select(table).order_by(*order)).mappings()
        n = 0
        while chunk := rows.fetchmany(BATCH):
            dst.execute(table.insert(), [dict(r) for r in chunk])
            n += len(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, max(total, done))
        copied[table.name] = n
    return copied


def delete_rows(conn: Connection, tables: Iterable[Table] | None = None) -> None:
    """Empty ``tables``, children first."""
    for table in reversed(tuple(school_tables() if tables is None else tables)):
        conn.execute(table.delete())


def _serial_columns(table: Table) -> list[str]:
    pk = list(table.primary_key.columns)
    if len(pk) == 1 and isinstance(pk[0].type, Integer) and pk[0].autoincrement in ("auto", True):
        return [pk[0].name]
    return []


def reset_sequences(conn: Connection, schema: str) -> None:
    """After rows arrived with their ids, each id sequence carries on after the largest id."""
    for table in school_tables():
        for column in _serial_columns(table):
            qualified = f'"{schema}"."{table.name}"'
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": qualified, "c": column}
            ).scalar_one_or_none()
            if seq is None:
                continue
            conn.execute(
                text(f'SELECT setval(:s, COALESCE((SELECT max("{column}") FROM {qualified}), 0) + 1, false)'),
                {"s": seq},
            )


def schema_exists(conn: Connection, schema: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": schema}).first()
    return found is not None


def table_exists(conn: Connection, qualified: str) -> bool:
    """True when ``schema.table`` exists and this login may see it."""
    return conn.execute(text("SELECT to_regclass(:q)"), {"q": qualified}).scalar_one_or_none() is not None
