"""Recording a returned form: every answer checked first, then saved in one transaction.

A withdrawal or objection also creates its follow-up jobs (policy section 12).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypedDict

from schooldp.domain.consent import (
    ConsentEvent,
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    who_may_consent,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil
from schooldp.services.consent.purposes import load_purposes
from schooldp.services.consent.rows import event_to_row, stored_now
from schooldp.services.consent.tasks import add_follow_ups, needs_follow_up
from schooldp.services.consent.values import Answer, FollowUpTask, PeopleSource, RecordResult
from schooldp.services.school import SchoolSession

__all__ = ["FormDetails", "ReturnedForm", "record_form"]

# How far ahead an answer may be dated (a form collected in July for the next school year).
_MAX_DAYS_AHEAD = 366


class FormDetails(TypedDict, total=False):
    """Who answered, how and from when: the optional parts of a `ReturnedForm`, as keywords."""

    contact_id: int | None
    by_pupil: bool
    method: ConsentMethod
    effective: date | None
    evidence_note: str
    school_year: date | None


@dataclass(frozen=True)
class ReturnedForm:
    """One person's answers for one pupil, as written on a returned form (or said and noted)."""

    pupil_id: int
    answers: tuple[Answer, ...]
    contact_id: int | None = None
    by_pupil: bool = False
    method: ConsentMethod = ConsentMethod.PAPER_FORM
    effective: date | None = None
    evidence_note: str = ""
    school_year: date | None = None


def record_form(
    session: SchoolSession, people: PeopleSource, form: ReturnedForm, today: date
) -> RecordResult:
    """Record a returned form (several purposes, one person) in one transaction: all or none."""
    if not form.answers:
        raise ValidationError("Choose an answer for at least one purpose.", "answers")
    effective = form.effective or today
    if effective > today + timedelta(days=_MAX_DAYS_AHEAD):
        raise ValidationError("The date the answer takes effect is more than a year away.", "effective")
    pupil = people.pupil(form.pupil_id)
    if effective < pupil.date_of_birth:
        raise ValidationError("The date is before the pupil was born.", "effective")
    if form.contact_id is not None:
        _check_contact(people, pupil, form.contact_id)
    purposes = {p.key: p for p in load_purposes(session, include_inactive=True)}
    events = _events(session, purposes, pupil, replace(form, effective=effective))
    return _save(session, purposes, form.pupil_id, events, today)


def _events(
    session: SchoolSession, purposes: Mapping[str, ConsentPurpose], pupil: Pupil, form: ReturnedForm
) -> list[ConsentEvent]:
    """One history entry per answer, each checked against who may answer for that purpose."""
    assert form.effective is not None
    recorder = session.account.display_name
    now = stored_now(session.clock)
    events: list[ConsentEvent] = []
    seen: set[str] = set()
    for answer in form.answers:
        purpose = purposes.get(answer.purpose_key)
        if purpose is None:
            raise ValidationError("That consent purpose is not in this school file.", "purpose")
        if answer.purpose_key in seen:
            raise ValidationError(f"'{purpose.title}' was answered twice on one form.", "answers")
        seen.add(answer.purpose_key)
        asked = answer.kind is ConsentEventKind.ASKED
        event = ConsentEvent(
            purpose_key=purpose.key,
            pupil_id=form.pupil_id,
            kind=answer.kind,
            effective_date=form.effective,
            recorded_at=now,
            recorded_by=recorder,
            method=form.method,
            contact_id=None if asked else form.contact_id,
            by_pupil=False if asked else form.by_pupil,
            year_group=pupil.year_group,
            school_year=form.school_year,
            evidence_note=form.evidence_note.strip(),
        )
        _check_who(event, purpose, pupil)
        events.append(event)
    return events


def _save(
    session: SchoolSession,
    purposes: Mapping[str, ConsentPurpose],
    pupil_id: int,
    events: list[ConsentEvent],
    today: date,
) -> RecordResult:
    saved: list[ConsentEvent] = []
    tasks: list[FollowUpTask] = []
    with session.change() as ch:
        rows = [event_to_row(event, session.account.id) for event in events]
        ch.session.add_all(rows)
        ch.session.flush()  # one batch of inserts; each row has its id from here on
        for event, row in zip(events, rows, strict=True):
            saved.append(replace(event, id=row.id))
            if needs_follow_up(event):
                tasks += add_follow_ups(ch.session, row.id, event, purposes[event.purpose_key], today)
        counts: dict[str, int] = {}
        for event in events:
            counts[event.kind.value] = counts.get(event.kind.value, 0) + 1
        summary = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
        ch.record(
            "consent.recorded",
            "pupil",
            pupil_id,
            f"{len(events)} consent entries ({summary}); {len(tasks)} follow-up tasks",
        )
    return RecordResult(tuple(saved), tuple(tasks))


def _check_contact(people: PeopleSource, pupil: Pupil, contact_id: int) -> None:
    """Only a contact of this pupil with parental responsibility may answer for them."""
    assert pupil.id is not None
    links = [c for c in people.contacts_for(pupil.id) if c.contact.id == contact_id]
    if not links:
        raise ValidationError("That person is not a contact of this pupil.", "contact_id")
    if not links[0].parental_responsibility:
        raise ValidationError(
            f"{links[0].contact.display_name} is not recorded with parental responsibility for "
            "this pupil, so cannot give or refuse consent. Record the answer of a parent or carer "
            "who has it.",
            "contact_id",
        )


def _check_who(event: ConsentEvent, purpose: ConsentPurpose, pupil: Pupil) -> None:
    """Refuse an entry from someone whose answer would not count, with the reason."""
    if event.kind is ConsentEventKind.ASKED:
        return
    who = who_may_consent(purpose, pupil.date_of_birth, event.effective_date)
    if who.giver is ConsentGiver.NOBODY:
        raise ValidationError(f"'{purpose.title}': {who.explanation}", "purpose")
    if who.giver is ConsentGiver.PUPIL and not event.by_pupil:
        raise ValidationError(
            f"'{purpose.title}': the pupil is {purpose.passes_to_pupil_at} or over, so only the pupil's "
            "own answer counts. Record it as the pupil's answer.",
            "contact_id",
        )
    if who.giver is ConsentGiver.PARENT and event.by_pupil and event.kind is ConsentEventKind.GIVEN:
        raise ValidationError(
            f"'{purpose.title}': a parent or carer gives this consent until the pupil is "
            f"{purpose.passes_to_pupil_at}. The pupil can refuse or object, and that is recorded.",
            "by_pupil",
        )
