"""Reading pupil and contact exports from the school MIS (SIMS, Arbor, Bromcom): CSV or .xlsx.

No Qt and no database: `read_table` finds the headings, `auto_map` recognises them (with the
school's remembered answers), `parse` turns rows into records and per-row problems for the
preview. The service layer compares records with the register and writes them in one go.

Rows are streamed: a 50,000-row file is read once, row by row, never loaded whole.
Only the columns the register needs are read (UK GDPR Art 5(1)(c); policy section 7.2).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import (
    Contact,
    Pupil,
    YearGroup,
    date_of_birth_problem,
    normalise_upn,
    parse_year_group,
    search_key,
    validate_upn,
)

__all__ = [
    "ColumnMapping",
    "ContactRecord",
    "ImportFileError",
    "ParsedFile",
    "PupilRecord",
    "RawTable",
    "RowProblem",
    "Severity",
    "auto_map",
    "header_key",
    "parse",
    "parse_uk_date",
    "read_file",
    "read_table",
    "target_choices",
    "target_label",
    "write_csv",
]

HEADER_SEARCH_ROWS = 20
MAX_CONTACT_SLOTS = 6


class ImportFileError(SchoolDPError):
    """The file cannot be read as an export; the message says what to do."""


# ============================================================================================
# Fields the register keeps, and the headings MIS exports give them
# ============================================================================================

PUPIL_FIELDS: dict[str, str] = {
    "upn": "UPN",
    "legal_first_name": "Legal first name",
    "legal_last_name": "Legal surname",
    "legal_full_name": "Legal name (whole)",
    "preferred_first_name": "Preferred first name",
    "preferred_last_name": "Preferred surname",
    "date_of_birth": "Date of birth",
    "year_group": "Year group",
    "reg_group": "Registration group",
    "admission_date": "Admission date",
    "leaving_date": "Leaving date",
}

CONTACT_FIELDS: dict[str, str] = {
    "title": "title",
    "first_name": "first name",
    "last_name": "surname",
    "full_name": "name (whole)",
    "relationship": "relationship",
    "parental_responsibility": "parental responsibility",
    "lives_with_pupil": "lives with pupil",
    "priority": "priority",
    "address": "address (whole)",
    "address_line1": "address line 1",
    "address_line2": "address line 2",
    "address_line3": "address line 3",
    "address_line4": "address line 4",
    "address_line5": "address line 5",
    "house_name": "house name",
    "house_number": "house number",
    "street": "street",
    "locality": "locality",
    "town": "town",
    "county": "county",
    "postcode": "postcode",
    "email": "email",
    "phone_mobile": "mobile phone",
    "phone_home": "home or main phone",
    "phone_work": "work phone",
}

_PUPIL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "upn": ("upn", "unique pupil number", "pupil upn", "student upn", "upn number"),
    "legal_last_name": (
        "legal surname",
        "surname",
        "last name",
        "legal last name",
        "family name",
        "legal family name",
    ),
    "legal_first_name": (
        "legal forename",
        "forename",
        "first name",
        "legal first name",
        "given name",
        "forenames",
        "legal forenames",
        "legal given name",
    ),
    "preferred_first_name": (
        "preferred forename",
        "preferred first name",
        "chosen forename",
        "chosen first name",
        "known as",
        "preferred name",
    ),
    "preferred_last_name": ("preferred surname", "preferred last name", "chosen surname", "chosen last name"),
    "legal_full_name": (
        "name",
        "legal name",
        "full name",
        "full legal name",
        "student",
        "pupil",
        "student name",
        "pupil name",
    ),
    "date_of_birth": ("dob", "date of birth", "birth date", "birthdate", "d o b"),
    "year_group": (
        "year",
        "year group",
        "yr",
        "nc year",
        "nc year actual",
        "national curriculum year",
        "curriculum year",
        "year taught in",
        "current year group",
    ),
    "reg_group": (
        "reg",
        "reg group",
        "registration group",
        "registration form",
        "reg form",
        "form",
        "form group",
        "tutor group",
        "form tutor group",
        "class",
        "registration class",
    ),
    "admission_date": (
        "admission date",
        "date of admission",
        "admissions date",
        "start date",
        "entry date",
        "date of entry",
        "enrolment date",
        "enrollment date",
        "doa",
    ),
    "leaving_date": ("leaving date", "date of leaving", "leave date", "end date", "dol"),
}

_CONTACT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "first_name": ("forename", "first name", "given name", "forenames"),
    "last_name": ("surname", "last name", "family name"),
    "full_name": ("", "name", "full name", "contact name"),
    "relationship": (
        "relationship",
        "relation",
        "relationship to pupil",
        "relationship to student",
        "relationship to child",
        "relationship type",
    ),
    "parental_responsibility": (
        "parental responsibility",
        "has parental responsibility",
        "parental resp",
        "pr",
        "responsibility",
    ),
    "lives_with_pupil": (
        "lives with pupil",
        "lives with student",
        "lives with child",
        "lives with",
        "resides with pupil",
        "resides with student",
        "same address",
        "lives at same address",
    ),
    "priority": ("priority", "contact priority", "order"),
    "address": ("address", "full address", "home address", "postal address", "correspondence address"),
    "address_line1": ("address line 1", "address 1", "line 1", "address1"),
    "address_line2": ("address line 2", "address 2", "line 2", "address2"),
    "address_line3": ("address line 3", "address 3", "line 3", "address3"),
    "address_line4": ("address line 4", "address 4", "line 4", "address4"),
    "address_line5": ("address line 5", "address 5", "line 5", "address5"),
    "house_name": ("house name", "building name", "saon"),
    "house_number": ("house number", "house no", "number", "paon"),
    "street": ("street", "road", "street name"),
    "locality": ("locality", "district", "village"),
    "town": ("town", "city", "post town", "town city"),
    "county": ("county",),
    "postcode": ("postcode", "post code", "postal code"),
    "email": (
        "email",
        "e mail",
        "email address",
        "home email",
        "primary email",
        "personal email",
        "main email",
        "email home",
    ),
    "phone_mobile": ("mobile", "mobile phone", "mobile number", "mobile telephone", "phone mobile"),
    "phone_home": (
        "phone",
        "telephone",
        "tel",
        "phone number",
        "telephone number",
        "home phone",
        "home telephone",
        "main telephone",
        "main phone",
        "phone home",
    ),
    "phone_work": ("work phone", "work telephone", "phone work", "daytime phone"),
}

# Headings MIS exports commonly include that the register deliberately does not keep.
# They are listed as ignored in the preview, and not asked about in the mapping dialog.
_NOT_NEEDED = {
    "adno",
    "admission number",
    "adm no",
    "gender",
    "sex",
    "legal sex",
    "ethnicity",
    "ethnic group",
    "religion",
    "first language",
    "home language",
    "language",
    "nationality",
    "sen",
    "sen status",
    "sen need",
    "send",
    "ehcp",
    "fsm",
    "free school meals",
    "fsm eligible",
    "fsm ever 6",
    "pupil premium",
    "pp",
    "eal",
    "looked after",
    "cla",
    "lac",
    "medical",
    "medical conditions",
    "dietary needs",
    "house",
    "tutor",
    "boarder",
    "uln",
    "candidate number",
    "exam candidate number",
    "middle name",
    "middle names",
    "age",
    "gifted and talented",
    "attendance",
    "photo",
    "id",
    "person id",
    "student id",
    "pupil id",
    "mis id",
    "salutation",
    "addressee",
    "enrolment status",
    "boarder status",
    "country of birth",
    "service child",
    "pupil address",
    "student address",
    "pupil email",
    "student email",
    "pupil mobile",
    "student mobile",
    "parent id",
    "contact id",
    "guardian id",
    "court order",
    "court orders",
}

_CONTACT_WORDS = r"(?:contact|parent|guardian|carer|parent carer|parent guardian|primary guardian|adult)"
_NUMBERED_CONTACT = re.compile(rf"^{_CONTACT_WORDS}s?\s*(\d{{1,2}})\s*(.*)$")
_PRIMARY_CONTACT = re.compile(
    r"^(primary|first|main|secondary|second)\s+(?:contact|parent|guardian|carer)s?\s*(.*)$"
)
_PLAIN_CONTACT = re.compile(rf"^{_CONTACT_WORDS}s?\s+(.*)$")
_PUPIL_PREFIX = re.compile(r"^(?:pupil|student|child|learner)(?:\s+details)?\s+(.*)$")
# Contact fields that can appear without any "Contact" word in a one-row-per-contact export.
_BARE_CONTACT_FIELDS = {"relationship", "parental_responsibility", "lives_with_pupil", "priority"}
# Headings that name a contact field only when the file has contacts (else they are the pupil's).
_AMBIGUOUS_CONTACT_FIELDS = {
    "address",
    "address_line1",
    "address_line2",
    "address_line3",
    "address_line4",
    "address_line5",
    "house_name",
    "house_number",
    "street",
    "locality",
    "town",
    "county",
    "postcode",
    "email",
    "phone_mobile",
    "phone_home",
    "phone_work",
    "title",
}

_PUPIL_LOOKUP = {syn: f for f, syns in _PUPIL_SYNONYMS.items() for syn in syns}
_CONTACT_LOOKUP = {syn: f for f, syns in _CONTACT_SYNONYMS.items() for syn in syns}
REQUIRED_PUPIL = ("upn", "date_of_birth", "year_group")


def header_key(text: object) -> str:
    """A heading as compared: case-folded words, digits split from letters ("Contact1Email")."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    s = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", s)
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def contact_target(slot: int, name: str) -> str:
    return f"contact{slot}.{name}"


