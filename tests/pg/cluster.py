"""A throw-away PostgreSQL cluster for the trust-backend tests.

`.ci/run` starts one and exports ``SCHOOLDP_TEST_PG_URL`` (a superuser URL); without it, the
first test that needs a server starts a private cluster in a temporary folder (``initdb``,
``pg_ctl start`` on a free local port) and stops it when the test run ends. Passwords are
checked (scram-sha-256 on TCP), as on a trust's server.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "throwaway-superuser"


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the 'postgres' system user."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class Cluster:
    """One private cluster: ``start()``, ``url`` (superuser), ``stop()``."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="schooldp-pg-"))
        self.port = _free_port()
        self.url: URL | None = None

    def start(self) -> URL:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl)")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        pwfile = self.dir / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            shutil.chown(pwfile, "postgres")
        data = self.dir / "data"
        subprocess.run(
            _as_owner(
                [
                    initdb,
                    "-D",
                    str(data),
                    "-U",
                    SUPERUSER,
                    f"--pwfile={pwfile}",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "start"]),
            check=True,
            capture_output=True,
        )
        self.url = URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            password=SUPERUSER_PASSWORD,
            host="127.0.0.1",
            port=self.port,
            database="postgres",
        )
        return self.url

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        if pg_ctl and (self.dir / "data").exists():
            subprocess.run(
                _as_owner([pg_ctl, "-D", str(self.dir / "data"), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


def server_from_env() -> URL | None:
    value = os.environ.get("SCHOOLDP_TEST_PG_URL")
    return make_url(value) if value else None


def new_database(server: URL) -> URL:
    """A fresh, empty database on the test server (each test gets its own)."""
    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return server.set(database=name)


def drop_database(server: URL, db: URL) -> None:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db.database}" WITH (FORCE)'))
    finally:
        admin.dispose()


def wait_for(url: URL, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            eng = create_engine(url)
            with eng.connect() as conn:
                conn.execute(text("SELECT 1"))
            eng.dispose()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.pg.cluster start`` prints a superuser URL and the folder to stop;
    ``python -m tests.pg.cluster stop FOLDER`` stops it (used by .ci/run)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["start"]:
        own = Cluster()
        url = own.start()
        print(url.render_as_string(hide_password=False), own.dir)
        return 0
    if args[:1] == ["stop"] and len(args) == 2:
        own = Cluster.__new__(Cluster)
        own.dir = Path(args[1])
        own.stop()
        return 0
    print("usage: python -m tests.pg.cluster start | stop FOLDER", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
