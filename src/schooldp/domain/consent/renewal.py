"""Renewal at the start of the school year: which standing answers lapse on 1 September."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from schooldp.domain.consent.derivation import derive_state
from schooldp.domain.consent.history import ConsentEvent
from schooldp.domain.consent.purposes import ConsentDuration, ConsentPurpose
from schooldp.domain.consent.school_year import school_year_start
from schooldp.domain.consent.states import ConsentState, ConsentStatus
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil

__all__ = ["Lapse", "renew_at_year_start"]


@dataclass(frozen=True)
class Lapse:
    """A pupil's answer for a purpose that stops counting on the first day of a school year."""

    pupil_id: int
    purpose_key: str
    previous: ConsentStatus
    now: ConsentStatus


def renew_at_year_start(
    pupils: Iterable[Pupil],
    purposes: Iterable[ConsentPurpose],
    events: Iterable[ConsentEvent],
    year_start: date,
) -> list[Lapse]:
    """Pupil/purpose pairs whose answer stood on 31 August and has expired on 1 September.

    The school year starts on 1 September (`SCHOOL_YEAR_START`). Each pupil's `year_group` is
    taken to be the one for the new school year (the MIS has been rolled over); leavers are
    skipped. The caller records a LAPSED entry for each pair and prints forms for them.
    """
    if year_start != school_year_start(year_start):
        raise ValidationError("A school year starts on 1 September.", "year_start")
    eve = year_start - timedelta(days=1)
    lapsing = [p for p in purposes if p.duration is not ConsentDuration.UNTIL_WITHDRAWN]
    by_pupil: dict[int, list[ConsentEvent]] = {}
    for event in events:
        by_pupil.setdefault(event.pupil_id, []).append(event)
    found: list[Lapse] = []
    for pupil in pupils:
        if pupil.id is None:
            raise ValidationError("Pupils must be saved before renewal.", "id")
        if pupil.has_left_by(year_start) or pupil.date_of_birth > eve:
            continue
        history = by_pupil.get(pupil.id, [])
        last_year_group = pupil.year_group.shifted(-1)
        for purpose in lapsing:
            now = derive_state(history, purpose, year_start, pupil.date_of_birth, pupil.year_group)
            if now.state is not ConsentState.EXPIRED:
                continue
            before = derive_state(
                history, purpose, eve, pupil.date_of_birth, last_year_group or pupil.year_group
            )
            if before.state in (ConsentState.GIVEN, ConsentState.REFUSED):
                found.append(Lapse(pupil.id, purpose.key, before, now))
    return found
