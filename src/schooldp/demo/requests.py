"""Demo requests: the year `requests.json` scripts, logged and worked through RequestService.

Subject access from parents and from a member of staff in a grievance, a solicitor's request,
an erasure request, a parent's educational-record request, a data protection complaint, one
request overdue and one paused for ID. The term dates are stored too, so the 15 school days of
an educational-record request can be counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from schooldp.demo.data import Json, load, member
from schooldp.documents.registry import letter_type
from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term
from schooldp.domain.clock import LONDON, FrozenClock
from schooldp.domain.consent import school_year_start
from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.people import age_on
from schooldp.domain.requests import (
    Channel,
    DisclosureDecision,
    DisclosureOutcome,
    Exemption,
    IdDocument,
    IdDocumentType,
    Relationship,
    RequestStatus,
    RequestType,
    SearchLocation,
    SearchRecord,
    child_rule,
    educational_record_problem,
)
from schooldp.domain.school import SchoolProfile
from schooldp.services.letters import LetterService
from schooldp.services.people import PeopleService
from schooldp.services.requests import (
    ChildDecision,
    ChildJudgement,
    NewRequest,
    Requester,
    RequestService,
    Subject,
    SubjectKind,
    load_school_calendar,
    save_school_calendar,
)
from schooldp.services.school import SchoolSession

# A pupil on the register with the parent or carer who asks about them.
Family = tuple[Subject, Requester]


@dataclass(frozen=True)
class _Script:
    """What every scripted step needs: the services, the school and the demo's today."""

    service: RequestService
    letters: LetterService
    profile: SchoolProfile
    today: date
    data: Json
    clock: FrozenClock

    def ago(self, step: Json) -> date:
        return self.today - timedelta(days=step["days_ago"])

    def happen(self, step: Json, order: int) -> None:
        """Move the clock to the step's own day (a step with no day of its own stays on the last),
        so its audit entry and letter log stamp read as when it happened."""
        if "days_ago" not in step:
            self.clock.advance(timedelta(minutes=7))
            return
        day = self.ago(step)
        if day >= self.today:
            return  # today's steps keep the demo's own time
        self.clock.set(datetime.combine(day, time(9, 10), LONDON) + timedelta(minutes=23 * order))


def seed(session: SchoolSession, clock: FrozenClock) -> None:
    data = load("requests")
    today = clock.today()
    if load_school_calendar(session) is None:
        save_school_calendar(session, demo_calendar(data["calendar"], today))
    script = _Script(
        RequestService(session, today=lambda: today),
        LetterService(session),
        session.profile(),
        today,
        data,
        clock,
    )
    families, staff = _people(session, data["people"])
    start = clock.now()
    for number, request in enumerate(data["requests"]):
        script.happen(request, number)
        logged = _log(script, request, families, staff)
        if logged is None:
            continue
        for order, step in enumerate(request["steps"], start=1):
            script.happen(step, number + order)
            _STEPS[step["do"]](script, logged, step)
        clock.set(start)


def demo_calendar(data: Json, today: date) -> SchoolCalendar:
    """Last, this and next school year's terms, half terms and INSET days."""
    terms: list[Term] = []
    closures: list[Closure] = []
    this_year = school_year_start(today).year
    for offset in data["school_years"]:
        first = this_year + offset
        for term in data["terms"]:
            start = _day(first, term["start"])
            terms.append(Term(term["name"].format(year=start.year), start, _day(first, term["end"])))
        for closure in data["closures"]:
            start = _day(first, closure["start"])
            end = _day(first, closure["end"]) if "end" in closure else start
            closures.append(Closure(start, end, member(ClosureKind, closure["kind"]), closure["label"]))
    return SchoolCalendar(tuple(terms), tuple(closures))


def _day(first_year: int, spec: list[int]) -> date:
    """A date written [years after the school year's first year, month, day]."""
    years_after, month, day = spec
    return date(first_year + years_after, month, day)


def _people(session: SchoolSession, data: Json) -> tuple[list[Family], list[Subject]]:
    """Pupils with a parent or carer who has parental responsibility, and staff, from the register."""
    people = PeopleService(session)
    families: list[Family] = []
    for p in people.pupils()[: data["pupils_considered"]]:
        links = [c for c in people.contacts_for(p.id or 0) if c.parental_responsibility]
        if not links:
            continue
        c = links[0].contact
        families.append(
            (
                Subject(SubjectKind.PUPIL, p.legal_name, p.id, p.date_of_birth),
                Requester(c.display_name, c.postal_address, c.email, c.phone, "contact", c.id),
            )
        )
    staff = [Subject(SubjectKind.STAFF, s.display_name, s.id) for s in people.staff()]
    return families, staff[: data["staff_considered"]]


