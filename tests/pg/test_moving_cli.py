"""``schooldp-admin import-file`` and ``export-school`` as the trust's IT staff run them: a
separate process, the server from PG* variables, passphrases from files, plain messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from schooldp.domain.accounts import Role
from schooldp.services.school import NewSchool, create_school, open_school
from tests.conftest import DPO_PASS, sample_profile
from tests.pg import moving_trust

ROOT = Path(__file__).resolve().parents[2]


def run_admin(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    u = make_url(url)
    env = {
        **os.environ,
        "PGHOST": str(u.host),
        "PGPORT": str(u.port),
        "PGUSER": str(u.username),
        "PGPASSWORD": str(u.password),
        "PGDATABASE": str(u.database),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-m", "schooldp.admin.cli", *args],
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture
def pg_db(pg_server):
    """The trust's database after 'schooldp-admin init'."""
    with moving_trust.initialised(pg_server) as url:
        yield url


def test_it_staff_move_a_school_file_in_and_export_it_again(pg_db, tmp_path):
    school, _ = create_school(
        NewSchool(tmp_path / "Oakfield.sdp", sample_profile(), "Priya Raman", Role.DPO, DPO_PASS)
    )
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, "Orchard gate 2026")
    school.close(backup=False)
    file_pass = tmp_path / "file-pass.txt"
    file_pass.write_text(DPO_PASS + "\n")

    wrong = run_admin(pg_db, "import-file", str(tmp_path / "Oakfield.sdp"), "Oak Field")
    assert wrong.returncode == 3 and "cannot be a school code" in wrong.stderr

    done = run_admin(
        pg_db, "import-file", str(tmp_path / "Oakfield.sdp"), "oakfield", "--passphrase-file", str(file_pass)
    )
    assert done.returncode == 0, done.stderr
    assert "into the server as 'oakfield'" in done.stdout
    again = run_admin(
        pg_db, "import-file", str(tmp_path / "Oakfield.sdp"), "oakfield", "--passphrase-file", str(file_pass)
    )
    assert again.returncode == 3 and "already has a school with the code 'oakfield'" in again.stderr
    with create_engine(pg_db).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM school_oakfield.accounts")).scalar_one() == 2

    new_pass = tmp_path / "new-pass.txt"
    new_pass.write_text("Leaving-the-trust-2027\n")
    target, sheet = tmp_path / "out" / "Oakfield.sdp", tmp_path / "sheet.pdf"
    target.parent.mkdir()
    out = run_admin(
        pg_db,
        "export-school",
        "oakfield",
        str(target),
        "--dpo-name",
        "Priya Raman",
        "--passphrase-file",
        str(new_pass),
        "--sheet",
        str(sheet),
    )
    assert out.returncode == 0, out.stderr
    assert "recovery key" in out.stdout and sheet.read_bytes().startswith(b"%PDF")
    assert DPO_PASS not in out.stdout + out.stderr and "Leaving-the-trust" not in out.stdout + out.stderr
    reopened = open_school(target, "Leaving-the-trust-2027")
    try:
        assert reopened.chain_warning is None
        assert reopened.profile().name == "Oakfield Primary School"
        assert [a.display_name for a in reopened.accounts()] == ["Priya Raman"]
    finally:
        reopened.close(backup=False)
