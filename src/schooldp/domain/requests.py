"""Rights requests: types, statuses, the child-maturity rule, exemptions and what a reply holds.

Sources: policy sections 9 and 10, UK GDPR Arts 12-22, Data Protection Act 2018 (s.208 and
Schedules 2-3), ICO right-of-access guidance, the Data (Use and Access) Act 2025 and the
Education (Pupil Information) (England) Regulations 2005. Due dates are not worked out here:
they come from `schooldp.domain.deadlines`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.school import Nation, SchoolType, educational_record_right_applies

__all__ = [
    "ADULT_AGE",
    "ALLOWED_TRANSITIONS",
    "CHILD_MATURITY_AGE",
    "MAX_ID_DOCUMENTS",
    "REFUSAL_LETTER_MUST_SAY",
    "RESPONSE_CHECKLIST",
    "Channel",
    "ChecklistItem",
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
    "UnfoundedOrExcessive",
    "UnfoundedAction",
    "UnfoundedGround",
    "add_id_document",
    "can_transition",
    "child_rule",
    "educational_record_applies",
    "educational_record_problem",
    "next_statuses",
    "transition",
    "validate_id_documents",
]


# --------------------------------------------------------------------------------------------
# What is asked, how, by whom
# --------------------------------------------------------------------------------------------


class RequestType(Enum):
    SUBJECT_ACCESS = "subject_access"
    EDUCATIONAL_RECORD = "educational_record"
    RECTIFICATION = "rectification"
    ERASURE = "erasure"
    RESTRICTION = "restriction"
    OBJECTION = "objection"
    PORTABILITY = "portability"
    WITHDRAW_CONSENT = "withdraw_consent"
    STOP_DIRECT_MARKETING = "stop_direct_marketing"
    AUTOMATED_DECISIONS = "automated_decisions"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return _TYPE_TEXT[self][0]

    @property
    def legal_basis(self) -> str:
        """The law (and policy section) behind the right, for letters and the request page."""
        return _TYPE_TEXT[self][1]

    @property
    def time_limit(self) -> str:
        """The limit in words; the date itself comes from the deadline engine."""
        if self is RequestType.EDUCATIONAL_RECORD:
            return "15 school days from the written request"  # Pupil Information Regs reg 5
        if self is RequestType.COMPLAINT:
            return "Acknowledge within 30 days; outcome without undue delay"  # DPA s.164A
        return "One month from receipt, extendable by two months"  # UK GDPR Art 12(3)

    @property
    def may_be_extended(self) -> bool:
        """UK GDPR Art 12(3) lets rights requests be extended; reg 5 and complaints do not."""
        return self not in (RequestType.EDUCATIONAL_RECORD, RequestType.COMPLAINT)


_TYPE_TEXT: dict[RequestType, tuple[str, str]] = {
    RequestType.SUBJECT_ACCESS: (
        "Subject access request",
        "UK GDPR Article 15; policy section 9.1",
    ),
    RequestType.EDUCATIONAL_RECORD: (
        "Parent's request to see the educational record",
        "Education (Pupil Information) (England) Regulations 2005, regulation 5; policy section 10",
    ),
    RequestType.RECTIFICATION: (
        "Rectification (correct inaccurate data)",
        "UK GDPR Article 16; policy section 9.4",
    ),
    RequestType.ERASURE: ("Erasure", "UK GDPR Article 17; policy section 9.4"),
    RequestType.RESTRICTION: (
        "Restriction of processing",
        "UK GDPR Article 18; policy section 9.4",
    ),
    RequestType.OBJECTION: (
        "Objection to processing",
        "UK GDPR Article 21(1); policy section 9.4",
    ),
    RequestType.PORTABILITY: ("Data portability", "UK GDPR Article 20; policy section 9.4"),
    RequestType.WITHDRAW_CONSENT: (
        "Withdrawal of consent",
        "UK GDPR Article 7(3); policy sections 9.4 and 12",
    ),
    RequestType.STOP_DIRECT_MARKETING: (
        "Stop direct marketing",
        "UK GDPR Article 21(2)-(3); policy section 9.4",
    ),
    RequestType.AUTOMATED_DECISIONS: (
        "Challenge to an automated decision",
        "UK GDPR Articles 22A-22D (Data (Use and Access) Act 2025); policy section 9.4",
    ),
    RequestType.COMPLAINT: (
        "Data protection complaint",
        "Data Protection Act 2018 s.164A, inserted by the Data (Use and Access) Act 2025",
    ),
}


class Channel(Enum):
    """A request can arrive in any form (policy section 9.1; ICO right-of-access guidance)."""

    LETTER = "letter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    SOCIAL_MEDIA = "social_media"
    VIA_STAFF = "via_staff"

    @property
    def label(self) -> str:
        return {
            Channel.LETTER: "Letter",
            Channel.EMAIL: "Email",
            Channel.PHONE: "Phone",
            Channel.IN_PERSON: "In person",
            Channel.SOCIAL_MEDIA: "Social media",
            Channel.VIA_STAFF: "Via a member of staff",
        }[self]

    @property
    def is_written(self) -> bool:
        """The educational-record right needs a written request (reg 5)."""
        return self in (Channel.LETTER, Channel.EMAIL, Channel.SOCIAL_MEDIA)


class Relationship(Enum):
    """The requester's relationship to the data subject."""

    SELF = "self"
    PARENT_CARER = "parent_carer"
    SOLICITOR = "solicitor"
    OTHER_AUTHORISED = "other_authorised"

    @property
    def label(self) -> str:
        return {
            Relationship.SELF: "The person themselves",
            Relationship.PARENT_CARER: "Parent or carer",
            Relationship.SOLICITOR: "Solicitor",
            Relationship.OTHER_AUTHORISED: "Other authorised third party",
        }[self]

    @property
    def needs_authority(self) -> bool:
        """ICO guidance: a third party must show they may act for the person."""
        return self in (Relationship.SOLICITOR, Relationship.OTHER_AUTHORISED)


