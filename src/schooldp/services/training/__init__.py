"""Staff training: `TrainingService` is the facade for the Training page, the dashboard and the
annual report. Behind it: `printout` (the attendance sheet) and `dashboard` (staff overdue)."""

from __future__ import annotations

from schooldp.domain.people import Staff
from schooldp.domain.training import (
    DEFAULT_REFRESHER_MONTHS,
    Course,
    CourseKind,
    TrainingSession,
    TrainingStatus,
    training_status,
)
from schooldp.services.training import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.training.service import ImportedStaff, StaffTraining, TrainingService

__all__ = [
    "DEFAULT_REFRESHER_MONTHS",
    "Course",
    "CourseKind",
    "ImportedStaff",
    "Staff",
    "StaffTraining",
    "TrainingService",
    "TrainingSession",
    "TrainingStatus",
    "training_status",
]

del _dashboard
