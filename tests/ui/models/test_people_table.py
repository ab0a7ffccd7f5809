"""The People table: the columns come with the kind of person; leavers greyed; search as you type."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from schooldp.domain.people import Pupil, YearGroup, search_key
from schooldp.ui.models.people_table import (
    ID_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    PeopleRow,
    PeopleTableModel,
    SearchProxy,
)
from tests.ui.models.checks import assert_sortable, header_texts

C = PeopleTableModel.Columns
PUPIL_HEADERS = ["Name", "UPN", "Year", "Reg group", "Date of birth"]
STAFF_HEADERS = ["Name", "Role", "Email"]
TODAY = date(2026, 11, 20)
_YEAR_ORDER = {yg: i for i, yg in enumerate(YearGroup)}


def pupil_row(p: Pupil) -> PeopleRow:
    """As the People page builds a pupil's row."""
    left = p.has_left_by(TODAY)
    return PeopleRow(
        p.id or 0,
        (
            p.display_name + ("  (left)" if left else ""),
            p.upn,
            p.year_group.label,
            p.reg_group,
            f"{p.date_of_birth:%d/%m/%Y}",
        ),
        (
            search_key(f"{p.legal_last_name} {p.legal_first_name}"),
            p.upn,
            _YEAR_ORDER.get(p.year_group, 99),
            search_key(p.reg_group),
            p.date_of_birth.isoformat(),
        ),
        p.search_text,
        muted=left,
    )


def pupils() -> list[PeopleRow]:
    return [
        pupil_row(Pupil("A001", "Zoë", "Åberg", date(2017, 3, 1), YearGroup.Y4, "4A", id=11)),
        pupil_row(Pupil("A002", "Ben", "Carter", date(2019, 9, 12), YearGroup.Y2, "2B", id=12)),
        pupil_row(
            Pupil(
                "A003",
                "Amelia",
                "Brown",
                date(2018, 1, 5),
                YearGroup.Y3,
                "3B",
                preferred_first_name="Millie",
                admission_date=date(2022, 9, 1),
                leaving_date=date(2026, 7, 20),
                id=13,
            )
        ),
    ]


def test_empty_model_and_headers_follow_the_kind_of_person() -> None:
    model = PeopleTableModel([])
    assert model.rowCount() == 0
    model.set_rows(PUPIL_HEADERS, [])
    assert header_texts(model) == PUPIL_HEADERS
    model.set_rows(
        STAFF_HEADERS,
        [
            PeopleRow(
                4,
                ("Jo Ellis", "Teacher", "jo@example.org"),
                ("ellis jo", "teacher", "jo@example.org"),
                "jo ellis teacher",
            )
        ],
    )
    assert header_texts(model) == STAFF_HEADERS
    assert model.cell(0, C.NAME) == "Jo Ellis"
    model.clear()
    assert model.rowCount() == 0 and header_texts(model) == STAFF_HEADERS


def test_each_cell_and_leavers_greyed() -> None:
    model = PeopleTableModel(PUPIL_HEADERS)
    model.set_rows(PUPIL_HEADERS, pupils())
    assert model.cell(0, C.NAME) == "Zoë Åberg"
    assert [model.cell(1, c) for c in range(model.columnCount())] == [
        "Ben Carter",
        "A002",
        "Year 2",
        "2B",
        "12/09/2019",
    ]
    assert model.cell(2, C.NAME) == "Millie Brown  (left)"
    assert model.cell(2, C.NAME, Qt.ItemDataRole.ForegroundRole).color().name().upper() == "#6B7785"
    assert model.cell(1, C.NAME, Qt.ItemDataRole.ForegroundRole) is None
    assert model.cell(2, C.NAME, SEARCH_ROLE) == "amelia brown millie a003 year 3 3b"
    assert model.row_at(2).muted


def test_sorting_uses_the_keys_the_page_gives() -> None:
    model = PeopleTableModel(PUPIL_HEADERS)
    model.set_rows(PUPIL_HEADERS, pupils())
    assert_sortable(model)
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.sort(C.NAME)  # by legal surname, accents folded: Åberg, Brown, Carter
    assert [proxy.index(r, C.NAME).data() for r in range(3)] == [
        "Zoë Åberg",
        "Millie Brown  (left)",
        "Ben Carter",
    ]
    proxy.sort(2)  # the year column sorts in school order, not alphabetically
    assert [proxy.index(r, 2).data() for r in range(3)] == ["Year 2", "Year 3", "Year 4"]


def test_search_as_you_type_ignores_case_and_accents() -> None:
    model = PeopleTableModel(PUPIL_HEADERS)
    model.set_rows(PUPIL_HEADERS, pupils())
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    proxy.set_query("zoe")
    assert [proxy.index(r, C.NAME).data(ID_ROLE) for r in range(proxy.rowCount())] == [11]
    proxy.set_query("MILLIE 3b")
    assert [proxy.index(r, C.NAME).data(ID_ROLE) for r in range(proxy.rowCount())] == [13]
    proxy.set_query("")
    assert proxy.rowCount() == 3


def test_id_role_and_sort_role_values() -> None:
    model = PeopleTableModel(PUPIL_HEADERS)
    model.set_rows(PUPIL_HEADERS, pupils())
    assert [model.cell(r, C.NAME, ID_ROLE) for r in range(3)] == [11, 12, 13]
    assert model.cell(0, 2, SORT_ROLE) == _YEAR_ORDER[YearGroup.Y4]


def test_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = PeopleTableModel([])
    qtmodeltester.check(model)
    model.set_rows(PUPIL_HEADERS, pupils())
    qtmodeltester.check(model)