# --------------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------------


class ClockEffect(Enum):
    """What a status does to the time limit (the deadline engine does the dates)."""

    RUNNING = "running"
    RESTARTS_ON_RECEIPT = "restarts_on_receipt"  # ID, authority, fee: ICO guidance
    PAUSED = "paused"  # clarification: Data (Use and Access) Act 2025
    STOPPED = "stopped"


class RequestStatus(Enum):
    RECEIVED = "received"
    AWAITING_ID = "awaiting_id"
    AWAITING_AUTHORITY = "awaiting_authority"
    AWAITING_FEE = "awaiting_fee"
    AWAITING_CLARIFICATION = "awaiting_clarification"
    IN_PROGRESS = "in_progress"
    EXTENDED = "extended"
    RESPONDED = "responded"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_TEXT[self][0]

    @property
    def clock(self) -> ClockEffect:
        return _STATUS_TEXT[self][1]

    @property
    def is_open(self) -> bool:
        """Still counting down: shown on the dashboard and the overdue list."""
        return self.clock is not ClockEffect.STOPPED

    @property
    def is_awaiting(self) -> bool:
        return self in _AWAITING


_STATUS_TEXT: dict[RequestStatus, tuple[str, ClockEffect]] = {
    RequestStatus.RECEIVED: ("Received", ClockEffect.RUNNING),
    RequestStatus.AWAITING_ID: ("Awaiting ID", ClockEffect.RESTARTS_ON_RECEIPT),
    RequestStatus.AWAITING_AUTHORITY: (
        "Awaiting proof of authority",
        ClockEffect.RESTARTS_ON_RECEIPT,
    ),
    RequestStatus.AWAITING_FEE: ("Awaiting fee", ClockEffect.RESTARTS_ON_RECEIPT),
    RequestStatus.AWAITING_CLARIFICATION: ("Awaiting clarification", ClockEffect.PAUSED),
    RequestStatus.IN_PROGRESS: ("In progress", ClockEffect.RUNNING),
    RequestStatus.EXTENDED: ("Extended", ClockEffect.RUNNING),
    RequestStatus.RESPONDED: ("Responded", ClockEffect.STOPPED),
    RequestStatus.REFUSED: ("Refused", ClockEffect.STOPPED),
    RequestStatus.WITHDRAWN: ("Withdrawn", ClockEffect.STOPPED),
    RequestStatus.CLOSED: ("Closed", ClockEffect.STOPPED),
}
_AWAITING = frozenset(
    {
        RequestStatus.AWAITING_ID,
        RequestStatus.AWAITING_AUTHORITY,
        RequestStatus.AWAITING_FEE,
        RequestStatus.AWAITING_CLARIFICATION,
    }
)
_ENDINGS = frozenset({RequestStatus.REFUSED, RequestStatus.WITHDRAWN})

