"""Moving a school file onto the trust's server and exporting it back keeps every record.

Real parts throughout: the demo school built through the services in a real encrypted file, a
real PostgreSQL server, and the exported file opened with its new passphrase as a person would.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Connection, Table, create_engine, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from schooldp.demo import create_demo_school
from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import SchoolDPError
from schooldp.services.opening import open_school
from schooldp.services.school import PermissionDenied
from schooldp.services.trust import admin, moving
from schooldp.storage import audit
from schooldp.storage.models import AccountRow, AuditRow, LetterRow, Meta
from schooldp.storage.server import copy as rows
from schooldp.storage.server.copy import CopyRefused
from schooldp.storage.server.engine import make_engine
from tests.pg import moving_trust
from tests.storage.test_faults import small_drive  # noqa: F401  (the tmpfs drive fixture)

NEW_PASS = "Harbour-lights-2027"
CHANGED_META = {
    "file_id",
    "backend",
    "moved_from_file_id",
    "keyfile_mac",
    "recovery_scheme",
    "moved_to_server",
}
CHANGED_META |= {
    "school_code",
    "audit_head",
    "audit_count",
    "exported_from_file_id",
    "created_at",
    "created_by_version",
}


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory):
    """The demo school (a year of records, letters with PDFs) plus organisations with evidence."""
    from schooldp.domain.records import Organisation  # noqa: F401  (the records register is loaded)
    from schooldp.services.records.service import RecordsService

    folder = tmp_path_factory.mktemp("demo-school")
    session, _ = create_demo_school(folder, today=date(2026, 11, 20))
    records = RecordsService(session)
    records.adopt_starter()
    org = records.organisations()[0]
    evidence = folder / "contract.pdf"
    evidence.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    records.attach_evidence(org.id, evidence)
    session.close(backup=False)
    return folder


@pytest.fixture
def school(demo_folder, tmp_path):
    """A fresh copy of the demo school file, open as its DPO."""
    import shutil

    for item in demo_folder.iterdir():
        if item.suffix in (".sdp", ".sdp-keys"):
            shutil.copy2(item, tmp_path / item.name)
    path = next(tmp_path.glob("*.sdp"))
    session = open_school(
        path, "demo school 2026", clock=FrozenClock(datetime(2026, 11, 21, 9, 0, tzinfo=UTC))
    )
    yield session
    if session.vault.is_open:
        session.close(backup=False)


def unique(login: str, url: str) -> str:
    """A login of this test's own: roles belong to the whole server, shared by every test."""
    return moving_trust.login(url, login)


def all_rows(conn: Connection, table: Table, skip_meta: bool = True) -> list[tuple[object, ...]]:
    query = select(table).order_by(*table.primary_key.columns)
    if table.name == "meta" and skip_meta:
        query = query.where(table.c.key.not_in(CHANGED_META))
    return [tuple(r) for r in conn.execute(query)]


def snapshot(conn: Connection) -> dict[str, list[tuple[object, ...]]]:
    return {t.name: all_rows(conn, t) for t in rows.school_tables()}


@pytest.fixture
def trust(pg_server):
    """The trust's database, set up by IT as docs/TRUST.md says (schooldp-admin init)."""
    with moving_trust.initialised(pg_server) as url:
        yield url


def test_a_school_moves_in_and_out_with_every_record_and_a_verifying_chain(school, trust, tmp_path):
    pg_db = trust
    with school.vault.session() as s:
        before = snapshot(s.connection())
        letters = {r.id: r.pdf for r in s.scalars(select(LetterRow))}
        file_entries = audit.count(s)
    assert len(before["pupils"]) == 200 and len(letters) >= 3 and all(letters.values())
    assert any(isinstance(v, bytes) and len(v) > 10_000 for r in before["records_organisations"] for v in r)

    result = moving.move_to_server(school, pg_db, "brookfield", where="test server")
    assert result.activity_entries == file_entries + 1

    server = make_engine(pg_db, "school_brookfield")
    with server.connect() as conn, Session(bind=conn) as ss:
        after = snapshot(conn)
        assert audit.verify_chain(ss).ok
        last = ss.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
        assert last is not None and last.action == "school.moved_in"
        assert {m.key: m.value for m in ss.scalars(select(Meta))}["backend"] == "server"
        server_letters = {r.id: r.pdf for r in ss.scalars(select(LetterRow))}
        assert conn.execute(text("SELECT count(*) FROM key_slots")).scalar_one() == 0
    assert server_letters == letters
    for table, content in before.items():
        expected = content if table != "audit_log" else content + after["audit_log"][-1:]
        assert after[table] == expected, table

    # The file says where the school went, in its own log.
    assert school.activity(limit=1)[0].action == "school.moved_out"

    target = tmp_path / "out" / "Brookfield leaving.sdp"
    target.parent.mkdir()
    exported = moving.export_to_file(server, target, "Sam Leaving", NEW_PASS, clock=school.clock)
    assert exported.path == target and exported.closed_sign_ins == 2
    assert {p.name for p in target.parent.iterdir()} == {target.name, target.name + "-keys"}

    reopened = open_school(target, NEW_PASS, clock=school.clock)
    try:
        assert reopened.chain_warning is None
        assert reopened.account.display_name == "Sam Leaving"
        with reopened.vault.session() as s:
            back = snapshot(s.connection())
            assert audit.verify_chain(s).ok
            assert {r.id: r.pdf for r in s.scalars(select(LetterRow))} == letters
            people = {a.display_name: a.removed_at for a in s.scalars(select(AccountRow))}
        assert people["Alex Demo"] is not None and people["Sam Leaving"] is None
        for table, content in after.items():
            if table == "accounts":
                assert [r[0] for r in back[table][: len(content)]] == [r[0] for r in content]
            elif table == "audit_log":
                assert back[table][: len(content)] == content
                action = list(AuditRow.__table__.columns.keys()).index("action")
                added = [r[action] for r in back[table][len(content) :]]
                assert added[:2] == ["school.exported", "account.added"]
            else:
                assert back[table] == content, table
    finally:
        reopened.close(backup=False)
    server.dispose()


