"""The letter confirming a withdrawal, and what the school is doing about it.

UK GDPR Art 7(3): withdrawing must be as easy as giving; the letter gives the family a record.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from schooldp.documents.letterhead import LetterData
from schooldp.domain.consent import ConsentEvent, ConsentEventKind, ConsentPurpose
from schooldp.domain.consent.letter_words import letter_sentence
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil
from schooldp.services.consent.rows import event_from_row
from schooldp.services.consent.values import PeopleSource
from schooldp.services.letters import LetterJob, Recipient
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentEventRow, ConsentTaskRow

__all__ = ["load_withdrawal", "withdrawal_letter_job"]


def load_withdrawal(session: SchoolSession, event_id: int) -> tuple[ConsentEvent, list[str]]:
    """The withdrawal entry and the titles of its follow-up tasks, earliest due first."""
    with session.read() as s:
        row = s.get(ConsentEventRow, event_id)
        if row is None:
            raise ValidationError("That consent entry is not in this school file.", "event")
        event = event_from_row(row)
        task_rows = list(
            s.scalars(
                select(ConsentTaskRow)
                .where(ConsentTaskRow.event_id == event_id)
                .order_by(ConsentTaskRow.due_on)
            )
        )
        # The letter says what the school is doing, never the checklist's instruction.
        actions = [letter_sentence(r.task_key, r.title) for r in task_rows if r.task_key != "confirm_letter"]
    if event.kind not in (ConsentEventKind.WITHDRAWN, ConsentEventKind.PUPIL_OBJECTED):
        raise ValidationError("This entry is not a withdrawal.", "event")
    return event, actions


def withdrawal_letter_job(
    session: SchoolSession,
    people: PeopleSource,
    event: ConsentEvent,
    actions: list[str],
    pupil: Pupil,
    purpose: ConsentPurpose,
    today: date,
) -> LetterJob:
    """To whoever withdrew: the pupil, or the parent or carer (by post, else pupil post)."""
    assert event.id is not None
    name, address, salutation, recipient = _addressee(people, pupil, event)
    actions = actions or ["We have stopped using the information for this purpose."]
    data = LetterData(
        school=session.profile(),
        recipient_name=name,
        recipient_address=address,
        letter_date=today,
        reference=f"CW-{event.id}",
        private=True,
        salutation=salutation,
        fields={
            "pupil_name": pupil.display_name,
            "purpose_title": purpose.title.lower() if not purpose.custom else purpose.title,
            "withdrawn_on": event.effective_date,
            "actions": "\n".join(f"\u2022 {a}" for a in actions),
        },
    )
    return LetterJob(data, recipient)


def _addressee(
    people: PeopleSource, pupil: Pupil, event: ConsentEvent
) -> tuple[str, tuple[str, ...], str, Recipient]:
    pupil_post = (f"{pupil.reg_group or pupil.year_group.label} (pupil post)",)
    if event.by_pupil or event.contact_id is None:
        name = pupil.display_name
        return name, pupil_post, name, Recipient(name, "pupil", f"pupil {pupil.id}")
    contact = people.contact(event.contact_id)
    recipient = Recipient(contact.display_name, "contact", f"contact {contact.id}")
    return contact.display_name, contact.postal_address or pupil_post, contact.salutation, recipient
