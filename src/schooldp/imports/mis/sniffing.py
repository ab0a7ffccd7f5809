"""Sniffing a text export: its encoding (UTF-8, UTF-16, Windows-1252) and its delimiter."""

from __future__ import annotations

import codecs
from pathlib import Path

from schooldp.imports.mis.records import ImportFileError


def detect_encoding(path: Path) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252; checked by streaming."""
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith(codecs.BOM_UTF16_LE) or start.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", []
    if b"\x00" in peek(path, 4096):
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


def peek(path: Path, n: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(n)


def sniff_delimiter(sample: str) -> str:
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","