# Issue 7: received -> awaiting ID / authority / fee / clarification -> in progress -> extended
# -> responded / refused / withdrawn -> closed. A requester may withdraw, and the school may
# refuse (unfounded or excessive, policy 9.3), at any open stage.
ALLOWED_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.RECEIVED: _AWAITING | {RequestStatus.IN_PROGRESS} | _ENDINGS,
    RequestStatus.AWAITING_ID: (_AWAITING - {RequestStatus.AWAITING_ID})
    | {RequestStatus.IN_PROGRESS}
    | _ENDINGS,
    RequestStatus.AWAITING_AUTHORITY: (_AWAITING - {RequestStatus.AWAITING_AUTHORITY})
    | {RequestStatus.IN_PROGRESS}
    | _ENDINGS,
    RequestStatus.AWAITING_FEE: (_AWAITING - {RequestStatus.AWAITING_FEE})
    | {RequestStatus.IN_PROGRESS}
    | _ENDINGS,
    RequestStatus.AWAITING_CLARIFICATION: (_AWAITING - {RequestStatus.AWAITING_CLARIFICATION})
    | {RequestStatus.IN_PROGRESS}
    | _ENDINGS,
    # Clarification or a fee can still be needed once work has started (ICO guidance).
    RequestStatus.IN_PROGRESS: frozenset(
        {
            RequestStatus.AWAITING_CLARIFICATION,
            RequestStatus.AWAITING_FEE,
            RequestStatus.EXTENDED,
            RequestStatus.RESPONDED,
        }
    )
    | _ENDINGS,
    RequestStatus.EXTENDED: frozenset({RequestStatus.RESPONDED}) | _ENDINGS,
    RequestStatus.RESPONDED: frozenset({RequestStatus.CLOSED}),
    RequestStatus.REFUSED: frozenset({RequestStatus.CLOSED}),
    RequestStatus.WITHDRAWN: frozenset({RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
}


def next_statuses(current: RequestStatus) -> tuple[RequestStatus, ...]:
    """The statuses a request may move to, in display order (for buttons and menus)."""
    allowed = ALLOWED_TRANSITIONS[current]
    return tuple(s for s in RequestStatus if s in allowed)


def can_transition(current: RequestStatus, target: RequestStatus) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


@dataclass(frozen=True)
class StatusChange:
    """A checked status move, ready to be written to the request's timeline."""

    from_status: RequestStatus
    to_status: RequestStatus
    reason: str = ""


def transition(
    current: RequestStatus,
    target: RequestStatus,
    *,
    reason: str = "",
    request_type: RequestType | None = None,
) -> StatusChange:
    """Check a status move and return it; raise ValidationError saying why it is not allowed.

    Extending needs reasons (UK GDPR Art 12(3); policy 9.3) and only applies to requests that
    can be extended; refusing needs reasons (Art 12(4); policy 9.3).
    """
    reason = reason.strip()
    if current is target:
        raise ValidationError(f"The request is already '{current.label}'.", "status")
    if not can_transition(current, target):
        allowed = ", ".join(s.label for s in next_statuses(current)) or "nothing: it is closed"
        raise ValidationError(
            f"A request that is '{current.label}' cannot move to '{target.label}'. "
            f"It can move to: {allowed}.",
            "status",
        )
    if target is RequestStatus.EXTENDED:
        if request_type is not None and not request_type.may_be_extended:
            raise ValidationError(
                f"A {request_type.label.lower()} cannot be extended: {request_type.time_limit.lower()}.",
                "status",
            )
        if not reason:
            raise ValidationError(
                "Give the reasons for the extension: the person must be told why, within "
                "the first month (policy section 9.3).",
                "reason",
            )
    if target is RequestStatus.REFUSED and not reason:
        raise ValidationError(
            "Give the reasons for refusing: the letter must tell the person why (policy section 9.3).",
            "reason",
        )
    return StatusChange(current, target, reason)


# --------------------------------------------------------------------------------------------
# Children's rights
# --------------------------------------------------------------------------------------------

# Policy section 9.2: "Children below the age of 12 are generally not regarded to be mature
# enough"; DPA 2018 s.208 (Scotland): 12 and over presumed to understand.
CHILD_MATURITY_AGE = 12
# Policy section 10 and the age of majority (Family Law Reform Act 1969 s.1).
ADULT_AGE = 18


class ChildPresumption(Enum):
    PARENT_MAY_USUALLY_PROCEED = "parent_may_usually_proceed"
    PUPIL_CONSENT_USUALLY_NEEDED = "pupil_consent_usually_needed"
    PUPIL_CONSENT_NEEDED = "pupil_consent_needed"  # adult pupil
    PUPIL_OWN_REQUEST = "pupil_own_request"
    AUTHORITY_NEEDED = "authority_needed"

    @property
    def label(self) -> str:
        return {
            ChildPresumption.PARENT_MAY_USUALLY_PROCEED: "Parent's request can usually proceed",
            ChildPresumption.PUPIL_CONSENT_USUALLY_NEEDED: "Usually needs the pupil's consent",
            ChildPresumption.PUPIL_CONSENT_NEEDED: "Needs the pupil's consent (adult)",
            ChildPresumption.PUPIL_OWN_REQUEST: "The pupil's own request",
            ChildPresumption.AUTHORITY_NEEDED: "Needs written authority",
        }[self]


@dataclass(frozen=True)
class ChildRightsAdvice:
    """What the policy says for this pupil; the DPO records their own judgement and reasons."""

    pupil_age: int
    nation: Nation
    relationship: Relationship
    presumption: ChildPresumption
    pupil_consent_usually_needed: bool
    presumed_competent: bool
    advice: str
    sources: tuple[str, ...]

    @property
    def offer_consent_letter(self) -> bool:
        """Whether to offer the letter asking the pupil's consent (issue 7)."""
        return self.pupil_consent_usually_needed


_POLICY_92 = (
    "Personal data about a child belongs to that child, and not the child's parents or "
    "carers (policy section 9.2)."
)
_CASE_BY_CASE = (
    "This is not a rule: the pupil's ability to understand their rights is judged case by "
    "case, and the DPO records the decision and the reasons."
)


def child_rule(pupil_age: int, nation: Nation, requester_relationship: Relationship) -> ChildRightsAdvice:
    """The policy's starting point for a request about a pupil, given their age on receipt.

    Policy 9.2 (under 12 a parent's request usually proceeds; 12 and over usually needs the
    pupil's consent; case by case); DPA 2018 s.208 (Scotland: 12+ presumed competent "unless
    the contrary is shown"); ICO right-of-access guidance on children and third parties.
    """
    if pupil_age < 0:
        raise ValidationError("The pupil's age cannot be negative.", "pupil_age")
    scotland = nation is Nation.SCOTLAND
    presumed = scotland and pupil_age >= CHILD_MATURITY_AGE
    sources: tuple[str, ...] = ("Policy section 9.2", "ICO right of access guidance: children")
    if scotland:
        sources += ("Data Protection Act 2018 s.208",)
    scot_note = (
        " In Scotland a child of 12 or over is presumed to be mature enough to exercise their "
        "own rights unless the contrary is shown (Data Protection Act 2018 s.208)."
        if presumed
        else ""
    )

    if requester_relationship is Relationship.SELF:
        if pupil_age >= CHILD_MATURITY_AGE:
            text = (
                f"The pupil ({pupil_age}) is asking for their own information. Pupils of 12 and "
                "over are generally regarded as mature enough to do so." + scot_note
            )
        else:
            text = (
                f"The pupil ({pupil_age}) is asking for their own information. A child can "
                "make their own request if they understand what they are asking for; check "
                "this and reply in words they understand."
            )
        return ChildRightsAdvice(
            pupil_age,
            nation,
            requester_relationship,
            ChildPresumption.PUPIL_OWN_REQUEST,
            False,
            presumed,
            f"{text} {_CASE_BY_CASE}",
            sources,
        )

    if requester_relationship.needs_authority:
        who = "the pupil" if pupil_age >= CHILD_MATURITY_AGE else "the pupil or a parent"
        text = (
            f"A {requester_relationship.label.lower()} must show written authority to act. "
            f"The pupil is {pupil_age}: the authority should usually come from {who}"
            + (
                " (a parent with parental responsibility can authorise for a young child)."
                if pupil_age < CHILD_MATURITY_AGE
                else "."
            )
            + scot_note
        )
        return ChildRightsAdvice(
            pupil_age,
            nation,
            requester_relationship,
            ChildPresumption.AUTHORITY_NEEDED,
            pupil_age >= CHILD_MATURITY_AGE,
            presumed,
            f"{_POLICY_92} {text} {_CASE_BY_CASE}",
            (*sources, "ICO right of access guidance: requests made on behalf of others"),
        )

    # A parent or carer asking about their child.
    if pupil_age >= ADULT_AGE:
        text = (
            f"The pupil is {pupil_age}, an adult: a parent can only have their information with "
            "the pupil's written consent."
        )
        return ChildRightsAdvice(
            pupil_age,
            nation,
            requester_relationship,
            ChildPresumption.PUPIL_CONSENT_NEEDED,
            True,
            True,
            f"{_POLICY_92} {text}",
            sources,
        )
    if pupil_age >= CHILD_MATURITY_AGE:
        text = (
            f"The pupil is {pupil_age}. Children aged 12 and above are generally regarded as "
            "mature enough to understand their rights, so most requests from parents or carers "
            "are not granted without the pupil's express permission." + scot_note
        )
        presumption = ChildPresumption.PUPIL_CONSENT_USUALLY_NEEDED
    else:
        text = (
            f"The pupil is {pupil_age}. Children below the age of 12 are generally not "
            "regarded as mature enough to understand their rights, so most requests from "
            "parents or carers can be granted without the pupil's express permission."
        )
        presumption = ChildPresumption.PARENT_MAY_USUALLY_PROCEED
    return ChildRightsAdvice(
        pupil_age,
        nation,
        requester_relationship,
        presumption,
        pupil_age >= CHILD_MATURITY_AGE,
        presumed,
        f"{_POLICY_92} {text} {_CASE_BY_CASE}",
        sources,
    )


def educational_record_problem(school_type: SchoolType, nation: Nation, pupil_age: int) -> str | None:
    """Why the parents' educational-record right does not apply, or None if it does.

    Education (Pupil Information) (England) Regulations 2005 reg 5 (maintained schools in
    England) and policy section 10 ("applies as long as the pupil is aged under 18").
    """
    if not educational_record_right_applies(school_type, nation):
        return (
            f"The parents' right to the educational record applies to maintained schools in "
            f"England; this is a {school_type.label.lower()} in {nation.label}. Treat the "
            "request as a subject access request."
        )
    if pupil_age >= ADULT_AGE:
        return (
            f"The pupil is {pupil_age}: the parents' right to the educational record ends at "
            "18 (policy section 10). Treat it as a request needing the pupil's consent."
        )
    return None


def educational_record_applies(school_type: SchoolType, nation: Nation, pupil_age: int) -> bool:
    """Whether to offer the educational-record request type (policy section 10)."""
    return educational_record_problem(school_type, nation, pupil_age) is None


# --------------------------------------------------------------------------------------------
# Exemptions and the disclosure schedule
# --------------------------------------------------------------------------------------------


class Exemption(Enum):
    SERIOUS_HARM = "serious_harm"
    ABUSE = "abuse"
    THIRD_PARTY = "third_party"
    LEGAL_PRIVILEGE = "legal_privilege"
    CONFIDENTIAL_REFERENCE = "confidential_reference"
    EXAM_SCRIPTS_AND_MARKS = "exam_scripts_and_marks"
    CRIME = "crime"
    MANAGEMENT_FORECASTS = "management_forecasts"
    NEGOTIATIONS = "negotiations"

    @property
    def label(self) -> str:
        return _EXEMPTIONS[self][0]

    @property
    def source(self) -> str:
        return _EXEMPTIONS[self][1]


# Policy section 9.3 lists these; the Act gives the detail.
_EXEMPTIONS: dict[Exemption, tuple[str, str]] = {
    Exemption.SERIOUS_HARM: (
        "Serious harm to physical or mental health",
        "DPA 2018 Sch 3 Pts 2 and 4 (health and education data, serious harm test); policy 9.3",
    ),
    Exemption.ABUSE: (
        "Abuse, where disclosure is not in the child's best interests",
        "DPA 2018 Sch 3 Pt 5 (child abuse data); policy 9.3",
    ),
    Exemption.THIRD_PARTY: (
        "Another person's data that cannot be anonymised, without their consent",
        "DPA 2018 Sch 2 Pt 3 paras 16-17; policy 9.3",
    ),
    Exemption.LEGAL_PRIVILEGE: (
        "Legal professional privilege",
        "DPA 2018 Sch 2 Pt 4 para 19; policy 9.3",
    ),
    Exemption.CONFIDENTIAL_REFERENCE: (
        "Confidential reference",
        "DPA 2018 Sch 2 Pt 4 para 24; policy 9.3",
    ),
    Exemption.EXAM_SCRIPTS_AND_MARKS: (
        "Exam scripts, or exam marks before they are published",
        "DPA 2018 Sch 2 Pt 4 para 25; policy sections 9.3 and 10",
    ),
    Exemption.CRIME: (
        "Prevention or detection of crime",
        "DPA 2018 Sch 2 Pt 1 para 2; policy 9.3",
    ),
    Exemption.MANAGEMENT_FORECASTS: (
        "Management forecasts or planning",
        "DPA 2018 Sch 2 Pt 4 para 22; policy 9.3",
    ),
    Exemption.NEGOTIATIONS: (
        "Negotiations with the requester",
        "DPA 2018 Sch 2 Pt 4 para 23; policy 9.3",
    ),
}


class DisclosureOutcome(Enum):
    INCLUDED = "included"
    REDACTED = "redacted"
    WITHHELD = "withheld"

    @property
    def label(self) -> str:
        return {
            DisclosureOutcome.INCLUDED: "Included",
            DisclosureOutcome.REDACTED: "Included with redactions",
            DisclosureOutcome.WITHHELD: "Withheld",
        }[self]


@dataclass(frozen=True)
class DisclosureDecision:
    """One item on the disclosure schedule, so the decision can be defended later (issue 7).

    Anything held back, in part or whole, must name the exemption relied on (policy 9.3).
    """

    item: str
    outcome: DisclosureOutcome
    exemptions: tuple[Exemption, ...] = ()
    note: str = ""
    location: SearchLocation | None = None

    def __post_init__(self) -> None:
        if not self.item.strip():
            raise ValidationError("Describe the document or item.", "item")
        if self.outcome is DisclosureOutcome.INCLUDED and self.exemptions:
            raise ValidationError(
                "An item included in full relies on no exemption; choose 'redacted' or 'withheld' instead.",
                "exemptions",
            )
        if self.outcome is not DisclosureOutcome.INCLUDED and not self.exemptions:
            verb = "withheld" if self.outcome is DisclosureOutcome.WITHHELD else "redacted"
            raise ValidationError(
                f"Choose the exemption relied on: an item cannot be {verb} without one.",
                "exemptions",
            )
        if len(set(self.exemptions)) != len(self.exemptions):
            raise ValidationError("An exemption is listed twice.", "exemptions")


# --------------------------------------------------------------------------------------------
# Identity, search, unfounded or excessive
# --------------------------------------------------------------------------------------------


class IdDocumentType(Enum):
    PASSPORT = "passport"
    DRIVING_LICENCE = "driving_licence"
    BIRTH_CERTIFICATE = "birth_certificate"
    UTILITY_BILL = "utility_bill"
    BANK_STATEMENT = "bank_statement"
    COUNCIL_TAX_BILL = "council_tax_bill"
    KNOWN_TO_STAFF = "known_to_staff"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            IdDocumentType.PASSPORT: "Passport",
            IdDocumentType.DRIVING_LICENCE: "Driving licence",
            IdDocumentType.BIRTH_CERTIFICATE: "Birth certificate",
            IdDocumentType.UTILITY_BILL: "Utility bill",
            IdDocumentType.BANK_STATEMENT: "Bank statement",
            IdDocumentType.COUNCIL_TAX_BILL: "Council tax bill",
            IdDocumentType.KNOWN_TO_STAFF: "Known to staff (recognised in person)",
            IdDocumentType.OTHER: "Other",
        }[self]


