"""Demo requests: a realistic year for the demo school (all people fictional).

Subject access from parents and from a member of staff in a grievance, a solicitor's request,
an erasure request, a parent's educational-record request, a data protection complaint, one
request overdue and one paused for ID. Term dates for the year are stored too, so the 15 school
days can be counted.
"""

from __future__ import annotations

from datetime import date, timedelta

from schooldp.documents.registry import letter_type
from schooldp.domain.calendar import Closure, ClosureKind, SchoolCalendar, Term
from schooldp.domain.consent import school_year_start
from schooldp.domain.deadlines import ClockEventKind
from schooldp.domain.errors import SchoolDPError
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
)
from schooldp.services.letters import LetterService
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


def demo_calendar(today: date) -> SchoolCalendar:
    """This school year's and next year's terms, half terms and INSET days (typical English dates)."""
    terms: list[Term] = []
    closures: list[Closure] = []
    first = school_year_start(today).year
    for y in (first - 1, first, first + 1):
        terms += [
            Term(f"Autumn term {y}", date(y, 9, 3), date(y, 12, 18)),
            Term(f"Spring term {y + 1}", date(y + 1, 1, 5), date(y + 1, 3, 27)),
            Term(f"Summer term {y + 1}", date(y + 1, 4, 13), date(y + 1, 7, 21)),
        ]
        closures += [
            Closure(date(y, 10, 26), date(y, 10, 30), ClosureKind.CLOSURE, "October half term"),
            Closure(date(y + 1, 2, 16), date(y + 1, 2, 20), ClosureKind.CLOSURE, "February half term"),
            Closure(date(y + 1, 5, 25), date(y + 1, 5, 29), ClosureKind.CLOSURE, "May half term"),
            Closure.day(date(y, 9, 3), ClosureKind.INSET, "INSET day"),
            Closure.day(date(y + 1, 1, 5), ClosureKind.INSET, "INSET day"),
        ]
    return SchoolCalendar(tuple(terms), tuple(closures))


def _people(session: SchoolSession, today: date) -> tuple[list[tuple[Subject, Requester]], list[Subject]]:
    """(pupil subjects with a parent requester, staff subjects) from the demo register, if any."""
    pairs: list[tuple[Subject, Requester]] = []
    staff: list[Subject] = []
    try:
        from schooldp.services.people import PeopleService

        people = PeopleService(session)
        for p in people.pupils()[:40]:
            links = [c for c in people.contacts_for(p.id or 0) if c.parental_responsibility]
            if not links:
                continue
            c = links[0].contact
            pairs.append(
                (
                    Subject(SubjectKind.PUPIL, p.legal_name, p.id, p.date_of_birth),
                    Requester(c.display_name, c.postal_address, c.email, c.phone, "contact", c.id),
                )
            )
        staff = [Subject(SubjectKind.STAFF, s.display_name, s.id) for s in people.staff()[:5]]
    except (ImportError, SchoolDPError):
        pass
    fallback = [
        ("Ava Demo-Pupil", date(today.year - 9, 4, 2), "Mrs Hannah Demo-Pupil"),
        ("Noah Sample", date(today.year - 12, 1, 19), "Mr Daniel Sample"),
        ("Isla Example", date(today.year - 7, 11, 5), "Ms Grace Example"),
        ("Leo Fictional", date(today.year - 10, 6, 30), "Mrs Amira Fictional"),
    ]
    for name, dob, parent in fallback[len(pairs) :]:
        pairs.append(
            (
                Subject(SubjectKind.PUPIL, name, None, dob),
                Requester(parent, ("1 Demo Street", "Sampleton", "SA1 1AA"), "parent@example.org"),
            )
        )
    if not staff:
        staff = [
            Subject(SubjectKind.STAFF, "Chris Teacher-Demo"),
            Subject(SubjectKind.STAFF, "Sam Assistant-Demo"),
        ]
    return pairs, staff


