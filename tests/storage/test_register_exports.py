"""Every register export goes through one writer with one formula guard.

A name or title typed as a spreadsheet formula must reach Excel as text, in CSV and in XLSX,
whichever register the DPO exports (OWASP "CSV Injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from schooldp.domain.clock import FrozenClock
from schooldp.domain.people import Pupil, YearGroup, upn_check_letter
from schooldp.domain.requests import Channel, Relationship, RequestType, Subject, SubjectKind
from schooldp.services.breaches import BreachReport, BreachService
from schooldp.services.consent import ConsentService, export_consent_register
from schooldp.services.people import PeopleService
from schooldp.services.requests import NewRequest, Requester, RequestService
from schooldp.services.school import SchoolSession

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

PAYLOADS = ['=HYPERLINK("http://example.invalid","click")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"]
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def _breaches(school: SchoolSession, text: str, path: Path) -> Path:
    svc = BreachService(school)
    svc.report_breach(
        BreachReport(
            title=text,
            reported_by="Office manager",
            aware_at=NOW - timedelta(hours=1),
            occurred_at=NOW - timedelta(hours=3),
            how_found="A parent phoned.",
            what_happened="A list was emailed to the wrong parent.",
            systems_involved="School email",
        )
    )
    return svc.export(path, svc.register())


def _requests(school: SchoolSession, text: str, path: Path) -> Path:
    svc = RequestService(school)
    svc.log(
        NewRequest(
            request_type=RequestType.SUBJECT_ACCESS,
            channel=Channel.EMAIL,
            received_on=date(2026, 11, 2),
            requester=Requester(text),
            relationship=Relationship.SELF,
            subject=Subject(SubjectKind.OTHER, text),
            description="Everything you hold about me.",
        )
    )
    return svc.export(path, svc.requests())


def _upn(n: int) -> str:
    body = f"82012345{n:03d}1"
    return upn_check_letter(body) + body


def _consent(school: SchoolSession, text: str, path: Path) -> Path:
    PeopleService(school).add_pupil(Pupil(_upn(1), text, text, date(2016, 5, 4), YearGroup.Y4, "4B"))
    ConsentService(school).matrix()
    return export_consent_register(school, path)


REGISTERS: dict[str, Callable[[SchoolSession, str, Path], Path]] = {
    "breaches": _breaches,
    "requests": _requests,
    "consent": _consent,
}


def _cells(path: Path) -> list[str]:
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        return [c for row in rows[1:] for c in row]
    ws = load_workbook(path).active
    assert ws is not None
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells), "a cell was written as a formula"
    return [str(c.value) for c in cells]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_no_register_export_hands_a_formula_to_a_spreadsheet(
    school: SchoolSession, tmp_path: Path, register: str, payload: str, suffix: str
) -> None:
    school.clock = FrozenClock(NOW)
    path = REGISTERS[register](school, payload, tmp_path / f"{register}{suffix}")
    cells = _cells(path)
    assert any(c.startswith("'" + payload) for c in cells), (
        f"the typed text is missing from the {register} export"
    )
    risky = [
        c for c in cells if c.startswith(("=", "+", "@")) or (c.startswith("-") and not c[1:2].isdigit())
    ]
    assert risky == [], f"{register} export would run {risky!r}"


def test_excel_export_shades_overdue_requests_and_sizes_columns(
    school: SchoolSession, tmp_path: Path
) -> None:
    """The Excel file shows what the register shows: overdue rows in pale red, readable columns."""
    school.clock = FrozenClock(NOW)
    svc = RequestService(school)
    for received, name in ((date(2026, 8, 3), "Overdue Parent"), (date(2026, 11, 2), "Recent Parent")):
        svc.log(
            NewRequest(
                request_type=RequestType.SUBJECT_ACCESS,
                channel=Channel.EMAIL,
                received_on=received,
                requester=Requester(name),
                relationship=Relationship.SELF,
                subject=Subject(SubjectKind.OTHER, name),
                description="Everything you hold about me.",
            )
        )
    ws = load_workbook(svc.export(tmp_path / "requests.xlsx", svc.requests())).active
    assert ws is not None
    by_name = {ws.cell(r, 11).value: ws.cell(r, 1).fill.fgColor.rgb for r in (2, 3)}
    assert str(by_name["Overdue Parent"]).endswith("FDE7EA")
    assert not str(by_name["Recent Parent"]).endswith("FDE7EA")
    assert ws.column_dimensions["F"].width >= len("Overdue Parent")


@pytest.mark.parametrize("register", sorted(REGISTERS))
def test_an_excel_export_writes_no_temporary_file_of_personal_data(
    school: SchoolSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, register: str
) -> None:
    """openpyxl's own save writes each sheet's XML, names and all, to a file in the system's
    temporary folder first; ours keeps it in memory and writes only the file the DPO chose."""
    import openpyxl.worksheet._writer as sheet_writer

    def refuse(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a sheet was written to a temporary file")

    monkeypatch.setattr(sheet_writer, "create_temporary_file", refuse)
    school.clock = FrozenClock(NOW)
    chosen = tmp_path / "chosen folder"
    chosen.mkdir()
    path = REGISTERS[register](school, "Siobhán Ní Bhriain", chosen / f"{register}.xlsx")
    assert any("Siobhán Ní Bhriain" in c for c in _cells(path))
    assert sorted(p.name for p in chosen.iterdir()) == [f"{register}.xlsx"]
