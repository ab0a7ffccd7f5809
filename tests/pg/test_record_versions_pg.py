"""Two people editing one request at once on the trust's server: one change is saved, the other
person is told who changed it, and the activity log holds one chain with one entry for it."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from schooldp.domain.accounts import Role
from schooldp.domain.errors import ConflictError
from schooldp.domain.requests import RequestStatus
from schooldp.services.requests import NewRequest, RequestService
from schooldp.services.trust.signin import open_on_server
from schooldp.storage import audit
from schooldp.storage.models import AccountRow
from schooldp.storage.request_models import RequestRow
from schooldp.storage.server.engine import make_engine
from tests.conftest import sample_profile, sample_request
from tests.pg.provision import PASSWORD
from tests.pg.version_editors import edit_request


def _request() -> NewRequest:
    return sample_request()


@pytest.fixture
def oakfield(trust):
    trust.add_school("oakfield", sample_profile())
    priya = trust.add_person("priya", "Priya Raman", school="oakfield", role=Role.DPO)
    gareth = trust.add_person("gareth", "Gareth Llewellyn", school="oakfield", role=Role.HEADTEACHER)
    return trust, priya, gareth


def _logged(trust, login) -> int:
    session = open_on_server(trust.connection_file, login, PASSWORD, "oakfield")
    try:
        return RequestService(session).log(_request()).id
    finally:
        session.close()


def test_two_processes_saving_one_request_at_once_give_one_change_and_one_conflict(oakfield):
    trust, priya, gareth = oakfield
    request_id = _logged(trust, priya)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(2), ctx.Queue()
    editors = [
        ctx.Process(
            target=edit_request,
            args=(trust.connection_file, login, PASSWORD, request_id, action, start, results),
        )
        for login, action in ((priya, "ask"), (gareth, "status"))
    ]
    for p in editors:
        p.start()
    outcomes = [results.get(timeout=120) for _ in editors]
    for p in editors:
        p.join(60)
    assert sorted(o[0] for o in outcomes) == ["conflict", "saved"], outcomes
    saved = next(o for o in outcomes if o[0] == "saved")
    refused = next(o for o in outcomes if o[0] == "conflict")
    saver_name = "Priya Raman" if saved[1] == priya else "Gareth Llewellyn"
    assert refused[2].startswith(f"{saver_name} ")
    assert refused[2].endswith("while you were editing. Reload to see their change, then make yours again.")

    session = open_on_server(trust.connection_file, priya, PASSWORD, "oakfield")
    try:
        summary = RequestService(session).summary(request_id)
        expected = RequestStatus.AWAITING_ID if saved[1] == priya else RequestStatus.IN_PROGRESS
        assert summary.status is expected and summary.row_version == 2
        edits = [e for e in session.activity(entity="request") if e.action != "request.logged"]
        assert len(edits) == 1 and edits[0].account_name == saver_name
        assert session.verify_activity().ok
    finally:
        session.close()


def test_a_save_that_loses_the_race_inside_the_server_is_refused_with_the_winners_name(oakfield):
    """The headteacher's save reads the request before the DPO's change commits and then waits on
    the row: when the DPO commits, the headteacher's UPDATE finds the version moved on."""
    trust, priya, gareth = oakfield
    request_id = _logged(trust, priya)
    head = open_on_server(trust.connection_file, gareth, PASSWORD, "oakfield")
    engine = make_engine(trust.url, "school_oakfield")
    try:
        read = RequestService(head).summary(request_id)
        history = "SELECT count(*) FROM request_status_history"
        with engine.connect() as c:
            rows_before = c.execute(text(history)).scalar_one()
        with Session(engine) as dpo, dpo.begin():  # the DPO's save, still being written
            row = dpo.get(RequestRow, request_id)
            row.status, row.row_version = RequestStatus.IN_PROGRESS.value, row.row_version + 1
            dpo.flush()  # holds the row
            account = dpo.scalar(select(AccountRow.id).where(AccountRow.slot_id == f"pg:{priya}"))
            audit.append(
                dpo, account, "request.status", "request", request_id, "Status received -> in_progress"
            )
            caught: list[BaseException] = []

            def save() -> None:
                try:
                    RequestService(head).change_status(
                        request_id, RequestStatus.WITHDRAWN, "By phone", expected_version=read.row_version
                    )
                except BaseException as exc:
                    caught.append(exc)

            racing = threading.Thread(target=save)
            racing.start()
            time.sleep(1.0)
            assert racing.is_alive()  # waiting for the DPO's row
        racing.join(30)
        assert len(caught) == 1 and isinstance(caught[0], ConflictError), caught
        assert str(caught[0]).startswith("Priya Raman changed this request's status at ")
        assert RequestService(head).summary(request_id).status is RequestStatus.IN_PROGRESS
        with engine.connect() as c:
            assert c.execute(text(history)).scalar_one() == rows_before  # nothing of the refused save
    finally:
        head.close()
        engine.dispose()