def split_target(target: str) -> tuple[int | None, str]:
    """("contact2.email") -> (2, "email"); ("upn") -> (None, "upn")."""
    if target.startswith("contact") and "." in target:
        head, name = target.split(".", 1)
        return int(head[7:]), name
    return None, target


def target_label(target: str | None) -> str:
    if not target:
        return "Ignore (not imported)"
    slot, name = split_target(target)
    if slot is None:
        return PUPIL_FIELDS.get(name, name)
    who = "Contact (one per row)" if slot == 0 else f"Contact {slot}"
    return f"{who}: {CONTACT_FIELDS.get(name, name)}"


def target_choices(slots: int = 4) -> list[tuple[str, str]]:
    """(target, label) pairs for the mapping dialog, "" meaning ignore."""
    choices = [("", target_label(""))]
    choices += [(k, v) for k, v in PUPIL_FIELDS.items()]
    for slot in range(0, slots + 1):
        choices += [(contact_target(slot, k), target_label(contact_target(slot, k))) for k in CONTACT_FIELDS]
    return choices


def _recognise(key: str) -> tuple[str | None, bool]:
    """(target, ambiguous) for one heading key; target None if unknown."""
    m = _NUMBERED_CONTACT.match(key)
    if m and int(m.group(1)) <= MAX_CONTACT_SLOTS:
        f = _CONTACT_LOOKUP.get(m.group(2).strip())
        return (contact_target(int(m.group(1)), f) if f else None), False
    m = _PRIMARY_CONTACT.match(key)
    if m:
        slot = 1 if m.group(1) in ("primary", "first", "main") else 2
        f = _CONTACT_LOOKUP.get(m.group(2).strip())
        return (contact_target(slot, f) if f else None), False
    m = _PLAIN_CONTACT.match(key)
    if m:
        rest = m.group(1).strip()
        f = _CONTACT_LOOKUP.get(rest)
        if f is None and rest.startswith("details "):
            f = _CONTACT_LOOKUP.get(rest[8:])
        return (contact_target(0, f) if f else None), False
    if key in _PUPIL_LOOKUP:
        return _PUPIL_LOOKUP[key], False
    m = _PUPIL_PREFIX.match(key)
    if m and m.group(1) in _PUPIL_LOOKUP:
        return _PUPIL_LOOKUP[m.group(1)], False
    f = _CONTACT_LOOKUP.get(key)
    if f in _BARE_CONTACT_FIELDS:
        return contact_target(0, f), False
    if f in _AMBIGUOUS_CONTACT_FIELDS:
        return contact_target(0, f), True
    return None, False


