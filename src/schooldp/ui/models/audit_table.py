"""The activity log as a table: when, who, what, which record, and the details."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from schooldp.services.school import AuditEntry
from schooldp.ui.models.base import SORT_ROLE, RowTableModel

__all__ = ["SORT_ROLE", "AuditTableModel", "action_label"]

_ACTION_LABELS = {
    "school.created": "School file created",
    "profile.updated": "School profile changed",
    "account.added": "Account added",
    "account.removed": "Account removed",
    "account.passphrase": "Passphrase changed",
    "vault.opened": "School file opened",
    "vault.recovery": "Opened with recovery key",
    "backup.created": "Backup made",
    "backup.restored": "Restored from backup",
}


def action_label(action: str) -> str:
    return _ACTION_LABELS.get(action, action.replace(".", " ").replace("_", " ").capitalize())


class AuditTableModel(RowTableModel[AuditEntry]):
    """One row per activity entry; the record column shows its reference once `references` is set."""

    class Columns(IntEnum):
        WHEN = 0
        WHO = 1
        WHAT = 2
        RECORD = 3
        DETAILS = 4

    headers = {
        Columns.WHEN: "When",
        Columns.WHO: "Who",
        Columns.WHAT: "What",
        Columns.RECORD: "Record",
        Columns.DETAILS: "Details",
    }

    references: dict[tuple[str, str], str] = {}
    """(entity, id) -> the reference a person knows the record by (SAR-2026-005, BR-2026-009)."""

    def set_entries(self, rows: list[AuditEntry], references: dict[tuple[str, str], str]) -> None:
        self.references = references
        self.set_rows(rows)

    def display(self, row: AuditEntry, column: int) -> str:
        match column:
            case self.Columns.WHEN:
                return row.at.astimezone().strftime("%d/%m/%Y %H:%M")
            case self.Columns.WHO:
                return row.account_name
            case self.Columns.WHAT:
                return action_label(row.action)
            case self.Columns.RECORD:
                known = self.references.get((row.entity, str(row.entity_id)))
                return known or f"{row.entity} {row.entity_id}".strip()
            case self.Columns.DETAILS:
                return row.summary
        return ""

    def sort_key(self, row: AuditEntry, column: int) -> Any:
        if column == self.Columns.WHEN:
            return row.at.timestamp()
        return super().sort_key(row, column)

    def entry(self, row: int) -> AuditEntry:
        return self.row_at(row)