def _log(script: _Script, raw: Json, families: list[Family], staff: list[Subject]) -> int | None:
    """Log one scripted request; None if it cannot be made at this school (no such right)."""
    kind = member(RequestType, raw["type"])
    relationship = member(Relationship, raw["relationship"])
    received = script.ago(raw)
    who = raw["subject"]
    if "staff" in who:
        subject = staff[who["staff"]]
        requester = Requester(subject.name, (), "", "", "staff", subject.id)
    else:
        family: Family | None = families[who["pupil"]]
        if kind is RequestType.EDUCATIONAL_RECORD:
            family = next((f for f in families if _record_right(f[0], received, script.profile)), None)
        if family is None:
            return None
        subject, requester = family
    if "requester" in raw:
        requester = _named_requester(script.data["requesters"][raw["requester"]])
    child = None if relationship is Relationship.SELF else _child(script, subject, received, relationship)
    new = NewRequest(
        kind, member(Channel, raw["channel"]), received, requester, relationship, subject, raw["text"], child
    )
    return script.service.log(new).id


def _record_right(subject: Subject, received: date, profile: SchoolProfile) -> bool:
    """Whether parents may see this pupil's educational record (the domain's rule)."""
    if subject.date_of_birth is None:
        return False
    age = age_on(subject.date_of_birth, received)
    return educational_record_problem(profile.school_type, profile.nation, age) is None


def _child(
    script: _Script, subject: Subject, received: date, relationship: Relationship
) -> ChildDecision | None:
    """The DPO's judgement on a request about a pupil: the policy's starting point for their age."""
    if subject.date_of_birth is None:
        return None
    advice = child_rule(age_on(subject.date_of_birth, received), script.profile.nation, relationship)
    judgement = ChildJudgement.SEEK_CONSENT if advice.pupil_consent_usually_needed else ChildJudgement.PROCEED
    return ChildDecision(judgement, script.data["child_judgement_reasons"][judgement.value])


def _named_requester(raw: Json) -> Requester:
    return Requester(raw["name"], tuple(raw["address"]), raw["email"])


# ---- the scripted steps, by their "do" -----------------------------------------------------


def _status(script: _Script, request_id: int, step: Json) -> None:
    status = member(RequestStatus, step["to"])
    script.service.change_status(request_id, status, step.get("reason", ""), script.ago(step))


def _search(script: _Script, request_id: int, step: Json) -> None:
    where = member(SearchLocation, step["where"])
    script.service.add_search(request_id, SearchRecord(where, step["by"], script.ago(step), step["found"]))


def _disclose(script: _Script, request_id: int, step: Json) -> None:
    decision = DisclosureDecision(
        step["item"],
        member(DisclosureOutcome, step["outcome"]),
        tuple(member(Exemption, e) for e in step.get("exemptions", ())),
    )
    script.service.add_disclosure(request_id, decision)


def _extend(script: _Script, request_id: int, step: Json) -> None:
    script.service.extend(request_id, step["reasons"], script.ago(step))


def _ask(script: _Script, request_id: int, step: Json) -> None:
    script.service.ask(request_id, member(ClockEventKind, step["for"]), script.ago(step), step["note"])


def _reply(script: _Script, request_id: int, step: Json) -> None:
    event = script.service.detail(request_id).open_events[0]
    script.service.reply_received(request_id, event.id, script.ago(step))


def _acknowledge(script: _Script, request_id: int, step: Json) -> None:
    script.service.acknowledge_complaint(request_id, script.ago(step))


def _outcome(script: _Script, request_id: int, step: Json) -> None:
    script.service.complaint_outcome(request_id, step["outcome"], script.ago(step))


def _id_seen(script: _Script, request_id: int, step: Json) -> None:
    document = IdDocument(member(IdDocumentType, step["document"]), script.ago(step), step["seen_by"])
    script.service.add_id_document(request_id, document)


def _letter(script: _Script, request_id: int, step: Json) -> None:
    """Write, render and file a request letter, as the Letters button does."""
    plan = script.service.letter(request_id, letter_type(step["letter"]))
    pdf = script.letters.render(plan.letter_type, script.service.letter_data(plan))
    script.letters.record(plan.letter_type, plan.recipient, pdf, case_kind="request", case_id=request_id)


_STEPS: dict[str, Callable[[_Script, int, Json], None]] = {
    "status": _status,
    "search": _search,
    "disclose": _disclose,
    "extend": _extend,
    "ask": _ask,
    "reply": _reply,
    "acknowledge_complaint": _acknowledge,
    "complaint_outcome": _outcome,
    "id_seen": _id_seen,
    "letter": _letter,
}
