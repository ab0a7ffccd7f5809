"""The breach register as a spreadsheet for governors: counts and categories, never names.

Written through `services.exports`, which neutralises cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from schooldp.domain.deadlines import LONDON
from schooldp.services.breaches.values import RegisterRow
from schooldp.services.exports import table_bytes

SHEET = "Breach register"

EXPORT_HEADERS = (
    "Reference",
    "Title",
    "Status",
    "Stage",
    "School aware (UK time)",
    "ICO report due (UK time)",
    "72-hour clock",
    "Reportable",
    "Reported to ICO (UK time)",
    "ICO case reference",
    "Severity",
    "Cause",
    "Data involved",
    "Approx. people",
    "Closed (UK time)",
)


def _uk(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(LONDON).strftime("%d/%m/%Y %H:%M")


def export_values(r: RegisterRow) -> list[Any]:
    """One register row for governors: no names of people, only counts and categories."""
    return [
        r.reference,
        r.title,
        r.status_label,
        r.stage,
        _uk(r.aware_at),
        _uk(r.countdown.due),
        r.countdown.text,
        r.reportable_label,
        _uk(r.reported_at),
        r.ico_reference,
        r.band,
        r.cause.label if r.cause else "",
        "; ".join(sorted(c.label for c in r.categories)),
        "" if r.approx_people is None else r.approx_people,
        _uk(r.closed_at),
    ]


def export_rows(rows: Sequence[RegisterRow]) -> list[list[Any]]:
    return [export_values(r) for r in rows]


def register_csv(rows: Sequence[RegisterRow]) -> bytes:
    return table_bytes(".csv", SHEET, EXPORT_HEADERS, export_rows(rows))


def register_xlsx(rows: Sequence[RegisterRow]) -> bytes:
    return table_bytes(".xlsx", SHEET, EXPORT_HEADERS, export_rows(rows))
