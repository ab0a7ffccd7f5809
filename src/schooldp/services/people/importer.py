"""Importing an MIS export into the register: compare it with the register (`plan`), then write
the plan (`execute`) inside the caller's one transaction.

Pupils are matched by UPN; a pupil's contacts by name among their current links, else by
`contact_identity` (so siblings share their parents). Only the fields the file carries are
changed. Pupils missing from the file are listed, and become leavers only when confirmed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.people import YearGroup, on_roll, search_key
from schooldp.imports.mis import ContactRecord, ParsedFile, PupilRecord
from schooldp.services.people.rows import (
    contact_from_row,
    contact_identity,
    fill_contact_row,
    fill_pupil_row,
    pupil_from_row,
)
from schooldp.services.people.views import ImportResult
from schooldp.storage.people_models import ContactRow, PupilContactRow, PupilRow

__all__ = ["Importer", "audit_summary"]

_PUPIL_COMPARE = (
    ("legal_first_name", "legal first name"),
    ("legal_last_name", "legal surname"),
    ("preferred_first_name", "preferred first name"),
    ("preferred_last_name", "preferred surname"),
    ("date_of_birth", "date of birth"),
    ("year_group", "year group"),
    ("reg_group", "registration group"),
    ("admission_date", "admission date"),
    ("leaving_date", "leaving date"),
)
_CONTACT_COMPARE = ("title", "first_name", "last_name", "address_lines", "postcode", "email", "phone")
_LINK_COMPARE = ("relationship", "parental_responsibility", "lives_with_pupil", "priority")

# An existing contact's id, or the key of a contact the plan adds.
ContactRef = int | str
PlannedLink = tuple[str, ContactRef, ContactRecord, PupilContactRow | None]  # upn, contact, record, link


@dataclass
class _Plan:
    """What `execute` will write, and the counts and change list the preview shows."""

    new_pupils: list[PupilRecord] = field(default_factory=list)
    pupil_updates: list[tuple[PupilRow, PupilRecord, bool]] = field(default_factory=list)  # clear leaving?
    contact_new: dict[str, ContactRecord] = field(default_factory=dict)
    contact_updates: dict[int, tuple[ContactRow, ContactRecord]] = field(default_factory=dict)
    links: list[PlannedLink] = field(default_factory=list)
    link_ends: list[PupilContactRow] = field(default_factory=list)
    missing: list[PupilRow] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejoined: int = 0
    links_changed: int = 0
    result: ImportResult = field(default_factory=ImportResult)


@dataclass
class _Register:
    """The register as the importer compares it with the file."""

    pupils: dict[str, PupilRow]
    contacts_by_id: dict[int, ContactRow]
    contacts_by_identity: dict[str, ContactRow]
    links_by_pupil: dict[int, list[PupilContactRow]]

    @classmethod
    def load(cls, s: Session) -> _Register:
        pupils = {r.upn: r for r in s.scalars(select(PupilRow))}
        by_id: dict[int, ContactRow] = {}
        by_identity: dict[str, ContactRow] = {}
        for c in s.scalars(select(ContactRow)):
            by_id[c.id] = c
            if c.identity_key:
                by_identity.setdefault(c.identity_key, c)
        links: dict[int, list[PupilContactRow]] = {}
        for link in s.scalars(select(PupilContactRow).where(PupilContactRow.ended_on.is_(None))):
            links.setdefault(link.pupil_id, []).append(link)
        return cls(pupils, by_id, by_identity, links)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, YearGroup):
        return value.label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple):
        return ", ".join(value) or "(blank)"
    return str(value)


def _diffs(compared: Iterable[tuple[str, object, object]]) -> list[str]:
    """Each (label, old, new) that differs, written "label old → new"."""
    return [f"{label} {_shown(old)} → {_shown(new)}" for label, old, new in compared if old != new]


def _pupil_value(row: PupilRow, name: str) -> object:
    value = getattr(row, name)
    return YearGroup(value) if name == "year_group" else value


def _contact_value(row: ContactRow, name: str) -> object:
    if name == "address_lines":
        return tuple(json.loads(row.address_lines or "[]"))
    return getattr(row, name)


def _contact_names(contact_fields: frozenset[str]) -> list[str]:
    """Contact fields the file carries (a file with names carries the title too)."""
    return [
        name
        for name in _CONTACT_COMPARE
        if name in contact_fields
        or ("first_name" if name in ("first_name", "last_name", "title") else name) in contact_fields
    ]


def audit_summary(result: ImportResult) -> str:
    """The audit line for an import: counts only, never names."""
    return (
        f"MIS import: {result.added} added, {result.updated} updated, "
        f"{result.contacts_added} contacts added, {result.contacts_updated} contacts updated, "
        f"{result.leavers_marked} leavers, {len(result.skipped_rows)} rows skipped"
    )


class Importer:
    """Compares a parsed file with the register inside one Session; `execute` writes the plan."""

    def __init__(self, s: Session, parsed: ParsedFile, today: date, now: datetime) -> None:
        self.s = s
        self.parsed = parsed
        self.today = today
        self.now = now  # stamps updated_at (UTC without a zone)
        self.contact_names = _contact_names(parsed.contact_fields)

    # ---- plan ----------------------------------------------------------------------------------
    def plan(self) -> _Plan:
        reg = _Register.load(self.s)
        plan = _Plan()
        for record in self.parsed.records:
            self._plan_record(record, reg, plan)
        seen = self.parsed.seen_upns
        plan.missing = sorted(
            (r for upn, r in reg.pupils.items() if upn not in seen and on_roll(r.leaving_date, self.today)),
            key=lambda r: r.sort_key,
        )
        plan.result = self._result(plan)
        return plan

    def _plan_record(self, record: PupilRecord, reg: _Register, plan: _Plan) -> None:
        row = reg.pupils.get(record.pupil.upn)
        who = f"{record.pupil.upn} ({record.pupil.display_name})"
        pupil_changed = self._plan_pupil(record, row, who, plan)
        contact_changed = False
        if self.parsed.has_contacts:
            contact_changed = self._plan_contacts(record, row, who, reg, plan)
        if not pupil_changed and not contact_changed:
            plan.unchanged += 1

    def _plan_pupil(self, record: PupilRecord, row: PupilRow | None, who: str, plan: _Plan) -> bool:
        """Plan the pupil's own details; True if anything about them changes."""
        if row is None:
            plan.new_pupils.append(record)
            plan.added += 1
            plan.changes.append(f"{who}: new pupil")
            return True
        p, fields = record.pupil, self.parsed.pupil_fields
        diffs = _diffs(
            (label, _pupil_value(row, name), getattr(p, name))
            for name, label in _PUPIL_COMPARE
            if name in fields
        )
        has_left = not on_roll(row.leaving_date, self.today)
        # A file without leaving dates lists pupils on roll: one who had left is back.
        clear_leaving = "leaving_date" not in fields and has_left
        if clear_leaving:
            diffs.append("back on roll (leaving date cleared)")
        if has_left and (clear_leaving or ("leaving_date" in fields and p.leaving_date is None)):
            plan.rejoined += 1
        if diffs:
            plan.pupil_updates.append((row, record, clear_leaving))
            plan.updated += 1
            plan.changes.append(f"{who}: " + "; ".join(diffs))
        return bool(diffs)

    def _plan_contacts(
        self, record: PupilRecord, row: PupilRow | None, who: str, reg: _Register, plan: _Plan
    ) -> bool:
        """Plan the pupil's contacts and links; True if any of them changes."""
        existing = reg.links_by_pupil.get(row.id, []) if row is not None else []
        matched: set[int] = set()
        changed = False
        for c in record.contacts:
            target, link = self._match(c, row, existing, matched, reg)
            if link is not None:
                matched.add(link.id)
            changed |= self._plan_contact(c, target, link, record.pupil.upn, who, plan)
        for link in existing:
            if link.id not in matched:
                plan.link_ends.append(link)
                crow = reg.contacts_by_id.get(link.contact_id)
                shown = f"{crow.first_name} {crow.last_name}".strip() if crow else "a contact"
                plan.changes.append(f"{who}: {shown} no longer listed as a contact")
                changed = True
        return changed

    @staticmethod
    def _match(
        c: ContactRecord,
        row: PupilRow | None,
        existing: list[PupilContactRow],
        matched: set[int],
        reg: _Register,
    ) -> tuple[ContactRow | None, PupilContactRow | None]:
        """The register's contact (and this pupil's link to them) a file contact is taken to be."""
        for candidate in existing:
            crow = reg.contacts_by_id.get(candidate.contact_id)
            if (
                candidate.id not in matched
                and crow is not None
                and search_key(f"{crow.first_name} {crow.last_name}") == c.name_key
            ):
                return crow, candidate
        identity = contact_identity(c.first_name, c.last_name, c.postcode, c.email)
        target = reg.contacts_by_identity.get(identity) if identity else None
        if target is None or row is None:
            return target, None
        return target, next((x for x in existing if x.contact_id == target.id), None)

    def _plan_contact(
        self,
        c: ContactRecord,
        target: ContactRow | None,
        link: PupilContactRow | None,
        upn: str,
        who: str,
        plan: _Plan,
    ) -> bool:
        """Plan one file contact: new or updated contact, new or changed link."""
        ref: ContactRef
        if target is not None:
            ref = target.id
            changed = self._plan_contact_update(c, target, who, plan)
        else:
            identity = contact_identity(c.first_name, c.last_name, c.postcode, c.email)
            ref = identity or f"pupil:{upn}:{c.name_key}"
            if ref not in plan.contact_new:
                plan.contact_new[ref] = c
                plan.changes.append(f"{who}: new contact {c.display_name}")
            changed = True
        if link is None:
            plan.changes.append(f"{who}: {c.display_name} linked ({c.relationship or 'contact'})")
            changed = True
        else:
            changed = self._plan_link_update(c, link, who, plan) or changed
        plan.links.append((upn, ref, c, link))
        return changed

    def _plan_contact_update(self, c: ContactRecord, target: ContactRow, who: str, plan: _Plan) -> bool:
        diffs = _diffs(
            (name.replace("_", " "), _contact_value(target, name), getattr(c, name))
            for name in self.contact_names
        )
        if not diffs or target.id in plan.contact_updates:
            return False
        plan.contact_updates[target.id] = (target, c)
        plan.changes.append(f"{who}: contact {c.display_name}: " + "; ".join(diffs))
        return True

    def _plan_link_update(self, c: ContactRecord, link: PupilContactRow, who: str, plan: _Plan) -> bool:
        fields = self.parsed.contact_fields
        diffs = _diffs(
            (name.replace("_", " "), getattr(link, name), getattr(c, name))
            for name in _LINK_COMPARE
            if name in fields
        )
        if not diffs:
            return False
        plan.links_changed += 1
        plan.changes.append(f"{who}: contact {c.display_name}: " + "; ".join(diffs))
        return True

    def _result(self, plan: _Plan) -> ImportResult:
        return ImportResult(
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            rejoined=plan.rejoined,
            contacts_added=len(plan.contact_new),
            contacts_updated=len(plan.contact_updates),
            links_added=sum(1 for *_, link in plan.links if link is None),
            links_changed=plan.links_changed,
            links_ended=len(plan.link_ends),
            changes=tuple(plan.changes),
            missing=tuple(pupil_from_row(r) for r in plan.missing),
            skipped_rows=tuple(self.parsed.rows_with_errors),
        )

    # ---- execute -------------------------------------------------------------------------------
    def execute(self, plan: _Plan, leaver_ids: set[int], leaving_date: date) -> ImportResult:
        """Write the plan; pupils missing from the file whose ids are in `leaver_ids` leave."""
        new_pupils = self._add_pupils(plan)
        self._update_pupils(plan)
        self._update_contacts(plan)
        new_contacts = self._add_contacts(plan)
        self.s.flush()
        self._write_links(plan, self._pupil_ids(plan, new_pupils), new_contacts)
        for link in plan.link_ends:
            link.ended_on = self.today
        marked = 0
        for row in plan.missing:
            if row.id in leaver_ids:
                row.leaving_date = leaving_date
                row.updated_at = self.now
                marked += 1
        self.s.flush()
        return replace(plan.result, leavers_marked=marked)

    def _add_pupils(self, plan: _Plan) -> dict[str, PupilRow]:
        new_rows: dict[str, PupilRow] = {}
        for record in plan.new_pupils:
            row = PupilRow()
            fill_pupil_row(row, record.pupil, now=self.now)
            new_rows[row.upn] = row
        self.s.add_all(new_rows.values())
        return new_rows

    def _update_pupils(self, plan: _Plan) -> None:
        """Change only the fields the file carries (and clear a past leaving date if planned)."""
        fields = self.parsed.pupil_fields
        for row, record, clear_leaving in plan.pupil_updates:
            values = {name: getattr(record.pupil, name) for name, _ in _PUPIL_COMPARE if name in fields}
            if clear_leaving:
                values["leaving_date"] = None
            fill_pupil_row(row, replace(pupil_from_row(row), **values), now=self.now)

    def _update_contacts(self, plan: _Plan) -> None:
        for crow, c in plan.contact_updates.values():
            values = {name: getattr(c, name) for name in self.contact_names}
            fill_contact_row(crow, replace(contact_from_row(crow), **values), now=self.now)

    def _add_contacts(self, plan: _Plan) -> dict[str, ContactRow]:
        new_contacts: dict[str, ContactRow] = {}
        for key, c in plan.contact_new.items():
            crow = ContactRow()
            fill_contact_row(crow, c.to_contact(), now=self.now)
            new_contacts[key] = crow
        self.s.add_all(new_contacts.values())
        return new_contacts

    def _pupil_ids(self, plan: _Plan, new_rows: dict[str, PupilRow]) -> dict[str, int]:
        """Pupil id by UPN for every planned link (after the flush gave new pupils their ids)."""
        ids_by_upn = {r.upn: r.id for r in new_rows.values()}
        ids_by_upn.update({row.upn: row.id for row, _, _ in plan.pupil_updates})
        missing_upns = {upn for upn, *_ in plan.links if upn not in ids_by_upn}
        if missing_upns:
            for pid, upn in self.s.execute(
                select(PupilRow.id, PupilRow.upn).where(PupilRow.upn.in_(missing_upns))
            ):
                ids_by_upn[upn] = pid
        return ids_by_upn

    def _write_links(
        self, plan: _Plan, ids_by_upn: dict[str, int], new_contacts: dict[str, ContactRow]
    ) -> None:
        contact_fields = self.parsed.contact_fields
        for upn, ref, c, planned in plan.links:
            link = planned
            if link is None:
                contact_id = ref if isinstance(ref, int) else new_contacts[ref].id
                link = self._link_row(ids_by_upn[upn], contact_id)
            for name in _LINK_COMPARE:
                if name in contact_fields or link.id is None:
                    setattr(link, name, getattr(c, name))
            link.ended_on = None

    def _link_row(self, pupil_id: int, contact_id: int) -> PupilContactRow:
        """The pupil's link to the contact: an ended one is reused, else a new one is added."""
        link = self.s.scalars(
            select(PupilContactRow).where(
                PupilContactRow.pupil_id == pupil_id, PupilContactRow.contact_id == contact_id
            )
        ).first()
        if link is None:
            link = PupilContactRow(pupil_id=pupil_id, contact_id=contact_id)
            self.s.add(link)
        return link
