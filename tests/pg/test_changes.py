"""Another person's change reaches the open session through LISTEN/NOTIFY."""

from __future__ import annotations

import queue

from sqlalchemy import create_engine, text

from schooldp.domain.accounts import Role
from schooldp.services.trust.changes import watch
from schooldp.services.trust.signin import open_on_server
from schooldp.storage.server.notify import parse
from tests.conftest import sample_profile
from tests.pg.provision import PASSWORD, unique_login


def test_a_change_by_someone_else_reaches_the_callback_and_our_own_does_not(trust):
    trust.add_school("oakfield", sample_profile())
    trust.add_school("elmwood", sample_profile())
    login = trust.add_person(unique_login("priya"), "Priya Raman")
    trust.grant(login, "oakfield", Role.DPO)
    session = open_on_server(trust.connection_file, login, PASSWORD, "oakfield")
    heard: queue.Queue[tuple[str, str]] = queue.Queue()
    listener = watch(session, lambda entity, entity_id: heard.put((entity, entity_id)))
    assert listener is not None
    try:
        assert listener.wait_ready()
        with session.vault.write() as s:  # as the trigger would for our own change: not news to us
            s.execute(text("SELECT pg_notify('schooldp', 'oakfield|school|1')"))
        other = create_engine(trust.url)
        with other.begin() as c:
            c.execute(text("SELECT pg_notify('schooldp', 'elmwood|request|7')"))  # another school
            c.execute(text("SELECT pg_notify('schooldp', 'oakfield|request|42')"))
        other.dispose()
        assert heard.get(timeout=10) == ("request", "42")
        assert heard.empty()
    finally:
        listener.stop()
        listener.join()
        session.close()
    assert not listener.running


def test_a_payload_is_a_code_an_entity_and_an_id():
    notice = parse("oakfield|breach|3", 99)
    assert notice is not None and (notice.code, notice.entity, notice.entity_id, notice.pid) == (
        "oakfield",
        "breach",
        "3",
        99,
    )
    assert parse("nonsense") is None
