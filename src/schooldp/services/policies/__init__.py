"""Policies and reviews: `PoliciesService` is the facade for the Policies page, the dashboard and
the annual report. Behind it: `evidence` (what SchoolDP holds per accountability category) and
`dashboard` (reviews due)."""

from __future__ import annotations

from schooldp.domain.policies import (
    ACCOUNTABILITY_CATEGORIES,
    AccountabilityCategory,
    CheckEntry,
    CheckState,
    PolicyDocument,
    ReviewState,
)
from schooldp.services.policies import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.policies.service import PoliciesService

__all__ = [
    "ACCOUNTABILITY_CATEGORIES",
    "AccountabilityCategory",
    "CheckEntry",
    "CheckState",
    "PoliciesService",
    "PolicyDocument",
    "ReviewState",
]

del _dashboard