def test_a_taken_code_or_a_failure_half_way_leaves_nothing_on_the_server(school, trust, monkeypatch):
    engine = create_engine(trust)
    with engine.begin() as conn:
        conn.execute(text('CREATE SCHEMA "school_taken"'))
    with pytest.raises(CopyRefused, match="already has a school with the code 'taken'"):
        moving.move_to_server(school, engine, "taken")
    with engine.begin() as conn:
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        office = unique("office", trust)
        conn.execute(text(f"CREATE ROLE \"{office}\" LOGIN PASSWORD 'Office-pass-2026'"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO "{office}"'))
    as_office = make_url(trust).set(username=office, password="Office-pass-2026")
    with pytest.raises(PermissionDenied, match="Only the trust's IT staff"):
        moving.move_to_server(school, as_office, "brookfield")

    def broken(*args, **kwargs):
        raise RuntimeError("the network dropped")

    monkeypatch.setattr(rows, "reset_sequences", broken)
    with pytest.raises(RuntimeError):
        moving.move_to_server(school, engine, "brookfield")
    with engine.connect() as conn:
        assert not rows.schema_exists(conn, "school_brookfield")
        assert admin.school_codes(conn) == []
        mine = text("SELECT rolname FROM pg_roles WHERE rolname LIKE current_database() || '_brookfield%'")
        left = conn.execute(mine).all()
        assert left == []  # the school's roles went with the rest of the transaction
    assert school.activity(limit=1)[0].action != "school.moved_out"  # the file says nothing moved
    engine.dispose()


def test_an_export_refuses_an_existing_file_and_leaves_nothing_when_it_fails(
    school, trust, tmp_path, monkeypatch
):
    pg_db = trust
    moving.move_to_server(school, pg_db, "brookfield")
    taken = tmp_path / "there" / "Taken.sdp"
    taken.parent.mkdir()
    taken.write_bytes(b"")
    with pytest.raises(Exception, match="already exists"):
        moving.export_to_file(pg_db, taken, "Sam Leaving", NEW_PASS, code="brookfield")

    def broken(*args, **kwargs):
        raise RuntimeError("the disk filled")

    monkeypatch.setattr(moving, "_close_server_sign_ins", broken)
    target = tmp_path / "there" / "Leaving.sdp"
    with pytest.raises(RuntimeError):
        moving.export_to_file(pg_db, target, "Sam Leaving", NEW_PASS, code="brookfield")
    assert {p.name for p in target.parent.iterdir()} == {"Taken.sdp"}
    from schooldp.storage import anchors

    assert [r.school_file for r in anchors.all_local() if "exporting" in r.school_file] == []


def test_a_moved_school_is_protected_like_one_added_on_the_server(school, trust):
    from schooldp.domain.school import SchoolProfile  # noqa: F401
    from tests.conftest import sample_profile

    moving.move_to_server(school, trust, "brookfield")
    admin.add_school(trust, "oakfield", sample_profile())
    jo, oak = unique("jo.viewer", trust), unique("oak.dpo", trust)  # logins are server-wide
    admin.add_user(trust, jo, "Jo Viewer", "Viewer-pass-2026", school="brookfield", role="viewer")
    admin.add_user(trust, oak, "Oak DPO", "Oakfield-pass-2026", school="oakfield", role="dpo")
    as_viewer = make_url(trust).set(username=jo, password="Viewer-pass-2026")
    as_oak = make_url(trust).set(username=oak, password="Oakfield-pass-2026")
    viewer, other = create_engine(as_viewer), create_engine(as_oak)
    with viewer.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM school_brookfield.pupils")).scalar_one() == 200
        with pytest.raises(DBAPIError):
            conn.execute(text("UPDATE school_brookfield.pupils SET surname = 'X'"))
    with other.connect() as conn, pytest.raises(DBAPIError):
        conn.execute(text("SELECT count(*) FROM school_brookfield.pupils"))
    with create_engine(trust).connect() as conn:
        assert admin.school_codes(conn) == ["brookfield", "oakfield"]
        name = conn.execute(text("SELECT name FROM schooldp.schools WHERE code = 'brookfield'")).scalar_one()
        assert name == "Brookfield Primary School (demo)"
    viewer.dispose()
    other.dispose()


def test_moving_through_a_connection_file_signs_in_and_says_plainly_when_it_cannot(school, trust, tmp_path):
    from schooldp.services.trust.admin import ServerUnavailable
    from schooldp.storage.server.conninfo import ConnectionFile

    url = make_url(trust)
    conn_file = tmp_path / "Trust.sdpconn"
    ConnectionFile(
        host=url.host, port=url.port, database=url.database, sslmode="disable", label="Test MAT"
    ).save(conn_file)
    with pytest.raises(ServerUnavailable, match="did not accept that login and password"):
        moving.move_with_connection_file(school, conn_file, url.username, "not the password", "brookfield")
    assert moving.moved_away(school) is None
    seen: list[tuple[int, int]] = []
    result = moving.move_with_connection_file(
        school, conn_file, url.username, url.password, "brookfield", progress=lambda d, t: seen.append((d, t))
    )
    assert result.rows > 2000 and seen[-1][0] == seen[-1][1] == result.rows
    assert (
        moving.moved_away(school)
        == f"the trust's server (Test MAT, database {url.database}) as school 'brookfield'"
    )
    assert moving.suggest_code("Brookfield Primary School (demo)") == "brookfield"
    assert moving.suggest_code("St. Mary's C of E Primary") == "marys"


def test_the_school_dpo_signs_in_to_the_moved_school_and_exports_it(school, trust, tmp_path):
    from schooldp.services.trust.signin import open_on_server
    from schooldp.storage.server.conninfo import ConnectionFile

    moving.move_to_server(school, trust, "brookfield")
    dpo = unique("alex.dpo", trust)
    admin.add_user(trust, dpo, "Alex Demo", "Brookfield-dpo-2026", school="brookfield", role="dpo")
    url = make_url(trust)
    conn_file = ConnectionFile(host=url.host, port=url.port, database=url.database, sslmode="disable")
    on_server = open_on_server(conn_file, dpo, "Brookfield-dpo-2026", "brookfield", clock=school.clock)
    try:
        assert moving.on_server(on_server) and on_server.account.display_name == "Alex Demo"
        with pytest.raises(SchoolDPError, match="already on the trust's server"):
            moving.move_to_server(on_server, trust, "again")
        target = tmp_path / "Brookfield.sdp"
        result = moving.export_to_file(on_server, target, "Alex Demo", NEW_PASS)
    finally:
        on_server.close(backup=False)
    assert result.school_name == "Brookfield Primary School (demo)" and result.rows > 2000
    reopened = open_school(target, NEW_PASS, clock=school.clock)
    try:
        with reopened.vault.session() as s:
            assert audit.verify_chain(s).ok
            assert s.execute(text("SELECT count(*) FROM pupils")).scalar_one() == 200
        assert [e.action for e in reopened.activity(limit=4)][1:3] == ["account.added", "school.exported"]
    finally:
        reopened.close(backup=False)
    sheet = moving.emergency_sheet(result, result.school_name, school.clock)
    assert sheet.startswith(b"%PDF")


def test_an_export_to_a_read_only_or_full_drive_says_so_and_leaves_nothing(school, trust, small_drive):  # noqa: F811
    """A school leaving the trust saves its file on a memory stick that is locked, then full."""
    import subprocess

    from tests.storage.test_faults import _fill

    moving.move_to_server(school, trust, "brookfield")
    target = small_drive / "Leaving.sdp"
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_drive)]).returncode == 0
    with pytest.raises(SchoolDPError, match="read-only"):
        moving.export_to_file(trust, target, "Sam Leaving", NEW_PASS, code="brookfield")
    assert subprocess.run(["mount", "-o", "remount,rw", str(small_drive)]).returncode == 0
    filler = _fill(small_drive)
    with pytest.raises(SchoolDPError, match="is full"):
        moving.export_to_file(trust, target, "Sam Leaving", NEW_PASS, code="brookfield")
    assert {p.name for p in small_drive.iterdir()} == {filler.name}
    filler.unlink()
    moving.export_to_file(trust, target, "Sam Leaving", NEW_PASS, code="brookfield")
    assert open_school(target, NEW_PASS).profile().name
