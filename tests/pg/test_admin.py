"""The trust's server enforces access itself: tested with each person's own connection."""

from __future__ import annotations

import multiprocessing
import os
import subprocess

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.orm import Session

from schooldp.domain.errors import ValidationError
from schooldp.services.trust import admin
from schooldp.storage import audit
from tests.pg import cluster
from tests.pg import trust as trusts
from tests.pg.writers import write_entries


@pytest.fixture
def trust(pg_server, pg_db):
    built = trusts.build(pg_db)
    yield built
    trusts.tear_down(pg_server, built)


def test_a_viewer_reads_but_the_server_refuses_their_writes(trust):
    engine = trust.engine("aview", "a")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM school_profile")).scalar_one() == "Ash Primary"
    for statement in (
        "INSERT INTO meta(key, value) VALUES ('note', 'x')",
        "UPDATE meta SET value = 'x' WHERE key = 'file_id'",
        "DELETE FROM accounts",
    ):
        with engine.begin() as conn, pytest.raises(ProgrammingError, match="permission denied for table"):
            conn.execute(text(statement))


def test_row_security_holds_even_if_someone_grants_a_viewer_more(trust):
    with trust.superuser().begin() as conn:
        conn.execute(text(f'GRANT INSERT, UPDATE ON school_a.meta TO "{trust.prefix}_a_viewer"'))
    engine = trust.engine("aview", "a")
    with engine.begin() as conn, pytest.raises(ProgrammingError, match="row-level security"):
        conn.execute(text("INSERT INTO meta(key, value) VALUES ('note', 'x')"))
    with engine.begin() as conn:  # the update policy matches no row for a viewer
        assert conn.execute(text("UPDATE meta SET value = 'x' WHERE key = 'file_id'")).rowcount == 0


