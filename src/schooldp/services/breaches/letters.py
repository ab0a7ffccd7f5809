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
from schooldp.domain.breach import DataCategory
from schooldp.domain.errors import ValidationError
from schooldp.services.breaches.values import BreachRecord
from schooldp.services.letters import LetterJob, LetterService, Recipient
from schooldp.services.school import SchoolSession

if TYPE_CHECKING:
    from schooldp.services.people import PeopleService

DELETION_LETTER: LetterType = breach_deletion_request.LETTER


@dataclass(frozen=True)
class NoticeText:
    """The plain-language parts of the letter to the people affected (DOMAIN: letters)."""

    what_happened: str
    data_involved: str
    likely_consequences: str
    measures_taken: str
    what_you_can_do: str


def default_notice_text(record: BreachRecord) -> NoticeText:
    t = record.triage
    facts = t.facts
    cats = sorted(c.label for c in facts.data_categories) if facts else []
    done = [a.text.rstrip(".") + "." for a in t.containment_actions if a.done_on is not None]
    measures = " ".join(done) or "We acted at once to contain the breach."
    if t.prevention_actions.strip():
        measures += " To stop it happening again: " + t.prevention_actions.strip()
    advice = [
        "Be wary of unexpected emails, calls or messages that mention this information, "
        "and do not give out passwords or bank details in reply."
    ]
    if facts is not None and facts.data_categories & {
        DataCategory.FINANCIAL,
        DataCategory.IDENTITY_DOCUMENTS,
        DataCategory.LOGIN_CREDENTIALS,
    }:
        advice.append("Watch your bank statements and change any passwords that may have been exposed.")
    advice.append("Tell us if you notice anything that worries you.")
    return NoticeText(
        what_happened=t.what_happened,
        data_involved=("The information included: " + "; ".join(cats) + ".") if cats else "",
        likely_consequences=t.likely_consequences,
        measures_taken=measures,
        what_you_can_do=" ".join(advice),
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
    session: SchoolSession, record: BreachRecord, text: NoticeText, letter_date: date
) -> tuple[LetterBatch | None, LetterBatch | None]:
    """Letters to the parents/carers WITH PARENTAL RESPONSIBILITY of each affected pupil, and to
    each affected member of staff (Policy App 1: tell them in writing)."""
    from schooldp.services.people import PeopleService

    people = PeopleService(session)
    # What every notice shares; each letter adds its recipient (private: it is about them).
    base = LetterData(
        session.profile(), "", (), letter_date, record.reference, private=True, fields=_fields(text)
    )
    parents = _parent_letters(people, record, base) if record.affected_pupils else None
    staff = _staff_letters(people, record, base) if record.affected_staff else None
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
