"""What parsing gives: pupil and contact records, per-row problems, the parsed file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import Contact, Pupil, search_key
from schooldp.imports.mis.mapping import ColumnMapping, split_target


class ImportFileError(SchoolDPError):
    """The file cannot be read as an export; the message says what to do."""


class Severity(Enum):
    ERROR = "error"  # the row is not imported
    WARNING = "warning"  # imported, but look at it


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    message: str
    severity: Severity = Severity.ERROR
    label: str = ""  # UPN or name as written in the row, to find it in the MIS


@dataclass(frozen=True, slots=True)
class ContactRecord:
    first_name: str
    last_name: str
    title: str = ""
    relationship: str = ""
    parental_responsibility: bool = False
    lives_with_pupil: bool = True
    priority: int = 1
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    email: str = ""
    phone: str = ""

    def to_contact(self) -> Contact:
        return Contact(
            first_name=self.first_name,
            last_name=self.last_name,
            relationship=self.relationship,
            title=self.title,
            parental_responsibility=self.parental_responsibility,
            lives_with_pupil=self.lives_with_pupil,
            address_lines=self.address_lines,
            postcode=self.postcode,
            email=self.email,
            phone=self.phone,
            priority=self.priority,
        )

    @property
    def name_key(self) -> str:
        return search_key(f"{self.first_name} {self.last_name}")

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass(frozen=True, slots=True)
class PupilRecord:
    row: int
    pupil: Pupil
    contacts: tuple[ContactRecord, ...] = ()


@dataclass
class ParsedFile:
    """Everything the preview shows; nothing has been written."""

    source_name: str
    header_row: int
    mapping: ColumnMapping
    records: list[PupilRecord]
    problems: list[RowProblem]
    rows_read: int
    notes: list[str] = field(default_factory=list)
    seen_upns: frozenset[str] = frozenset()  # every UPN in the file, good rows or not

    @property
    def pupil_fields(self) -> frozenset[str]:
        """Pupil fields the file carries; only these are changed on re-import."""
        used = self.mapping.used_targets
        fields = {t for t in used if not t.startswith("contact")}
        if "legal_full_name" in fields:
            fields |= {"legal_first_name", "legal_last_name"}
        return frozenset(fields)

    @property
    def contact_fields(self) -> frozenset[str]:
        names = {split_target(t)[1] for t in self.mapping.used_targets if t.startswith("contact")}
        out = set()
        for n in names:
            if n.startswith(("address", "house_", "street", "locality", "town", "county")):
                out |= {"address_lines", "postcode"}  # a whole address may end with the postcode
            elif n.startswith("phone"):
                out.add("phone")
            elif n == "full_name":
                out |= {"first_name", "last_name", "title"}
            else:
                out.add(n)
        return frozenset(out)

    @property
    def has_contacts(self) -> bool:
        return bool({"first_name", "last_name"} & self.contact_fields)

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def rows_with_errors(self) -> list[int]:
        return sorted({p.row for p in self.errors})

    @property
    def ignored_columns(self) -> list[str]:
        return self.mapping.ignored_columns
