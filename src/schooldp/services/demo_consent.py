"""Demo consents: a realistic year of returned forms for the demo pupils.

Most families answer the September forms; some refuse online photos; a few never reply; two
withdraw consent recently, leaving follow-up tasks open (one overdue) for the dashboard.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from schooldp.domain.consent import (
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    school_year_start,
    who_may_consent,
)
from schooldp.domain.errors import SchoolDPError
from schooldp.services.consent import Answer, ConsentService
from schooldp.services.school import SchoolSession

K = ConsentEventKind


def seed(session: SchoolSession, today: date) -> None:
    service = ConsentService(session)
    purposes = service.purposes()
    try:
        pupils = service.people.pupils()
    except SchoolDPError:
        return
    rnd = random.Random(2026)
    start = school_year_start(today)
    sent = start + timedelta(days=3)
    withdrawals: list[tuple[int, int, str]] = []
    for pupil in pupils:
        assert pupil.id is not None
        links = [c for c in service.people.contacts_for(pupil.id) if c.parental_responsibility]
        asked = [
            p
            for p in purposes
            if who_may_consent(p, pupil.date_of_birth, sent).giver is not ConsentGiver.NOBODY
        ]
        if not asked or pupil.date_of_birth > sent:
            continue
        service.record_form(
            pupil.id,
            [Answer(p.key, K.ASKED) for p in asked],
            method=ConsentMethod.LETTER,
            effective=sent,
            today=sent,
        )
        roll = rnd.random()
        if roll < 0.12 or not links:
            continue  # no reply yet: stays "awaiting reply", never treated as consent
        parent = links[0].contact.id
        answers = []
        for p in asked:
            if who_may_consent(p, pupil.date_of_birth, sent).giver is ConsentGiver.PUPIL:
                continue
            refuse = {"photos_online": 0.18, "photos_outside_school": 0.1, "biometrics": 0.15}.get(
                p.key, 0.05
            )
            answers.append(Answer(p.key, K.REFUSED if rnd.random() < refuse else K.GIVEN))
        if not answers:
            continue
        returned = sent + timedelta(days=rnd.randint(2, 20))
        method = rnd.choice([ConsentMethod.PAPER_FORM] * 3 + [ConsentMethod.PARENT_APP, ConsentMethod.EMAIL])
        service.record_form(
            pupil.id,
            answers,
            contact_id=parent,
            method=method,
            effective=returned,
            evidence_note="Return slip filed in the office" if method is ConsentMethod.PAPER_FORM else "",
            today=returned,
        )
        if (
            any(a.purpose_key == "photos_online" and a.kind is K.GIVEN for a in answers)
            and parent is not None
        ):
            withdrawals.append((pupil.id, parent, "photos_online"))
    # Two recent withdrawals (one a week ago: its first tasks are overdue), and an older one, done.
    for offset, (pupil_id, parent, key) in zip((40, 7, 1), withdrawals[:3], strict=False):
        day = today - timedelta(days=offset)
        result = service.record(
            pupil_id,
            key,
            K.WITHDRAWN,
            contact_id=parent,
            method=ConsentMethod.EMAIL,
            effective=day,
            evidence_note="Email to the office",
            today=day,
        )
        if offset == 40:
            for task in result.tasks:
                service.complete_task(task.id, "Done", today=task.due_on)
