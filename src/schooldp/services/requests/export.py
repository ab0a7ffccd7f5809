"""The requests register as a CSV or XLSX file, through the shared register writer.

`schooldp.services.exports.write_table` neutralises cells a spreadsheet would run as a formula
(a requester typed as `=HYPERLINK(...)` stays text) and writes the file atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from schooldp.domain.calendar import format_uk_date
from schooldp.services.exports import write_table
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import RequestSummary

EXPORT_HEADERS = (
    "Reference",
    "Type",
    "Received",
    "Channel",
    "Relationship",
    "Data subject",
    "Due",
    "Time left",
    "Status",
    "Overdue",
    "Requester",
)


def export_row(r: RequestSummary, now: datetime) -> list[str]:
    return [
        r.reference,
        r.request_type.label,
        format_uk_date(r.received_on),
        r.channel.label,
        r.relationship.label,
        r.subject.name,
        format_uk_date(r.due) if r.due else r.due_text(),
        r.time_left(now),
        r.status.label,
        "Yes" if r.is_overdue(now) else "No",
        r.requester.name,
    ]


class ExportUseCases(RequestRecords):
    def export(self, path: Path, rows: Sequence[RequestSummary], now: datetime | None = None) -> Path:
        """Write the register to a CSV or XLSX file the DPO chose (any other name becomes .csv)."""
        now = now or self.session.clock.london_now()
        path = Path(path)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        write_table(
            path,
            "Requests",
            EXPORT_HEADERS,
            [export_row(r, now) for r in rows],
            highlight=[r.is_overdue(now) for r in rows],
        )
        with self.session.change() as ch:
            ch.record(
                "request.exported",
                "request",
                "",
                f"Register exported: {len(rows)} requests ({path.suffix.lower()})",
            )
        return path
