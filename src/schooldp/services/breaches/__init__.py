"""Breaches: report one (the 72-hour clock starts), work it through Appendix 1, decide, report, tell.

The triage decisions live in `flows.breach_triage` and the risk method in `domain.breach`; this
package stores what the DPO answered, stamps each step with who and when (history is kept),
and produces the register, trends, exports and printouts. Nothing here recomputes a legal
date: the ICO deadline comes from `domain.deadlines.breach_report_due`.

Modules: `values` (what goes in and out), `countdown` (the 72 hours on screen), `codecs` (how
answers are stored), `records` (reading a breach back), `step_writers` (saving each step),
`service` (`BreachService`), `register`, `trends`, `export`, `dashboard`, `printouts`, `letters`,
`affected` (choosing who was affected from a pasted list or the spreadsheet's rows).
"""

from __future__ import annotations

from schooldp.services.breaches import dashboard as _dashboard
from schooldp.services.breaches.affected import Matched, file_rows, match_pupils, match_staff, pasted_rows
from schooldp.services.breaches.codecs import STEP_FIELDS, facts_from_json, facts_to_json, snapshot
from schooldp.services.breaches.countdown import AMBER_HOURS, RED_HOURS, ClockState, Countdown, countdown
from schooldp.services.breaches.export import EXPORT_HEADERS, export_values, register_csv, register_xlsx
from schooldp.services.breaches.letters import (
    DELETION_LETTER,
    DeletionRequest,
    LetterBatch,
    NoticeText,
    default_notice_text,
    deletion_email_text,
    deletion_letter,
    deletion_letter_pdf,
    notice_letters,
    people_told_by_letter,
)
from schooldp.services.breaches.printouts import (
    IcoPack,
    breach_document,
    decision_record_pdf,
    ico_pack,
    ico_pack_pdf,
    redact,
    trends_pdf,
)
from schooldp.services.breaches.register import record_countdown, register_row
from schooldp.services.breaches.service import CASE_KIND, BreachService
from schooldp.services.breaches.trends import build_trends
from schooldp.services.breaches.values import (
    BreachRecord,
    BreachReport,
    IcoReportKind,
    IcoSubmission,
    RegisterRow,
    StepStamp,
    Trends,
)

__all__ = [
    "IcoPack",
    "ico_pack",
    "Matched",
    "file_rows",
    "match_pupils",
    "match_staff",
    "pasted_rows",
    "people_told_by_letter",
    "AMBER_HOURS",
    "CASE_KIND",
    "DELETION_LETTER",
    "EXPORT_HEADERS",
    "RED_HOURS",
    "STEP_FIELDS",
    "BreachRecord",
    "BreachReport",
    "BreachService",
    "ClockState",
    "Countdown",
    "DeletionRequest",
    "IcoReportKind",
    "IcoSubmission",
    "LetterBatch",
    "NoticeText",
    "RegisterRow",
    "StepStamp",
    "Trends",
    "breach_document",
    "build_trends",
    "countdown",
    "decision_record_pdf",
    "default_notice_text",
    "deletion_email_text",
    "deletion_letter",
    "deletion_letter_pdf",
    "export_values",
    "facts_from_json",
    "facts_to_json",
    "ico_pack_pdf",
    "notice_letters",
    "record_countdown",
    "redact",
    "register_csv",
    "register_row",
    "register_xlsx",
    "snapshot",
    "trends_pdf",
]

_dashboard.register()
