"""Turning rows into pupil records and per-row problems, streamed, for the preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import (
    Pupil,
    YearGroup,
    date_of_birth_problem,
    normalise_upn,
    parse_year_group,
    validate_upn,
)
from schooldp.imports.mis.cells import cell_text, is_blank, split_name
from schooldp.imports.mis.contacts import contact_from_cells, merge_contacts
from schooldp.imports.mis.dates import parse_uk_date
from schooldp.imports.mis.headings import PUPIL_FIELDS
from schooldp.imports.mis.mapping import ColumnMapping, auto_map, split_target
from schooldp.imports.mis.reading import RawTable, read_table
from schooldp.imports.mis.records import (
    ImportFileError,
    ParsedFile,
    PupilRecord,
    RowProblem,
    Severity,
)

ProgressFn = Callable[[int], None]
Report = Callable[[str], None]
PROGRESS_EVERY = 500  # rows between progress reports (and cancel checks)


def parse(
    table: RawTable,
    mapping: ColumnMapping,
    *,
    today: date,
    source_name: str = "",
    progress: ProgressFn | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> ParsedFile:
    """Turn the rows into pupil records and problems (streamed; the table is closed after).

    `today` dates the checks (an impossible date of birth, a two-digit year): pass the session
    clock's date.
    """
    missing = mapping.missing_required()
    if missing:
        table.close()
        raise ImportFileError(
            "These columns are needed and were not found: " + ", ".join(missing) + ". Choose which "
            "column holds each of them, or export them from your MIS."
        )
    by_col = [(i, t) for i, t in enumerate(mapping.targets) if t]
    slots = sorted({s for t in mapping.used_targets for s in [split_target(t)[0]] if s is not None})
    found = _Found()
    try:
        for number, values in table.rows:
            if all(is_blank(v) for v in values):
                continue
            found.rows_read += 1
            _report_progress(found.rows_read, progress, is_cancelled)
            cells = {t: values[i] for i, t in by_col if i < len(values) and not is_blank(values[i])}
            record, row_problems = _row_to_record(number, cells, slots, today)
            found.problems.extend(row_problems)
            if cells.get("upn") is not None:
                found.seen_upns.add(normalise_upn(cell_text(cells["upn"])))
            if record is not None:
                found.add(number, record)
    finally:
        table.close()
    if found.rows_read == 0:
        raise ImportFileError(
            f"The file has column headings (row {table.header_row}) but no rows of pupils under them."
        )
    found.problems.sort(key=lambda p: (p.row, p.severity is Severity.WARNING))
    return ParsedFile(
        source_name=source_name,
        header_row=table.header_row,
        mapping=mapping,
        records=sorted(found.records.values(), key=lambda r: r.row),
        problems=found.problems,
        rows_read=found.rows_read,
        notes=list(table.notes),
        seen_upns=frozenset(found.seen_upns),
    )


def _report_progress(
    rows_read: int, progress: ProgressFn | None, is_cancelled: Callable[[], bool] | None
) -> None:
    if progress is not None and rows_read % PROGRESS_EVERY == 0:
        progress(rows_read)
        if is_cancelled is not None and is_cancelled():
            raise ImportFileError("The import was cancelled; nothing was imported.")


@dataclass
class _Found:
    """Records gathered so far, by UPN; a UPN given twice with different details is rejected."""

    records: dict[str, PupilRecord] = field(default_factory=dict)
    first_row: dict[str, int] = field(default_factory=dict)
    bad_upns: set[str] = field(default_factory=set)
    seen_upns: set[str] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0

    def add(self, number: int, record: PupilRecord) -> None:
        upn = record.pupil.upn
        if upn in self.bad_upns:
            self.problems.append(_dup_problem(number, self.first_row[upn], upn))
            return
        earlier = self.records.get(upn)
        if earlier is None:
            self.records[upn] = record
            self.first_row[upn] = number
        elif earlier.pupil == record.pupil:
            # One row per contact: the same pupil again, with another contact.
            self.records[upn] = replace(earlier, contacts=merge_contacts(earlier.contacts, record.contacts))
        else:
            del self.records[upn]
            self.bad_upns.add(upn)
            self.problems.append(_dup_problem(self.first_row[upn], number, upn))
            self.problems.append(_dup_problem(number, self.first_row[upn], upn))


def read_file(
    path: Path,
    saved: dict[str, str] | None = None,
    *,
    today: date,
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


def _row_to_record(
    row: int, cells: dict[str, object], slots: list[int], today: date
) -> tuple[PupilRecord | None, list[RowProblem]]:
    """One row as a pupil record (None if it has an error) and the row's problems, in order."""
    problems: list[RowProblem] = []
    upn = normalise_upn(cell_text(cells.get("upn")))
    first, last = cell_text(cells.get("legal_first_name")), cell_text(cells.get("legal_last_name"))
    if not (first or last) and cells.get("legal_full_name") is not None:
        _, first, last = split_name(cell_text(cells.get("legal_full_name")))
    label = upn or " ".join(p for p in (first, last) if p) or f"row {row}"

    def err(message: str) -> None:
        problems.append(RowProblem(row, message, Severity.ERROR, label))

    def warn(message: str) -> None:
        problems.append(RowProblem(row, message, Severity.WARNING, label))

    _check_upn(upn, err, warn)
    if not (first or last):
        err("The pupil's legal name is missing.")
    dob = _date_of_birth(cells, today, err)
    year = _year_group(cells, err)
    admission = _date_cell(cells, "admission_date", today, warn)
    leaving = _date_cell(cells, "leaving_date", today, err)
    contacts = [c for slot in slots if (c := contact_from_cells(slot, cells, last, warn)) is not None]
    if any(p.severity is Severity.ERROR for p in problems) or dob is None or year is None:
        return None, problems
    try:
        pupil = Pupil(
            upn=upn,
            legal_first_name=first,
            legal_last_name=last,
            date_of_birth=dob,
            year_group=year,
            reg_group=cell_text(cells.get("reg_group")),
            preferred_first_name=cell_text(cells.get("preferred_first_name")),
            preferred_last_name=cell_text(cells.get("preferred_last_name")),
            admission_date=admission,
            leaving_date=leaving,
        )
    except SchoolDPError as exc:
        err(str(exc))
        return None, problems
    contacts.sort(key=lambda c: c.priority)
    return PupilRecord(row, pupil, tuple(contacts)), problems


