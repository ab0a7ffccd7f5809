"""Rights requests: types, statuses, the child-maturity rule, exemptions and what a reply holds.

Sources: policy sections 9 and 10, UK GDPR Arts 12-22, Data Protection Act 2018 (s.164A, s.208
and Schedules 2-3), ICO right-of-access guidance, the Data (Use and Access) Act 2025 and the
Education (Pupil Information) (England) Regulations 2005. Due dates are not worked out here:
they come from `schooldp.domain.deadlines`.

One module per topic: `kinds` (what is asked, how, by whom), `status` (statuses and moves),
`children` (the child-maturity rule), `subjects` (whose data, and the rules that follow),
`casework` (ID, searches, unfounded or excessive), `disclosure` (exemptions and the response
checklist), `complaints` (the s.164A clock).
"""

from __future__ import annotations

from schooldp.domain.requests.casework import (
    MAX_ID_DOCUMENTS,
    REFUSAL_LETTER_MUST_SAY,
    IdDocument,
    IdDocumentType,
    SearchLocation,
    SearchRecord,
    UnfoundedAction,
    UnfoundedGround,
    UnfoundedOrExcessive,
    add_id_document,
    validate_id_documents,
)
from schooldp.domain.requests.children import (
    ADULT_AGE,
    CHILD_MATURITY_AGE,
    ChildJudgement,
    ChildPresumption,
    ChildRightsAdvice,
    child_rule,
    educational_record_applies,
    educational_record_problem,
)
from schooldp.domain.requests.complaints import COMPLAINT_ACKNOWLEDGED, complaint_clock_text
from schooldp.domain.requests.disclosure import (
    RESPONSE_CHECKLIST,
    ChecklistItem,
    DisclosureDecision,
    DisclosureOutcome,
    Exemption,
)
from schooldp.domain.requests.kinds import Channel, Relationship, RequestType
from schooldp.domain.requests.status import (
    ALLOWED_TRANSITIONS,
    ClockEffect,
    RequestStatus,
    StatusChange,
    can_transition,
    next_statuses,
    transition,
)
from schooldp.domain.requests.subjects import (
    Subject,
    SubjectKind,
    check_educational_record_request,
    child_advice,
    educational_record_blocker,
    offered_types,
)

__all__ = [
    "ADULT_AGE",
    "ALLOWED_TRANSITIONS",
    "CHILD_MATURITY_AGE",
    "COMPLAINT_ACKNOWLEDGED",
    "MAX_ID_DOCUMENTS",
    "REFUSAL_LETTER_MUST_SAY",
    "RESPONSE_CHECKLIST",
    "Channel",
    "ChecklistItem",
    "ChildJudgement",
    "ChildPresumption",
    "ChildRightsAdvice",
    "ClockEffect",
    "DisclosureDecision",
    "DisclosureOutcome",
    "Exemption",
    "IdDocument",
    "IdDocumentType",
    "Relationship",
    "RequestStatus",
    "RequestType",
    "SearchLocation",
    "SearchRecord",
    "StatusChange",
    "Subject",
    "SubjectKind",
    "UnfoundedAction",
    "UnfoundedGround",
    "UnfoundedOrExcessive",
    "add_id_document",
    "can_transition",
    "check_educational_record_request",
    "child_advice",
    "child_rule",
    "complaint_clock_text",
    "educational_record_applies",
    "educational_record_blocker",
    "educational_record_problem",
    "next_statuses",
    "offered_types",
    "transition",
    "validate_id_documents",
]
