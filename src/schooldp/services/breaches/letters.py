"""Breach letters: to the people affected (Policy App 1: tell them in writing), and to whoever
received the data in error, asking them to delete it and confirm in writing."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from schooldp.documents import breach_deletion_request, breach_notice_parent, breach_notice_staff
from schooldp.documents.letter_type import LetterType
from schooldp.documents.letterhead import STANDARD_FIELDS, LetterData
from schooldp.documents.templates import BlockKind
from schooldp.domain.breach import TriageData
from schooldp.domain.breach.containment import done_sentences, own_actions_done
from schooldp.domain.breach.plain_language import Reader, advice_for, data_words, what_it_could_mean
from schooldp.domain.deadlines import LONDON
from schooldp.domain.errors import ValidationError
from schooldp.services.breaches.values import BreachRecord
from schooldp.services.letters import LetterJob, LetterService, Recipient
from schooldp.services.school import SchoolSession

if TYPE_CHECKING:
    from schooldp.services.people import PeopleService

DELETION_LETTER: LetterType = breach_deletion_request.LETTER


@dataclass(frozen=True)
class NoticeText:
    """The plain-language parts of the letter to the people affected (UK GDPR Art 34(2))."""

    what_happened: str
    data_involved: str
    likely_consequences: str
    measures_taken: str
    what_you_can_do: str
    when_it_happened: str = ""


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def when_it_happened(t: TriageData) -> str:
    """The date it happened, the date the school found out, and how long it lasted."""
    if t.aware_at is None:
        return ""
    found = t.aware_at.astimezone(LONDON).date()
    happened = t.occurred_at.astimezone(LONDON).date() if t.occurred_at else found
    parts = [f"This happened on {_day(happened)}."]
    if found != happened:
        parts.append(f"We found out on {_day(found)}.")
    else:
        parts.append("We found out the same day.")
    done = [a.done_on for a in t.containment_actions if a.done_on is not None]
    if done:
        ended = max(done)
        days = (ended - happened).days
        if days <= 0:
            parts.append("We dealt with it that day.")
        else:
            span = "1 day" if days == 1 else f"{days} days"
            parts.append(f"We had dealt with it by {_day(ended)}, about {span} after it happened.")
    return " ".join(parts)


def default_notice_text(record: BreachRecord, reader: Reader = Reader.PARENT) -> NoticeText:
    """The default wording for the people affected: their words, their data, what was done."""
    t = record.triage
    cats = t.facts.data_categories if t.facts else frozenset()
    done = done_sentences(t.containment_actions, own_words=False)
    own = own_actions_done(t.containment_actions)
    if own:
        done.append("We also took these steps: " + "; ".join(o[:1].lower() + o[1:] for o in own) + ".")
    if t.prevention_actions.strip():
        done.append("We are also changing the way we work, so that this does not happen again.")
    measures = " ".join(done) or "We are looking into what happened and will write again."
    words = data_words(cats, reader)
    return NoticeText(
        what_happened=t.what_happened,
        data_involved=f"The information was {words}." if words else "",
        likely_consequences=what_it_could_mean(cats, reader),
        measures_taken=measures,
        what_you_can_do=advice_for(cats, reader),
        when_it_happened=when_it_happened(t),
    )


@dataclass(frozen=True)
class LetterBatch:
    """Letters ready to preview and print, with what could not be addressed (counts only)."""

    letter_type: LetterType
    jobs: list[LetterJob]
    skipped: list[str]


def _fields(text: NoticeText) -> dict[str, Any]:
    return {
        "what_happened": text.what_happened,
        "data_involved": text.data_involved,
        "likely_consequences": text.likely_consequences,
        "measures_taken": text.measures_taken,
        "what_you_can_do": text.what_you_can_do,
        "when_it_happened": text.when_it_happened,
    }


def _parent_letters(people: PeopleService, record: BreachRecord, base: LetterData) -> LetterBatch:
    """One letter to each parent or carer WITH PARENTAL RESPONSIBILITY (Policy App 1)."""
    jobs: list[LetterJob] = []
    skipped: list[str] = []
    pupils = people.pupils(ids=record.affected_pupils, include_leavers=True)
    contacts = people.contacts_for_many([p.id for p in pupils if p.id is not None])
    no_pr = no_address = 0
    for pupil in pupils:
        pr = [c for c in contacts.get(pupil.id or 0, []) if c.parental_responsibility]
        no_pr += 0 if pr else 1
        for link in pr:
            c = link.contact
            if not c.has_postal_address:
                no_address += 1
                continue
            data = replace(
                base,
                recipient_name=c.display_name,
                recipient_address=c.postal_address,
                salutation=c.salutation,
                fields={**base.fields, "child_name": pupil.display_name},
            )
            jobs.append(LetterJob(data, Recipient(c.display_name, "contact", str(c.id))))
    if no_pr:
        skipped.append(f"{no_pr} pupil(s) have no parent or carer with parental responsibility on record.")
    if no_address:
        skipped.append(f"{no_address} parent(s) or carer(s) have no postal address on record.")
    return LetterBatch(breach_notice_parent.LETTER, jobs, skipped)


def _staff_letters(people: PeopleService, record: BreachRecord, base: LetterData) -> LetterBatch:
    jobs: list[LetterJob] = []
    for sid in record.affected_staff:
        member = people.staff_member(sid)
        address = (member.role,) if member.role else ()
        data = replace(base, recipient_name=member.display_name, recipient_address=address)
        jobs.append(LetterJob(data, Recipient(member.display_name, "staff", str(member.id))))
    return LetterBatch(breach_notice_staff.LETTER, jobs, [])


def notice_letters(
    session: SchoolSession,
    record: BreachRecord,
    text: NoticeText,
    letter_date: date,
    staff_text: NoticeText | None = None,
) -> tuple[LetterBatch | None, LetterBatch | None]:
    """Letters to the parents/carers WITH PARENTAL RESPONSIBILITY of each affected pupil, and to
    each affected member of staff (Policy App 1: tell them in writing). Staff get their own
    wording ("you", not "your child"): `staff_text`, else the default for staff."""
    from schooldp.services.people import PeopleService

    people = PeopleService(session)
    profile = session.profile()

    # What every notice shares; each letter adds its recipient (private: it is about them).
    def base(words: NoticeText) -> LetterData:
        return LetterData(profile, "", (), letter_date, record.reference, private=True, fields=_fields(words))

    parents = _parent_letters(people, record, base(text)) if record.affected_pupils else None
    staff_words = staff_text or default_notice_text(record, Reader.STAFF)
    staff = _staff_letters(people, record, base(staff_words)) if record.affected_staff else None
    return parents, staff


@dataclass(frozen=True)
class DeletionRequest:
    """Who received the data in error and what they were sent (typed by the DPO)."""

    recipient_name: str
    recipient_address: tuple[str, ...]
    what_was_sent: str
    sent_on: date
    reply_by: date
    salutation: str = ""


def deletion_letter(
    session: SchoolSession, record: BreachRecord, req: DeletionRequest, letter_date: date
) -> LetterJob:
    if not req.recipient_name.strip():
        raise ValidationError("Enter the name of the person who received the information.", "recipient_name")
    if not req.what_was_sent.strip():
        raise ValidationError(
            "Say what was sent, for example 'an email with a pupil's support plan'.", "what_was_sent"
        )
    if req.reply_by < letter_date:
        raise ValidationError("The reply-by date is before the date of the letter.", "reply_by")
    return LetterJob(
        LetterData(
            school=session.profile(),
            recipient_name=req.recipient_name.strip(),
            recipient_address=req.recipient_address,
            letter_date=letter_date,
            reference=record.reference,
            private=True,
            salutation=req.salutation.strip(),
            fields={
                "what_was_sent": req.what_was_sent.strip(),
                "sent_on": req.sent_on,
                "reply_by": req.reply_by,
            },
        ),
        Recipient(req.recipient_name.strip(), "other", ""),
    )


def deletion_letter_pdf(session: SchoolSession, job: LetterJob) -> bytes:
    """The deletion request as a PDF in the school's own wording, for the preview."""
    return LetterService(session).render(DELETION_LETTER, job.data)


