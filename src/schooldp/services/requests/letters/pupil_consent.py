"""To the pupil, care of the school, asking whether they agree to a request about them (policy 9.2)."""

from __future__ import annotations

from datetime import date, timedelta

from schooldp.documents import uk_date
from schooldp.domain.calendar import working_day_on_or_after
from schooldp.domain.school import SchoolProfile
from schooldp.services.letters import Recipient
from schooldp.services.requests.letters.plan import Addressee, LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_pupil_consent"

# A house default the DPO edits in the letter, not a rule of law: a week leaves time to reply
# within the one-month limit.
PUPIL_REPLY_DAYS = 7


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    first = s.subject.name.split(" ")[0] if s.subject.name else ""
    addressee = Addressee(
        Recipient(s.subject.name, "pupil", str(s.subject.id or "")),
        (f"c/o {profile.name}",),
        first or s.subject.name,
    )
    reply_by = working_day_on_or_after(today + timedelta(days=PUPIL_REPLY_DAYS), profile.nation)
    fields = {
        "requester_description": f"{s.requester.name} ({s.relationship.label.lower()})",
        "reply_by": uk_date(reply_by),
        "request_summary": s.description,
    }
    editable = (
        LetterField("requester_description", "Who asked", multiline=False),
        LetterField("request_summary", "What they asked for"),
        LetterField("reply_by", "Reply by", multiline=False),
    )
    return LetterParts(fields, editable, addressee)
