"""Tables of the Retention page: the schedule, the disposal log and the records due for deletion."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import IntEnum
from typing import Any

from schooldp.services.retention import Disposal, PurgeCandidate, ScheduleEntry
from schooldp.ui.models.base import RowTableModel

__all__ = ["DisposalsModel", "PurgeModel", "ScheduleModel"]


def _day(value: date | None, empty: str = "") -> str:
    return f"{value:%d/%m/%Y}" if value is not None else empty


class ScheduleModel(RowTableModel[ScheduleEntry]):
    class Columns(IntEnum):
        ACTIVITY = 0
        RULE = 1
        LAST = 2
        REVIEW = 3
        SOURCE = 4

    headers = {
        Columns.ACTIVITY: "Processing activity",
        Columns.RULE: "Kept for",
        Columns.LAST: "Last disposal",
        Columns.REVIEW: "Next disposal review",
        Columns.SOURCE: "Where the rule comes from",
    }

    def display(self, row: ScheduleEntry, column: int) -> str:
        match column:
            case self.Columns.ACTIVITY:
                return row.activity
            case self.Columns.RULE:
                return row.rule_text
            case self.Columns.LAST:
                return _day(row.last_disposed_on, "None logged")
            case self.Columns.REVIEW:
                return _day(row.review_due, "Set the rule first")
            case self.Columns.SOURCE:
                return row.source
        return ""

    def sort_key(self, row: ScheduleEntry, column: int) -> Any:
        if column == self.Columns.LAST:
            return row.last_disposed_on.toordinal() if row.last_disposed_on else 0
        if column == self.Columns.REVIEW:
            return row.review_due.toordinal() if row.review_due else 10**7
        return super().sort_key(row, column)

    def record_id(self, row: ScheduleEntry) -> Any:
        return row.activity_key


class DisposalsModel(RowTableModel[Disposal]):
    class Columns(IntEnum):
        DATE = 0
        ACTIVITY = 1
        WHAT = 2
        VOLUME = 3
        METHOD = 4
        BY = 5
        CERTIFICATE = 6

    headers = {
        Columns.DATE: "Disposed of on",
        Columns.ACTIVITY: "Processing activity",
        Columns.WHAT: "What",
        Columns.VOLUME: "How much",
        Columns.METHOD: "How",
        Columns.BY: "By",
        Columns.CERTIFICATE: "Certificate",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.activity_names: Mapping[str, str] = {}

    def set_disposals(self, rows: list[Disposal], activity_names: Mapping[str, str]) -> None:
        with self.resetting():
            self._rows = list(rows)
            self.activity_names = dict(activity_names)

    def display(self, row: Disposal, column: int) -> str:
        match column:
            case self.Columns.DATE:
                return _day(row.disposed_on)
            case self.Columns.ACTIVITY:
                return self.activity_names.get(row.activity_key, "Not linked")
            case self.Columns.WHAT:
                return row.what
            case self.Columns.VOLUME:
                return row.volume
            case self.Columns.METHOD:
                return f"{row.method.label}: {row.contractor}" if row.contractor else row.method.label
            case self.Columns.BY:
                return row.disposed_by
            case self.Columns.CERTIFICATE:
                if row.certificate_name:
                    return f"Kept: {row.certificate_name}"
                return "Missing" if row.certificate_missing else "Not needed"
        return ""

    def sort_key(self, row: Disposal, column: int) -> Any:
        if column == self.Columns.DATE:
            return row.disposed_on.toordinal()
        return super().sort_key(row, column)


class PurgeModel(RowTableModel[PurgeCandidate]):
    class Columns(IntEnum):
        RECORD = 0
        SINCE = 1
        ENTRIES = 2

    headers = {Columns.RECORD: "Record", Columns.SINCE: "Retention counted from", Columns.ENTRIES: "Entries"}

    def display(self, row: PurgeCandidate, column: int) -> str:
        match column:
            case self.Columns.RECORD:
                return row.label
            case self.Columns.SINCE:
                return _day(row.trigger)
            case self.Columns.ENTRIES:
                return str(row.entries)
        return ""

    def sort_key(self, row: PurgeCandidate, column: int) -> Any:
        if column == self.Columns.SINCE:
            return row.trigger.toordinal()
        if column == self.Columns.ENTRIES:
            return row.entries
        return super().sort_key(row, column)

    def record_id(self, row: PurgeCandidate) -> Any:
        return row.record_id
