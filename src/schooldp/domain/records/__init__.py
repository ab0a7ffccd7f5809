"""The school's record of processing (UK GDPR Art 30; policy sections 7, 8 and 14).

Modules: `bases` (Art 6 bases incl. recognised legitimate interests, Art 9 + DPA 2018 Sch 1 and
criminal offence data conditions), `subjects` (data subjects and notice audiences), `activity`
(one processing activity with its retention rule), `organisations` (controllers, joint
controllers and processors with their Art 28(3) particulars), `notices` (what each privacy notice
contains and when it is out of date).
"""

from __future__ import annotations

from schooldp.domain.records.activity import RETENTION_GUIDANCE, ProcessingActivity, Retention
from schooldp.domain.records.bases import CriminalCondition, LawfulBasis, Schedule1Condition, SpecialCondition
from schooldp.domain.records.notices import (
    ICO_CONCERNS_URL,
    ICO_PHONE,
    NoticeStatus,
    activities_for,
    rights_for,
)
from schooldp.domain.records.organisations import (
    REVIEW_WARNING_DAYS,
    AgreementKind,
    Art28Particulars,
    Organisation,
    OrgRole,
)
from schooldp.domain.records.subjects import DataSubject, NoticeAudience

__all__ = [
    "ICO_CONCERNS_URL",
    "ICO_PHONE",
    "RETENTION_GUIDANCE",
    "REVIEW_WARNING_DAYS",
    "AgreementKind",
    "Art28Particulars",
    "CriminalCondition",
    "DataSubject",
    "LawfulBasis",
    "NoticeAudience",
    "NoticeStatus",
    "OrgRole",
    "Organisation",
    "ProcessingActivity",
    "Retention",
    "Schedule1Condition",
    "SpecialCondition",
    "activities_for",
    "rights_for",
]
