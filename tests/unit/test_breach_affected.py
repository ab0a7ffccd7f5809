"""Choosing who was affected by pasting UPNs or names, or from the spreadsheet's rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from schooldp.domain.people import Pupil, Staff, YearGroup
from schooldp.services.breaches import file_rows, match_pupils, match_staff, pasted_rows


def _pupil(i: int, upn: str, first: str, last: str) -> Pupil:
    return Pupil(upn, first, last, date(2016, 1, 1), list(YearGroup)[3], "4B", id=i)


PUPILS = [
    _pupil(1, "A123456789012", "Amelia", "Khan"),
    _pupil(2, "B123456789012", "Oliver", "Smith"),
    _pupil(3, "C123456789012", "Oliver", "Smith"),  # twins' names are not unique
    _pupil(4, "D123456789012", "Noah", "Jones"),
]


def test_pasted_upns_and_names_are_matched_and_the_rest_listed() -> None:
    text = "a123456789012\nJones, Noah\n\nOliver Smith\nZ999999999999\n"
    m = match_pupils(PUPILS, pasted_rows(text))
    assert m.ids == (1, 4)
    assert m.lines == 4
    assert m.unmatched == ("Z999999999999",)
    assert m.ambiguous == ("Oliver Smith",)
    assert m.summary == "2 matched from 4 lines; 1 not matched; 1 name(s) match more than one person."


def test_rows_of_the_spreadsheet_match_on_any_cell_or_first_and_last_name(tmp_path: Path) -> None:
    sheet = tmp_path / "send register.csv"
    sheet.write_text(
        "UPN,First,Last,Need\n,Amelia,Khan,SEMH\nD123456789012,Noah,Jones,ASD\n", encoding="utf-8"
    )
    m = match_pupils(PUPILS, file_rows(sheet))
    assert m.ids == (1, 4)
    assert m.unmatched == ("UPN First Last Need",)  # the heading row


def test_staff_by_name() -> None:
    staff = [Staff("Sam Teacher", id=7), Staff("Jo Head", id=8)]
    m = match_staff(staff, pasted_rows("Teacher, Sam\nNobody Here"))
    assert m.ids == (7,) and m.unmatched == ("Nobody Here",)
