"""Opening a CSV or .xlsx export and finding its row of headings; data rows are streamed."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from schooldp.imports.mis.cells import is_blank
from schooldp.imports.mis.mapping import auto_map
from schooldp.imports.mis.records import ImportFileError
from schooldp.imports.mis.sniffing import detect_encoding, sniff_delimiter

HEADER_SEARCH_ROWS = 20


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


def _read_csv(path: Path, saved: dict[str, str] | None) -> RawTable:
    encoding, notes = detect_encoding(path)
    handle: TextIO = path.open("r", encoding=encoding, newline="")
    try:
        sample = handle.read(64 * 1024)
        handle.seek(0)
        if not sample.strip():
            raise ImportFileError(f"The file '{path.name}' is empty: there is nothing to import.")
        reader = csv.reader(handle, delimiter=sniff_delimiter(sample), strict=True)

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


def _score(headers: list[str], saved: dict[str, str] | None) -> int:
    mapping = auto_map(headers, saved)
    return sum(1 for t in mapping.targets if t)


def _combine(upper: list[Any], lower: list[Any]) -> list[str]:
    """Two heading rows where the upper one holds merged group labels ("Contact 1" over "Name")."""
    width = max(len(upper), len(lower))
    combined, group = [], ""
    for i in range(width):
        top = upper[i] if i < len(upper) else None
        if not is_blank(top):
            group = str(top).strip()
        sub = "" if i >= len(lower) or is_blank(lower[i]) else str(lower[i]).strip()
        combined.append(f"{group} {sub}".strip() if sub else group)
    return combined


Numbered = Iterator[tuple[int, list[Any]]]


def _with_header(rows: Numbered, saved: dict[str, str] | None, name: str) -> RawTable:
    """Find the heading row among the first non-blank rows; the rows under it are the data."""
    buffered: list[tuple[int, list[Any]]] = []
    for item in rows:
        if any(not is_blank(v) for v in item[1]):
            buffered.append(item)
        if len(buffered) >= HEADER_SEARCH_ROWS:
            break
    if not buffered:
        raise ImportFileError(f"The file '{name}' is empty: there is nothing to import.")
    score, index, headers = _best_headings(buffered, saved)
    notes: list[str] = []
    if score >= 2:
        if index > 0:
            notes.append(
                f"The column headings were found on row {buffered[index][0]}; rows above it were skipped."
            )
    else:
        index = _first_text_row(buffered, name)
        headers = _plain(buffered[index][1])
    header_row = buffered[index][0]
    rest = buffered[index + 1 :]

    def data() -> Numbered:
        yield from rest
        yield from rows

    return RawTable(header_row=header_row, headers=headers, rows=data(), notes=notes)


def _plain(values: list[Any]) -> list[str]:
    return ["" if is_blank(v) else str(v).strip() for v in values]


def _best_headings(
    buffered: list[tuple[int, list[Any]]], saved: dict[str, str] | None
) -> tuple[int, int, list[str]]:
    """(score, index, headings) of the row (alone, or under a row of group labels) whose
    headings are most recognised; the first such row wins a tie."""
    best: tuple[int, int, list[str]] | None = None
    for idx, (_, values) in enumerate(buffered):
        candidates = [_plain(values)]
        if idx > 0:
            candidates.append(_combine(buffered[idx - 1][1], values))
        for heads in candidates:
            score = _score(heads, saved)
            if best is None or score > best[0]:
                best = (score, idx, heads)
    assert best is not None
    return best


def _first_text_row(buffered: list[tuple[int, list[Any]]], name: str) -> int:
    """Index of the first row of three or more text cells that are not dates or numbers."""
    for idx, (_, values) in enumerate(buffered):
        texts = [v for v in values if not is_blank(v)]
        if len(texts) >= 3 and all(isinstance(v, str) and not re.fullmatch(r"[\d/\-.: ]+", v) for v in texts):
            return idx
    raise ImportFileError(
        f"SchoolDP could not find the row of column headings in '{name}' (it looked at the "
        "first 20 rows). Make sure one row holds headings such as UPN, Surname, Forename, "
        "Date of birth and Year, with any merged title cells removed above it."
    )