def seed(session: SchoolSession, today: date) -> None:
    if load_school_calendar(session) is None:
        save_school_calendar(session, demo_calendar(today))
    svc = RequestService(session, today=lambda: today)
    pairs, staff = _people(session, today)
    ago = lambda days: today - timedelta(days=days)  # noqa: E731

    def child(subject: Subject, received: date) -> ChildDecision | None:
        if subject.date_of_birth is None:
            return None
        if age_on(subject.date_of_birth, received) >= 12:
            return ChildDecision(ChildJudgement.SEEK_CONSENT, "Old enough to understand: asked first.")
        return ChildDecision(ChildJudgement.PROCEED, "Too young to understand the request; parent has PR.")

    def log(rtype, channel, days, pair_or_staff, relationship, text, requester=None):  # type: ignore[no-untyped-def]
        if isinstance(pair_or_staff, tuple):
            subject, parent = pair_or_staff
        else:
            subject, parent = (
                pair_or_staff,
                Requester(pair_or_staff.name, (), "", "", "staff", pair_or_staff.id),
            )
        received = ago(days)
        return svc.log(
            NewRequest(
                rtype,
                channel,
                received,
                requester or parent,
                relationship,
                subject,
                text,
                child(subject, received) if relationship is not Relationship.SELF else None,
            )
        )

    letters = LetterService(session)

    def letter(request_id: int, key: str) -> None:
        plan = svc.letter(request_id, letter_type(key))
        pdf = letters.render(plan.letter_type, svc.letter_data(plan))
        letters.record(plan.letter_type, plan.recipient, pdf, case_kind="request", case_id=request_id)

    # 1. A parent's SAR, answered and closed.
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.EMAIL,
        320,
        pairs[0],
        Relationship.PARENT_CARER,
        "Copies of my child's behaviour records and emails about the lunchtime incident.",
    )
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(318))
    svc.add_search(r.id, SearchRecord(SearchLocation.MIS, "Office manager", ago(310), 12))
    svc.add_search(r.id, SearchRecord(SearchLocation.EMAIL, "IT technician", ago(309), 23))
    svc.add_disclosure(r.id, DisclosureDecision("Behaviour log entries", DisclosureOutcome.INCLUDED))
    svc.add_disclosure(
        r.id,
        DisclosureDecision(
            "Witness statement by another pupil", DisclosureOutcome.REDACTED, (Exemption.THIRD_PARTY,)
        ),
    )
    svc.change_status(r.id, RequestStatus.RESPONDED, "Sent by secure email", ago(295))
    svc.change_status(r.id, RequestStatus.CLOSED, on=ago(290))

    # 2. A staff member's SAR in a grievance: extended, answered.
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.LETTER,
        240,
        staff[0],
        Relationship.SELF,
        "All emails and notes mentioning me since January, for my grievance.",
    )
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(238))
    svc.extend(r.id, "Over 900 emails to review for other staff members' data.", ago(225))
    svc.add_search(r.id, SearchRecord(SearchLocation.EMAIL, "IT technician", ago(220), 912))
    svc.add_disclosure(
        r.id,
        DisclosureDecision(
            "Legal advice to the governors", DisclosureOutcome.WITHHELD, (Exemption.LEGAL_PRIVILEGE,)
        ),
    )
    svc.change_status(r.id, RequestStatus.RESPONDED, "Handed over in person", ago(175))
    svc.change_status(r.id, RequestStatus.CLOSED, on=ago(170))

    # 3. A solicitor's request: authority awaited, then answered.
    solicitor = Requester(
        "Harper & Lowe Solicitors (demo)",
        ("2 Court Lane", "Sampleton", "SA1 9ZZ"),
        "office@harperlowe.example",
    )
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.LETTER,
        150,
        pairs[1],
        Relationship.SOLICITOR,
        "The pupil's full school file, acting for the family.",
        solicitor,
    )
    svc.ask(r.id, ClockEventKind.AUTHORITY_AWAITED, ago(148), "Signed authority from the parent")
    svc.reply_received(r.id, svc.detail(r.id).open_events[0].id, ago(135))
    svc.change_status(r.id, RequestStatus.RESPONDED, "Posted recorded delivery", ago(110))
    svc.change_status(r.id, RequestStatus.CLOSED, on=ago(105))

    # 4. Erasure of a photo, done.
    r = log(
        RequestType.ERASURE,
        Channel.EMAIL,
        95,
        pairs[2],
        Relationship.PARENT_CARER,
        "Please remove my child's photo from the school website.",
    )
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(95))
    svc.change_status(r.id, RequestStatus.RESPONDED, "Photo removed from the website and gallery", ago(92))

    # 5. A data protection complaint, acknowledged and answered.
    r = log(
        RequestType.COMPLAINT,
        Channel.EMAIL,
        70,
        pairs[3],
        Relationship.PARENT_CARER,
        "A class list with home addresses was sent to all parents.",
    )
    svc.acknowledge_complaint(r.id, ago(66))
    svc.complaint_outcome(
        r.id, "The email was recalled, staff were retrained, and the breach was logged.", ago(50)
    )

    # 6. An overdue SAR.
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.IN_PERSON,
        45,
        pairs[0],
        Relationship.PARENT_CARER,
        "Everything held about my child this school year.",
    )
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(44))
    svc.add_search(
        r.id, SearchRecord(SearchLocation.SAFEGUARDING, "Designated safeguarding lead", ago(30), 4)
    )
    letter(r.id, "request_acknowledgement")

    # 7. A parent's educational-record request (15 school days), in progress.
    er_pair = next(
        (p for p in pairs if p[0].date_of_birth and age_on(p[0].date_of_birth, ago(6)) < 18), pairs[0]
    )
    try:
        r = log(
            RequestType.EDUCATIONAL_RECORD,
            Channel.LETTER,
            6,
            er_pair,
            Relationship.PARENT_CARER,
            "To see my child's educational record.",
        )
        svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(5))
        letter(r.id, "request_acknowledgement")
    except SchoolDPError:
        pass  # the school type does not give parents this right

    # 8. Paused for ID.
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.PHONE,
        9,
        staff[-1],
        Relationship.SELF,
        "My personnel file and sickness records.",
    )
    svc.ask(r.id, ClockEventKind.ID_AWAITED, ago(8), "Two forms of ID requested")
    letter(r.id, "request_id_authority")

    # 9. A second staff SAR, in progress with ID seen.
    r = log(
        RequestType.SUBJECT_ACCESS,
        Channel.EMAIL,
        18,
        staff[0],
        Relationship.SELF,
        "Notes of my return-to-work meetings.",
    )
    svc.add_id_document(r.id, IdDocument(IdDocumentType.KNOWN_TO_STAFF, ago(18), "Headteacher"))
    svc.change_status(r.id, RequestStatus.IN_PROGRESS, on=ago(17))

    # 10. Stop direct marketing, just received.
    log(
        RequestType.STOP_DIRECT_MARKETING,
        Channel.SOCIAL_MEDIA,
        2,
        pairs[2],
        Relationship.PARENT_CARER,
        "Stop sending me the PTA fundraising emails.",
    )
