"""An editor process for the two-people-at-once test: one person's own sign-in, reading a
request and saving a change to it the moment the other person does."""

from __future__ import annotations

from typing import Any


def edit_request(
    conn_file: Any, login: str, password: str, request_id: int, action: str, start: Any, results: Any
) -> None:
    from schooldp.domain.deadlines import ClockEventKind
    from schooldp.domain.errors import ConflictError
    from schooldp.domain.requests import RequestStatus
    from schooldp.services.requests import RequestService
    from schooldp.services.trust.signin import open_on_server

    session = open_on_server(conn_file, login, password, "oakfield")
    try:
        service = RequestService(session)
        read = service.summary(request_id)  # the request as it is open on this person's screen
        start.wait(30)
        try:
            if action == "ask":
                service.ask(request_id, ClockEventKind.ID_AWAITED, expected_version=read.row_version)
            else:
                service.change_status(
                    request_id, RequestStatus.IN_PROGRESS, "Started", expected_version=read.row_version
                )
            results.put(("saved", login, ""))
        except ConflictError as exc:
            results.put(("conflict", login, str(exc)))
    except BaseException as exc:  # reported to the test rather than lost in the child
        results.put(("error", login, repr(exc)))
    finally:
        session.close()
