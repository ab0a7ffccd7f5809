"""Moving the demo school (a year of records) onto a local PostgreSQL server and back.

    python -m bench.moving            # uses SCHOOLDP_TEST_PG_URL, or starts a throw-away cluster

The baseline is reading every row of the school file once (what any copy must do at least);
the figures are the move and the export as multiples of it, measured in the same run.
Last line: ``move_ms=<n> export_ms=<n> move_ratio=<x> export_ratio=<x>``.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def main() -> None:
    os.environ.setdefault("SCHOOLDP_HOME", tempfile.mkdtemp(prefix="schooldp-bench-"))
    from tests.pg import cluster

    from schooldp.demo import create_demo_school
    from schooldp.services.trust import admin, moving
    from schooldp.storage.server import copy as rows

    own = None
    server = cluster.server_from_env()
    if server is None:
        own = cluster.Cluster()
        server = own.start()
    db = cluster.new_database(server)
    try:
        admin.init(db)
        session, folder = create_demo_school(today=date(2026, 11, 20))
        start = time.perf_counter()
        with session.vault.session() as s:
            conn = s.connection()
            total = sum(len(conn.execute(select(t)).all()) for t in rows.school_tables())
        read_ms = _ms(start)
        start = time.perf_counter()
        moved = moving.move_to_server(session, db, "brookfield")
        move_ms = _ms(start)
        session.close(backup=False)
        start = time.perf_counter()
        moving.export_to_file(
            db, Path(folder) / "exported.sdp", "Alex Demo", "Bench-passphrase-2026", code="brookfield"
        )
        export_ms = _ms(start)
    finally:
        cluster.drop_database(server, db)
        if own is not None:
            own.stop()
    print(f"rows                  {total:>8,}")
    print(f"read every row        {read_ms:>8.0f} ms")
    print(f"move to the server    {move_ms:>8.0f} ms  ({moved.activity_entries:,} log entries checked)")
    print(f"export to a new file  {export_ms:>8.0f} ms")
    print(
        f"move_ms={move_ms:.0f} export_ms={export_ms:.0f} "
        f"move_ratio={move_ms / read_ms:.1f} export_ratio={export_ms / read_ms:.1f}"
    )


if __name__ == "__main__":
    main()
