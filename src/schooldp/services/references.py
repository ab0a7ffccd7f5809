"""The reference a person knows a record by (SAR-2026-005, BR-2026-009, CT-12, a pupil's name
and class), for screens that list records by their internal id (the activity log, the letter log)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from schooldp.services.school import SchoolSession
from schooldp.storage.breach_models import BreachRow
from schooldp.storage.people_models import PupilRow, StaffRow
from schooldp.storage.request_models import RequestRow

Key = tuple[str, str]
"""(entity, id) as the activity log and the letter log store them: ("request", "8")."""

_PREFIXED = {"consent_task": "CT-"}
_WORDS = {"account": "Account", "consent_purpose": "Consent purpose", "pupil_group": "Pupil group"}


def _ids(keys: Iterable[Key], entity: str) -> list[int]:
    return [int(i) for e, i in keys if e == entity and str(i).isdigit()]


def references(session: SchoolSession, keys: Iterable[Key]) -> dict[Key, str]:
    """What to show for each (entity, id): the record's reference, else the entity in words."""
    wanted = {(e, str(i)) for e, i in keys}
    found: dict[Key, str] = {}
    by_entity: dict[str, list[int]] = defaultdict(list)
    for entity in ("breach", "request", "pupil", "staff"):
        by_entity[entity] = _ids(wanted, entity)
    with session.read() as s:
        if by_entity["breach"]:
            rows = s.execute(
                select(BreachRow.id, BreachRow.reference).where(BreachRow.id.in_(by_entity["breach"]))
            )
            found |= {("breach", str(i)): ref for i, ref in rows}
        if by_entity["request"]:
            ids = by_entity["request"]
            rows = s.execute(select(RequestRow.id, RequestRow.reference).where(RequestRow.id.in_(ids)))
            found |= {("request", str(i)): ref for i, ref in rows}
        if by_entity["pupil"]:
            pupils = s.scalars(select(PupilRow).where(PupilRow.id.in_(by_entity["pupil"])))
            found |= {("pupil", str(p.id)): _pupil(p) for p in pupils}
        if by_entity["staff"]:
            staff = s.scalars(select(StaffRow).where(StaffRow.id.in_(by_entity["staff"])))
            found |= {("staff", str(m.id)): f"Staff: {m.name}" for m in staff}
    for entity, i in wanted - found.keys():
        found[(entity, i)] = _fallback(entity, i)
    return found


def _pupil(row: PupilRow) -> str:
    first = row.preferred_first_name or row.legal_first_name
    last = row.preferred_last_name or row.legal_last_name
    group = f" ({row.reg_group})" if row.reg_group else ""
    return f"Pupil: {first} {last}{group}"


_ONE_OF_A_KIND = {"school": "School file", "people": "Register"}


def _fallback(entity: str, record_id: str) -> str:
    if entity in _ONE_OF_A_KIND:
        return _ONE_OF_A_KIND[entity]
    if entity in _PREFIXED and record_id:
        return f"{_PREFIXED[entity]}{record_id}"
    words = _WORDS.get(entity, entity.replace("_", " ").capitalize())
    return f"{words} {record_id}".strip()
