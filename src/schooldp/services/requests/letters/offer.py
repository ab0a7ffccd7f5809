"""Which request letters make sense now, in the order a DPO would send them."""

from __future__ import annotations

from schooldp.documents.registry import letter_type
from schooldp.domain.requests import ChildJudgement, RequestType
from schooldp.services.requests.letters.id_authority import KEY as ID_AUTHORITY
from schooldp.services.requests.letters.id_authority import offered as id_letter_offered
from schooldp.services.requests.views import RequestDetail


def available_letters(d: RequestDetail) -> tuple[str, ...]:
    """The request letters that make sense now, in the order a DPO would send them."""
    s = d.summary
    t = s.request_type
    if t is RequestType.COMPLAINT:
        keys = ["request_complaint_ack"]
        if d.latest("complaint_outcome") is not None:
            keys.append("request_complaint_outcome")
        return tuple(keys)
    keys = ["request_acknowledgement"]
    if id_letter_offered(d):
        keys.append(ID_AUTHORITY)
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
