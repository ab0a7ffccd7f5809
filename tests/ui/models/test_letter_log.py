"""The letter log: every letter issued, newest first, with what it was about and who sent it."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QSortFilterProxyModel, Qt

from schooldp.services.letters import IssuedLetter
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.letter_log import SORT_ROLE, LetterLogModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

C = LetterLogModel.Columns


def letter(
    id: int, title: str, to: str, case_kind: str, case_id: str, at: datetime, pages: int
) -> IssuedLetter:
    return IssuedLetter(
        id=id,
        letter_type="request_acknowledgement",
        title=title,
        recipient_name=to,
        recipient_kind="contact",
        recipient_ref="C-7",
        case_kind=case_kind,
        case_id=case_id,
        issued_at=at,
        issued_by="Priya Raman",
        sha256="0" * 64,
        pages=pages,
        batch_id="",
        has_pdf=True,
    )


def letters() -> list[IssuedLetter]:
    return [
        letter(
            1,
            "Request acknowledgement",
            "Sarah Brown",
            "request",
            "SAR-2026-001",
            datetime(2026, 9, 2, 15, 0, tzinfo=UTC),
            2,
        ),
        letter(
            2,
            "Breach notice to parent",
            "Tom Carter",
            "breach",
            "BR-2026-003",
            datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
            10,
        ),
        letter(3, "Letter", "Jo Ellis", "", "", datetime(2026, 10, 1, 8, 0, tzinfo=UTC), 1),
    ]


def test_empty_model_and_headers() -> None:
    model = LetterLogModel()
    assert model.rowCount() == 0
    assert header_texts(model) == ["Issued", "Letter", "To", "About", "Pages", "By"]


def test_each_cell_by_named_column(london_tz) -> None:  # type: ignore[no-untyped-def]
    model = LetterLogModel()
    model.set_rows(letters())
    assert model.cell(0, C.ISSUED) == "02/09/2026 16:00"  # BST
    assert model.cell(1, C.ISSUED) == "20/11/2026 09:30"  # GMT
    assert model.cell(1, C.LETTER) == "Breach notice to parent"
    assert model.cell(1, C.TO) == "Tom Carter"
    assert model.cell(1, C.ABOUT) == "Breach BR-2026-003"
    assert model.cell(0, C.ABOUT) == "Request SAR-2026-001"
    assert model.cell(2, C.ABOUT) == ""  # a letter about no case
    assert model.cell(1, C.PAGES) == "10"
    assert model.cell(1, C.BY) == "Priya Raman"
    assert model.row_at(2).recipient_name == "Jo Ellis"
    assert [r.id for r in model.rows] == [1, 2, 3]


def test_newest_first_and_pages_as_numbers(london_tz) -> None:  # type: ignore[no-untyped-def]
    model = LetterLogModel()
    model.set_rows(letters())
    assert_sortable(model)
    assert sorted_column(model, C.ISSUED, SORT_ROLE, Qt.SortOrder.DescendingOrder) == [
        "20/11/2026 09:30",
        "01/10/2026 09:00",
        "02/09/2026 16:00",
    ]
    assert sorted_column(model, C.PAGES, SORT_ROLE) == ["1", "2", "10"]


def test_filter_finds_a_name_or_a_case_in_any_column() -> None:
    model = LetterLogModel()
    model.set_rows(letters())
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterFixedString("br-2026")
    assert [proxy.index(r, C.TO).data() for r in range(proxy.rowCount())] == ["Tom Carter"]


def test_id_role_is_the_letter_id() -> None:
    model = LetterLogModel()
    model.set_rows(letters())
    assert [model.cell(r, C.LETTER, ID_ROLE) for r in range(3)] == [1, 2, 3]
    model.clear()
    assert model.rowCount() == 0


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = LetterLogModel()
    qtmodeltester.check(model)
    model.set_rows(letters())
    qtmodeltester.check(model)