# Policy section 9.3: "May ask the individual to provide 2 forms of identification".
MAX_ID_DOCUMENTS = 2


@dataclass(frozen=True)
class IdDocument:
    """That an ID document was seen, and when: never a copy or its number (data minimisation)."""

    document_type: IdDocumentType
    date_seen: date
    seen_by: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if self.document_type is IdDocumentType.OTHER and not self.description.strip():
            raise ValidationError("Say what the other ID document was.", "description")


def validate_id_documents(documents: Sequence[IdDocument]) -> None:
    """Raise ValidationError if more ID was recorded than the policy allows asking for."""
    if len(documents) > MAX_ID_DOCUMENTS:
        raise ValidationError(
            f"Record at most {MAX_ID_DOCUMENTS} forms of ID: the policy only allows asking for "
            "two (policy section 9.3).",
            "id_documents",
        )


def add_id_document(documents: Sequence[IdDocument], document: IdDocument) -> tuple[IdDocument, ...]:
    """The ID list with one more document, refused past two."""
    updated = (*documents, document)
    validate_id_documents(updated)
    return updated


class SearchLocation(Enum):
    MIS = "mis"
    EMAIL = "email"
    SAFEGUARDING = "safeguarding"
    PAPER_FILES = "paper_files"
    CCTV = "cctv"
    CLOUD_DRIVES = "cloud_drives"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            SearchLocation.MIS: "Management information system (MIS)",
            SearchLocation.EMAIL: "Email",
            SearchLocation.SAFEGUARDING: "Safeguarding system",
            SearchLocation.PAPER_FILES: "Paper files",
            SearchLocation.CCTV: "CCTV",
            SearchLocation.CLOUD_DRIVES: "Cloud drives",
            SearchLocation.OTHER: "Other",
        }[self]


