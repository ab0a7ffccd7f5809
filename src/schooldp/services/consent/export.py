"""The consent register as a spreadsheet for the school's own analysis.

Written through the shared register writer, so the formula guard is applied (a name such as
`=HYPERLINK(...)` reaches Excel as text); states are in words, never colour alone.
"""

from __future__ import annotations

from pathlib import Path

from schooldp.services.bulk import no_cycle_collection
from schooldp.services.consent.service import ConsentService
from schooldp.services.consent.values import ConsentMatrix
from schooldp.services.exports import write_table
from schooldp.services.school import SchoolSession

__all__ = ["export_consent_register", "register_table"]

_SHEET = "Consent register"


def register_table(matrix: ConsentMatrix) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: every pupil in the matrix x every purpose, the state in words."""
    headers = ["UPN", "Pupil", "Year", "Reg group", *[p.title for p in matrix.purposes]]
    rows = [
        [
            r.pupil.upn,
            r.pupil.display_name,
            r.pupil.year_group.label,
            r.pupil.reg_group,
            *[s.state.label for s in r.statuses],
        ]
        for r in matrix.rows
    ]
    return headers, rows


def export_consent_register(session: SchoolSession, path: Path) -> Path:
    """Every pupil on roll x every purpose, with the state in words (not colour)."""
    with no_cycle_collection():  # see services/bulk.py: a whole register is many small values
        headers, rows = register_table(ConsentService(session).matrix())
        write_table(path, _SHEET, headers, rows)
    with session.change() as ch:
        ch.record(
            "consent.exported",
            "consent",
            "",
            f"Consent register exported ({len(rows)} pupils, {Path(path).suffix[1:]})",
        )
    return Path(path)
