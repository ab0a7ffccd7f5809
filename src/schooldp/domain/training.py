"""Data protection training: courses, sessions with attendance, and each person's status
(policy sections 14 and 18: all staff at induction and regularly, with attendance recorded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.retention.periods import add_months

__all__ = [
    "DEFAULT_COURSES",
    "DEFAULT_REFRESHER_MONTHS",
    "DUE_SOON_DAYS",
    "Course",
    "CourseKind",
    "TrainingSession",
    "TrainingStatus",
    "training_status",
]

DEFAULT_REFRESHER_MONTHS = 12
"""Policy 18 says "regularly"; yearly is the common school practice. The school can change it."""

DUE_SOON_DAYS = 30
"""A refresher falling due within this many days shows as due, so it can be planned."""


class CourseKind(Enum):
    INDUCTION = "induction"
    REFRESHER = "refresher"
    DSL = "dsl"
    CYBER = "cyber"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            CourseKind.INDUCTION: "Induction",
            CourseKind.REFRESHER: "Refresher",
            CourseKind.DSL: "Designated safeguarding lead",
            CourseKind.CYBER: "Cyber security",
            CourseKind.OTHER: "Other",
        }[self]

    @property
    def counts_for_data_protection(self) -> bool:
        """Induction and refresher sessions are the data protection training of policy 18."""
        return self in (CourseKind.INDUCTION, CourseKind.REFRESHER)


@dataclass(frozen=True)
class Course:
    title: str
    kind: CourseKind
    id: int | None = None

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("Give the course a title.", "title")


DEFAULT_COURSES = (
    Course("Data protection at induction", CourseKind.INDUCTION),
    Course("Annual data protection refresher", CourseKind.REFRESHER),
    Course("Designated safeguarding lead: information sharing", CourseKind.DSL),
    Course("Cyber security awareness (NCSC staff training)", CourseKind.CYBER),
)


@dataclass(frozen=True)
class TrainingSession:
    course_id: int
    held_on: date
    trainer: str
    attendees: frozenset[int]  # staff ids
    notes: str = ""
    id: int | None = None

    def validate(self, today: date) -> None:
        if self.held_on > today:
            raise ValidationError("Record a session once it has taken place.", "held_on")
        if not self.attendees:
            raise ValidationError(
                "Tick the staff who attended (policy 14: keep a record of attendance).", "attendees"
            )


class TrainingStatus(Enum):
    IN_DATE = "in date"
    DUE = "due"
    OVERDUE = "overdue"
    NEVER = "never trained"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        """Most urgent first: never, overdue, due, in date."""
        return {
            TrainingStatus.NEVER: 0,
            TrainingStatus.OVERDUE: 1,
            TrainingStatus.DUE: 2,
            TrainingStatus.IN_DATE: 3,
        }[self]


def training_status(
    last: date | None, refresher_months: int, today: date
) -> tuple[TrainingStatus, date | None]:
    """Policy 18: trained at induction and regularly; the next is due `refresher_months` after the last."""
    if last is None:
        return TrainingStatus.NEVER, None
    due = add_months(last, refresher_months)
    if due < today:
        return TrainingStatus.OVERDUE, due
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return TrainingStatus.DUE, due
    return TrainingStatus.IN_DATE, due