def test_one_schools_dpo_cannot_read_another_school_by_any_query(trust):
    engine = trust.engine("adpo")
    for statement in (
        "SELECT * FROM school_b.breaches",
        "SELECT * FROM school_b.meta",
        "SELECT * FROM school_b.audit_log",
    ):
        with engine.connect() as conn, pytest.raises(ProgrammingError, match="permission denied for schema"):
            conn.execute(text(statement))
    with engine.connect() as conn:
        conn.execute(text("SET search_path TO school_b"))
        with pytest.raises(ProgrammingError, match='"breaches" does not exist|permission denied'):
            conn.execute(text("SELECT * FROM breaches"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code FROM schooldp.schools")).scalars().all() == ["a"]
        assert conn.execute(text("SELECT count(*) FROM school_a.meta")).scalar_one() > 0


def test_b_rows_stay_hidden_even_if_someone_opens_the_schema_by_mistake(trust):
    a_dpo = f"{trust.prefix}_a_dpo"
    with trust.superuser().begin() as conn:
        conn.execute(text(f'GRANT USAGE ON SCHEMA school_b TO "{a_dpo}"'))
        conn.execute(text(f'GRANT SELECT ON school_b.meta TO "{a_dpo}"'))
    with trust.engine("adpo").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM school_b.meta")).scalar_one() == 0
    assert any("school_b" in p or "School 'b'" in p for p in admin.check(trust.url))


def test_the_trust_dpo_reads_every_school(trust):
    with trust.engine("tdpo").connect() as conn:
        assert conn.execute(text("SELECT code FROM schooldp.schools ORDER BY code")).scalars().all() == [
            "a",
            "b",
        ]
        for code in ("a", "b"):
            slots = conn.execute(text(f"SELECT slot_id, role FROM school_{code}.accounts")).all()
            assert (f"pg:{trust.logins['tdpo']}", "dpo") in slots
            assert conn.execute(text(f"SELECT count(*) FROM school_{code}.breaches")).scalar_one() == 0


def test_the_activity_log_is_insert_only_even_for_a_dpo(trust):
    engine = trust.engine("adpo", "a")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() >= 3
    for statement in (
        "UPDATE audit_log SET summary = 'changed' WHERE id = 1",
        "DELETE FROM audit_log WHERE id = 1",
        "TRUNCATE audit_log",
    ):
        with (
            engine.begin() as conn,
            pytest.raises(ProgrammingError, match="permission denied for table audit_log"),
        ):
            conn.execute(text(statement))
    with Session(engine) as s, s.begin():  # but a DPO's ordinary save adds an entry
        audit.append(s, None, "test.write", "breach", 1, "Saved")
    with Session(trust.engine("superuser", "a")) as s:
        assert audit.verify_chain(s).ok


def test_no_one_but_trust_it_can_add_people_or_change_a_role(trust):
    """The program's roles come from `accounts`: a DPO cannot promote anyone, or add a
    colleague, with a hand-written query; they can only note their own sign-in."""
    engine = trust.engine("adpo", "a")
    for statement in (
        "UPDATE accounts SET role = 'dpo'",
        "INSERT INTO accounts(display_name, role, slot_id, created_at) VALUES ('X', 'dpo', 'pg:x', now())",
        "DELETE FROM accounts",
    ):
        with (
            engine.begin() as conn,
            pytest.raises(ProgrammingError, match="permission denied for table accounts"),
        ):
            conn.execute(text(statement))
    with engine.begin() as conn:
        assert conn.execute(text("UPDATE accounts SET last_unlock_at = now()")).rowcount >= 1


def test_four_writers_at_once_extend_one_chain(trust):
    trust.add_person("adpo2", school="a", role="dpo")
    writers = ["adpo", "ahead", "adpo2", "tdpo"]
    with Session(trust.engine("superuser", "a")) as s:
        before = audit.count(s)
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    each = 25
    procs = [
        ctx.Process(
            target=write_entries,
            args=(
                trust.login(w).render_as_string(hide_password=False),
                "school_a",
                trust.logins[w],
                each,
                start,
            ),
        )
        for w in writers
    ]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with Session(trust.engine("superuser", "a")) as s:
        report = audit.verify_chain(s)
        assert report.ok, report.message
        assert report.entries == before + 4 * each
        prevs = s.execute(text("SELECT count(DISTINCT prev_hash), count(*) FROM audit_log")).one()
        assert prevs[0] == prevs[1]  # no two entries follow the same one: no fork


def test_check_finds_a_policy_switched_off_and_a_grant_added(trust):
    assert admin.check(trust.url) == []
    viewer = f"{trust.prefix}_a_viewer"
    with trust.superuser().begin() as conn:
        conn.execute(text("ALTER TABLE school_a.breaches DISABLE ROW LEVEL SECURITY"))
        conn.execute(text(f'GRANT UPDATE ON school_a.audit_log TO "{viewer}"'))
        conn.execute(text(f'GRANT DELETE ON school_b.consent_events TO "{viewer}"'))
        conn.execute(text("CREATE POLICY leak ON school_b.requests FOR SELECT USING (true)"))
        conn.execute(text("DROP POLICY sdp_read ON school_b.letters"))
        conn.execute(text("CREATE POLICY everyone ON schooldp.schools FOR SELECT USING (true)"))
        conn.execute(text(f'GRANT INSERT ON schooldp.people TO "{viewer}"'))
    problems = admin.check(trust.url)
    joined = "\n".join(problems)
    assert "School 'a': row-level security is switched off on table 'breaches'" in joined
    assert f"School 'a': '{viewer}' may UPDATE entries in the activity log" in joined
    assert f"School 'b': '{viewer}' has been given DELETE on table 'consent_events'" in joined
    assert "School 'b': table 'requests' has an extra access rule 'leak'" in joined
    assert "School 'b': table 'letters' is missing its access rule 'sdp_read'" in joined
    assert "list of schools and people: table 'schools' has an extra access rule 'everyone'" in joined
    assert f"list of schools and people: '{viewer}' has been given INSERT on table 'people'" in joined
    assert len(problems) == 7
    assert admin.migrate(trust.url) == ["a", "b"]
    assert admin.check(trust.url) == []


def test_check_finds_an_activity_log_edited_by_a_superuser(trust):
    with trust.superuser().begin() as conn:
        conn.execute(text("UPDATE school_b.audit_log SET summary = 'nothing happened' WHERE id = 1"))
    assert admin.check(trust.url) == [
        "School 'b': the activity log does not check out. Activity entry 1 has been changed or removed."
    ]


def test_revoking_a_role_shuts_the_door_and_marks_the_account_removed(trust):
    admin.revoke(trust.url, trust.logins["ahead"], school="a")
    with pytest.raises(DBAPIError, match="permission denied"):  # not even a connection now
        with trust.engine("ahead").connect() as conn:
            conn.execute(text("SELECT * FROM school_a.breaches"))
    admin.grant(trust.url, trust.logins["aview"], school="a", role="headteacher")
    with trust.engine("aview", "a").begin() as conn:
        conn.execute(text("INSERT INTO meta(key, value) VALUES ('note', 'x')"))
    with trust.superuser().connect() as conn:
        rows = dict(
            conn.execute(
                text("SELECT slot_id, role || ',' || (removed_at IS NULL) FROM school_a.accounts")
            ).all()
        )
        actions = conn.execute(text("SELECT action, summary FROM school_a.audit_log ORDER BY id")).all()
    assert rows[f"pg:{trust.logins['ahead']}"] == "headteacher,false"
    assert rows[f"pg:{trust.logins['aview']}"] == "headteacher,true"
    assert ("account.removed", "Account removed by trust IT") in actions
    assert ("account.changed", "Account role changed by trust IT: Headteacher") in actions
    assert admin.check(trust.url) == []


def test_a_new_school_gets_accounts_for_the_trust_dpos_and_its_own_notices(trust):
    import psycopg

    admin.add_school(trust.url, "c", trusts.profile("Cedar School"))
    url = trust.login("tdpo")
    listener = psycopg.connect(
        host=url.host,
        port=url.port,
        dbname=url.database,
        user=url.username,
        password=url.password,
        autocommit=True,
    )
    try:
        listener.execute("LISTEN schooldp")
        with Session(trust.engine("tdpo", "c")) as s, s.begin():
            audit.append(s, None, "breach.updated", "breach", 7, "Breach updated")
        got = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    finally:
        listener.close()
    assert got == ["c|breach|7"]


def test_a_password_with_quotes_signs_in_and_a_wrong_one_does_not(trust):
    login = f"{trust.prefix}_quote"
    password = "It's 42 o'clock; DROP ROLE \"x\" --"
    admin.add_user(trust.url, login, "Quote Person", password, school="a", role="viewer")
    with trust.engine_for(trust.url.set(username=login, password=password)).connect() as conn:
        assert conn.execute(text("SELECT current_user")).scalar_one() == login
    with pytest.raises(DBAPIError, match="password authentication failed"):
        trust.engine_for(trust.url.set(username=login, password="wrong 42 password")).connect()


def test_plain_messages_for_mistakes(trust):
    with pytest.raises(ValidationError, match="already a school with the code 'a'"):
        admin.add_school(trust.url, "a", trusts.profile("Ash again"))
    with pytest.raises(ValidationError, match="cannot be a school code"):
        admin.add_school(trust.url, "Bad Code", trusts.profile("Bad"))
    with pytest.raises(ValidationError, match="already a database account"):
        admin.add_user(trust.url, trust.logins["adpo"], "Again", trusts.PASSWORD, school="a", role="dpo")
    with pytest.raises(ValidationError, match="no school with the code 'zz'"):
        admin.grant(trust.url, trust.logins["adpo"], school="zz", role="dpo")
    with pytest.raises(ValidationError, match="no person with the login"):
        admin.grant(trust.url, "nobody", school="a", role="dpo")
    with pytest.raises(ValidationError, match="at least"):
        admin.add_user(trust.url, f"{trust.prefix}_short", "Short", "abc1", school="a", role="dpo")
    with pytest.raises(ValidationError, match="superuser"):
        admin.check(trust.login("tdpo"))


def test_the_trust_role_comes_and_goes_with_an_account_in_every_school(trust):
    login = trust.logins["adpo"]
    admin.grant(trust.url, login, trust=True)
    with trust.engine("adpo").connect() as conn:  # now reads school b too
        assert conn.execute(text("SELECT count(*) FROM school_b.meta")).scalar_one() > 0
    admin.revoke(trust.url, login, trust=True)
    with trust.superuser().connect() as conn:
        a = conn.execute(
            text("SELECT role, removed_at IS NULL FROM school_a.accounts WHERE slot_id = :s"),
            {"s": f"pg:{login}"},
        ).one()
        b = conn.execute(
            text("SELECT role, removed_at IS NULL FROM school_b.accounts WHERE slot_id = :s"),
            {"s": f"pg:{login}"},
        ).one()
    assert tuple(a) == ("dpo", True)  # still the DPO of their own school
    assert tuple(b) == ("dpo", False)  # gone from the other
    with trust.engine("adpo").connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text("SELECT count(*) FROM school_b.meta"))
    assert admin.check(trust.url) == []


def test_a_new_password_replaces_the_old_one_at_once(trust):
    new = "Another 42 password"
    admin.set_password(trust.url, trust.logins["aview"], new)
    with trust.engine_for(trust.login("aview").set(password=new)).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM school_a.meta")).scalar_one() > 0
    with pytest.raises(DBAPIError, match="password authentication failed"):
        trust.engine_for(trust.login("aview")).connect()


def test_a_nightly_dump_restores_to_a_trust_that_checks_out(trust, tmp_path):
    """docs/TRUST.md's backup and restore commands, with the roles kept on the server."""
    with Session(trust.engine("adpo", "a")) as s, s.begin():
        audit.append(s, None, "breach.updated", "breach", 3, "Breach updated")
    url = trust.url
    env = {**os.environ, "PGPASSWORD": str(url.password)}
    where = ["-h", str(url.host), "-p", str(url.port), "-U", str(url.username)]
    dump = tmp_path / "trust.dump"
    subprocess.run(
        [cluster.find_bin("pg_dump"), *where, "-Fc", "-d", str(url.database), "-f", str(dump)],
        env=env,
        check=True,
    )
    trust.close()
    cluster.drop_database(url.set(database="postgres"), url)
    subprocess.run([cluster.find_bin("createdb"), *where, str(url.database)], env=env, check=True)
    subprocess.run(
        [cluster.find_bin("pg_restore"), *where, "-d", str(url.database), str(dump)],
        env=env,
        check=True,
        capture_output=True,
    )
    assert admin.check(url) == []
    with trust.engine("bdpo").connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
        conn.execute(text("SELECT * FROM school_a.breaches"))
    with Session(trust.engine("adpo", "a")) as s:
        assert audit.verify_chain(s).ok