# ============================================================================================
# Column mapping
# ============================================================================================


class ColumnState(Enum):
    RECOGNISED = "recognised"  # heading known to SchoolDP
    REMEMBERED = "remembered"  # the school's earlier answer
    NOT_NEEDED = "not needed"  # known heading the register does not keep
    UNKNOWN = "unknown"  # ask in the mapping dialog


@dataclass(frozen=True)
class ColumnMapping:
    headers: tuple[str, ...]
    targets: tuple[str | None, ...]
    states: tuple[ColumnState, ...]

    @property
    def unknown_columns(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s is ColumnState.UNKNOWN]

    @property
    def ignored_columns(self) -> list[str]:
        """Headings that will not be imported (data minimisation: the preview lists them)."""
        return [h for h, t in zip(self.headers, self.targets, strict=True) if not t and str(h).strip()]

    @property
    def used_targets(self) -> set[str]:
        return {t for t in self.targets if t}

    def missing_required(self) -> list[str]:
        """Labels of the fields a pupil import cannot do without."""
        used = self.used_targets
        missing = [PUPIL_FIELDS[f] for f in REQUIRED_PUPIL if f not in used]
        if "legal_last_name" not in used and "legal_full_name" not in used:
            missing.append(PUPIL_FIELDS["legal_last_name"])
        return missing

    def with_target(self, column: int, target: str | None) -> ColumnMapping:
        targets = list(self.targets)
        states = list(self.states)
        targets[column] = target or None
        states[column] = ColumnState.REMEMBERED
        return replace(self, targets=tuple(targets), states=tuple(states))

    def remembered_answers(self) -> dict[str, str]:
        """What to store for next time: heading key -> target ("" = ignore), for non-automatic columns."""
        return {
            header_key(h): (t or "")
            for h, t, s in zip(self.headers, self.targets, self.states, strict=True)
            if s is ColumnState.REMEMBERED and header_key(h)
        }


