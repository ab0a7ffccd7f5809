"""Signing in to the trust's server and opening a school, as a person with their own login."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from schooldp.domain.accounts import Role
from schooldp.services.trust.signin import SignInError, WrongSignIn, list_schools, open_on_server
from schooldp.storage.errors import ReadOnlyVault
from schooldp.storage.server.conninfo import ConnectionFile
from schooldp.storage.server.vault import SERVER_MANAGED, ServerManaged
from tests.conftest import sample_profile
from tests.pg.provision import PASSWORD


@pytest.fixture
def oakfield(trust):
    trust.add_school("oakfield", sample_profile())
    return trust


def test_a_dpo_signs_in_sees_their_school_and_opens_it(oakfield):
    login = oakfield.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    choices = list_schools(oakfield.connection_file, login, PASSWORD)
    assert [(c.code, c.name) for c in choices] == [("oakfield", "Oakfield Primary School")]
    assert choices.display_name == "Priya Raman" and not choices.trust_role

    session = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        assert session.on_server and not session.read_only and not session.vault.trust_role
        assert session.account.display_name == "Priya Raman" and session.account.role is Role.DPO
        assert session.profile().name == "Oakfield Primary School"
        assert str(session.vault.path) == "Oakfield Primary School on the trust server (Test trust)"
        session.update_profile(sample_profile())
        assert session.verify_activity().ok
        newest = session.activity(limit=2)
        assert [e.action for e in newest] == ["profile.updated", "vault.opened"]
        assert newest[0].account_name == "Priya Raman"
    finally:
        session.close()


def test_a_wrong_password_says_so_in_plain_words(oakfield):
    login = oakfield.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    with pytest.raises(WrongSignIn, match="name and password do not sign in"):
        list_schools(oakfield.connection_file, login, "not-the-password")
    with pytest.raises(WrongSignIn):
        open_on_server(oakfield.connection_file, login, "not-the-password", "oakfield")
    with pytest.raises(WrongSignIn):
        list_schools(oakfield.connection_file, "nobody.here", PASSWORD)


def test_an_unreachable_server_and_an_untrusted_certificate_are_told_apart(oakfield, tmp_path):
    conn = oakfield.connection_file
    closed = ConnectionFile(host="127.0.0.1", port=1, database=conn.database, sslmode="disable")
    with pytest.raises(SignInError, match="cannot reach the trust's server"):
        list_schools(closed, "priya", PASSWORD)
    tls = ConnectionFile(
        host=conn.host,
        port=conn.port,
        database=conn.database,
        sslmode="verify-full",
        sslrootcert="missing-ca.pem",
    )
    with pytest.raises(SignInError, match="really the trust's server"):
        list_schools(tls, "priya", PASSWORD, base_dir=tmp_path)


def test_a_viewer_reads_but_the_program_and_the_server_refuse_changes(oakfield):
    login = oakfield.add_person("office", "Office Viewer", school="oakfield", role=Role.VIEWER)
    session = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        assert session.read_only and session.vault.read_only
        assert session.profile().name == "Oakfield Primary School"
        with pytest.raises(ReadOnlyVault):
            session.update_profile(sample_profile())
        with session.read() as s, pytest.raises(Exception, match="permission denied"):
            s.execute(text("UPDATE school_profile SET name = 'Hacked'"))
    finally:
        session.close()


def test_someone_from_another_school_sees_only_theirs_and_is_refused_ours(oakfield):
    oakfield.add_school("elmwood", replace(sample_profile(), name="Elmwood Academy"))
    login = oakfield.add_person("stranger", "Elm Dpo", school="elmwood", role=Role.DPO)
    assert [c.code for c in list_schools(oakfield.connection_file, login, PASSWORD)] == ["elmwood"]
    with pytest.raises(SignInError, match="does not give you access to that school"):
        open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    with pytest.raises(SignInError, match="not on the trust's server"):
        open_on_server(oakfield.connection_file, login, PASSWORD, "ashby")


def test_the_trust_dpo_sees_every_school_and_is_dpo_in_each(oakfield):
    oakfield.add_school("elmwood", replace(sample_profile(), name="Elmwood Academy"))
    login = oakfield.add_person("tdpo", "Trust Dpo", trust=True)
    choices = list_schools(oakfield.connection_file, login, PASSWORD)
    assert choices.trust_role and [c.name for c in choices] == ["Elmwood Academy", "Oakfield Primary School"]
    session = open_on_server(oakfield.connection_file, login, PASSWORD, "elmwood")
    try:
        assert session.account.role is Role.DPO and not session.read_only
        assert session.profile().name == "Elmwood Academy"
    finally:
        session.close()


def test_a_school_behind_this_version_asks_it_to_migrate(oakfield):
    login = oakfield.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    with oakfield.engine.begin() as c:
        c.execute(text("DELETE FROM school_oakfield.alembic_version"))
        c.execute(text("INSERT INTO school_oakfield.alembic_version VALUES ('0001_foundation')"))
    with pytest.raises(SignInError, match="schooldp-admin migrate"):
        open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")


def test_file_only_tasks_are_refused_with_the_reason(oakfield):
    login = oakfield.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    session = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        for attempt in (
            lambda: session.backup_now(),
            lambda: session.add_account("Someone Else", Role.VIEWER, "Kestrel-lantern-42"),
            lambda: session.change_own_passphrase("x", "Kestrel-lantern-43"),
            lambda: session.rotate_database_key(),
            lambda: session.change_recovery_key(),
        ):
            with pytest.raises(ServerManaged, match="IT staff manage"):
                attempt()
        assert SERVER_MANAGED.startswith("On the trust server")
    finally:
        session.close()


def test_lock_drops_the_connections_and_unlock_asks_the_password_again(oakfield):
    login = oakfield.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    session = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        session.lock()
        assert session.locked and session.vault.url is None
        with pytest.raises(WrongSignIn):
            session.unlock("wrong")
        assert session.locked
        session.unlock(PASSWORD)
        assert not session.locked and session.profile().name == "Oakfield Primary School"
    finally:
        session.close()


def test_a_role_taken_away_while_working_is_refused_by_the_server_in_plain_words(oakfield):
    from schooldp.services.trust import admin

    login = oakfield.add_person("gareth", "Gareth Llewellyn", school="oakfield", role=Role.HEADTEACHER)
    session = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        admin.revoke(oakfield.url, login, school="oakfield")
        with pytest.raises(ReadOnlyVault, match="did not allow this change.*Nothing was saved"):
            session.update_profile(replace(sample_profile(), phone="01530 123456"))
    finally:
        session.close()
    with oakfield.engine.connect() as c:
        assert (
            c.execute(text("SELECT phone FROM school_oakfield.school_profile")).scalar_one() == "01530 000000"
        )


def test_the_trust_dpo_moves_to_another_school_without_typing_the_password_again(oakfield):
    from schooldp.services.trust.signin import has_trust_role, schools_for, switch_school, trust_engine

    oakfield.add_school("elmwood", replace(sample_profile(), name="Elmwood Academy"))
    login = oakfield.add_person("tdpo", "Trust Dpo", trust=True)
    first = open_on_server(oakfield.connection_file, login, PASSWORD, "oakfield")
    try:
        assert [c.code for c in schools_for(first)] == ["elmwood", "oakfield"]
        second = switch_school(first, "elmwood")
    finally:
        first.close()
    try:
        assert second.profile().name == "Elmwood Academy" and second.account.display_name == "Trust Dpo"
        assert has_trust_role(second)
        engine = trust_engine(second)
        with engine.connect() as c:  # no school's schema: the catalogue, as the person signed in
            assert c.execute(text("SELECT count(*) FROM schooldp.schools")).scalar_one() == 2
        engine.dispose()
    finally:
        second.close()
    with pytest.raises(SignInError, match="Sign in to the trust's server first"):
        schools_for(second)
