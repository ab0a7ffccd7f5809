"""Start-of-year renewal: find the answers that lapse on 1 September and mark them, once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schooldp.domain.consent import (
    ConsentEvent,
    ConsentEventKind,
    ConsentMethod,
    ConsentPurpose,
    Lapse,
    renew_at_year_start,
)
from schooldp.domain.people import Pupil
from schooldp.services.consent.rows import event_to_row, stored_now
from schooldp.services.school import SchoolSession

__all__ = ["record_lapses", "renewal_due"]


def renewal_due(
    pupils: Sequence[Pupil],
    purposes: Sequence[ConsentPurpose],
    events_by_pupil: dict[int, list[ConsentEvent]],
    year_start: date,
) -> list[Lapse]:
    """Answers that stop counting on `year_start` and have not been marked yet."""
    flat = [e for evs in events_by_pupil.values() for e in evs]
    lapses = renew_at_year_start(pupils, purposes, flat, year_start)
    done = {
        (e.pupil_id, e.purpose_key)
        for e in flat
        if e.kind is ConsentEventKind.LAPSED and e.effective_date == year_start
    }
    return [lapse for lapse in lapses if (lapse.pupil_id, lapse.purpose_key) not in done]


def record_lapses(
    session: SchoolSession, lapses: Sequence[Lapse], pupils: Sequence[Pupil], year_start: date
) -> None:
    """A LAPSED entry per answer, recorded by the school, in one transaction."""
    year_groups = {p.id: p.year_group for p in pupils}
    now = stored_now(session.clock)
    with session.change() as ch:
        for lapse in lapses:
            event = ConsentEvent(
                purpose_key=lapse.purpose_key,
                pupil_id=lapse.pupil_id,
                kind=ConsentEventKind.LAPSED,
                effective_date=year_start,
                recorded_at=now,
                recorded_by=session.account.display_name,
                method=ConsentMethod.SYSTEM,
                year_group=year_groups.get(lapse.pupil_id),
                evidence_note="Renewal at the start of the school year",
            )
            ch.session.add(event_to_row(event, session.account.id))
        ch.record(
            "consent.renewed",
            "consent_purpose",
            "",
            f"{len(lapses)} answers lapsed for {len({x.pupil_id for x in lapses})} pupils "
            f"at the start of the {year_start.year}/{year_start.year + 1 - 2000:02d} school year",
        )
