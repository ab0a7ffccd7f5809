"""Register exports for the school's own analysis: CSV (UTF-8 with BOM, for Excel) or XLSX.

Every register (breaches, requests, consent, people) is written through `write_table`, so the
formula guard is applied in one place: a cell a spreadsheet would run as a formula (a name typed
as `=HYPERLINK(...)`) is written as text. Files go only to the path the DPO chose, atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schooldp.domain.errors import ValidationError
from schooldp.services.bulk import no_cycle_collection
from schooldp.storage.atomic import atomic_write_bytes

# Leading characters that make Excel, LibreOffice or Sheets treat a cell as a formula
# (OWASP, "CSV Injection"): the four operators, and tab and carriage return before them.
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60
_HIGHLIGHT_FILL = "FDE7EA"  # the pale red the program uses for overdue rows


def safe_cell(value: Any) -> Any:
    """Stop a spreadsheet treating typed text as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADERS):
        return "'" + value
    return value


def _csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Each column as wide as its heading or its longest cell (in a sample), within reason."""
    widths = [len(h) for h in headers]
    for row in rows[:500]:
        for i, value in enumerate(row[: len(widths)]):
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[i] = max(widths[i], longest)
    return [min(_MAX_WIDTH, w + 2) for w in widths]


def _xlsx_bytes(
    sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], highlight: Sequence[bool] | None
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", start_color=_HIGHLIGHT_FILL, end_color=_HIGHLIGHT_FILL)
    for n, row in enumerate(rows):
        ws.append([safe_cell(v) for v in row])
        if highlight is not None and highlight[n]:
            for cell in ws[ws.max_row]:
                cell.fill = fill
    for i, width in enumerate(_column_widths(headers, rows), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    return _save_in_memory(wb)


def _save_in_memory(workbook: Any) -> bytes:
    """``Workbook.save`` writes each sheet's XML to a temporary file before zipping it: a
    register is personal data, so here every part stays in memory until the one file the person
    chose is written."""
    import datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class MemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    out = io.BytesIO()
    with ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        workbook.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        MemoryWriter(workbook, archive).save()
    return out.getvalue()


def table_bytes(
    suffix: str,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    highlight: Sequence[bool] | None = None,
) -> bytes:
    """The table as CSV or XLSX bytes. `highlight` marks rows to shade in XLSX (a CSV has no
    colour, so say the same thing in a column too)."""
    if highlight is not None and len(highlight) != len(rows):
        raise ValueError("highlight must have one flag per row")
    if suffix == ".csv":
        return _csv_bytes(headers, rows)
    if suffix == ".xlsx":
        return _xlsx_bytes(sheet, headers, rows, highlight)
    raise ValidationError("Choose a file name ending .csv or .xlsx.", "path")


def write_table(
    path: Path,
    sheet: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    highlight: Sequence[bool] | None = None,
) -> Path:
    path = Path(path)
    # A workbook of a whole register is tens of thousands of cell objects: without the pause, the
    # cycle collector's full passes over them held the interpreter lock long enough to freeze the
    # window while a worker wrote the file.
    with no_cycle_collection():
        data = table_bytes(path.suffix.lower(), sheet, headers, rows, highlight=highlight)
    atomic_write_bytes(path, data)
    return path
