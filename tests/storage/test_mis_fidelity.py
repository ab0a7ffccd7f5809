"""MIS imports keep every contact whole: SIMS, Arbor and Bromcom styles, two contacts per pupil.

The files are generated here in each MIS's column style: a group of columns per contact that
starts with "Primary contact" / "Primary guardian" / "Contact 1 Title" and carries on with
plain headings ("Relationship", "Address", "Telephone"...), or a row of merged group labels
above the headings. Every contact must keep its relationship, address, phone, email and
parental responsibility. Also: an .xlsx that understates its size, and file types from content.
"""

from __future__ import annotations

import csv
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from schooldp.domain.clock import FrozenClock
from schooldp.imports.mis import read_file
from schooldp.imports.mis.records import ImportFileError
from schooldp.services.people import PeopleService
from tests.fixtures.make_mis_exports import upn_for

TODAY = date(2026, 3, 2)


@dataclass(frozen=True)
class Adult:
    title: str
    first: str
    last: str
    relationship: str
    pr: bool
    lines: tuple[str, ...]
    postcode: str
    phone: str
    email: str


@dataclass(frozen=True)
class Child:
    upn: str
    first: str
    last: str
    dob: date
    year: str
    reg: str
    adults: tuple[Adult, Adult]


FAMILIES = [
    ("Şahin", "Zeynep"),
    ("Nguyễn", "Minh"),
    ("O'Neill", "Cian"),
    ("Kowalski", "Łukasz"),
    ("Okafor", "Ada"),
]


def children() -> list[Child]:
    out = []
    for n, (last, first) in enumerate(FAMILIES, start=1):
        street = f"{n * 7} Mill Lane"
        mum = Adult(
            "Mrs",
            f"Mum{n}",
            last,
            "Mother",
            True,
            (street, "Ashby"),
            f"LE6{n} 1AB",
            f"07700 90000{n}",
            f"mum{n}@example.com",
        )
        other = Adult(
            "Mr",
            f"Carer{n}",
            f"Smith{n}",
            "Grandparent",
            n % 2 == 0,
            (f"{n} Station Road", "Coalville"),
            f"LE6{n} 2CD",
            f"01530 20000{n}",
            f"carer{n}@example.com",
        )
        out.append(Child(upn_for(n), first, last, date(2015, n, 10), "Year 6", "6B", (mum, other)))
    return out


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _address(a: Adult) -> str:
    return "\n".join((*a.lines, a.postcode))


def write_sims_csv(path: Path, kids: list[Child]) -> None:
    """SIMS report style: 'Primary Contact' then plain headings, then 'Secondary Contact'."""
    group = ["Relationship", "Parental Responsibility", "Address", "Telephone", "Email"]
    heads = ["UPN", "Legal Surname", "Legal Forename", "DOB", "Year", "Reg"]
    heads += ["Primary Contact", *group, "Secondary Contact", *group]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(heads)
        for c in kids:
            row = [c.upn, c.last, c.first, c.dob.strftime("%d/%m/%Y"), c.year, c.reg]
            for a in c.adults:
                row += [
                    f"{a.title} {a.first} {a.last}",
                    a.relationship,
                    _yes(a.pr),
                    _address(a),
                    a.phone,
                    a.email,
                ]
            w.writerow(row)


def write_arbor_xlsx(path: Path, kids: list[Child]) -> None:
    """Arbor style: 'Primary Guardian' / 'Secondary Guardian' groups, plain headings inside."""
    group = ["Relationship to Student", "Has Parental Responsibility", "Address", "Mobile", "Email Address"]
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Student UPN",
            "Legal Last Name",
            "Legal First Name",
            "Date of Birth",
            "Year",
            "Registration Form",
            "Primary Guardian",
            *group,
            "Secondary Guardian",
            *group,
        ]
    )
    for c in kids:
        row: list[object] = [c.upn, c.last, c.first, c.dob, c.year, c.reg]
        for a in c.adults:
            row += [
                f"{a.first} {a.last}",
                a.relationship,
                _yes(a.pr),
                ", ".join((*a.lines, a.postcode)),
                a.phone,
                a.email,
            ]
        ws.append(row)
    wb.save(path)


def write_arbor_grouped_xlsx(path: Path, kids: list[Child]) -> None:
    """Arbor with a row of merged group labels ('Guardian 1') above the headings."""
    sub = ["Name", "Relationship", "Parental responsibility", "Address", "Phone", "Email"]
    wb = Workbook()
    ws = wb.active
    ws.append(["Student", None, None, None, None, None, "Guardian 1", *[None] * 5, "Guardian 2", *[None] * 5])
    ws.append(["UPN", "Surname", "Forename", "Date of birth", "Year", "Form", *sub, *sub])
    ws.merge_cells(start_row=1, start_column=7, end_row=1, end_column=12)
    ws.merge_cells(start_row=1, start_column=13, end_row=1, end_column=18)
    for c in kids:
        row: list[object] = [c.upn, c.last, c.first, c.dob, c.year, c.reg]
        for a in c.adults:
            row += [f"{a.first} {a.last}", a.relationship, _yes(a.pr), _address(a), a.phone, a.email]
        ws.append(row)
    wb.save(path)