@dataclass(frozen=True)
class SearchRecord:
    """One place searched: the log shows the search was reasonable and proportionate.

    Data (Use and Access) Act 2025: a controller need only make reasonable and proportionate
    searches; recording them is how that is shown.
    """

    location: SearchLocation
    searched_by: str
    searched_on: date
    items_found: int = 0
    description: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.searched_by.strip():
            raise ValidationError("Say who searched.", "searched_by")
        if self.location is SearchLocation.OTHER and not self.description.strip():
            raise ValidationError("Say where else was searched.", "description")
        if self.items_found < 0:
            raise ValidationError("The number of items found cannot be negative.", "items_found")


class UnfoundedGround(Enum):
    MANIFESTLY_UNFOUNDED = "manifestly_unfounded"
    MANIFESTLY_EXCESSIVE = "manifestly_excessive"

    @property
    def label(self) -> str:
        return {
            UnfoundedGround.MANIFESTLY_UNFOUNDED: "Manifestly unfounded",
            UnfoundedGround.MANIFESTLY_EXCESSIVE: "Manifestly excessive",
        }[self]


class UnfoundedAction(Enum):
    REFUSE = "refuse"
    CHARGE_FEE = "charge_fee"

    @property
    def label(self) -> str:
        return {
            UnfoundedAction.REFUSE: "Refuse to act on the request",
            UnfoundedAction.CHARGE_FEE: "Charge a reasonable fee",
        }[self]