def auto_map(headers: Iterable[object], saved: dict[str, str] | None = None) -> ColumnMapping:
    """Recognise each heading; the school's saved answers win over recognition."""
    saved = saved or {}
    heads = tuple("" if h is None else str(h).strip() for h in headers)
    targets: list[str | None] = []
    states: list[ColumnState] = []
    ambiguous: list[int] = []
    for i, h in enumerate(heads):
        key = header_key(h)
        if key in saved:
            targets.append(saved[key] or None)
            states.append(ColumnState.REMEMBERED)
            continue
        target, is_ambiguous = _recognise(key)
        if target is None:
            targets.append(None)
            states.append(ColumnState.NOT_NEEDED if (key in _NOT_NEEDED or not key) else ColumnState.UNKNOWN)
            continue
        if is_ambiguous:
            ambiguous.append(i)
        targets.append(target)
        states.append(ColumnState.RECOGNISED)
    # A second "Forename"/"Surname"/"Title" in a one-row-per-contact file is the contact's.
    seen: set[str] = set()
    has_row_contact = any(
        t and t.startswith("contact0.") and i not in ambiguous for i, t in enumerate(targets)
    )
    for i, t in enumerate(targets):
        if t is None:
            continue
        if t in seen:
            slot, name = split_target(t)
            if slot is None and name in ("legal_first_name", "legal_last_name", "legal_full_name"):
                contact_name = {"legal_first_name": "first_name", "legal_last_name": "last_name"}.get(
                    name, "full_name"
                )
                t2 = contact_target(0, contact_name)
                if t2 not in seen:
                    targets[i] = t2
                    seen.add(t2)
                    has_row_contact = True
                    continue
            targets[i] = None
            states[i] = ColumnState.NOT_NEEDED
            continue
        seen.add(t)
    # "Email", "Postcode", "Address" alone belong to the contact in a one-row-per-contact file;
    # in a pupil file they are the pupil's own, which the register does not keep.
    if not has_row_contact:
        for i in ambiguous:
            if states[i] is ColumnState.RECOGNISED:
                targets[i] = None
                states[i] = ColumnState.NOT_NEEDED
    return ColumnMapping(heads, tuple(targets), tuple(states))


# ============================================================================================
# Reading files
# ============================================================================================


@dataclass
class RawTable:
    """Headings and a stream of data rows, numbered as a spreadsheet shows them."""

    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    notes: list[str] = field(default_factory=list)
    close: Callable[[], None] = lambda: None
    size_hint: int = 0  # bytes of the file, for progress


