"""Rights requests and data protection complaints, from the day they arrive to the day they close.

Every date comes from `schooldp.domain.deadlines`; every status move from
`schooldp.domain.requests.transition`. Each change is one transaction with its audit entry
(ids, kinds and counts only: never a name). The UI receives frozen dataclasses, never rows.

The package, one job per module: `views` (the values the page sees), `records` (reading and
writing the vault), `deadline` (a request's clock and due date), `intake`, `clock` (pauses and
the extension), `casework`, `complaints`, `timeline`, `letters` and `letter_wording` (the letter
planner), `export` (the register file), `calendar` (term dates), `attention` (dashboard feed),
and `service` (`RequestService`, built from the use cases).
"""

from __future__ import annotations

from schooldp.domain.requests import (
    ChildJudgement,
    Subject,
    SubjectKind,
    child_advice,
    educational_record_blocker,
    offered_types,
)
from schooldp.services.requests import attention as _attention
from schooldp.services.requests.calendar import (
    CALENDAR_KEY,
    CalendarImport,
    import_calendar_file,
    load_school_calendar,
    save_school_calendar,
)
from schooldp.services.requests.export import EXPORT_HEADERS
from schooldp.services.requests.letter_wording import (
    CHECKLIST_FIELDS,
    RESPONSE_DEFAULTS,
    STAFF_RESPONSE_DEFAULTS,
    disclosure_summary,
)
from schooldp.services.requests.letters import (
    LETTER_BUILDERS,
    LetterField,
    LetterPlan,
    available_letters,
    letter_choices,
    replace_fields,
    request_letter_type,
)
from schooldp.services.requests.records import EARLIEST_DATE
from schooldp.services.requests.service import RequestService
from schooldp.services.requests.timeline import CASE_KIND
from schooldp.services.requests.views import (
    ChildDecision,
    ClockEntry,
    Decision,
    DisclosureEntry,
    IdEntry,
    NewRequest,
    RequestDetail,
    Requester,
    RequestSummary,
    SearchEntry,
    StatusEntry,
    TimelineEntry,
)

_attention.register()

__all__ = [
    "CALENDAR_KEY",
    "CASE_KIND",
    "CHECKLIST_FIELDS",
    "EARLIEST_DATE",
    "EXPORT_HEADERS",
    "LETTER_BUILDERS",
    "RESPONSE_DEFAULTS",
    "STAFF_RESPONSE_DEFAULTS",
    "CalendarImport",
    "ChildDecision",
    "ChildJudgement",
    "ClockEntry",
    "Decision",
    "DisclosureEntry",
    "IdEntry",
    "LetterField",
    "LetterPlan",
    "NewRequest",
    "RequestDetail",
    "RequestService",
    "RequestSummary",
    "Requester",
    "SearchEntry",
    "StatusEntry",
    "Subject",
    "SubjectKind",
    "TimelineEntry",
    "available_letters",
    "child_advice",
    "disclosure_summary",
    "educational_record_blocker",
    "import_calendar_file",
    "letter_choices",
    "load_school_calendar",
    "offered_types",
    "replace_fields",
    "request_letter_type",
    "save_school_calendar",
]
