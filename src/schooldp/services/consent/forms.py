"""Pre-filled consent forms: one letter per pupil, with the purposes that apply to them.

Sent to the first parent or carer with parental responsibility, or to the pupil once every
purpose asked has passed to them (policy section 12; privacy notices for youth support).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from schooldp.documents.letterhead import LetterData
from schooldp.domain.consent import ConsentDuration, ConsentGiver, ConsentPurpose, who_may_consent
from schooldp.domain.people import Pupil
from schooldp.domain.school import SchoolProfile
from schooldp.services.consent.values import PeopleSource, PupilLink
from schooldp.services.letters import LetterJob, Recipient

__all__ = ["form_jobs"]


def form_jobs(
    school: SchoolProfile,
    people: PeopleSource,
    purposes: Sequence[ConsentPurpose],
    pupils: Sequence[Pupil],
    *,
    return_by: date,
    today: date,
) -> list[LetterJob]:
    """One form per pupil who has anything to be asked about today."""
    links = _contacts_of(people, [p.id for p in pupils if p.id is not None])
    jobs: list[LetterJob] = []
    for pupil in pupils:
        assert pupil.id is not None
        givers = [who_may_consent(p, pupil.date_of_birth, today).giver for p in purposes]
        asked = [p for p, g in zip(purposes, givers, strict=True) if g is not ConsentGiver.NOBODY]
        if not asked:
            continue
        to_pupil = all(g is ConsentGiver.PUPIL for g in givers if g is not ConsentGiver.NOBODY)
        parent = next((c for c in links.get(pupil.id, []) if c.parental_responsibility), None)
        jobs.append(_form_job(school, pupil, asked, parent, to_pupil, return_by, today))
    return jobs


def _form_job(
    school: SchoolProfile,
    pupil: Pupil,
    asked: Sequence[ConsentPurpose],
    parent: PupilLink | None,
    to_pupil: bool,
    return_by: date,
    today: date,
) -> LetterJob:
    class_name = pupil.reg_group or pupil.year_group.label
    name, address, salutation, recipient = _addressee(pupil, parent, to_pupil, class_name)
    data = LetterData(
        school=school,
        recipient_name=name,
        recipient_address=address,
        letter_date=today,
        reference=f"CF-{pupil.id}",
        salutation=salutation,
        fields={
            "pupil_name": pupil.display_name,
            "class_name": class_name,
            "return_by": return_by,
            "purpose_list": "\n\n".join(_purpose_line(p) for p in asked),
            "slip_purposes": "\n".join(f"{p.title}\t{p.description}" for p in asked),
            "slip_ref": f"CF-{pupil.id}",
            "slip_signer": "pupil" if to_pupil else "parent",
        },
    )
    return LetterJob(data, recipient)


def _addressee(
    pupil: Pupil, parent: PupilLink | None, to_pupil: bool, class_name: str
) -> tuple[str, tuple[str, ...], str, Recipient]:
    """Name, address, salutation and log entry: the parent by post, else pupil post."""
    if to_pupil or parent is None:
        name = pupil.display_name if to_pupil else f"The parent or carer of {pupil.display_name}"
        salutation = pupil.display_name if to_pupil else "Parent or Carer"
        return (
            name,
            (f"{class_name} (pupil post)",),
            salutation,
            Recipient(name, "pupil", f"pupil {pupil.id}"),
        )
    contact = parent.contact
    address = contact.postal_address or (f"{class_name} (pupil post)",)
    recipient = Recipient(contact.display_name, "contact", f"contact {contact.id}")
    return contact.display_name, address, contact.salutation, recipient


def _purpose_line(p: ConsentPurpose) -> str:
    text = p.title + (f": {p.description}" if p.description else "")
    if p.duration is not ConsentDuration.UNTIL_WITHDRAWN:
        text += f" ({p.duration.label.lower()})"
    return text


def _contacts_of(people: PeopleSource, ids: Iterable[int]) -> dict[int, list[Any]]:
    """Contacts of many pupils, in one query when the people register can do that."""
    ids = list(ids)
    many = getattr(people, "contacts_for_many", None)
    if many is not None:
        return dict(many(ids))
    return {i: list(people.contacts_for(i)) for i in ids}
