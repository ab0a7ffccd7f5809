"""Reading pupil and contact exports from the school MIS (SIMS, Arbor, Bromcom): CSV or .xlsx.

No Qt and no database: `read_table` finds the headings, `auto_map` recognises them (with the
school's remembered answers), `parse` turns rows into records and per-row problems for the
preview. The service layer compares records with the register and writes them in one go.

Rows are streamed: a 50,000-row file is read once, row by row, never loaded whole.
Only the columns the register needs are read (UK GDPR Art 5(1)(c); policy section 7.2).

Modules: `headings` (the fields and the headings each MIS uses), `mapping` (recognising
headings), `sniffing` and `reading` (opening files), `dates` and `cells` (values), `contacts`
(a row's contacts), `records` (what parsing gives), `parsing` (rows to records), `export`.
"""

from __future__ import annotations

from schooldp.imports.mis.cells import normalise_postcode
from schooldp.imports.mis.dates import parse_uk_date
from schooldp.imports.mis.export import EXPORT_CONTACT_COLUMNS, EXPORT_PUPIL_COLUMNS, csv_text, write_csv
from schooldp.imports.mis.headings import CONTACT_FIELDS, MAX_CONTACT_SLOTS, PUPIL_FIELDS, REQUIRED_PUPIL
from schooldp.imports.mis.mapping import (
    ColumnMapping,
    ColumnState,
    auto_map,
    contact_target,
    header_key,
    split_target,
    target_choices,
    target_label,
)
from schooldp.imports.mis.parsing import parse, read_file
from schooldp.imports.mis.reading import HEADER_SEARCH_ROWS, RawTable, read_table
from schooldp.imports.mis.records import (
    ContactRecord,
    ImportFileError,
    ParsedFile,
    PupilRecord,
    RowProblem,
    Severity,
)

__all__ = [
    "CONTACT_FIELDS",
    "EXPORT_CONTACT_COLUMNS",
    "EXPORT_PUPIL_COLUMNS",
    "HEADER_SEARCH_ROWS",
    "MAX_CONTACT_SLOTS",
    "PUPIL_FIELDS",
    "REQUIRED_PUPIL",
    "ColumnMapping",
    "ColumnState",
    "ContactRecord",
    "ImportFileError",
    "ParsedFile",
    "PupilRecord",
    "RawTable",
    "RowProblem",
    "Severity",
    "auto_map",
    "contact_target",
    "csv_text",
    "header_key",
    "normalise_postcode",
    "parse",
    "parse_uk_date",
    "read_file",
    "read_table",
    "split_target",
    "target_choices",
    "target_label",
    "write_csv",
]
