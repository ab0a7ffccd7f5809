"""Request letters: which make sense now, and the fields each starts with.

The planner is a table: one small builder per letter type in `LETTER_BUILDERS`, keyed by the
letter type's key. To add a request letter, add its module in `schooldp.documents`, a builder
here, and (if it should be offered) a line in `available_letters`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from schooldp.documents import LetterData, uk_date
from schooldp.documents.letter_type import LetterType
from schooldp.documents.registry import letter_type
from schooldp.domain.requests import ChildJudgement, Relationship, RequestStatus, RequestType, SubjectKind
from schooldp.domain.school import SchoolProfile
from schooldp.services.letters import Recipient
from schooldp.services.requests.letter_wording import (
    CHECKLIST_LABELS,
    RESPONSE_DEFAULTS,
    STAFF_RESPONSE_DEFAULTS,
    disclosure_summary,
)
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import RequestDetail


@dataclass(frozen=True)
class LetterField:
    """A letter field the DPO may edit before the letter is rendered."""

    key: str
    label: str
    multiline: bool = True


@dataclass(frozen=True)
class LetterPlan:
    """A letter for a request, ready to edit, render and record."""

    letter_type: LetterType
    recipient: Recipient
    address: tuple[str, ...]
    salutation: str
    fields: Mapping[str, str]
    editable: tuple[LetterField, ...] = ()
    file_stem: str = ""


@dataclass(frozen=True)
class Addressee:
    recipient: Recipient
    address: tuple[str, ...]
    salutation: str


@dataclass(frozen=True)
class LetterParts:
    """What one letter type adds to the common fields: its own fields, the editable ones, and
    (only if it is not the requester) who it goes to."""

    fields: Mapping[str, str] = field(default_factory=dict)
    editable: tuple[LetterField, ...] = ()
    addressee: Addressee | None = None


LetterBuilder = Callable[[RequestDetail, SchoolProfile, date], LetterParts]

# A house default the DPO edits in the letter, not a rule of law: a week leaves time to reply
# within the one-month limit.
PUPIL_REPLY_DAYS = 7


# --------------------------------------------------------------------------------------------
# One builder per letter type
# --------------------------------------------------------------------------------------------


def acknowledgement(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    due = s.due
    if s.request_type is RequestType.EDUCATIONAL_RECORD and due:
        due_sentence = (
            "The regulations give us 15 school days to let you see the record: "
            f"we will do so by {uk_date(due)} at the latest."
        )
    elif s.due_problem:
        due_sentence = (
            f"We will reply within the time limit the law allows: {s.request_type.time_limit.lower()}."
        )
    elif due:
        due_sentence = f"We will reply by {uk_date(due)} at the latest ({s.request_type.time_limit.lower()})."
    else:
        due_sentence = (
            "The time limit will start when we receive what we have asked you for; "
            "we will then reply within one month."
        )
    next_steps = (
        "We may contact you by phone to confirm the request came from you."
        if s.clock and not s.clock.paused
        else "We will write to you separately about what we need from you."
    )
    return LetterParts(
        {"due_sentence": due_sentence, "next_steps": next_steps},
        (LetterField("request_summary", "What they asked for"), LetterField("next_steps", "Next steps")),
    )


def id_authority(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    needed = (
        "Written authority, signed by the person whose information you are asking for, that you may act for them."
        if d.summary.relationship.needs_authority
        else "Two forms of identification: one with your photograph (such as a passport or driving licence) and one "
        "showing your address (such as a recent utility bill or council tax bill)."
    )
    return LetterParts(
        {"needed": needed, "time_limit": "We will then reply within one month."},
        (LetterField("needed", "What we need"),),
    )


def clarification(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts(
        {"clarification_question": "Which information, or which period, are you most interested in?"},
        (LetterField("clarification_question", "What we need to know"),),
    )


def extension(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    fields = {"extension_reasons": s.extension_reasons or ""}
    if s.clock is not None and s.clock.extension_notice_by is not None:
        fields["original_due"] = uk_date(s.clock.extension_notice_by)
    if s.extended and s.due:
        fields["extended_due"] = uk_date(s.due)
    return LetterParts(fields, (LetterField("extension_reasons", "Reasons for the extension"),))


def pupil_consent(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    """To the pupil, care of the school, asking whether they agree (policy 9.2)."""
    s = d.summary
    first = s.subject.name.split(" ")[0] if s.subject.name else ""
    addressee = Addressee(
        Recipient(s.subject.name, "pupil", str(s.subject.id or "")),
        (f"c/o {profile.name}",),
        first or s.subject.name,
    )
    fields = {
        "requester_description": f"{s.requester.name} ({s.relationship.label.lower()})",
        "reply_by": uk_date(today + timedelta(days=PUPIL_REPLY_DAYS)),
        "request_summary": s.description,
    }
    editable = (
        LetterField("requester_description", "Who asked", multiline=False),
        LetterField("request_summary", "What they asked for"),
        LetterField("reply_by", "Reply by", multiline=False),
    )
    return LetterParts(fields, editable, addressee)


def response(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    """The subject access response with the policy 9.1 items (UK GDPR Art 15)."""
    s = d.summary
    sent, held = disclosure_summary([x.decision for x in d.disclosures])
    fields = {
        "subject_description": "you" if s.relationship is Relationship.SELF else s.subject.name,
        "disclosure_summary": sent,
        "withheld_summary": held,
        **RESPONSE_DEFAULTS,
    }
    if s.subject.kind is SubjectKind.STAFF:
        fields.update(STAFF_RESPONSE_DEFAULTS)
    editable = (
        LetterField("disclosure_summary", "What we are sending"),
        LetterField("withheld_summary", "What is not disclosed, and why"),
        *(LetterField(k, CHECKLIST_LABELS[k]) for k in RESPONSE_DEFAULTS),
    )
    return LetterParts(fields, editable)


def refusal(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    unfounded = d.latest("unfounded")
    refused = next((h for h in reversed(d.history) if h.to_status is RequestStatus.REFUSED), None)
    reasons = (unfounded.reasons if unfounded else "") or (refused.reason if refused else "")
    return LetterParts(
        {"refusal_reasons": reasons}, (LetterField("refusal_reasons", "Reasons for refusing"),)
    )


def complaint_ack(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts(
        {"outcome_note": "We aim to reply within 20 school days and will tell you if it will take longer."},
        (
            LetterField("request_summary", "What the complaint is about"),
            LetterField("outcome_note", "When they will hear"),
        ),
    )


def complaint_outcome(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    outcome = d.latest("complaint_outcome")
    return LetterParts(
        {"complaint_outcome": outcome.reasons if outcome else ""},
        (LetterField("complaint_outcome", "The outcome"),),
    )


def record_access(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    """When and how a parent can see the educational record (reg 5)."""
    s = d.summary
    _sent, held = disclosure_summary([x.decision for x in d.disclosures])
    when = f" by {uk_date(s.due)}" if s.due else ""
    fields = {
        "subject_description": s.subject.name,
        "access_arrangements": (
            f"You can see the record at the school{when}. "
            "Please contact the school office to arrange a time that suits you."
        ),
        "withheld_summary": held.replace("your personal data", "any of the record"),
        "copy_fee": "We will tell you the amount before we make the copy.",
    }
    editable = (
        LetterField("access_arrangements", "How and when they can see it"),
        LetterField("withheld_summary", "What is not shown, and why"),
        LetterField("copy_fee", "Copy fee"),
    )
    return LetterParts(fields, editable)


def rights_outcome(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    return LetterParts({"outcome": ""}, (LetterField("outcome", "What the school has done"),))


LETTER_BUILDERS: Mapping[str, LetterBuilder] = {
    "request_acknowledgement": acknowledgement,
    "request_id_authority": id_authority,
    "request_clarification": clarification,
    "request_extension": extension,
    "request_pupil_consent": pupil_consent,
    "request_response": response,
    "request_refusal": refusal,
    "request_complaint_ack": complaint_ack,
    "request_complaint_outcome": complaint_outcome,
    "request_record_access": record_access,
    "request_rights_outcome": rights_outcome,
}


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------


def _common_fields(d: RequestDetail) -> dict[str, str]:
    s = d.summary
    return {
        "request_title": s.request_type.label,
        "legal_basis": s.request_type.legal_basis.split(";")[0],
        "received_date": uk_date(s.received_on),
        "request_summary": s.description,
        "reference_text": s.reference,
    }


def plan_letter(d: RequestDetail, letter_type: LetterType, profile: SchoolProfile, today: date) -> LetterPlan:
    """The letter's fields: those common to every request letter, then the type's own."""
    s = d.summary
    req = s.requester
    builder = LETTER_BUILDERS.get(letter_type.key)
    parts = builder(d, profile, today) if builder is not None else LetterParts()
    addressee = parts.addressee or Addressee(
        Recipient(req.name, req.kind, str(req.id or "")),
        req.address or ((req.email,) if req.email else ()),
        req.name,
    )
    kind = letter_type.title.split(":")[-1].strip()
    return LetterPlan(
        letter_type=letter_type,
        recipient=addressee.recipient,
        address=addressee.address,
        salutation=addressee.salutation,
        fields={**_common_fields(d), **parts.fields},
        editable=parts.editable,
        file_stem=f"{s.reference} {kind}",
    )


def available_letters(d: RequestDetail) -> tuple[str, ...]:
    """The request letters that make sense now, in the order a DPO would send them."""
    s = d.summary
    t = s.request_type
    if t is RequestType.COMPLAINT:
        keys = ["request_complaint_ack"]
        if d.latest("complaint_outcome") is not None:
            keys.append("request_complaint_outcome")
        return tuple(keys)
    keys = ["request_acknowledgement", "request_id_authority"]
    if t is not RequestType.EDUCATIONAL_RECORD:
        keys.append("request_clarification")
    if _pupil_to_be_asked(d):
        keys.append("request_pupil_consent")
    if s.extended:
        keys.append("request_extension")
    if t is RequestType.SUBJECT_ACCESS:
        keys.append("request_response")
    elif t is RequestType.EDUCATIONAL_RECORD:
        keys.append("request_record_access")
    else:
        keys.append("request_rights_outcome")
    keys.append("request_refusal")
    return tuple(keys)


def _pupil_to_be_asked(d: RequestDetail) -> bool:
    """Offer the pupil's consent letter where policy 9.2 or the DPO's judgement calls for it."""
    if d.child_advice is None:
        return False
    if d.child_advice.offer_consent_letter:
        return True
    return d.child_decision is not None and d.child_decision.judgement is ChildJudgement.SEEK_CONSENT


def letter_choices(d: RequestDetail) -> tuple[tuple[str, str], ...]:
    """(title, key) of each letter that makes sense now, for the page's letter picker."""
    return tuple((letter_type(key).title, key) for key in available_letters(d))


def replace_fields(plan: LetterPlan, **values: str) -> LetterPlan:
    fields = dict(plan.fields)
    fields.update(values)
    return replace(plan, fields=fields)


class LetterUseCases(RequestRecords):
    def letter(self, request_id: int, letter_type: LetterType | str) -> LetterPlan:
        """The fields for a request letter (by type or its key), with the ones the DPO may edit."""
        if isinstance(letter_type, str):
            letter_type = request_letter_type(letter_type)
        return plan_letter(self.detail(request_id), letter_type, self.session.profile(), self.today())

    def letter_data(
        self, plan: LetterPlan, overrides: Mapping[str, str] | None = None, letter_date: date | None = None
    ) -> LetterData:
        fields = dict(plan.fields)
        fields.update({k: v for k, v in (overrides or {}).items()})
        return LetterData(
            school=self.session.profile(),
            recipient_name=plan.recipient.name,
            recipient_address=plan.address,
            letter_date=letter_date or self.today(),
            reference=str(fields.get("reference_text", "")),
            private=True,
            fields=fields,
            salutation=plan.salutation,
        )


def request_letter_type(key: str) -> LetterType:
    """The letter type with this key (KeyError if there is none)."""
    return letter_type(key)
