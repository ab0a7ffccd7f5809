"""``schooldp-admin`` end to end, as the trust's IT staff run it: a separate process, the
server named by PG* environment variables, passwords from a file, plain messages, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from schooldp.storage.server.conninfo import ConnectionFile
from tests.pg import trust as trusts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def trust(pg_server, pg_db):
    built = trusts.Trust(pg_db)
    yield built
    trusts.tear_down(pg_server, built)


def admin(trust: trusts.Trust, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    url = trust.url
    env = {
        **os.environ,
        "PGHOST": str(url.host),
        "PGPORT": str(url.port),
        "PGUSER": str(url.username),
        "PGPASSWORD": str(url.password),
        "PGDATABASE": str(url.database),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-m", "schooldp.admin.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_console_script_is_registered():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["schooldp-admin"] == "schooldp.admin.cli:main"


def test_it_staff_set_up_a_trust_from_the_command_line(trust, tmp_path):
    login = f"{trust.prefix}_priya.raman"
    secret = tmp_path / "password.txt"
    secret.write_text(trusts.PASSWORD + "\n")

    done = admin(trust, "init")
    assert done.returncode == 0, done.stderr
    assert f"SchoolDP is set up in database '{trust.prefix}'" in done.stdout
    done = admin(
        trust, "add-school", "oakfield", "Oakfield Primary", "--nation", "england", "--type", "academy"
    )
    assert done.returncode == 0, done.stderr
    done = admin(
        trust,
        "add-user",
        login,
        "Priya Raman",
        "--school",
        "oakfield",
        "--role",
        "dpo",
        "--password-file",
        str(secret),
    )
    assert done.returncode == 0, done.stderr
    assert "dpo in school oakfield" in done.stdout
    done = admin(trust, "check")
    assert (done.returncode, done.stdout.strip()) == (
        0,
        "No problems found: access rules and every school's activity log check out.",
    )

    engine = create_engine(trust.url.set(username=login, password=trusts.PASSWORD))
    with engine.connect() as conn:  # Priya signs in with the password from the file
        assert (
            conn.execute(text("SELECT name FROM school_oakfield.school_profile")).scalar_one()
            == "Oakfield Primary"
        )
        assert conn.execute(text("SELECT display_name FROM school_oakfield.accounts")).scalars().all() == [
            "Priya Raman"
        ]
    engine.dispose()

    with create_engine(trust.url).begin() as conn:
        conn.execute(text("ALTER TABLE school_oakfield.requests DISABLE ROW LEVEL SECURITY"))
    done = admin(trust, "check")
    assert done.returncode == 1
    assert "row-level security is switched off on table 'requests'" in done.stdout
    assert admin(trust, "migrate").returncode == 0
    assert admin(trust, "check").returncode == 0


def test_mistakes_get_plain_messages_and_exit_codes(trust, tmp_path):
    assert admin(trust, "init").returncode == 0
    done = admin(
        trust, "add-user", f"{trust.prefix}_x", "X Person", "--school", "nowhere", "--role", "dpo", stdin=""
    )
    assert done.returncode == 3
    assert "Type the password at a prompt, or give it in a file with --password-file." in done.stderr
    assert "Traceback" not in done.stderr
    secret = tmp_path / "pw"
    secret.write_text(trusts.PASSWORD)
    done = admin(
        trust,
        "add-user",
        f"{trust.prefix}_x",
        "X",
        "--school",
        "nowhere",
        "--role",
        "dpo",
        "--password-file",
        str(secret),
    )
    assert (done.returncode, done.stderr.strip()) == (
        3,
        "schooldp-admin: There is no school with the code 'nowhere'. 'schooldp-admin add-school' adds one.",
    )
    done = admin(trust, "add-user", f"{trust.prefix}_x", "X", "--school", "a", "--password", "secret")
    assert done.returncode == 2  # there is no way to put a password on the command line
    done = admin(trust, "--url", "postgresql://nobody@127.0.0.1:1/none", "check")
    assert done.returncode == 4
    assert done.stderr.startswith("schooldp-admin: Could not connect to the database server")


def test_it_staff_write_the_connection_file_for_schools(trust, tmp_path):
    done = admin(
        trust,
        "connection-file",
        str(tmp_path / "Alsager"),
        "--host",
        "db.alsager.example",
        "--database",
        "alsager_mat",
        "--ca",
        "alsager-ca.pem",
        "--label",
        "Alsager MAT",
    )
    assert done.returncode == 0, done.stderr
    conn = ConnectionFile.load(tmp_path / "Alsager.sdpconn")
    assert (conn.host, conn.database, conn.sslmode, conn.sslrootcert) == (
        "db.alsager.example",
        "alsager_mat",
        "verify-full",
        "alsager-ca.pem",
    )
