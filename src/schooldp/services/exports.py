"""Register exports for the school's own analysis: CSV (UTF-8 with BOM, for Excel) or XLSX.

Written only to the path the DPO chose, atomically; cells that a spreadsheet would run as a
formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from schooldp.domain.errors import ValidationError
from schooldp.storage.atomic import atomic_write_bytes


def safe_cell(value: Any) -> Any:
    """Stop a spreadsheet treating typed text as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def table_bytes(suffix: str, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    if suffix == ".csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([safe_cell(v) for v in row] for row in rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = sheet[:31]
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        ws.freeze_panes = "A2"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    raise ValidationError("Choose a file name ending .csv or .xlsx.", "path")


def write_table(path: Path, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Path:
    path = Path(path)
    atomic_write_bytes(path, table_bytes(path.suffix.lower(), sheet, headers, rows))
    return path
