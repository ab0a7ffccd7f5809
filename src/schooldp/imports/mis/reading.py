"""Opening a CSV or .xlsx export and finding its row of headings; data rows are streamed."""

from __future__ import annotations

import csv
import itertools
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
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError(f"The file '{path.name}' is empty: there is nothing to import.")
    kind = file_kind(path)
    older = ImportFileError(
        f"'{path.name}' is an older or non-Excel spreadsheet format. Open it in Excel and use "
        "File > Save As > 'Excel Workbook (.xlsx)' or 'CSV UTF-8', then import that."
    )
    if kind == "other spreadsheet":
        raise older
    if kind == "xlsx":
        table = _read_xlsx(path, saved)
    elif path.suffix.casefold() in (".xls", ".xlsb", ".ods"):
        try:  # text under a spreadsheet's name: read it if it is an export, else say what to do
            table = _read_csv(path, saved)
        except ImportFileError as exc:
            raise older from exc
    else:
        table = _read_csv(path, saved)
    table.size_hint = size
    return table


_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, .xlsb saved as binary, old Works files


def file_kind(path: Path) -> str:
    """ "xlsx", "other spreadsheet" or "text", from the file's content, never its name (a
    workbook saved as .csv, or a CSV named .xlsx, is read as what it is)."""
    import zipfile

    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE2:
        return "other spreadsheet"
    if head[:4] != b"PK\x03\x04":
        return "text"
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = z.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        return "xlsx"  # damaged: the workbook reader says so in plain words
    if b"opendocument" in mimetype or "xl/workbook.bin" in names:
        return "other spreadsheet"
    return "xlsx"


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
    """Read a workbook from a file handle (openpyxl judges a *name* by its extension) and in
    full: the size a sheet declares (its <dimension>) is ignored, as it may understate it."""
    from openpyxl import load_workbook

    handle = path.open("rb")
    try:
        wb = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook fails in many ways inside openpyxl
        handle.close()
        raise _unreadable(path) from exc

    def close() -> None:
        wb.close()
        handle.close()

    try:
        rows = _first_sheet_rows(wb, path)
        if rows is None:
            raise ImportFileError(f"The workbook '{path.name}' has no data: there is nothing to import.")
        table = _with_header(rows, saved, path.name)
    except ImportFileError:
        close()
        raise
    except Exception as exc:
        close()
        raise _unreadable(path) from exc
    table.close = close
    return table


def _unreadable(path: Path) -> ImportFileError:
    return ImportFileError(
        f"'{path.name}' could not be opened as an Excel workbook. It may be damaged or "
        "password-protected; open it in Excel and save it again as .xlsx or CSV UTF-8."
    )


def _first_sheet_rows(wb: Any, path: Path) -> Iterator[tuple[int, list[Any]]] | None:
    """Numbered rows of the first sheet holding anything, read to its real end."""
    for sheet in wb.worksheets:
        if not hasattr(sheet, "iter_rows"):
            continue  # a chart sheet
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        for number, row in rows:
            if any(not is_blank(v) for v in row):
                return _guarded(itertools.chain([(number, list(row))], ((n, list(r)) for n, r in rows)), path)
    return None


def _guarded(rows: Iterator[tuple[int, list[Any]]], path: Path) -> Iterator[tuple[int, list[Any]]]:
    """The rows, with a damaged part of the workbook reported in plain words."""
    try:
        yield from rows
    except ImportFileError:
        raise
    except Exception as exc:
        raise _unreadable(path) from exc


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
