"""The MIS reader's values the import dialog shows, re-exported so the interface reaches the
reader only through the people service (`PeopleService.open_export`, `parse_export`)."""

from __future__ import annotations

from schooldp.imports.mis import (
    ColumnMapping,
    ImportFileError,
    ParsedFile,
    RawTable,
    RowProblem,
    Severity,
    target_choices,
    target_label,
)

__all__ = [
    "ColumnMapping",
    "ImportFileError",
    "ParsedFile",
    "RawTable",
    "RowProblem",
    "Severity",
    "target_choices",
    "target_label",
]