def read_table(path: Path, saved: dict[str, str] | None = None) -> RawTable:
    """Open a CSV or .xlsx export and find its heading row."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"The file '{path.name}' could not be found.")
    suffix = path.suffix.casefold()
    if suffix in (".xls", ".xlsb", ".ods"):
        raise ImportFileError(
            f"'{path.name}' is an older or non-Excel spreadsheet format. Open it in Excel and use "
            "File > Save As > 'Excel Workbook (.xlsx)' or 'CSV UTF-8', then import that."
        )
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"The file '{path.name}' is empty: there is nothing to import.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if suffix == ".xlsx" or head[:4] == b"PK\x03\x04":
        table = _read_xlsx(path, saved)
    else:
        table = _read_csv(path, saved)
    table.size_hint = size
    return table


def _detect_encoding(path: Path) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; checked by streaming."""
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith(codecs.BOM_UTF16_LE) or start.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", []
    if b"\x00" in _peek(path, 4096):
        raise ImportFileError(
            "This file is not a text (CSV) file. Export from your MIS as CSV or Excel (.xlsx)."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            return encoding, [
                "The file is not in UTF-8, so it was read as Windows-1252 (Western European). "
                "Check that names with accents look right in the preview; if they do not, save "
                "the export from Excel as 'CSV UTF-8 (Comma delimited)' and import that instead."
            ]
        return encoding, []
    raise ImportFileError(
        "The text in this file is in an encoding SchoolDP cannot recognise, so names could be "
        "garbled. In Excel use File > Save As > 'CSV UTF-8 (Comma delimited)', then import that file."
    )


def _peek(path: Path, n: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(n)


def _sniff_delimiter(sample: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(path: Path, saved: dict[str, str] | None) -> RawTable:
    encoding, notes = _detect_encoding(path)
    handle: TextIO = path.open("r", encoding=encoding, newline="")
    try:
        sample = handle.read(64 * 1024)
        handle.seek(0)
        if not sample.strip():
            raise ImportFileError(f"The file '{path.name}' is empty: there is nothing to import.")
        reader = csv.reader(handle, delimiter=_sniff_delimiter(sample), strict=True)

        def numbered() -> Iterator[tuple[int, list[Any]]]:
            number = 0
            try:
                for row in reader:
                    number += 1
                    yield number, row
            except csv.Error as exc:
                raise ImportFileError(
                    f"Row {number + 1} of the file cannot be read ({exc}). A quotation mark may be "
                    "missing; open the file in Excel, check that row and save it again."
                ) from exc

        table = _with_header(numbered(), saved, path.name)
    except BaseException:
        handle.close()
        raise
    table.notes = notes + table.notes
    table.close = handle.close
    return table


def _read_xlsx(path: Path, saved: dict[str, str] | None) -> RawTable:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"'{path.name}' could not be opened as an Excel workbook. It may be damaged or "
            "password-protected; open it in Excel and save it again as .xlsx or CSV UTF-8."
        ) from exc
    try:
        sheet = next((ws for ws in wb.worksheets if (ws.max_row or 0) > 0 and (ws.max_column or 0) > 0), None)
        if sheet is None:
            raise ImportFileError(f"The workbook '{path.name}' has no data: there is nothing to import.")

        def numbered() -> Iterator[tuple[int, list[Any]]]:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)

        table = _with_header(numbered(), saved, path.name)
    except BaseException:
        wb.close()
        raise
    table.close = wb.close
    return table


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _score(headers: list[str], saved: dict[str, str] | None) -> int:
    mapping = auto_map(headers, saved)
    return sum(1 for t in mapping.targets if t)


def _combine(upper: list[Any], lower: list[Any]) -> list[str]:
    """Two heading rows where the upper one holds merged group labels ("Contact 1" over "Name")."""
    width = max(len(upper), len(lower))
    combined, group = [], ""
    for i in range(width):
        top = upper[i] if i < len(upper) else None
        if not _blank(top):
            group = str(top).strip()
        sub = "" if i >= len(lower) or _blank(lower[i]) else str(lower[i]).strip()
        combined.append(f"{group} {sub}".strip() if sub else group)
    return combined


def _with_header(rows: Iterator[tuple[int, list[Any]]], saved: dict[str, str] | None, name: str) -> RawTable:
    buffered: list[tuple[int, list[Any]]] = []
    for item in rows:
        if any(not _blank(v) for v in item[1]):
            buffered.append(item)
        if len(buffered) >= HEADER_SEARCH_ROWS:
            break
    if not buffered:
        raise ImportFileError(f"The file '{name}' is empty: there is nothing to import.")
    best: tuple[int, int, list[str]] | None = None  # (score, index, headers)
    for idx, (_, values) in enumerate(buffered):
        plain = ["" if _blank(v) else str(v).strip() for v in values]
        candidates = [plain]
        if idx > 0:
            candidates.append(_combine(buffered[idx - 1][1], values))
        for heads in candidates:
            score = _score(heads, saved)
            if best is None or score > best[0]:
                best = (score, idx, heads)
    assert best is not None
    notes: list[str] = []
    if best[0] >= 2:
        index, headers = best[1], best[2]
        if index > 0:
            notes.append(
                f"The column headings were found on row {buffered[index][0]}; rows above it were skipped."
            )
    else:
        found = None
        for idx, (_, values) in enumerate(buffered):
            texts = [v for v in values if not _blank(v)]
            if len(texts) >= 3 and all(
                isinstance(v, str) and not re.fullmatch(r"[\d/\-.: ]+", v) for v in texts
            ):
                found = idx
                break
        if found is None:
            raise ImportFileError(
                f"SchoolDP could not find the row of column headings in '{name}' (it looked at the "
                "first 20 rows). Make sure one row holds headings such as UPN, Surname, Forename, "
                "Date of birth and Year, with any merged title cells removed above it."
            )
        index = found
        headers = ["" if _blank(v) else str(v).strip() for v in buffered[index][1]]
    header_row = buffered[index][0]
    rest = buffered[index + 1 :]

    def data() -> Iterator[tuple[int, list[Any]]]:
        yield from rest
        yield from rows

    return RawTable(header_row=header_row, headers=headers, rows=data(), notes=notes)


# ============================================================================================
# Values
# ============================================================================================

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_DMONY = re.compile(r"^(\d{1,2})[\s\-/]*([a-z]{3,9})[\s\-/,]*(\d{2}|\d{4})$")
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")


def parse_uk_date(value: object, today: date | None = None) -> date | None:
    """A date as UK exports write it: 01/09/2015, 1/9/15, 2015-09-01, 1 Sep 2015, Excel dates.

    Never month-first. Two-digit years fall in the century that does not put the date more than
    a year in the future. Blank gives None; anything else unreadable raises ValueError.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(float(value))
    text = str(value).strip().casefold()
    if not text:
        return None
    text = _TIME_TAIL.sub("", text)
    try:
        m = _ISO.match(text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DMY.match(text)
        if m:
            return date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
        m = _DMONY.match(text)
        if m and m.group(2) in _MONTHS:
            return date(_year(m.group(3), today), _MONTHS[m.group(2)], int(m.group(1)))
        if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
            return _excel_serial(float(text))
    except ValueError:
        pass
    raise ValueError(f"'{value}' is not a date SchoolDP can read (use day/month/year, e.g. 01/09/2015).")


def _year(text: str, today: date | None) -> int:
    if len(text) == 4:
        return int(text)
    year = 2000 + int(text)
    return year - 100 if year > (today or date.today()).year + 1 else year


def _excel_serial(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"'{serial}' is not a date.")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


_YES = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "pr", "has pr"}
_NO = {"no", "n", "false", "f", "0", "-", "none"}


def _parse_bool(value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{value}' should be Yes or No.")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _lines(value: object) -> list[str]:
    """A whole address in one cell: lines split on new lines, or commas if on one line."""
    if value is None:
        return []
    text = unicodedata.normalize("NFC", str(value))
    parts = re.split(r"\r\n|\r|\n", text) if re.search(r"[\r\n]", text) else text.split(",")
    return [" ".join(p.split()) for p in parts if p.strip()]


_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"}


def normalise_postcode(text: str) -> str:
    compact = "".join(text.split()).upper()
    m = _POSTCODE.match(compact)
    return f"{m.group(1)} {m.group(2)}" if m else " ".join(text.split()).upper()


def _split_name(text: str, family_name: str = "") -> tuple[str, str, str]:
    """(title, first, last) from a whole name: "Surname, Forename" or "[Title] Forename Surname".

    Without a comma the split is a guess; the pupil's surname at the end of a carer's name is
    taken as the surname ("Thị Lan Nguyễn"), otherwise the last word is.
    """
    text = _text(text)
    if not text:
        return "", "", ""
    if "," in text:
        last, _, first = text.partition(",")
        title, first = _pop_title(first.strip())
        return title, first, last.strip()
    title, rest = _pop_title(text)
    family = _text(family_name)
    if family and rest.endswith(" " + family) and len(rest) > len(family) + 1:
        return title, rest[: -len(family) - 1].strip(), family
    if family and rest == family:
        return title, "", family
    first, _, last = rest.rpartition(" ")
    return title, first, last


def _pop_title(text: str) -> tuple[str, str]:
    first, _, rest = text.partition(" ")
    if rest and first.rstrip(".").casefold() in _TITLES:
        return first, rest.strip()
    return "", text


# ============================================================================================
# Records
# ============================================================================================


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


# ============================================================================================
# Parsing rows
# ============================================================================================


def parse(
    table: RawTable,
    mapping: ColumnMapping,
    *,
    today: date | None = None,
    source_name: str = "",
    progress: Callable[[int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ParsedFile:
    """Turn the rows into pupil records and problems (streamed; the table is closed after)."""
    today = today or date.today()
    missing = mapping.missing_required()
    if missing:
        table.close()
        raise ImportFileError(
            "These columns are needed and were not found: " + ", ".join(missing) + ". Choose which "
            "column holds each of them, or export them from your MIS."
        )
    by_col = [(i, t) for i, t in enumerate(mapping.targets) if t]
    slots = sorted({s for t in mapping.used_targets for s in [split_target(t)[0]] if s is not None})
    records: dict[str, PupilRecord] = {}
    first_row: dict[str, int] = {}
    bad_upns: set[str] = set()
    seen_upns: set[str] = set()
    problems: list[RowProblem] = []
    rows_read = 0
    try:
        for number, values in table.rows:
            if all(_blank(v) for v in values):
                continue
            rows_read += 1
            if progress is not None and rows_read % 500 == 0:
                progress(rows_read)
                if is_cancelled is not None and is_cancelled():
                    raise ImportFileError("The import was cancelled; nothing was imported.")
            cells: dict[str, object] = {}
            for i, t in by_col:
                if i < len(values) and not _blank(values[i]):
                    cells[t] = values[i]
            record, row_problems = _row_to_record(number, cells, slots, today)
            problems.extend(row_problems)
            if cells.get("upn") is not None:
                seen_upns.add(normalise_upn(_text(cells["upn"])))
            if record is None:
                continue
            upn = record.pupil.upn
            if upn in bad_upns:
                problems.append(_dup_problem(number, first_row[upn], upn))
                continue
            earlier = records.get(upn)
            if earlier is None:
                records[upn] = record
                first_row[upn] = number
            elif earlier.pupil == record.pupil:
                # One row per contact: the same pupil again, with another contact.
                records[upn] = replace(earlier, contacts=_merge_contacts(earlier.contacts, record.contacts))
            else:
                del records[upn]
                bad_upns.add(upn)
                problems.append(_dup_problem(first_row[upn], number, upn))
                problems.append(_dup_problem(number, first_row[upn], upn))
    finally:
        table.close()
    if rows_read == 0:
        raise ImportFileError(
            f"The file has column headings (row {table.header_row}) but no rows of pupils under them."
        )
    problems.sort(key=lambda p: (p.row, p.severity is Severity.WARNING))
    return ParsedFile(
        source_name=source_name,
        header_row=table.header_row,
        mapping=mapping,
        records=sorted(records.values(), key=lambda r: r.row),
        problems=problems,
        rows_read=rows_read,
        notes=list(table.notes),
        seen_upns=frozenset(seen_upns),
    )


def read_file(
    path: Path,
    saved: dict[str, str] | None = None,
    *,
    today: date | None = None,
    mapping: ColumnMapping | None = None,
) -> ParsedFile:
    """Read, map and parse in one step (tests, bench, and files whose headings are all known)."""
    table = read_table(path, saved)
    chosen = mapping or auto_map(table.headers, saved)
    return parse(table, chosen, today=today, source_name=Path(path).name)


def _dup_problem(row: int, other: int, upn: str) -> RowProblem:
    return RowProblem(
        row,
        f"Duplicate UPN: row {other} has the same UPN with different details, so neither row is "
        "imported. Correct it in the MIS and export again.",
        Severity.ERROR,
        upn,
    )


def _merge_contacts(a: tuple[ContactRecord, ...], b: tuple[ContactRecord, ...]) -> tuple[ContactRecord, ...]:
    merged = list(a)
    keys = {(c.name_key, c.postcode, c.email.casefold()) for c in a}
    for c in b:
        key = (c.name_key, c.postcode, c.email.casefold())
        if key not in keys:
            keys.add(key)
            if any(m.priority == c.priority for m in merged):
                c = replace(c, priority=max(m.priority for m in merged) + 1)
            merged.append(c)
    return tuple(merged)


def _row_to_record(
    row: int, cells: dict[str, object], slots: list[int], today: date
) -> tuple[PupilRecord | None, list[RowProblem]]:
    problems: list[RowProblem] = []
    upn = normalise_upn(_text(cells.get("upn")))
    first, last = _text(cells.get("legal_first_name")), _text(cells.get("legal_last_name"))
    if not (first or last) and cells.get("legal_full_name") is not None:
        _, first, last = _split_name(_text(cells.get("legal_full_name")))
    label = upn or " ".join(p for p in (first, last) if p) or f"row {row}"

    def err(message: str) -> None:
        problems.append(RowProblem(row, message, Severity.ERROR, label))

    def warn(message: str) -> None:
        problems.append(RowProblem(row, message, Severity.WARNING, label))

    if not upn:
        err("The UPN is missing, so this pupil cannot be matched on a later import.")
    else:
        upn_problem = validate_upn(upn)
        if upn_problem and len(upn) != 13:
            err(f"The UPN '{upn}' is not valid: {upn_problem}")
        elif upn_problem:
            warn(f"Check the UPN '{upn}': {upn_problem}")
    if not (first or last):
        err("The pupil's legal name is missing.")
    dob = _date_cell(cells, "date_of_birth", today, err)
    if "date_of_birth" not in cells:
        err("The date of birth is missing.")
    elif dob is not None:
        dob_problem = date_of_birth_problem(dob, today)
        if dob_problem:
            err(f"Impossible date of birth: {dob_problem}")
            dob = None
    year: YearGroup | None = None
    if "year_group" not in cells:
        err("The year group is missing.")
    else:
        try:
            year = parse_year_group(_text(cells["year_group"]))
        except SchoolDPError as exc:
            err(str(exc))
    admission = _date_cell(cells, "admission_date", today, warn)
    leaving = _date_cell(cells, "leaving_date", today, err)
    contacts: list[ContactRecord] = []
    for slot in slots:
        contact = _contact_from_cells(slot, cells, last, warn)
        if contact is not None:
            contacts.append(contact)
    if any(p.severity is Severity.ERROR for p in problems) or dob is None or year is None:
        return None, problems
    try:
        pupil = Pupil(
            upn=upn,
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=dob,
            year_group=year,
            reg_group=_text(cells.get("reg_group")),
            preferred_first_name=_text(cells.get("preferred_first_name")),
            preferred_last_name=_text(cells.get("preferred_last_name")),
            admission_date=admission,
            leaving_date=leaving,
        )
    except SchoolDPError as exc:
        err(str(exc))
        return None, problems
    contacts.sort(key=lambda c: c.priority)
    return PupilRecord(row, pupil, tuple(contacts)), problems


def _date_cell(
    cells: dict[str, object], name: str, today: date, report: Callable[[str], None]
) -> date | None:
    if name not in cells:
        return None
    try:
        return parse_uk_date(cells[name], today)
    except ValueError as exc:
        report(f"{PUPIL_FIELDS[name]}: {exc}")
        return None


def _contact_from_cells(
    slot: int, cells: dict[str, object], family_name: str, warn: Callable[[str], None]
) -> ContactRecord | None:
    prefix = f"contact{slot}."
    c = {k[len(prefix) :]: v for k, v in cells.items() if k.startswith(prefix)}
    if not c:
        return None
    title, first, last = _text(c.get("title")), _text(c.get("first_name")), _text(c.get("last_name"))
    if not (first or last) and c.get("full_name") is not None:
        t, first, last = _split_name(_text(c["full_name"]), family_name=family_name)
        title = title or t
    who = f"Contact {slot}" if slot else "The contact"
    if not (first or last):
        warn(f"{who} has details but no name, so was left out.")
        return None
    flags: dict[str, bool | None] = {}
    for flag in ("parental_responsibility", "lives_with_pupil"):
        try:
            flags[flag] = _parse_bool(c.get(flag))
        except ValueError as exc:
            warn(
                f"{who} {CONTACT_FIELDS[flag]}: {exc} Taken as {'No' if flag.startswith('parental') else 'Yes'}."
            )
            flags[flag] = None
    priority = slot or 1
    if c.get("priority") is not None:
        try:
            priority = max(1, int(float(_text(c["priority"]))))
        except ValueError:
            warn(f"{who} priority '{_text(c['priority'])}' is not a number; {priority} was used.")
    email = _text(c.get("email"))
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        warn(f"{who} email '{email}' does not look like an email address and was left out.")
        email = ""
    lines: list[str] = []
    if c.get("address") is not None:
        lines += _lines(c["address"])
    lines += [_text(c[f"address_line{n}"]) for n in range(1, 6) if c.get(f"address_line{n}") is not None]
    if c.get("house_name") is not None:
        lines.append(_text(c["house_name"]))
    street = " ".join(_text(c.get(k)) for k in ("house_number", "street") if c.get(k) is not None)
    if street:
        lines.append(street)
    lines += [_text(c[k]) for k in ("locality", "town", "county") if c.get(k) is not None]
    postcode = normalise_postcode(_text(c.get("postcode")))
    if not postcode and lines and _POSTCODE.match("".join(lines[-1].split()).upper()):
        postcode = normalise_postcode(lines.pop())
    phone = next(
        (_text(c[k]) for k in ("phone_mobile", "phone_home", "phone_work") if c.get(k) is not None), ""
    )
    pr = flags["parental_responsibility"]
    lives = flags["lives_with_pupil"]
    return ContactRecord(
        first_name=first,
        last_name=last,
        title=title,
        relationship=_text(c.get("relationship")),
        parental_responsibility=bool(pr) if pr is not None else False,
        lives_with_pupil=lives if lives is not None else True,
        priority=priority,
        address_lines=tuple(line for line in lines if line),
        postcode=postcode,
        email=email,
        phone=phone,
    )


# ============================================================================================
# Export (SchoolDP's own layout, which `auto_map` recognises: export then import is a no-op)
# ============================================================================================

EXPORT_PUPIL_COLUMNS = (
    ("UPN", "upn"),
    ("Legal Forename", "legal_first_name"),
    ("Legal Surname", "legal_last_name"),
    ("Preferred Forename", "preferred_first_name"),
    ("Preferred Surname", "preferred_last_name"),
    ("Date of Birth", "date_of_birth"),
    ("Year Group", "year_group"),
    ("Registration Group", "reg_group"),
    ("Admission Date", "admission_date"),
    ("Leaving Date", "leaving_date"),
)
EXPORT_CONTACT_COLUMNS = (
    ("Title", "title"),
    ("Forename", "first_name"),
    ("Surname", "last_name"),
    ("Relationship", "relationship"),
    ("Parental Responsibility", "parental_responsibility"),
    ("Lives With Pupil", "lives_with_pupil"),
    ("Priority", "priority"),
    *((f"Address Line {n}", f"address_line{n}") for n in range(1, 6)),
    ("Postcode", "postcode"),
    ("Email", "email"),
    ("Phone", "phone"),
)


def write_csv(records: Iterable[PupilRecord], out: TextIO, contact_slots: int | None = None) -> int:
    """Write pupils with their contacts (one row per pupil); returns the number of rows."""
    items = list(records)
    slots = contact_slots if contact_slots is not None else max((len(r.contacts) for r in items), default=0)
    header = [h for h, _ in EXPORT_PUPIL_COLUMNS]
    for n in range(1, slots + 1):
        header += [f"Contact {n} {h}" for h, _ in EXPORT_CONTACT_COLUMNS]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for r in items:
        p = r.pupil
        row: list[str] = [
            p.upn,
            p.legal_first_name,
            p.legal_last_name,
            p.preferred_first_name,
            p.preferred_last_name,
            _uk(p.date_of_birth),
            p.year_group.label,
            p.reg_group,
            _uk(p.admission_date),
            _uk(p.leaving_date),
        ]
        for n in range(slots):
            if n < len(r.contacts):
                c = r.contacts[n]
                lines = list(c.address_lines)
                if len(lines) > 5:
                    lines = [*lines[:4], ", ".join(lines[4:])]
                lines += [""] * (5 - len(lines))
                row += [
                    c.title,
                    c.first_name,
                    c.last_name,
                    c.relationship,
                    "Yes" if c.parental_responsibility else "No",
                    "Yes" if c.lives_with_pupil else "No",
                    str(c.priority),
                    *lines,
                    c.postcode,
                    c.email,
                    c.phone,
                ]
            else:
                row += [""] * len(EXPORT_CONTACT_COLUMNS)
        writer.writerow(row)
    return len(items)


def _uk(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def csv_text(records: Iterable[PupilRecord]) -> str:
    buffer = io.StringIO()
    write_csv(records, buffer)
    return buffer.getvalue()
