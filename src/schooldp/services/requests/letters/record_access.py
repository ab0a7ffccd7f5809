"""When and how a parent can see the educational record (Education (Pupil Information)
(England) Regulations 2005 reg 5)."""

from __future__ import annotations

from datetime import date

from schooldp.documents import uk_date
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letter_wording import disclosure_summary
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_record_access"


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    _sent, held = disclosure_summary([x.decision for x in d.disclosures], whole="the record")
    when = f" by {uk_date(s.due)}" if s.due else ""
    fields = {
        "subject_description": s.subject.name,
        "access_arrangements": (
            f"You can see the record at the school{when}. "
            "Please contact the school office to arrange a time that suits you."
        ),
        "withheld_summary": held,
        "copy_fee": "We will tell you the amount before we make the copy.",
    }
    editable = (
        LetterField("access_arrangements", "How and when they can see it"),
        LetterField("withheld_summary", "What is not shown, and why"),
        LetterField("copy_fee", "Copy fee"),
    )
    return LetterParts(fields, editable)
