"""Figures for the annual report's accountability sections: DPIAs, retention and disposal,
training and policies (policy sections 7.2, 13, 14, 16, 18, 19). Counts only, never names."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DutiesFigures"]


@dataclass(frozen=True)
class DutiesFigures:
    dpias: int = 0
    dpias_signed_off: int = 0  # approved by the headteacher in the period
    dpias_awaiting_sign_off: int = 0
    dpias_prior_consultation: int = 0  # a high residual risk remains (Art 36)
    dpias_review_due: int = 0
    disposals: int = 0  # logged in the period
    certificates_missing: int = 0
    purges: int = 0  # SchoolDP's own records deleted after their period, in the period
    staff: int = 0
    staff_in_date: int = 0
    staff_overdue: int = 0
    staff_never: int = 0
    sessions: int = 0  # held in the period
    attendances: int = 0
    refresher_months: int = 12
    policies: int = 0
    policies_in_date: int = 0
    policies_to_review: int = 0
    checklist_met: int = 0
    checklist_year: int = 0