def write_bromcom_csv(path: Path, kids: list[Child]) -> None:
    """Bromcom style: each group opens with 'Contact N Title', then plain name and address parts."""
    heads = ["UPN", "Legal Forename", "Legal Surname", "Date of Birth", "Year Group", "Tutor Group"]
    for n in (1, 2):
        heads += [
            f"Contact {n} Title",
            "Forename",
            "Surname",
            "Relationship",
            "Parental Responsibility",
            "Address Line 1",
            "Town",
            "Postcode",
            "Home Telephone",
            "Email Address",
        ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(heads)
        for c in kids:
            row = [c.upn, c.first, c.last, c.dob.isoformat(), c.year, c.reg]
            for a in c.adults:
                row += [
                    a.title,
                    a.first,
                    a.last,
                    a.relationship,
                    _yes(a.pr),
                    a.lines[0],
                    a.lines[1],
                    a.postcode,
                    a.phone,
                    a.email,
                ]
            w.writerow(row)


STYLES = {
    "sims.csv": write_sims_csv,
    "arbor.xlsx": write_arbor_xlsx,
    "arbor_grouped.xlsx": write_arbor_grouped_xlsx,
    "bromcom.csv": write_bromcom_csv,
}


@pytest.fixture
def svc(school):
    school.clock = FrozenClock(TODAY)
    return PeopleService(school)


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_contact_keeps_relationship_address_phone_and_pr(svc, tmp_path, name) -> None:
    kids = children()
    path = tmp_path / name
    STYLES[name](path, kids)
    parsed = read_file(path, today=TODAY)
    assert not parsed.errors, parsed.errors
    assert not [w for w in parsed.warnings if "no name" in w.message], parsed.warnings
    result = svc.apply_import(parsed)
    assert result.added == len(kids)
    by_upn = {p.upn: p for p in svc.pupils(include_leavers=True)}
    for child in kids:
        pupil = by_upn[child.upn]
        links = sorted(svc.contacts_for(pupil.id), key=lambda link: link.priority)
        assert len(links) == 2, (name, child.upn, links)
        for link, adult in zip(links, child.adults, strict=True):
            c = link.contact
            assert (c.first_name, c.last_name) == (adult.first, adult.last)
            assert link.relationship == adult.relationship
            assert link.parental_responsibility is adult.pr
            assert c.phone == adult.phone and c.email == adult.email
            assert c.postcode == adult.postcode
            assert tuple(c.address_lines) == adult.lines


# ---- what the file says about itself -------------------------------------------------------------
def _understate(src: Path, dst: Path, ref: str = "A1:C3") -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]+" ?/>', f'<dimension ref="{ref}"/>'.encode(), data)
            zout.writestr(item, data)


def test_xlsx_is_read_in_full_whatever_its_dimension_says(tmp_path) -> None:
    kids = children()
    honest = tmp_path / "honest.xlsx"
    write_arbor_xlsx(honest, kids)
    lying = tmp_path / "lying.xlsx"
    _understate(honest, lying)
    with zipfile.ZipFile(lying) as z:
        assert b'<dimension ref="A1:C3"/>' in z.read("xl/worksheets/sheet1.xml")
    parsed = read_file(lying, today=TODAY)
    assert len(parsed.records) == len(kids)
    assert all(len(r.contacts) == 2 for r in parsed.records)


def test_file_type_comes_from_the_content_not_the_name(tmp_path) -> None:
    kids = children()
    xlsx = tmp_path / "real.xlsx"
    write_arbor_xlsx(xlsx, kids)
    named_csv = tmp_path / "export.csv"
    shutil.copy(xlsx, named_csv)
    assert len(read_file(named_csv, today=TODAY).records) == len(kids)
    csv_file = tmp_path / "real.csv"
    write_sims_csv(csv_file, kids)
    for fake in ("export.xlsx", "export.txt", "export"):
        shutil.copy(csv_file, tmp_path / fake)
        assert len(read_file(tmp_path / fake, today=TODAY).records) == len(kids)
    ole = tmp_path / "old.csv"
    ole.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    with pytest.raises(ImportFileError, match="older"):
        read_file(ole, today=TODAY)
    ods = tmp_path / "calc.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFileError, match="older or non-Excel"):
        read_file(ods, today=TODAY)
    junk = tmp_path / "broken.xlsx"
    junk.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(ImportFileError, match="could not be opened"):
        read_file(junk, today=TODAY)


def test_formula_like_names_are_kept_as_typed_and_harmless_in_the_export(svc, tmp_path) -> None:
    import io

    kids = children()
    risky = '=HYPERLINK("http://x","y")'
    kids[0] = Child(kids[0].upn, "@Ada", risky, kids[0].dob, kids[0].year, "-6B", kids[0].adults)
    path = tmp_path / "sims.csv"
    write_sims_csv(path, kids)
    svc.apply_import(read_file(path, today=TODAY))
    pupil = next(p for p in svc.pupils(include_leavers=True) if p.upn == kids[0].upn)
    assert (pupil.legal_first_name, pupil.legal_last_name, pupil.reg_group) == ("@Ada", risky, "-6B")
    out = io.StringIO()
    svc.export_csv(out)
    cells = [c for row in csv.reader(io.StringIO(out.getvalue())) for c in row]
    assert "'" + risky in cells and "'@Ada" in cells
    assert not [
        c for c in cells if c.startswith(("=", "+", "@")) or (c.startswith("-") and not c[1:2].isdigit())
    ]
    exported = tmp_path / "register.csv"
    exported.write_text(out.getvalue(), encoding="utf-8")
    again = svc.apply_import(read_file(exported, today=TODAY))
    assert not again.changed_anything, again.changes
