"""Engines on the trust's server: one per person signed in, optionally fixed to one school."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL


def make_engine(url: URL | str, schema: str | None = None, *, pool_size: int = 4) -> Engine:
    """An engine whose every connection works in ``schema`` (a school) when one is given.

    ``search_path`` is set on each new connection, so the models (which name no schema) read
    and write that school's tables; the server's grants and policies decide whether they may.
    """
    engine = create_engine(url, pool_size=pool_size, max_overflow=4, pool_pre_ping=True)
    if schema is not None:

        @event.listens_for(engine, "connect")
        def _school(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute(f'SET search_path TO "{schema}"')
            cur.close()
            dbapi_conn.commit()

    return engine
