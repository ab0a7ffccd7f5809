"""Tables of the Policies page: the school's documents and the yearly accountability checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from schooldp.services.policies import CheckEntry, PolicyDocument
from schooldp.ui.models.base import RowTableModel

__all__ = ["ChecklistModel", "ChecklistRow", "DocumentsModel"]


def _day(value: date | None, empty: str = "") -> str:
    return f"{value:%d/%m/%Y}" if value is not None else empty


class DocumentsModel(RowTableModel[PolicyDocument]):
    class Columns(IntEnum):
        TITLE = 0
        VERSION = 1
        APPROVED_BY = 2
        APPROVED_ON = 3
        NEXT_REVIEW = 4
        STATE = 5

    headers = {
        Columns.TITLE: "Document",
        Columns.VERSION: "Version",
        Columns.APPROVED_BY: "Approved by",
        Columns.APPROVED_ON: "Approved on",
        Columns.NEXT_REVIEW: "Next review",
        Columns.STATE: "State",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.min

    def set_documents(self, rows: list[PolicyDocument], today: date) -> None:
        with self.resetting():
            self._rows = list(rows)
            self.today = today

    def display(self, row: PolicyDocument, column: int) -> str:
        match column:
            case self.Columns.TITLE:
                return row.title
            case self.Columns.VERSION:
                return row.version
            case self.Columns.APPROVED_BY:
                return (
                    f"{row.approved_by} ({row.approver_role})"
                    if row.approved_by
                    else f"({row.approver_role})"
                )
            case self.Columns.APPROVED_ON:
                return _day(row.approved_on, "Not yet")
            case self.Columns.NEXT_REVIEW:
                return _day(row.due_on())
            case self.Columns.STATE:
                return row.state(self.today).label
        return ""

    def sort_key(self, row: PolicyDocument, column: int) -> Any:
        if column == self.Columns.NEXT_REVIEW:
            due = row.due_on()
            return due.toordinal() if due else 0
        if column == self.Columns.APPROVED_ON:
            return row.approved_on.toordinal() if row.approved_on else 0
        return super().sort_key(row, column)


@dataclass(frozen=True)
class ChecklistRow:
    title: str
    entry: CheckEntry
    holds: str


class ChecklistModel(RowTableModel[ChecklistRow]):
    class Columns(IntEnum):
        CATEGORY = 0
        STATE = 1
        EVIDENCE = 2
        HOLDS = 3

    headers = {
        Columns.CATEGORY: "Category (ICO accountability framework)",
        Columns.STATE: "State",
        Columns.EVIDENCE: "The school's evidence",
        Columns.HOLDS: "What SchoolDP holds",
    }

    def display(self, row: ChecklistRow, column: int) -> str:
        match column:
            case self.Columns.CATEGORY:
                return row.title
            case self.Columns.STATE:
                return row.entry.state.label
            case self.Columns.EVIDENCE:
                return row.entry.evidence
            case self.Columns.HOLDS:
                return row.holds
        return ""

    def record_id(self, row: ChecklistRow) -> Any:
        return row.entry.category
