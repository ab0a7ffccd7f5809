"""The letter log as a table: every letter SchoolDP has issued, newest first on the Letters page."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from schooldp.services.letters import IssuedLetter
from schooldp.ui.models.base import SORT_ROLE, RowTableModel

__all__ = ["SORT_ROLE", "LetterLogModel"]

_CASE = {"breach": "Breach", "request": "Request", "consent": "Consent", "": ""}


class LetterLogModel(RowTableModel[IssuedLetter]):
    """One row per letter; "About" shows the case's reference once `references` is set."""

    class Columns(IntEnum):
        ISSUED = 0
        LETTER = 1
        TO = 2
        ABOUT = 3
        PAGES = 4
        BY = 5

    headers = {
        Columns.ISSUED: "Issued",
        Columns.LETTER: "Letter",
        Columns.TO: "To",
        Columns.ABOUT: "About",
        Columns.PAGES: "Pages",
        Columns.BY: "By",
    }

    references: dict[tuple[str, str], str] = {}
    """(case kind, case id) -> the case's reference (SAR-2026-005, BR-2026-009)."""

    def set_letters(self, rows: list[IssuedLetter], references: dict[tuple[str, str], str]) -> None:
        self.references = references
        self.set_rows(rows)

    def display(self, row: IssuedLetter, column: int) -> str:
        match column:
            case self.Columns.ISSUED:
                return row.issued_at.astimezone().strftime("%d/%m/%Y %H:%M")
            case self.Columns.LETTER:
                return row.title
            case self.Columns.TO:
                return row.recipient_name
            case self.Columns.ABOUT:
                known = self.references.get((row.case_kind, str(row.case_id)))
                return known or f"{_CASE.get(row.case_kind, row.case_kind)} {row.case_id}".strip()
            case self.Columns.PAGES:
                return str(row.pages)
            case self.Columns.BY:
                return row.issued_by
        return ""

    def sort_key(self, row: IssuedLetter, column: int) -> Any:
        """Issue time as a time; pages as a number; the rest as text."""
        if column == self.Columns.ISSUED:
            return row.issued_at.timestamp()
        if column == self.Columns.PAGES:
            return row.pages
        return super().sort_key(row, column)