def deletion_email_text(session: SchoolSession, job: LetterJob) -> str:
    """The same request as plain text, to paste into an email (Policy App 1: by email or letter)."""
    template = DELETION_LETTER.template(LetterService(session).wording(DELETION_LETTER))
    blocks = template.fill(job.data.values(), STANDARD_FIELDS)
    out: list[str] = []
    for b in blocks:
        parts = [html.unescape(re.sub(r"<[^>]+>", "", m.replace("<br/>", "\n"))) for m in b.markup]
        if b.kind is BlockKind.BULLETS:
            out.append("\n".join(f"- {p}" for p in parts))
        else:
            out.append("\n".join(parts))
    data = job.data
    signer = data.signer
    out.append(f"{data.closing},\n{signer.name}\n{signer.role}\n{data.school.name}")
    return "\n\n".join(out)


def people_told_by_letter(session: SchoolSession, record: BreachRecord) -> int:
    """Affected people told by a letter SchoolDP issued: a pupil counts once a parent or carer
    with parental responsibility has been sent the notice; a member of staff once they have."""
    from schooldp.services.breaches.service import CASE_KIND
    from schooldp.services.people import PeopleService

    issued = LetterService(session).issued(case_kind=CASE_KIND, case_id=record.id)
    parent_key, staff_key = breach_notice_parent.LETTER.key, breach_notice_staff.LETTER.key
    contacts = {
        i.recipient_ref for i in issued if i.letter_type == parent_key and i.recipient_kind == "contact"
    }
    staff = {i.recipient_ref for i in issued if i.letter_type == staff_key and i.recipient_kind == "staff"}
    told = sum(1 for sid in record.affected_staff if str(sid) in staff)
    if contacts and record.affected_pupils:
        links = PeopleService(session).contacts_for_many(record.affected_pupils)
        told += sum(
            1
            for pid in record.affected_pupils
            if any(
                str(link.contact.id) in contacts
                for link in links.get(pid, [])
                if link.parental_responsibility
            )
        )
    return told
