"""Demo consents: a year of returned forms for the demo pupils, as `consent.json` describes.

Most families answer the September forms; some refuse online photos; a few never reply; three
withdraw consent, the oldest with its follow-up tasks done, the two recent ones still open.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from schooldp.demo.data import Json, load, member
from schooldp.domain.clock import FrozenClock
from schooldp.domain.consent import (
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    school_year_start,
    who_may_consent,
)
from schooldp.domain.people import Contact, Pupil
from schooldp.services.consent import Answer, ConsentService
from schooldp.services.people import PeopleService, PupilContact
from schooldp.services.school import SchoolSession

K = ConsentEventKind


def seed(session: SchoolSession, clock: FrozenClock) -> None:
    data = load("consent")
    today = clock.today()
    service = ConsentService(session, _Register(PeopleService(session)))
    rnd = random.Random(data["random_seed"])
    sent = school_year_start(today) + timedelta(days=data["forms_sent_days_after_year_start"])
    purposes = service.purposes()
    withdrawals: list[tuple[int, int]] = []
    for pupil in service.people.pupils():
        asked = [p for p in purposes if _giver(p, pupil, sent) is not ConsentGiver.NOBODY]
        if pupil.id is None or not asked or pupil.date_of_birth > sent:
            continue
        clock.set(sent)
        answers = [Answer(p.key, K.ASKED) for p in asked]
        service.record_form(pupil.id, answers, method=ConsentMethod.LETTER, effective=sent, today=sent)
        parent = _reply(service, clock, data, pupil, asked, sent, rnd)
        if parent is not None:
            withdrawals.append((pupil.id, parent))
    _withdrawals(service, clock, data["withdrawals"], today, withdrawals)


class _Register:
    """The demo register, read once: nobody joins or leaves while the year of forms is written,
    so each form need not read its pupil and their contacts again (the people source consents use)."""

    def __init__(self, people: PeopleService) -> None:
        self._people = people
        self._pupils = people.pupils()
        self._by_id = {p.id: p for p in self._pupils}
        self._contacts = people.contacts_for_many(p.id for p in self._pupils if p.id is not None)

    def pupils(self) -> list[Pupil]:
        return list(self._pupils)

    def pupil(self, pupil_id: int) -> Pupil:
        return self._by_id.get(pupil_id) or self._people.pupil(pupil_id)

    def contacts_for(self, pupil_id: int) -> Sequence[PupilContact]:
        if pupil_id in self._contacts:
            return self._contacts[pupil_id]
        return self._people.contacts_for(pupil_id)

    def contact(self, contact_id: int) -> Contact:
        return self._people.contact(contact_id)


def _reply(
    service: ConsentService,
    clock: FrozenClock,
    data: Json,
    pupil: Pupil,
    asked: list[ConsentPurpose],
    sent: date,
    rnd: random.Random,
) -> int | None:
    """Record the family's returned form, if any; the parent's id if they gave the purpose that
    is later withdrawn (online photos)."""
    assert pupil.id is not None
    links = [c for c in service.people.contacts_for(pupil.id) if c.parental_responsibility]
    if rnd.random() < data["no_reply_chance"] or not links:
        return None  # no reply yet: stays "awaiting reply", never treated as consent
    parent = links[0].contact.id
    answers = [_answer(p, data, rnd) for p in asked if _giver(p, pupil, sent) is not ConsentGiver.PUPIL]
    if not answers:
        return None
    low, high = data["reply_after_days"]
    returned = sent + timedelta(days=rnd.randint(low, high))
    method = member(ConsentMethod, rnd.choice(data["reply_methods"]))
    clock.set(returned)
    service.record_form(
        pupil.id,
        answers,
        contact_id=parent,
        method=method,
        effective=returned,
        evidence_note=data["paper_form_note"] if method is ConsentMethod.PAPER_FORM else "",
        today=returned,
    )
    key = data["withdrawals"]["purpose"]
    gave = any(a.purpose_key == key and a.kind is K.GIVEN for a in answers)
    return parent if gave else None


def _giver(purpose: ConsentPurpose, pupil: Pupil, on: date) -> ConsentGiver:
    """Who may consent for this pupil (the domain's rule, by age on the day)."""
    return who_may_consent(purpose, pupil.date_of_birth, on).giver


def _answer(purpose: ConsentPurpose, data: Json, rnd: random.Random) -> Answer:
    chance = data["refusal_chance"].get(purpose.key, data["refusal_chance_otherwise"])
    return Answer(purpose.key, K.REFUSED if rnd.random() < chance else K.GIVEN)


def _withdrawals(
    service: ConsentService,
    clock: FrozenClock,
    data: Json,
    today: date,
    candidates: list[tuple[int, int]],
) -> None:
    """Withdraw consent for the first families who gave it; the oldest has its tasks done."""
    method = member(ConsentMethod, data["method"])
    for days_ago, (pupil_id, parent) in zip(data["days_ago"], candidates, strict=False):
        day = today - timedelta(days=days_ago)
        clock.set(day)
        result = service.record(
            pupil_id,
            data["purpose"],
            K.WITHDRAWN,
            contact_id=parent,
            method=method,
            effective=day,
            evidence_note=data["note"],
            today=day,
        )
        if days_ago != data["tasks_done_for_days_ago"]:
            continue
        for task in result.tasks:
            clock.set(task.due_on)
            service.complete_task(task.id, data["task_note"], today=task.due_on)
