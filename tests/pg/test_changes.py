"""Another person's change reaches the open session through LISTEN/NOTIFY."""

from __future__ import annotations

import queue
import time
from dataclasses import replace

from schooldp.domain.accounts import Role
from schooldp.services.trust.changes import watch
from schooldp.services.trust.signin import open_on_server
from schooldp.storage.server.notify import parse
from tests.conftest import sample_profile
from tests.pg.provision import PASSWORD


def test_a_change_by_someone_else_reaches_the_callback_and_our_own_does_not(trust):
    trust.add_school("oakfield", sample_profile())
    trust.add_school("elmwood", replace(sample_profile(), name="Elmwood Academy"))
    login = trust.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    head = trust.add_person("gareth", "Gareth Llewellyn", school="oakfield", role=Role.HEADTEACHER)
    elm = trust.add_person("elm", "Elm Dpo", school="elmwood", role=Role.DPO)
    session = open_on_server(trust.connection_file, login, PASSWORD, "oakfield")
    heard: queue.Queue[tuple[str, str]] = queue.Queue()
    listener = watch(session, lambda entity, entity_id: heard.put((entity, entity_id)))
    assert listener is not None
    try:
        assert listener.wait_ready()
        session.update_profile(sample_profile())  # our own change: not news to us
        elsewhere = open_on_server(trust.connection_file, elm, PASSWORD, "elmwood")
        elsewhere.update_profile(replace(sample_profile(), name="Elmwood Academy"))  # another school
        elsewhere.close()
        colleague = open_on_server(trust.connection_file, head, PASSWORD, "oakfield")
        heard_open = heard.get(timeout=10)  # the headteacher signing in is recorded, so it is news
        colleague.update_profile(replace(sample_profile(), phone="01530 999999"))
        colleague.close()
        assert heard_open[0] == "account"
        assert heard.get(timeout=10) == ("school", "1")
        time.sleep(0.5)
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