@dataclass(frozen=True)
class UnfoundedOrExcessive:
    """The decision on an unfounded or excessive request (UK GDPR Art 12(5); policy 9.3).

    Reasons are required because the refusal letter must give them (Art 12(4)); a fee must be
    a reasonable administrative cost, so an amount is required when charging.
    """

    ground: UnfoundedGround
    action: UnfoundedAction
    reasons: str
    repetitive: bool = False  # policy 9.3: "whether the request is repetitive in nature"
    fee_pence: int | None = None

    def __post_init__(self) -> None:
        if not self.reasons.strip():
            raise ValidationError(
                "Give the reasons: the person must be told why (policy section 9.3).", "reasons"
            )
        if self.action is UnfoundedAction.CHARGE_FEE:
            if self.fee_pence is None or self.fee_pence <= 0:
                raise ValidationError(
                    "Enter the fee: a reasonable amount to cover administrative costs.",
                    "fee_pence",
                )
        elif self.fee_pence is not None:
            raise ValidationError("A refusal does not charge a fee.", "fee_pence")

    @property
    def resulting_status(self) -> RequestStatus:
        if self.action is UnfoundedAction.REFUSE:
            return RequestStatus.REFUSED
        return RequestStatus.AWAITING_FEE


# Policy section 9.3 and UK GDPR Art 12(4): what every refusal letter must say.
REFUSAL_LETTER_MUST_SAY: tuple[str, ...] = (
    "The reasons for refusing",
    "The right to complain to the Information Commissioner's Office (ICO)",
    "The right to seek to enforce the right through the courts",
)


