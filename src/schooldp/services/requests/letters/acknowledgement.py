"""Acknowledgement of a request: when the school will reply; an apology when it is late."""

from __future__ import annotations

from datetime import date, timedelta

from schooldp.documents import uk_date
from schooldp.domain.calendar import working_day_on_or_after
from schooldp.domain.requests import RequestType
from schooldp.domain.school import SchoolProfile
from schooldp.services.requests.letters.plan import LetterField, LetterParts
from schooldp.services.requests.views import RequestDetail

KEY = "request_acknowledgement"

# A house default the DPO edits in the letter, not a rule of law: when an acknowledgement goes
# out after the deadline, the school promises a reply within a week (on a working day).
OVERDUE_REPLY_DAYS = 7


def _due_sentence(d: RequestDetail, profile: SchoolProfile, today: date) -> str:
    s = d.summary
    due = s.due
    if due and today > due and s.status.is_open:
        # UK GDPR Art 12(3): "without undue delay"; a late reply still owes the person an answer.
        reply_by = working_day_on_or_after(today + timedelta(days=OVERDUE_REPLY_DAYS), profile.nation)
        return (
            f"We are sorry that we have not replied within the time the law allows "
            f"({s.request_type.time_limit.lower()}): our reply was due by {uk_date(due)}. "
            f"We will reply by {uk_date(reply_by)} at the latest."
        )
    if s.request_type is RequestType.EDUCATIONAL_RECORD and due:
        return (
            "The regulations give us 15 school days to let you see the record: "
            f"we will do so by {uk_date(due)} at the latest."
        )
    if s.due_problem:
        return f"We will reply within the time limit the law allows: {s.request_type.time_limit.lower()}."
    if due:
        return f"We will reply by {uk_date(due)} at the latest ({s.request_type.time_limit.lower()})."
    return (
        "The time limit will start when we receive what we have asked you for; "
        "we will then reply within one month."
    )


def build(d: RequestDetail, profile: SchoolProfile, today: date) -> LetterParts:
    s = d.summary
    next_steps = (
        "We may contact you by phone to confirm the request came from you."
        if s.clock and not s.clock.paused
        else "We will write to you separately about what we need from you."
    )
    return LetterParts(
        {"due_sentence": _due_sentence(d, profile, today), "next_steps": next_steps},
        (LetterField("request_summary", "What they asked for"), LetterField("next_steps", "Next steps")),
    )
