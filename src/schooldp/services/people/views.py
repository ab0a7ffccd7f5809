"""What the people service returns besides domain values: a pupil's contact link, groups of
pupils for letters and forms, and what an import did."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schooldp.domain.people import Contact, Pupil, YearGroup

__all__ = ["CustomGroup", "GroupKind", "ImportResult", "PupilContact", "PupilGroup"]


@dataclass(frozen=True)
class PupilContact:
    """A contact as one pupil knows them: the relationship and flags belong to this link."""

    contact: Contact
    relationship: str
    parental_responsibility: bool
    lives_with_pupil: bool
    priority: int


class GroupKind(Enum):
    ALL = "all"
    YEAR = "year"
    REG = "reg"
    CUSTOM = "custom"


@dataclass(frozen=True)
class PupilGroup:
    """A selection of pupils for letters and consent forms: all, a year, a reg group, a list."""

    kind: GroupKind
    value: str = ""  # year group value ("Y3"), reg group name, or custom group id as text
    label: str = ""

    @classmethod
    def all_pupils(cls) -> PupilGroup:
        return cls(GroupKind.ALL, "", "All pupils")

    @classmethod
    def year(cls, year_group: str | YearGroup) -> PupilGroup:
        yg = year_group if isinstance(year_group, YearGroup) else YearGroup(year_group)
        return cls(GroupKind.YEAR, yg.value, yg.label)

    @classmethod
    def reg(cls, reg_group: str) -> PupilGroup:
        return cls(GroupKind.REG, reg_group, f"Registration group {reg_group}")

    @classmethod
    def custom(cls, group_id: int, name: str = "") -> PupilGroup:
        return cls(GroupKind.CUSTOM, str(group_id), name or f"List {group_id}")


@dataclass(frozen=True)
class CustomGroup:
    id: int
    name: str
    pupil_ids: tuple[int, ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, from `preview_import`, would do). Counts and a readable change list."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejoined: int = 0
    contacts_added: int = 0
    contacts_updated: int = 0
    links_added: int = 0
    links_changed: int = 0
    links_ended: int = 0
    leavers_marked: int = 0
    changes: tuple[str, ...] = ()
    missing: tuple[Pupil, ...] = ()  # on roll but absent from the file: leavers only if confirmed
    skipped_rows: tuple[int, ...] = ()

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.contacts_added
            or self.contacts_updated
            or self.links_added
            or self.links_changed
            or self.links_ended
            or self.leavers_marked
        )

    def summary(self) -> str:
        parts = [
            f"{self.added} pupil(s) added",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
            f"{self.contacts_added} contact(s) added",
            f"{self.contacts_updated} contact(s) updated",
        ]
        if self.links_ended:
            parts.append(f"{self.links_ended} contact link(s) ended")
        if self.leavers_marked:
            parts.append(f"{self.leavers_marked} marked as leavers")
        if self.skipped_rows:
            parts.append(f"{len(self.skipped_rows)} row(s) not imported")
        return ", ".join(parts) + "."
