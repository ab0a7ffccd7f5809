"""A request's timeline: everything that happened, in date order, letters included."""

from __future__ import annotations

from datetime import datetime

from schooldp.domain.clock import LONDON
from schooldp.domain.requests import ChildJudgement, UnfoundedAction
from schooldp.services.letters import IssuedLetter, LetterService
from schooldp.services.requests.records import RequestRecords
from schooldp.services.requests.views import Decision, RequestDetail, TimelineEntry

CASE_KIND = "request"


class TimelineUseCases(RequestRecords):
    def timeline(self, request_id: int) -> list[TimelineEntry]:
        """Everything that happened, in date order: statuses, clock, ID, searches, decisions, letters."""
        issued = LetterService(self.session).issued(case_kind=CASE_KIND, case_id=request_id)
        return build_timeline(self.detail(request_id), issued)


def build_timeline(d: RequestDetail, letters: list[IssuedLetter]) -> list[TimelineEntry]:
    out = [*_status_entries(d), *_clock_entries(d), *_casework_entries(d)]
    out += [TimelineEntry(dec.on, dec.at, decision_label(dec), dec.reasons, dec.by) for dec in d.decisions]
    out += _disclosure_entries(d)
    out += [_letter_entry(letter) for letter in letters]
    out.sort(key=lambda e: (e.on, e.at))
    return out


def _status_entries(d: RequestDetail) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            h.on,
            h.at,
            f"Status: {h.to_status.label}" if h.from_status else "Request received",
            h.reason,
            h.by,
        )
        for h in d.history
    ]


def _clock_entries(d: RequestDetail) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    for c in d.clock_events:
        out.append(TimelineEntry(c.event.asked, datetime.min, f"Clock: {c.event.kind.label}", c.note, c.by))
        if c.event.received is not None:
            verb = "restarts" if c.event.kind.restarts_clock else "resumes"
            out.append(
                TimelineEntry(c.event.received, datetime.min, "Reply received", f"The clock {verb}.", c.by)
            )
    return out


def _casework_entries(d: RequestDetail) -> list[TimelineEntry]:
    out = [
        TimelineEntry(i.document.date_seen, datetime.min, "ID seen", i.document.document_type.label, i.by)
        for i in d.id_documents
    ]
    for sr in d.searches:
        r = sr.record
        place = r.description or r.location.label
        out.append(
            TimelineEntry(
                r.searched_on,
                datetime.min,
                f"Searched: {place}",
                f"{r.items_found} items, by {r.searched_by}",
                sr.by,
            )
        )
    return out


def _disclosure_entries(d: RequestDetail) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    for dis in d.disclosures:
        x = dis.decision
        ex = "; ".join(e.label for e in x.exemptions)
        detail = x.item + (f" ({ex})" if ex else "")
        out.append(TimelineEntry(dis.at.date(), dis.at, f"Disclosure: {x.outcome.label}", detail, dis.by))
    return out


def _letter_entry(letter: IssuedLetter) -> TimelineEntry:
    local = letter.issued_at.astimezone(LONDON)
    return TimelineEntry(
        local.date(),
        letter.issued_at.replace(tzinfo=None),
        f"Letter: {letter.title}",
        f"To {letter.recipient_name}",
        letter.issued_by,
    )


def decision_label(d: Decision) -> str:
    if d.kind == "child":
        return f"Pupil's rights: {ChildJudgement(d.value).label}"
    if d.kind == "unfounded":
        return f"Unfounded or excessive: {UnfoundedAction(d.value).label}"
    if d.kind == "complaint_ack":
        return "Complaint acknowledged"
    if d.kind == "complaint_outcome":
        return "Complaint outcome sent"
    return d.kind
