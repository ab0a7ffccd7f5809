"""Tables of the Records page: processing activities, organisations, privacy notices.

Gaps and out-of-date states are said in words (never colour alone).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from schooldp.services.records import NoticeInfo, Organisation, ProcessingActivity
from schooldp.ui.models.base import RowTableModel

LONDON = ZoneInfo("Europe/London")


def _day(value: Any) -> str:
    return f"{value:%d/%m/%Y}" if value is not None else ""


class ActivitiesModel(RowTableModel[ProcessingActivity]):
    class Columns(IntEnum):
        ACTIVITY = 0
        SUBJECTS = 1
        BASIS = 2
        RECIPIENTS = 3
        RETENTION = 4
        OWNER = 5
        REVIEWED = 6
        GAPS = 7

    headers = {
        Columns.ACTIVITY: "Activity",
        Columns.SUBJECTS: "Whose data",
        Columns.BASIS: "Lawful basis",
        Columns.RECIPIENTS: "Shared with",
        Columns.RETENTION: "Kept for",
        Columns.OWNER: "Owner",
        Columns.REVIEWED: "Reviewed",
        Columns.GAPS: "Still to fill in",
    }

    def display(self, row: ProcessingActivity, column: int) -> str:
        match column:
            case self.Columns.ACTIVITY:
                return row.name
            case self.Columns.SUBJECTS:
                return ", ".join(s.label for s in row.subjects)
            case self.Columns.BASIS:
                return row.lawful_basis.label
            case self.Columns.RECIPIENTS:
                return "; ".join(row.recipients)
            case self.Columns.RETENTION:
                return row.retention.text
            case self.Columns.OWNER:
                return row.owner_role
            case self.Columns.REVIEWED:
                return _day(row.reviewed_on) or "Not yet"
            case self.Columns.GAPS:
                if not row.active:
                    return "No longer carried out"
                return ", ".join(row.gaps()) or "Complete"
        return ""

    def tooltip(self, row: ProcessingActivity, column: int) -> str | None:
        if column == self.Columns.ACTIVITY:
            return row.purpose
        if column == self.Columns.BASIS:
            return f"{row.lawful_basis.label} ({row.lawful_basis.article}) {row.legal_reference}".strip()
        return super().tooltip(row, column)

    def sort_key(self, row: ProcessingActivity, column: int) -> Any:
        if column == self.Columns.GAPS:
            return len(row.gaps()) if row.active else 100
        if column == self.Columns.REVIEWED:
            return row.reviewed_on.toordinal() if row.reviewed_on else 0
        return super().sort_key(row, column)


class OrganisationsModel(RowTableModel[Organisation]):
    class Columns(IntEnum):
        NAME = 0
        ROLE = 1
        AGREEMENT = 2
        REVIEW = 3
        EVIDENCE = 4
        GAPS = 5

    headers = {
        Columns.NAME: "Organisation",
        Columns.ROLE: "Role",
        Columns.AGREEMENT: "Agreement",
        Columns.REVIEW: "Review due",
        Columns.EVIDENCE: "Evidence kept",
        Columns.GAPS: "Still to do",
    }

    def display(self, row: Organisation, column: int) -> str:
        match column:
            case self.Columns.NAME:
                return row.name
            case self.Columns.ROLE:
                return row.role.short
            case self.Columns.AGREEMENT:
                date = _day(row.agreement_date)
                return row.agreement.label + (f" ({date})" if date else "")
            case self.Columns.REVIEW:
                return _day(row.review_date) or "Not set"
            case self.Columns.EVIDENCE:
                return row.evidence_name or "None"
            case self.Columns.GAPS:
                return "; ".join(row.gaps()) or "Nothing"
        return ""

    def sort_key(self, row: Organisation, column: int) -> Any:
        if column == self.Columns.REVIEW:
            return row.review_date.toordinal() if row.review_date else 10**7
        return super().sort_key(row, column)


class NoticesModel(RowTableModel[NoticeInfo]):
    class Columns(IntEnum):
        NOTICE = 0
        STATE = 1
        GENERATED = 2
        BY = 3

    headers = {
        Columns.NOTICE: "Privacy notice",
        Columns.STATE: "State",
        Columns.GENERATED: "Last generated",
        Columns.BY: "By",
    }

    def display(self, row: NoticeInfo, column: int) -> str:
        match column:
            case self.Columns.NOTICE:
                return row.audience.label
            case self.Columns.STATE:
                mark = "⚠ " if row.status.out_of_date else "✓ "
                return mark + row.state_text
            case self.Columns.GENERATED:
                return (
                    f"{row.generated_at.astimezone(LONDON):%d/%m/%Y %H:%M}" if row.generated_at else "Never"
                )
            case self.Columns.BY:
                return row.generated_by
        return ""

    def record_id(self, row: NoticeInfo) -> Any:
        return row.audience.value