def _check_upn(upn: str, err: Report, warn: Report) -> None:
    """A missing or malformed UPN stops the row; a 13-character one with a bad check letter warns."""
    if not upn:
        err("The UPN is missing, so this pupil cannot be matched on a later import.")
        return
    upn_problem = validate_upn(upn)
    if upn_problem and len(upn) != 13:
        err(f"The UPN '{upn}' is not valid: {upn_problem}")
    elif upn_problem:
        warn(f"Check the UPN '{upn}': {upn_problem}")


def _date_of_birth(cells: dict[str, object], today: date, err: Report) -> date | None:
    dob = _date_cell(cells, "date_of_birth", today, err)
    if "date_of_birth" not in cells:
        err("The date of birth is missing.")
    elif dob is not None:
        dob_problem = date_of_birth_problem(dob, today)
        if dob_problem:
            err(f"Impossible date of birth: {dob_problem}")
            return None
    return dob


def _year_group(cells: dict[str, object], err: Report) -> YearGroup | None:
    if "year_group" not in cells:
        err("The year group is missing.")
        return None
    try:
        return parse_year_group(cell_text(cells["year_group"]))
    except SchoolDPError as exc:
        err(str(exc))
        return None


def _date_cell(cells: dict[str, object], name: str, today: date, report: Report) -> date | None:
    if name not in cells:
        return None
    try:
        return parse_uk_date(cells[name], today)
    except ValueError as exc:
        report(f"{PUPIL_FIELDS[name]}: {exc}")
        return None
