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
from schooldp.imports.mis.guide import CONTACT_COLUMNS, GUIDES, PUPIL_COLUMNS, MisGuide

__all__ = [
    "CONTACT_COLUMNS",
    "GUIDES",
    "PUPIL_COLUMNS",
    "MisGuide",
    "ColumnMapping",
    "ImportFileError",
    "ParsedFile",
    "RawTable",
    "RowProblem",
    "Severity",
    "target_choices",
    "target_label",
]
