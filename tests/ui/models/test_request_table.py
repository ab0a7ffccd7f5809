"""The requests register table: time left in words, overdue in red and bold, dates sort as dates."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from schooldp.domain.deadlines import LONDON, Deadline, DeadlineKind
from schooldp.domain.requests import Channel, Relationship, RequestStatus, RequestType
from schooldp.services.requests import Requester, RequestSummary, Subject, SubjectKind
from schooldp.ui.models.base import ID_ROLE, REFERENCE_ROLE
from schooldp.ui.models.request_table import SORT_ROLE, RequestTableModel
from schooldp.ui.style import AMBER, RED
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=LONDON)
C = RequestTableModel.Columns


def summary(
    id: int,
    reference: str,
    received_on: date,
    due: date | None,
    *,
    subject: str = "Amelia Brown",
    request_type: RequestType = RequestType.SUBJECT_ACCESS,
    status: RequestStatus = RequestStatus.IN_PROGRESS,
    closed_on: date | None = None,
    due_problem: str = "",
) -> RequestSummary:
    deadline = Deadline(
        DeadlineKind.SUBJECT_ACCESS,
        reference,
        due,
        "Subject access response",
        met_at=closed_on,
        paused=due is None and closed_on is None,
        pause_reason="Waiting for proof of identity" if due is None else "",
    )
    return RequestSummary(
        id=id,
        reference=reference,
        request_type=request_type,
        channel=Channel.EMAIL,
        received_on=received_on,
        status=status,
        relationship=Relationship.PARENT_CARER,
        requester=Requester("Sarah Brown", email="sarah@example.org", kind="contact", id=7),
        subject=Subject(SubjectKind.PUPIL, subject, 12),
        description="All records about my daughter",
        extended=False,
        extension_reasons="",
        extension_notice_on=None,
        ended_on=None,
        closed_on=closed_on,
        deadline=deadline,
        clock=None,
        due_problem=due_problem,
    )


def sample() -> list[RequestSummary]:
    return [
        summary(1, "SAR-2026-001", date(2026, 9, 1), date(2026, 10, 1)),  # overdue
        summary(2, "SAR-2026-002", date(2026, 10, 20), date(2026, 11, 20), subject="Ben Carter"),  # due today
        summary(3, "SAR-2026-003", date(2026, 11, 10), None, subject="Chloe Davies"),  # paused
        summary(
            4,
            "ERA-2026-001",
            date(2026, 8, 3),
            date(2026, 9, 3),
            subject="Dev Patel",
            request_type=RequestType.ERASURE,
            status=RequestStatus.CLOSED,
            closed_on=date(2026, 8, 28),
        ),
    ]


def test_empty_model_and_headers() -> None:
    model = RequestTableModel()
    assert model.rowCount() == 0
    assert header_texts(model) == [
        "Reference",
        "Type",
        "Data subject",
        "Received",
        "Due",
        "Time left",
        "Status",
    ]


def test_each_cell_by_named_column() -> None:
    model = RequestTableModel()
    model.set_rows(sample(), NOW)
    assert model.now == NOW
    assert model.cell(0, C.REFERENCE) == "SAR-2026-001"
    assert model.cell(0, C.TYPE) == "Subject access request"
    assert model.cell(0, C.SUBJECT) == "Amelia Brown"
    assert model.cell(0, C.RECEIVED) == "01/09/2026"
    assert model.cell(0, C.DUE) == "Thu 1 Oct 2026"
    assert model.cell(0, C.STATUS) == "In progress"
    assert model.cell(1, C.TIME_LEFT) == "due today"
    assert model.cell(2, C.DUE) == "Paused"
    assert model.cell(3, C.TYPE) == "Erasure"
    assert model.cell(3, C.TIME_LEFT) == "Closed 28/08/2026"
    assert model.cell(3, C.STATUS) == "Closed"
    assert model.summary(1).reference == "SAR-2026-002"
    assert model.cell(0, C.SUBJECT, Qt.ItemDataRole.ToolTipRole) == "Amelia Brown"


def test_overdue_is_said_in_words_red_and_bold() -> None:
    model = RequestTableModel()
    model.set_rows(sample(), NOW)
    assert model.cell(0, C.TIME_LEFT).startswith("OVERDUE: overdue by")
    for column in C:
        assert model.cell(0, column, Qt.ItemDataRole.ForegroundRole).color().name().upper() == RED.upper()
    assert model.cell(0, C.DUE, Qt.ItemDataRole.FontRole).bold()
    assert model.cell(0, C.TIME_LEFT, Qt.ItemDataRole.FontRole).bold()
    assert model.cell(0, C.SUBJECT, Qt.ItemDataRole.FontRole) is None
    # Due today is amber; a paused open request has no colour; a closed one is greyed.
    assert model.cell(1, C.TIME_LEFT, Qt.ItemDataRole.ForegroundRole).color().name().upper() == AMBER.upper()
    assert model.cell(1, C.DUE, Qt.ItemDataRole.FontRole) is None
    assert model.cell(2, C.TIME_LEFT, Qt.ItemDataRole.ForegroundRole) is None
    assert model.cell(3, C.STATUS, Qt.ItemDataRole.ForegroundRole).color().name().upper() == "#5F6B7A"


def test_a_due_date_problem_shows_in_amber() -> None:
    model = RequestTableModel()
    model.set_rows(
        [summary(5, "EDU-2026-001", date(2026, 11, 1), None, due_problem="Term dates needed")], NOW
    )
    assert model.cell(0, C.DUE) == "Term dates needed"
    assert model.cell(0, C.TIME_LEFT) == "Term dates needed"
    assert model.cell(0, C.DUE, Qt.ItemDataRole.ForegroundRole).color().name().upper() == AMBER.upper()


def test_dates_sort_as_dates_and_paused_last() -> None:
    model = RequestTableModel()
    model.set_rows(sample(), NOW)
    assert_sortable(model)
    assert sorted_column(model, C.RECEIVED, SORT_ROLE) == [
        "03/08/2026",
        "01/09/2026",
        "20/10/2026",
        "10/11/2026",
    ]
    assert sorted_column(model, C.DUE, SORT_ROLE) == [
        "Thu 3 Sep 2026",
        "Thu 1 Oct 2026",
        "Fri 20 Nov 2026",
        "Paused",
    ]
    assert sorted_column(model, C.SUBJECT, SORT_ROLE) == [
        "Amelia Brown",
        "Ben Carter",
        "Chloe Davies",
        "Dev Patel",
    ]


def test_id_and_reference_roles() -> None:
    model = RequestTableModel()
    model.set_rows(sample(), NOW)
    assert [model.cell(r, C.STATUS, ID_ROLE) for r in range(4)] == [1, 2, 3, 4]
    assert model.cell(3, C.STATUS, REFERENCE_ROLE) == "ERA-2026-001"
    model.clear()
    assert model.rowCount() == 0


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RequestTableModel()
    qtmodeltester.check(model)
    model.set_rows(sample(), NOW)
    qtmodeltester.check(model)
