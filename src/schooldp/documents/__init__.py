"""Printed output: the school letterhead, letter types, mail merge and the emergency sheet.

Pure functions from data to PDF bytes. No database, no Qt, no files written: the caller
decides where bytes go (the vault, a printer, a folder the DPO chose).
"""

from __future__ import annotations

from schooldp.documents.batch import BatchLetterError, render_batch, render_each
from schooldp.documents.letter_type import LetterType
from schooldp.documents.letterhead import (
    STANDARD_FIELDS,
    LetterData,
    RenderCancelled,
    render_letter,
)
from schooldp.documents.pdf import page_count, pdf_sha256
from schooldp.documents.registry import letter_type, letter_types
from schooldp.documents.templates import (
    LetterTemplate,
    MissingFieldError,
    TemplateError,
    default_wording,
    load_template,
    uk_date,
)

__all__ = [
    "STANDARD_FIELDS",
    "BatchLetterError",
    "LetterData",
    "LetterTemplate",
    "LetterType",
    "MissingFieldError",
    "RenderCancelled",
    "TemplateError",
    "default_wording",
    "letter_type",
    "letter_types",
    "load_template",
    "page_count",
    "pdf_sha256",
    "render_batch",
    "render_each",
    "render_letter",
    "uk_date",
]
