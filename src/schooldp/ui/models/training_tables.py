"""Tables of the Training page: each member of staff's status, and the sessions held.

Status is said in words (never colour alone)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import IntEnum
from typing import Any

from schooldp.services.training import StaffTraining, TrainingSession
from schooldp.ui.models.base import RowTableModel

__all__ = ["SessionsModel", "StaffTrainingModel"]


def _day(value: date | None, empty: str = "") -> str:
    return f"{value:%d/%m/%Y}" if value is not None else empty


class StaffTrainingModel(RowTableModel[StaffTraining]):
    class Columns(IntEnum):
        NAME = 0
        ROLE = 1
        STATUS = 2
        LAST = 3
        COURSE = 4
        NEXT = 5

    headers = {
        Columns.NAME: "Name",
        Columns.ROLE: "Role",
        Columns.STATUS: "Status",
        Columns.LAST: "Last trained",
        Columns.COURSE: "Course",
        Columns.NEXT: "Next due",
    }

    def display(self, row: StaffTraining, column: int) -> str:
        match column:
            case self.Columns.NAME:
                return row.staff.name
            case self.Columns.ROLE:
                return row.staff.role
            case self.Columns.STATUS:
                return row.status.label
            case self.Columns.LAST:
                return _day(row.last_trained_on, "Never")
            case self.Columns.COURSE:
                return row.last_course
            case self.Columns.NEXT:
                return _day(row.next_due, "Now")
        return ""

    def sort_key(self, row: StaffTraining, column: int) -> Any:
        match column:
            case self.Columns.STATUS:
                return row.status.rank
            case self.Columns.LAST:
                return row.last_trained_on.toordinal() if row.last_trained_on else 0
            case self.Columns.NEXT:
                return row.next_due.toordinal() if row.next_due else 0
        return super().sort_key(row, column)

    def record_id(self, row: StaffTraining) -> Any:
        return row.staff.id


class SessionsModel(RowTableModel[TrainingSession]):
    class Columns(IntEnum):
        DATE = 0
        COURSE = 1
        TRAINER = 2
        ATTENDED = 3

    headers = {
        Columns.DATE: "Held on",
        Columns.COURSE: "Course",
        Columns.TRAINER: "Trainer",
        Columns.ATTENDED: "Attended",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.course_names: Mapping[int, str] = {}

    def set_sessions(self, rows: list[TrainingSession], course_names: Mapping[int, str]) -> None:
        with self.resetting():
            self._rows = list(rows)
            self.course_names = dict(course_names)

    def display(self, row: TrainingSession, column: int) -> str:
        match column:
            case self.Columns.DATE:
                return _day(row.held_on)
            case self.Columns.COURSE:
                return self.course_names.get(row.course_id, "")
            case self.Columns.TRAINER:
                return row.trainer
            case self.Columns.ATTENDED:
                return str(len(row.attendees))
        return ""

    def sort_key(self, row: TrainingSession, column: int) -> Any:
        if column == self.Columns.DATE:
            return row.held_on.toordinal()
        if column == self.Columns.ATTENDED:
            return len(row.attendees)
        return super().sort_key(row, column)
