"""Activity log rows for a QTableView (Vorta-style standalone model)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from schooldp.storage.audit import AuditEntry

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()

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


class AuditTableModel(QAbstractTableModel):
    HEADERS = ("When", "Who", "What", "Record", "Details")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []

    def set_rows(self, rows: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return e.at.astimezone().strftime("%d/%m/%Y %H:%M")
            if col == 1:
                return e.account_name
            if col == 2:
                return action_label(e.action)
            if col == 3:
                return f"{e.entity} {e.entity_id}".strip()
            return e.summary
        if role == SORT_ROLE:
            return e.at.timestamp() if col == 0 else self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]
