"""The values the consent service hands to pages, letters and exports, and what it needs from
the people register."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from schooldp.domain.consent import (
    ConsentEvent,
    ConsentEventKind,
    ConsentPurpose,
    ConsentStatus,
    Coverage,
)
from schooldp.domain.people import Contact, Pupil

__all__ = [
    "Answer",
    "ConsentMatrix",
    "FollowUpTask",
    "HistoryEntry",
    "MatrixRow",
    "PeopleSource",
    "PupilLink",
    "RecordResult",
]


class PupilLink(Protocol):
    """A contact as one pupil knows them (PeopleService's PupilContact satisfies it)."""

    @property
    def contact(self) -> Contact: ...

    @property
    def relationship(self) -> str: ...

    @property
    def parental_responsibility(self) -> bool: ...

    @property
    def priority(self) -> int: ...


class PeopleSource(Protocol):
    """What consents need from the people register (PeopleService satisfies it)."""

    def pupils(self) -> list[Pupil]:
        """The pupils on roll."""
        ...

    def pupil(self, pupil_id: int) -> Pupil: ...

    def contacts_for(self, pupil_id: int) -> Sequence[PupilLink]: ...

    def contact(self, contact_id: int) -> Contact: ...


@dataclass(frozen=True)
class Answer:
    """One purpose's answer on a returned form."""

    purpose_key: str
    kind: ConsentEventKind


@dataclass(frozen=True)
class FollowUpTask:
    """A job created by a withdrawal; shows on the dashboard until done."""

    id: int
    event_id: int
    pupil_id: int
    purpose_key: str
    purpose_title: str
    task_key: str
    title: str
    detail: str
    created_on: date
    due_on: date
    done_on: date | None = None
    done_by: str = ""
    done_note: str = ""

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


@dataclass(frozen=True)
class RecordResult:
    events: tuple[ConsentEvent, ...]
    tasks: tuple[FollowUpTask, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """An entry of the history with the names the DPO needs to read it."""

    event: ConsentEvent
    purpose_title: str
    given_by: str  # "Sarah Brown (mother)", "The pupil", "The school"
    recorded_by: str


@dataclass(frozen=True)
class MatrixRow:
    pupil: Pupil
    statuses: tuple[ConsentStatus, ...]  # in the order of ConsentMatrix.purposes


@dataclass(frozen=True)
class ConsentMatrix:
    purposes: tuple[ConsentPurpose, ...]
    rows: tuple[MatrixRow, ...]
    today: date
    coverage: dict[str, Coverage] = field(default_factory=dict)
