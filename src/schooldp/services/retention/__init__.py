"""Retention and disposal: `RetentionService` is the facade for the Retention page and the
dashboard. Behind it: `disposals` (the log and the schedule from the record of processing),
`own` (SchoolDP's own retention and the audited purge), `dashboard` (reviews due)."""

from __future__ import annotations

from schooldp.domain.retention import Disposal, DisposalMethod, OwnKind, OwnRule, Period, PurgeCandidate
from schooldp.services.retention import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.retention.disposals import DISPOSAL_REVIEW_MONTHS, ScheduleEntry
from schooldp.services.retention.service import RetentionService

__all__ = [
    "DISPOSAL_REVIEW_MONTHS",
    "Disposal",
    "DisposalMethod",
    "OwnKind",
    "OwnRule",
    "Period",
    "PurgeCandidate",
    "RetentionService",
    "ScheduleEntry",
]

del _dashboard
