"""The record of processing: activities, organisations, generated privacy notices, exports.

`RecordsService` is the facade the Records page, the dashboard and the annual report use. The
modules behind it: `activities` and `organisations` (the entries in the vault, with history),
`history` (every change kept), `starter` (the starter record a school adopts), `notice_content`
(notice wording from the record), `notices` (generate, keep, out-of-date check), `export` (ICO
template spreadsheet, governors' PDF), `dashboard` (reviews and stale notices), `report`
(annual report figures), `codecs` (entries to and from JSON).
"""

from __future__ import annotations

from schooldp.domain.records import (
    RETENTION_GUIDANCE,
    AgreementKind,
    Art28Particulars,
    CriminalCondition,
    DataSubject,
    LawfulBasis,
    NoticeAudience,
    Organisation,
    OrgRole,
    ProcessingActivity,
    Retention,
    Schedule1Condition,
    SpecialCondition,
)
from schooldp.services.records import dashboard as _dashboard  # registers the dashboard provider
from schooldp.services.records.export import ICO_COLUMNS, SCHOOL_COLUMNS
from schooldp.services.records.history import RecordChange
from schooldp.services.records.notices import GeneratedNotice, NoticeInfo
from schooldp.services.records.service import AdoptResult, RecordsService

__all__ = [
    "ICO_COLUMNS",
    "RETENTION_GUIDANCE",
    "SCHOOL_COLUMNS",
    "AdoptResult",
    "AgreementKind",
    "Art28Particulars",
    "CriminalCondition",
    "DataSubject",
    "GeneratedNotice",
    "LawfulBasis",
    "NoticeAudience",
    "NoticeInfo",
    "OrgRole",
    "Organisation",
    "ProcessingActivity",
    "RecordChange",
    "RecordsService",
    "Retention",
    "Schedule1Condition",
    "SpecialCondition",
]

del _dashboard
