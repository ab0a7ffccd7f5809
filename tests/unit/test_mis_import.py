"""MIS export reading: fixtures in each MIS's style, malformed files, dates, round trip."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schooldp.domain.people import Pupil, YearGroup, upn_check_letter
from schooldp.imports.mis import (
    ColumnState,
    ContactRecord,
    ImportFileError,
    PupilRecord,
    Severity,
    auto_map,
    csv_text,
    parse,
    parse_uk_date,
    read_file,
    read_table,
)
from tests.fixtures import make_mis_exports as gen

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mis"
TODAY = date(2026, 3, 2)


def _read(path: Path, **kw):
    return read_file(path, today=TODAY, **kw)


@pytest.mark.parametrize(
    ("name", "pupils", "families_seed", "count"),
    [
        ("sims_pupils_contacts.csv", 36, gen.SEED, 36),
        ("arbor_student_guardians.xlsx", 30, gen.SEED + 1, 30),
        ("bromcom_students.csv", 30, gen.SEED + 3, 30),
        ("arbor_two_row_headings.xlsx", 12, gen.SEED + 2, 12),
    ],
)
def test_fixture_exports_import_correctly(name: str, pupils: int, families_seed: int, count: int) -> None:
    parsed = _read(FIXTURES / name)
    assert parsed.errors == []
    assert len(parsed.records) == count
    expected = {
        c.upn: c
        for c in gen.families(pupils, seed=families_seed, with_leaver=name != "arbor_two_row_headings.xlsx")
    }
    for record in parsed.records:
        child = expected[record.pupil.upn]
        p = record.pupil
        assert (p.legal_first_name, p.legal_last_name, p.date_of_birth) == (
            child.first,
            child.last,
            child.dob,
        )
        assert p.year_group is (YearGroup.RECEPTION if child.year == "R" else YearGroup(f"Y{child.year}"))
        assert p.reg_group == child.reg
        parents = child.parents if "two_row" not in name else child.parents[:1]
        parents = parents[:2] if name.startswith("sims") else parents
        assert [(c.first_name, c.last_name) for c in record.contacts] == [(x.first, x.last) for x in parents]
        assert [c.parental_responsibility for c in record.contacts] == [x.pr for x in parents]
        if "two_row" not in name:
            assert [c.postcode for c in record.contacts] == [x.postcode for x in parents]
            assert [c.address_lines for c in record.contacts] == [x.lines for x in parents]
            assert record.contacts[0].relationship == parents[0].relationship


def test_names_in_any_script_and_leaver_survive() -> None:
    parsed = _read(FIXTURES / "sims_pupils_contacts.csv")
    names = {r.pupil.legal_name for r in parsed.records}
    text = " ".join(names) + " ".join(c.display_name for r in parsed.records for c in r.contacts)
    for fragment in ("Ó Súilleabháin", "Şahin", "Nguyễn", "王", "Αλέξανδρος", "محمد", "Łukasz"):
        assert fragment in text
    leavers = [r.pupil for r in parsed.records if r.pupil.leaving_date]
    assert len(leavers) == 1 and leavers[0].leaving_date == date(2026, 2, 13)


def test_data_minimisation_lists_ignored_columns() -> None:
    parsed = _read(FIXTURES / "sims_pupils_contacts.csv")
    assert parsed.ignored_columns == ["Adno", "Gender"]
    assert _read(FIXTURES / "bromcom_students.csv").ignored_columns == ["SEN Status"]


def test_windows_1252_fallback_with_message() -> None:
    parsed = _read(FIXTURES / "bromcom_windows1252.csv")
    assert parsed.errors == [] and len(parsed.records) == 15
    assert any("Windows-1252" in n for n in parsed.notes)
    assert parsed.records[0].pupil.legal_first_name == "Siobhán"


def _write(tmp_path: Path, text: str | bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def _upn(n: int) -> str:
    body = f"82012345{n:04d}"
    return upn_check_letter(body) + body


HEAD = "UPN,Legal Surname,Legal Forename,DOB,Year,Reg\r\n"


def test_row_problems_are_reported_by_row_number(tmp_path: Path) -> None:
    good = _upn(1)
    bad_check = ("A" if good[0] != "A" else "B") + good[1:]
    rows = [
        f"{good},Smith,Ann,01/02/2018,Year 2,2A",  # row 2: fine
        ",Jones,Bob,01/02/2018,Year 2,2A",  # row 3: missing UPN
        f"{bad_check},Brown,Cy,01/02/2018,2,2B",  # row 4: check letter (warning only)
        f"{_upn(3)},Khan,Dee,31/02/2018,Year 2,2A",  # row 5: impossible date
        f"{_upn(4)},Patel,Eve,01/02/2025,Year 2,2A",  # row 6: age 1: impossible DOB
        f"{_upn(5)},Evans,Fay,01/02/2018,Year 15,2A",  # row 7: unknown year
        f"{_upn(6)},Wong,Gus,01/02/2018,Year 2,2A",  # row 8 and 9: duplicate UPN, different details
        f"{_upn(6)},Wong,Hal,01/03/2018,Year 2,2A",
        f"{_upn(7)},,,01/02/2018,Year 2,2A",  # row 10: no name
    ]
    parsed = _read(_write(tmp_path, HEAD + "\r\n".join(rows) + "\r\n"))
    assert [r.row for r in parsed.records] == [2, 4]
    assert parsed.rows_with_errors == [3, 5, 6, 7, 8, 9, 10]
    by_row = {p.row: p for p in parsed.problems}
    assert "UPN is missing" in by_row[3].message
    assert by_row[4].severity is Severity.WARNING and "check letter" in by_row[4].message
    assert "not a date" in by_row[5].message
    assert "Impossible date of birth" in by_row[6].message
    assert "Unknown year group" in by_row[7].message
    assert "Duplicate UPN" in by_row[8].message and "row 9" in by_row[8].message
    assert "legal name is missing" in by_row[10].message


def test_one_row_per_contact_merges_and_duplicate_identical_rows_are_fine(tmp_path: Path) -> None:
    head = "UPN,Surname,Forename,Date of birth,Year group,Form,Contact Forename,Contact Surname,Relationship,Postcode\r\n"
    u = _upn(1)
    body = (
        f"{u},Şahin,Zoë,1/2/18,R,RA,Ayşe,Şahin,Mother,le651aa\r\n"
        f"{u},Şahin,Zoë,1/2/18,R,RA,Mehmet,Şahin,Father,LE65 1AA\r\n"
        f"{u},Şahin,Zoë,1/2/18,R,RA,Mehmet,Şahin,Father,LE65 1AA\r\n"
    )
    parsed = _read(_write(tmp_path, body and head + body))
    assert parsed.errors == []
    (record,) = parsed.records
    assert [(c.first_name, c.priority, c.postcode) for c in record.contacts] == [
        ("Ayşe", 1, "LE65 1AA"),
        ("Mehmet", 2, "LE65 1AA"),
    ]
    assert record.pupil.year_group is YearGroup.RECEPTION


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/09/2015", date(2015, 9, 1)),
        ("1/9/15", date(2015, 9, 1)),
        ("1/9/99", date(1999, 9, 1)),
        ("2015-09-01", date(2015, 9, 1)),
        ("2015-09-01T00:00:00", date(2015, 9, 1)),
        ("01/09/2015 00:00", date(2015, 9, 1)),
        ("1 Sep 2015", date(2015, 9, 1)),
        ("01-Sept-2015", date(2015, 9, 1)),
        ("42248", date(2015, 9, 1)),
        (42248, date(2015, 9, 1)),
        ("", None),
    ],
)
def test_uk_dates(value: object, expected: date | None) -> None:
    assert parse_uk_date(value, TODAY) == expected


@pytest.mark.parametrize("value", ["13/13/2015", "09/31/2015", "yesterday", "2015/13/01"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(ValueError, match="day/month/year"):
        parse_uk_date(value, TODAY)


# ---- malformed files -------------------------------------------------------------------------
def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="empty"):
        read_table(_write(tmp_path, b""))
    with pytest.raises(ImportFileError, match="empty"):
        read_table(_write(tmp_path, "\r\n ,, \r\n"))


def test_headings_but_no_rows(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no rows of pupils"):
        _read(_write(tmp_path, HEAD))


def test_undecodable_and_binary(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="encoding"):
        read_table(_write(tmp_path, HEAD.encode() + b"\x81\x8d\x8f\x90\x9d,\xff\xfe\r\n"))
    with pytest.raises(ImportFileError, match="not a text"):
        read_table(_write(tmp_path, b"\x00\x01\x02garbage\x00" * 20, "pupils.csv"))
    with pytest.raises(ImportFileError, match="Save As"):
        read_table(_write(tmp_path, b"whatever", "old.xls"))
    with pytest.raises(ImportFileError, match="Excel workbook"):
        read_table(_write(tmp_path, b"PK\x03\x04 not really a zip", "broken.xlsx"))


def test_utf16_tab_separated_from_excel(tmp_path: Path) -> None:
    text = "UPN\tSurname\tForename\tDOB\tYear\r\n" + f"{_upn(1)}\tNguyễn\tThảo\t02/03/2018\tY2\r\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    parsed = _read(path)
    assert parsed.records[0].pupil.legal_last_name == "Nguyễn"


def test_embedded_newlines_and_unterminated_quote(tmp_path: Path) -> None:
    head = "UPN,Surname,Forename,DOB,Year,Contact 1 Name,Contact 1 Address\r\n"
    good = f'{_upn(1)},Ahmed,Ali,02/03/2018,2,Mrs Mariam Ahmed,"1 Long Road\nFlat 2, Block ""B""\nAshby\nLE65 1AB"\r\n'
    parsed = _read(_write(tmp_path, head + good + f"{_upn(2)},Khan,Sara,02/03/2018,2,,\r\n"))
    assert [r.row for r in parsed.records] == [2, 3]  # rows as a spreadsheet counts them, not lines
    contact = parsed.records[0].contacts[0]
    assert contact.address_lines == ("1 Long Road", 'Flat 2, Block "B"', "Ashby")
    assert contact.postcode == "LE65 1AB" and contact.first_name == "Mariam"
    with pytest.raises(ImportFileError, match="Row 3"):
        _read(_write(tmp_path, head + good + f'{_upn(2)},Khan,"Sara,02/03/2018,2,,\r\n', "broken.csv"))


def test_merged_title_rows_and_unfindable_headings(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Pupil list"])
    ws.merge_cells("A1:E1")
    ws.append([None])
    ws.append([1, 2])
    wb.save(tmp_path / "junk.xlsx")
    with pytest.raises(ImportFileError, match="could not find the row of column headings"):
        read_table(tmp_path / "junk.xlsx")
    parsed = _read(FIXTURES / "arbor_two_row_headings.xlsx")
    assert parsed.header_row == 2 and parsed.records[0].contacts[0].relationship


def test_unknown_headings_need_mapping_and_saved_answers_are_used(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "Pupil Ref,Family,Given,Born,NCY,Shoe size\r\n" + f"{_upn(1)},Ng,Lan,1/2/2018,2,30\r\n"
    )
    table = read_table(path)
    mapping = auto_map(table.headers)
    assert mapping.unknown_columns == [0, 1, 2, 3, 4, 5]
    assert "UPN" in mapping.missing_required()
    with pytest.raises(ImportFileError, match="needed and were not found"):
        parse(table, mapping, today=TODAY)
    for col, target in enumerate(
        ["upn", "legal_last_name", "legal_first_name", "date_of_birth", "year_group", None]
    ):
        mapping = mapping.with_target(col, target)
    saved = mapping.remembered_answers()
    assert saved["pupil ref"] == "upn" and saved["shoe size"] == ""
    again = auto_map(read_table(path, saved).headers, saved)
    assert again.unknown_columns == [] and again.states[0] is ColumnState.REMEMBERED
    parsed = _read(path, saved=saved)
    assert parsed.records[0].pupil.legal_last_name == "Ng" and parsed.ignored_columns == ["Shoe size"]


def test_fifty_thousand_rows_stream(tmp_path: Path) -> None:
    """A huge export is read row by row and every row is accounted for (memory: see bench/people.py)."""
    path = tmp_path / "big.csv"
    gen.write_bromcom_csv(path, gen.families(50_000, seed=7, with_leaver=False))
    seen: list[int] = []
    table = read_table(path)
    parsed = parse(table, auto_map(table.headers), today=TODAY, progress=seen.append)
    assert parsed.rows_read == 50_000 and len(parsed.records) == 50_000 and parsed.errors == []
    assert seen[:2] == [500, 1000] and seen[-1] == 50_000


def test_cancelled_read_stops(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    gen.write_bromcom_csv(path, gen.families(2_000, seed=8))
    table = read_table(path)
    with pytest.raises(ImportFileError, match="cancelled"):
        parse(table, auto_map(table.headers), today=TODAY, progress=lambda n: None, is_cancelled=lambda: True)


# ---- export and the round-trip property ------------------------------------------------------
names = (
    st.text(
        alphabet=st.sampled_from(
            list("abcdefghijklmnopqrstuvwxyzÁÉÍÓÚáéíóúŁłŞşĞğÖöÜüễạ王芳李Αλέξνδροςمحد '-")
        ),
        min_size=1,
        max_size=12,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(s.strip()) and s.strip() == s)
)


@st.composite
def records(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 6))
    result = []
    for i in range(n):
        year = draw(st.sampled_from([YearGroup.RECEPTION, *(YearGroup(f"Y{k}") for k in range(1, 7))]))
        dob = date(2014, 9, 1) + draw(st.integers(0, 6 * 365)).__index__() * (
            date(2014, 9, 2) - date(2014, 9, 1)
        )
        pupil = Pupil(
            _upn(i),
            draw(names),
            draw(names),
            dob,
            year,
            draw(st.sampled_from(["", "3B", "Kestrel", "ΑΒ"])),
            preferred_first_name=draw(st.sampled_from(["", "Zo", "Łuki"])),
        )
        contacts = []
        for k in range(draw(st.integers(0, 3))):
            contacts.append(
                ContactRecord(
                    draw(names),
                    draw(names),
                    title=draw(st.sampled_from(["", "Mrs", "Dr"])),
                    relationship=draw(st.sampled_from(["", "Mother", "Foster carer"])),
                    parental_responsibility=draw(st.booleans()),
                    lives_with_pupil=draw(st.booleans()),
                    priority=k + 1,
                    address_lines=tuple(draw(st.lists(names, max_size=4))),
                    postcode=draw(st.sampled_from(["", "LE65 1AB", "SW1A 2AA"])),
                    email=draw(st.sampled_from(["", "a.b@example.org"])),
                    phone=draw(st.sampled_from(["", "07700 900123"])),
                )
            )
        result.append(PupilRecord(i + 2, pupil, tuple(contacts)))
    return result


@settings(max_examples=60, deadline=None)
@given(records())
def test_export_then_read_gives_the_same_records(tmp_path_factory, items) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("rt") / "export.csv"
    path.write_text(csv_text(items), encoding="utf-8", newline="")
    parsed = _read(path)
    assert parsed.errors == []
    assert [(r.pupil, r.contacts) for r in parsed.records] == [(r.pupil, r.contacts) for r in items]


def test_export_is_plain_csv() -> None:
    text = csv_text([PupilRecord(2, Pupil(_upn(1), "Zoë", "Şahin", date(2018, 1, 2), YearGroup.Y2), ())])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["UPN", "Legal Forename", "Legal Surname"] and rows[1][1] == "Zoë"
