"""Consent registers: record answers, work out states, follow up withdrawals, renew, count, print.

`ConsentService` is the facade pages, letters and reports use. The modules behind it:
`purposes` (the school's purposes in the vault), `recording` (a returned form, checked and
saved), `history` (reading the entries), `matrix` (pupil x purpose states), `tasks` (withdrawal
follow-ups), `renewal` (1 September lapses), `forms` (consent form letters), `withdrawal_letter`,
`printouts` (PDFs for the pages), `export` (the spreadsheet), `dashboard` (open follow-ups as
deadlines), `rows` (vault rows to domain values), `values` (what the service hands out).
"""

from __future__ import annotations

from schooldp.services.consent import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.consent.export import export_consent_register
from schooldp.services.consent.matrix import build_matrix, short_title
from schooldp.services.consent.printouts import FORM_LETTER, WITHDRAWAL_LETTER
from schooldp.services.consent.service import ConsentService
from schooldp.services.consent.values import (
    Answer,
    ConsentMatrix,
    FollowUpTask,
    HistoryEntry,
    MatrixRow,
    PeopleSource,
    RecordResult,
)

__all__ = [
    "FORM_LETTER",
    "WITHDRAWAL_LETTER",
    "Answer",
    "ConsentMatrix",
    "ConsentService",
    "FollowUpTask",
    "HistoryEntry",
    "MatrixRow",
    "PeopleSource",
    "RecordResult",
    "build_matrix",
    "export_consent_register",
    "short_title",
]

del _dashboard