# --------------------------------------------------------------------------------------------
# What the response must include
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    source: str


# Policy section 9.1 (UK GDPR Art 15(1)-(2)): what a subject access response contains.
RESPONSE_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("confirmation", "Confirmation that their personal data is being processed", "Art 15(1)"),
    ChecklistItem("copy", "A copy of the data", "Art 15(3)"),
    ChecklistItem("purposes", "The purposes of the processing", "Art 15(1)(a)"),
    ChecklistItem("categories", "The categories of personal data concerned", "Art 15(1)(b)"),
    ChecklistItem("recipients", "Who the data has been, or will be, shared with", "Art 15(1)(c)"),
    ChecklistItem(
        "retention",
        "How long the data will be kept, or the criteria used to decide",
        "Art 15(1)(d)",
    ),
    ChecklistItem(
        "rights",
        "The right to ask for rectification or erasure, to restrict, or to object",
        "Art 15(1)(e)",
    ),
    ChecklistItem("ico_complaint", "The right to complain to the ICO", "Art 15(1)(f)"),
    ChecklistItem("source", "Where the data came from, if not from them", "Art 15(1)(g)"),
    ChecklistItem(
        "automated_decisions",
        "Any automated decision-making, its logic, significance and consequences",
        "Art 15(1)(h)",
    ),
    ChecklistItem(
        "transfers",
        "The safeguards for any transfer of the data outside the UK",
        "Art 15(2)",
    ),
)
