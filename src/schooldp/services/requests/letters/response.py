"""The subject access response with the policy 9.1 items (UK GDPR Art 15)."""

from __future__ import annotations

from datetime import date

from schooldp.domain.requests import Relationship, SubjectKind
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letter_wording import (
    CHECKLIST_LABELS,
    RESPONSE_DEFAULTS,
    STAFF_RESPONSE_DEFAULTS,
    discloses_anything,
    disclosure_summary,
)
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_response"


def _about(d: RequestDetail) -> str:
    s = d.summary
    if s.relationship is Relationship.SELF:
        return "you"
    if s.relationship is Relationship.PARENT_CARER and s.subject.kind is SubjectKind.PUPIL:
        return f"your child, {s.subject.name}"
    return s.subject.name


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    decisions = [x.decision for x in d.disclosures]
    sent, held = disclosure_summary(decisions)
    about = _about(d)
    # "We enclose" only when something is sent (nothing decided yet means the whole copy).
    confirmation = (
        f"We confirm that we process personal data about {about}, and we enclose a copy of it."
        if discloses_anything(decisions)
        else f"We confirm that we process personal data about {about}. We are not able to send "
        "you a copy of any of it: the reasons are below."
    )
    fields = {
        "subject_description": about,
        "confirmation": confirmation,
        "disclosure_summary": sent,
        "withheld_summary": held,
        **RESPONSE_DEFAULTS,
    }
    if d.summary.subject.kind is SubjectKind.STAFF:
        fields.update(STAFF_RESPONSE_DEFAULTS)
    editable = (
        LetterField("disclosure_summary", "What we are sending"),
        LetterField("withheld_summary", "What is not disclosed, and why"),
        *(LetterField(k, CHECKLIST_LABELS[k]) for k in RESPONSE_DEFAULTS),
    )
    return LetterParts(fields, editable)
