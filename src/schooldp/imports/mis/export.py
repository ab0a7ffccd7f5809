"""Writing the register in SchoolDP's own layout, which `auto_map` recognises: export then
import changes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import TextIO

from schooldp.imports.mis.cells import needs_formula_guard
from schooldp.imports.mis.records import PupilRecord

EXPORT_PUPIL_COLUMNS = (
    ("UPN", "upn"),
    ("Legal Forename", "legal_first_name"),
    ("Legal Surname", "legal_last_name"),
    ("Preferred Forename", "preferred_first_name"),
    ("Preferred Surname", "preferred_last_name"),
    ("Date of Birth", "date_of_birth"),
    ("Year Group", "year_group"),
    ("Registration Group", "reg_group"),
    ("Admission Date", "admission_date"),
    ("Leaving Date", "leaving_date"),
)
EXPORT_CONTACT_COLUMNS = (
    ("Title", "title"),
    ("Forename", "first_name"),
    ("Surname", "last_name"),
    ("Relationship", "relationship"),
    ("Parental Responsibility", "parental_responsibility"),
    ("Lives With Pupil", "lives_with_pupil"),
    ("Priority", "priority"),
    *((f"Address Line {n}", f"address_line{n}") for n in range(1, 6)),
    ("Postcode", "postcode"),
    ("Email", "email"),
    ("Phone", "phone"),
)


def write_csv(records: Iterable[PupilRecord], out: TextIO, contact_slots: int | None = None) -> int:
    """Write pupils with their contacts (one row per pupil); returns the number of rows."""
    items = list(records)
    slots = contact_slots if contact_slots is not None else max((len(r.contacts) for r in items), default=0)
    header = [h for h, _ in EXPORT_PUPIL_COLUMNS]
    for n in range(1, slots + 1):
        header += [f"Contact {n} {h}" for h, _ in EXPORT_CONTACT_COLUMNS]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for r in items:
        p = r.pupil
        row: list[str] = [
            p.upn,
            p.legal_first_name,
            p.legal_last_name,
            p.preferred_first_name,
            p.preferred_last_name,
            _uk(p.date_of_birth),
            p.year_group.label,
            p.reg_group,
            _uk(p.admission_date),
            _uk(p.leaving_date),
        ]
        for n in range(slots):
            if n < len(r.contacts):
                c = r.contacts[n]
                lines = list(c.address_lines)
                if len(lines) > 5:
                    lines = [*lines[:4], ", ".join(lines[4:])]
                lines += [""] * (5 - len(lines))
                row += [
                    c.title,
                    c.first_name,
                    c.last_name,
                    c.relationship,
                    "Yes" if c.parental_responsibility else "No",
                    "Yes" if c.lives_with_pupil else "No",
                    str(c.priority),
                    *lines,
                    c.postcode,
                    c.email,
                    c.phone,
                ]
            else:
                row += [""] * len(EXPORT_CONTACT_COLUMNS)
        writer.writerow([guard_formula(cell) for cell in row])
    return len(items)


def guard_formula(text: str) -> str:
    """A leading apostrophe before text a spreadsheet would run as a formula (OWASP "CSV
    injection"); `cells.cell_text` takes it off again, so the export still imports back unchanged."""
    return "'" + text if needs_formula_guard(text) else text


def _uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def csv_text(records: Iterable[PupilRecord]) -> str:
    buffer = io.StringIO()
    write_csv(records, buffer)
    return buffer.getvalue()
