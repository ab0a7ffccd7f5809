"""Reading the consent history: one pupil's entries, every entry at once, and who gave each."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from schooldp.domain.consent import ConsentEvent, ConsentEventKind, event_order
from schooldp.domain.errors import SchoolDPError
from schooldp.services.consent.rows import ALL_EVENTS_SQL, event_from_row, events_from_tuples
from schooldp.services.consent.values import HistoryEntry, PeopleSource
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentEventRow

__all__ = ["all_events", "events_for", "history_entries"]


def events_for(session: SchoolSession, pupil_id: int) -> list[ConsentEvent]:
    with session.read() as s:
        rows = s.scalars(select(ConsentEventRow).where(ConsentEventRow.pupil_id == pupil_id))
        return [event_from_row(r) for r in rows]


def all_events(session: SchoolSession) -> dict[int, list[ConsentEvent]]:
    """Every entry, grouped by pupil, from one query (the fast path of the matrix)."""
    with session.read() as s:
        rows = s.connection().exec_driver_sql(ALL_EVENTS_SQL).fetchall()
    return events_from_tuples(rows)


def history_entries(
    events: list[ConsentEvent], titles: Mapping[str, str], people: PeopleSource, pupil_id: int
) -> list[HistoryEntry]:
    """The full history, newest first, with who gave each answer."""
    names = _contact_names(people, pupil_id)
    out: list[HistoryEntry] = []
    for e in sorted(events, key=event_order, reverse=True):
        if e.by_pupil:
            who = "The pupil"
        elif e.contact_id is not None:
            who = names.get(e.contact_id) or _contact_name(people, e.contact_id)
        elif e.kind is ConsentEventKind.ASKED:
            who = "Form sent by the school"
        else:
            who = "The school"
        out.append(HistoryEntry(e, titles.get(e.purpose_key, e.purpose_key), who, e.recorded_by))
    return out


def _contact_names(people: PeopleSource, pupil_id: int) -> dict[int, str]:
    """ "Sarah Brown (Mother)" for each current contact of the pupil."""
    names: dict[int, str] = {}
    try:
        for link in people.contacts_for(pupil_id):
            if link.contact.id is not None:
                rel = f" ({link.relationship})" if link.relationship else ""
                names[link.contact.id] = link.contact.display_name + rel
    except SchoolDPError:
        pass
    return names


def _contact_name(people: PeopleSource, contact_id: int) -> str:
    try:
        return people.contact(contact_id).display_name
    except SchoolDPError:
        return f"Contact {contact_id} (no longer on the register)"
