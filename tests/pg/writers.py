"""A writer process for the concurrent-chain test: one person's own connection, appending
activity entries in a loop, each in its own transaction (as the program saves)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session


def write_entries(url: str, schema: str, login: str, count: int, start) -> None:  # type: ignore[no-untyped-def]
    from schooldp.storage import audit
    from schooldp.storage.models import AccountRow
    from schooldp.storage.server.engine import make_engine

    engine = make_engine(url, schema)
    try:
        with Session(engine) as s:
            account = s.scalar(select(AccountRow.id).where(AccountRow.slot_id == f"pg:{login}"))
        start.wait(30)
        for i in range(count):
            with Session(engine) as s, s.begin():
                audit.append(s, account, "test.write", "breach", i, "Concurrent write")
    finally:
        engine.dispose()
