"""Tables of the DPIAs page: the register of assessments, one DPIA's risks, its saved versions.

Levels and stages are said in words (never colour alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import IntEnum
from typing import Any

from schooldp.domain.clock import LONDON
from schooldp.services.dpia import Dpia, DpiaVersion, Risk
from schooldp.ui.models.base import RowTableModel

__all__ = ["DpiaRegisterModel", "DpiaVersionsModel", "RisksModel"]


class DpiaRegisterModel(RowTableModel[Dpia]):
    class Columns(IntEnum):
        REFERENCE = 0
        TITLE = 1
        ACTIVITY = 2
        STAGE = 3
        RESIDUAL = 4
        REVIEW = 5

    headers = {
        Columns.REFERENCE: "Reference",
        Columns.TITLE: "Project or system",
        Columns.ACTIVITY: "Processing activity",
        Columns.STAGE: "Stage",
        Columns.RESIDUAL: "Highest residual risk",
        Columns.REVIEW: "Review by",
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.min
        self.activity_names: Mapping[str, str] = {}

    def set_assessments(self, rows: Iterable[Dpia], today: date, activity_names: Mapping[str, str]) -> None:
        with self.resetting():
            self._rows = list(rows)
            self.today = today
            self.activity_names = dict(activity_names)

    def display(self, row: Dpia, column: int) -> str:
        match column:
            case self.Columns.REFERENCE:
                return row.reference
            case self.Columns.TITLE:
                return row.title
            case self.Columns.ACTIVITY:
                return self.activity_names.get(row.activity_key, "Not linked")
            case self.Columns.STAGE:
                return row.stage(self.today).label
            case self.Columns.RESIDUAL:
                level = row.highest_residual
                text = level.label if level else "Not assessed"
                return f"{text}: consult the ICO first" if row.prior_consultation_needed else text
            case self.Columns.REVIEW:
                review = row.sign_off.review_on
                return f"{review:%d/%m/%Y}" if review else ""
        return ""

    def sort_key(self, row: Dpia, column: int) -> Any:
        if column == self.Columns.RESIDUAL:
            return row.highest_residual.rank if row.highest_residual else 0
        if column == self.Columns.REVIEW:
            return row.sign_off.review_on.toordinal() if row.sign_off.review_on else 0
        return super().sort_key(row, column)


class RisksModel(RowTableModel[Risk]):
    class Columns(IntEnum):
        RISK = 0
        LIKELIHOOD = 1
        SEVERITY = 2
        LEVEL = 3
        MEASURES = 4
        RESIDUAL = 5
        APPROVED = 6

    headers = {
        Columns.RISK: "Risk to individuals",
        Columns.LIKELIHOOD: "Likelihood",
        Columns.SEVERITY: "Severity",
        Columns.LEVEL: "Overall risk",
        Columns.MEASURES: "Measures",
        Columns.RESIDUAL: "Residual risk",
        Columns.APPROVED: "Approved",
    }

    def display(self, row: Risk, column: int) -> str:
        match column:
            case self.Columns.RISK:
                return row.description
            case self.Columns.LIKELIHOOD:
                return row.likelihood.label
            case self.Columns.SEVERITY:
                return row.severity.label
            case self.Columns.LEVEL:
                return row.level.label
            case self.Columns.MEASURES:
                return row.measures
            case self.Columns.RESIDUAL:
                return row.residual_text
            case self.Columns.APPROVED:
                return "Yes" if row.approved else "No"
        return ""

    def sort_key(self, row: Risk, column: int) -> Any:
        match column:
            case self.Columns.LIKELIHOOD:
                return row.likelihood.rank
            case self.Columns.SEVERITY:
                return row.severity.rank
            case self.Columns.LEVEL:
                return row.level.rank
            case self.Columns.RESIDUAL:
                return row.residual.rank if row.residual else 0
        return super().sort_key(row, column)

    def record_id(self, row: Risk) -> Any:
        return None


class DpiaVersionsModel(RowTableModel[DpiaVersion]):
    class Columns(IntEnum):
        VERSION = 0
        SAVED = 1
        BY = 2
        SUMMARY = 3

    headers = {
        Columns.VERSION: "Version",
        Columns.SAVED: "Saved",
        Columns.BY: "By",
        Columns.SUMMARY: "What changed",
    }

    def display(self, row: DpiaVersion, column: int) -> str:
        match column:
            case self.Columns.VERSION:
                return str(row.version)
            case self.Columns.SAVED:
                return f"{row.saved_at.astimezone(LONDON):%d/%m/%Y %H:%M}"
            case self.Columns.BY:
                return row.saved_by
            case self.Columns.SUMMARY:
                return row.summary
        return ""

    def sort_key(self, row: DpiaVersion, column: int) -> Any:
        if column in (self.Columns.VERSION, self.Columns.SAVED):
            return row.version
        return super().sort_key(row, column)

    def record_id(self, row: DpiaVersion) -> Any:
        return row.version
