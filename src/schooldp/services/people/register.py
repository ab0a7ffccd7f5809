"""`PeopleService`: the people register (pupils, parents/carers, staff, groups) read and kept up to date.

Breach letters, consent forms and requests read people through `PeopleService`; nothing else
touches the people tables. Every method returns domain dataclasses (`domain.people`) or the
values in `views`. Each write is one transaction with its audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.people import Contact, Pupil, Staff, YearGroup, normalise_upn, search_key
from schooldp.imports.mis import ColumnMapping, ParsedFile, PupilRecord, RawTable, auto_map, parse, read_table
from schooldp.services.bulk import no_cycle_collection
from schooldp.services.people.export import pupil_records, write_register_csv
from schooldp.services.people.importer import Importer, audit_summary
from schooldp.services.people.rows import (
    contact_from_row,
    contact_identity,
    fill_contact_row,
    fill_pupil_row,
    fill_staff_row,
    like_words,
    on_roll_clause,
    pupil_contact,
    pupil_from_row,
    staff_from_row,
)
from schooldp.services.people.views import CustomGroup, GroupKind, ImportResult, PupilContact, PupilGroup
from schooldp.services.school import Change, SchoolSession
from schooldp.services.versions import guard
from schooldp.storage.people_models import (
    ContactRow,
    MisMappingRow,
    PupilContactRow,
    PupilGroupMemberRow,
    PupilGroupRow,
    PupilRow,
    StaffRow,
)

__all__ = ["PeopleService"]

_YEAR_ORDER = {yg.value: i for i, yg in enumerate(YearGroup)}

_PersonRow = TypeVar("_PersonRow", PupilRow, ContactRow, StaffRow)

_GONE = {
    PupilRow: "That pupil is no longer in the register.",
    ContactRow: "That contact is no longer in the register.",
    StaffRow: "That member of staff is no longer in the register.",
}


def _existing(s: Session, model: type[_PersonRow], row_id: int) -> _PersonRow:
    """The saved row, or an error saying the person has gone from the register."""
    row = s.get(model, row_id)
    if row is None:
        raise SchoolDPError(_GONE[model])
    return row


def _insert(ch: Change, row: _PersonRow, action: str, summary: str) -> _PersonRow:
    """Save a new row and write its audit entry (the entity is the action's first word)."""
    ch.session.add(row)
    ch.session.flush()
    ch.record(action, action.split(".")[0], row.id, summary)
    return row


_PUPIL_COLUMNS = (
    PupilRow.upn,
    PupilRow.legal_first_name,
    PupilRow.legal_last_name,
    PupilRow.date_of_birth,
    PupilRow.year_group,
    PupilRow.reg_group,
    PupilRow.preferred_first_name,
    PupilRow.preferred_last_name,
    PupilRow.admission_date,
    PupilRow.leaving_date,
    PupilRow.id,
)
"""A pupil's columns in the order of `Pupil`'s fields."""


class PeopleService:
    """Reads and writes the register. Each write is one transaction with its audit entry."""

    def __init__(self, session: SchoolSession, today: date | None = None) -> None:
        """`today` pins the date for this service only (the demo school builds its register for
        a fixed day); otherwise the session's clock says what today is."""
        self.session = session
        self._today = today

    @property
    def today(self) -> date:
        """Today's UK date, from the session clock unless pinned."""
        return self._today or self.session.clock.today()

    def _now(self) -> datetime:
        """Now as stored in `updated_at` columns: UTC without a zone."""
        return self.session.clock.now().astimezone(UTC).replace(tzinfo=None)

    # ---- pupils ------------------------------------------------------------------------------
    def pupils(
        self,
        *,
        search: str = "",
        year_group: str | None = None,
        reg_group: str | None = None,
        include_leavers: bool = False,
        ids: Iterable[int] | None = None,
    ) -> list[Pupil]:
        """Pupils sorted by legal surname. Without `include_leavers`, pupils whose leaving date
        has passed are left out (a planned leaving date still counts as on roll)."""
        q = select(*_PUPIL_COLUMNS)
        if search.strip():
            q = q.where(*like_words(PupilRow.search_key, search))
        if year_group:
            yg = year_group.value if isinstance(year_group, YearGroup) else year_group
            q = q.where(PupilRow.year_group == yg)
        if reg_group is not None and reg_group != "":
            q = q.where(PupilRow.reg_group == reg_group)
        if not include_leavers:
            q = q.where(on_roll_clause(self.today))
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            q = q.where(PupilRow.id.in_(id_list))
        q = q.order_by(PupilRow.sort_key, PupilRow.id)
        # Plain columns, not ORM objects: loading 2,000 mapped rows cost more than the rest.
        with no_cycle_collection():
            with self.session.read() as s:
                rows = s.execute(q).all()
            return [
                Pupil(upn, first, last, dob, YearGroup(yg), reg, pfirst, plast, admitted, left, id_)
                for upn, first, last, dob, yg, reg, pfirst, plast, admitted, left, id_ in rows
            ]

    def pupil(self, pupil_id: int) -> Pupil:
        with self.session.read() as s:
            return pupil_from_row(_existing(s, PupilRow, pupil_id))

    def pupil_by_upn(self, upn: str) -> Pupil | None:
        with self.session.read() as s:
            row = s.scalars(select(PupilRow).where(PupilRow.upn == normalise_upn(upn))).first()
            return pupil_from_row(row) if row else None

    def pupil_count(self, *, include_leavers: bool = False) -> int:
        q = select(func.count(PupilRow.id))
        if not include_leavers:
            q = q.where(on_roll_clause(self.today))
        with self.session.read() as s:
            return int(s.scalar(q) or 0)

    def contact_count(self) -> int:
        """Contacts with a current link (the number `contacts()` would list)."""
        linked = select(PupilContactRow.contact_id).where(PupilContactRow.ended_on.is_(None))
        with self.session.read() as s:
            return int(s.scalar(select(func.count(ContactRow.id)).where(ContactRow.id.in_(linked))) or 0)

    def staff_count(self) -> int:
        """Staff who have not left (the number `staff()` would list)."""
        with self.session.read() as s:
            return int(s.scalar(select(func.count(StaffRow.id)).where(StaffRow.left_on.is_(None))) or 0)

    def year_groups(self) -> list[str]:
        """Year groups with pupils on roll, in school order (N, R, Y1 ... S6)."""
        with self.session.read() as s:
            values = s.scalars(select(PupilRow.year_group).where(on_roll_clause(self.today)).distinct()).all()
        return sorted(values, key=lambda v: _YEAR_ORDER.get(v, 999))

    def reg_groups(self) -> list[str]:
        with self.session.read() as s:
            values = s.scalars(
                select(PupilRow.reg_group)
                .where(
                    PupilRow.reg_group != "",
                    on_roll_clause(self.today),
                )
                .distinct()
            ).all()
        return sorted(values, key=lambda v: (search_key(v), v))

    def add_pupil(self, pupil: Pupil) -> Pupil:
        upn = normalise_upn(pupil.upn)
        if not upn:
            raise ValidationError("Enter the pupil's UPN.", "upn")
        with self.session.change() as ch:
            if ch.session.scalars(select(PupilRow.id).where(PupilRow.upn == upn)).first() is not None:
                raise ValidationError("A pupil with that UPN is already in the register.", "upn")
            row = PupilRow()
            fill_pupil_row(row, pupil, now=self._now())
            return pupil_from_row(_insert(ch, row, "pupil.added", "Pupil added"))

    def update_pupil(self, pupil: Pupil) -> Pupil:
        if pupil.id is None:
            raise ValidationError("Save the pupil before changing them.")
        with self.session.change() as ch:
            row = _existing(ch.session, PupilRow, pupil.id)
            guard(ch, row, pupil.row_version, "pupil", row.id)
            clash = ch.session.scalars(
                select(PupilRow.id).where(PupilRow.upn == normalise_upn(pupil.upn), PupilRow.id != pupil.id)
            ).first()
            if clash is not None:
                raise ValidationError("Another pupil already has that UPN.", "upn")
            fill_pupil_row(row, pupil, now=self._now())
            ch.record("pupil.updated", "pupil", row.id, "Pupil details changed")
            return pupil_from_row(row)

    def mark_leavers(self, pupil_ids: Sequence[int], leaving_date: date) -> int:
        """Give pupils a leaving date (they stay on the register, marked). Returns how many."""
        if not pupil_ids:
            return 0
        with self.session.change() as ch:
            rows = ch.session.scalars(select(PupilRow).where(PupilRow.id.in_(list(pupil_ids)))).all()
            for row in rows:
                row.leaving_date = leaving_date
                row.updated_at = self._now()
            ch.record("pupil.left", "pupil", "", f"{len(rows)} pupil(s) marked as leavers")
            return len(rows)

    # ---- contacts ----------------------------------------------------------------------------
    def contacts_for(self, pupil_id: int) -> list[PupilContact]:
        """The pupil's current contacts, first priority first."""
        with self.session.read() as s:
            pairs = s.execute(
                select(PupilContactRow, ContactRow)
                .join(ContactRow, ContactRow.id == PupilContactRow.contact_id)
                .where(PupilContactRow.pupil_id == pupil_id, PupilContactRow.ended_on.is_(None))
                .order_by(PupilContactRow.priority, ContactRow.sort_key, ContactRow.id)
            ).all()
            return [pupil_contact(link, row) for link, row in pairs]

    def contacts_for_many(self, pupil_ids: Iterable[int]) -> dict[int, list[PupilContact]]:
        """Contacts of many pupils in one query (for batches of letters)."""
        ids = list(pupil_ids)
        result: dict[int, list[PupilContact]] = {pid: [] for pid in ids}
        if not ids:
            return result
        with self.session.read() as s:
            for start in range(0, len(ids), 900):
                chunk = ids[start : start + 900]
                pairs = s.execute(
                    select(PupilContactRow, ContactRow)
                    .join(ContactRow, ContactRow.id == PupilContactRow.contact_id)
                    .where(PupilContactRow.pupil_id.in_(chunk), PupilContactRow.ended_on.is_(None))
                    .order_by(PupilContactRow.priority, ContactRow.sort_key, ContactRow.id)
                ).all()
                for link, row in pairs:
                    result[link.pupil_id].append(pupil_contact(link, row))
        return result

    def contact(self, contact_id: int) -> Contact:
        """A contact with the relationship and flags of their first-priority link."""
        with self.session.read() as s:
            row = _existing(s, ContactRow, contact_id)
            link = s.scalars(
                select(PupilContactRow)
                .where(PupilContactRow.contact_id == contact_id, PupilContactRow.ended_on.is_(None))
                .order_by(PupilContactRow.priority, PupilContactRow.id)
            ).first()
            return contact_from_row(row, link)

    def pupils_of_contact(self, contact_id: int) -> list[Pupil]:
        with self.session.read() as s:
            rows = s.scalars(
                select(PupilRow)
                .join(PupilContactRow, PupilContactRow.pupil_id == PupilRow.id)
                .where(PupilContactRow.contact_id == contact_id, PupilContactRow.ended_on.is_(None))
                .order_by(PupilRow.sort_key)
            ).all()
            return [pupil_from_row(r) for r in rows]

    def contacts(self, search: str = "") -> list[Contact]:
        """Every contact with a current link, sorted by surname."""
        q = select(ContactRow).where(
            ContactRow.id.in_(select(PupilContactRow.contact_id).where(PupilContactRow.ended_on.is_(None)))
        )
        if search.strip():
            q = q.where(*like_words(ContactRow.search_key, search))
        with self.session.read() as s:
            return [contact_from_row(r) for r in s.scalars(q.order_by(ContactRow.sort_key, ContactRow.id))]

    def add_contact(
        self,
        contact: Contact,
        pupil_id: int,
        relationship: str = "",
        parental_responsibility: bool = False,
        lives_with_pupil: bool = True,
        priority: int = 1,
    ) -> Contact:
        """Link a contact to a pupil. An existing contact (by id, or same name and postcode or
        email) is reused, so siblings share their parents rather than duplicating them."""
        if priority < 1:
            raise ValidationError("Contact priority starts at 1 (first contact).", "priority")
        with self.session.change() as ch:
            s = ch.session
            _existing(s, PupilRow, pupil_id)
            row = s.get(ContactRow, contact.id) if contact.id is not None else None
            if row is None:
                identity = contact_identity(
                    contact.first_name, contact.last_name, contact.postcode, contact.email
                )
                if identity:
                    row = s.scalars(select(ContactRow).where(ContactRow.identity_key == identity)).first()
            if row is None:
                row = ContactRow()
                fill_contact_row(row, contact, now=self._now())
                _insert(ch, row, "contact.added", "Contact added")
            link = s.scalars(
                select(PupilContactRow).where(
                    PupilContactRow.pupil_id == pupil_id, PupilContactRow.contact_id == row.id
                )
            ).first()
            if link is None:
                link = PupilContactRow(pupil_id=pupil_id, contact_id=row.id)
                s.add(link)
            link.relationship = relationship.strip()
            link.parental_responsibility = bool(parental_responsibility)
            link.lives_with_pupil = bool(lives_with_pupil)
            link.priority = priority
            link.ended_on = None
            s.flush()
            ch.record("contact.linked", "pupil", pupil_id, f"Contact {row.id} linked to pupil")
            return contact_from_row(row, link)

    def update_contact(self, contact: Contact) -> Contact:
        if contact.id is None:
            raise ValidationError("Save the contact before changing them.")
        with self.session.change() as ch:
            row = _existing(ch.session, ContactRow, contact.id)
            guard(ch, row, contact.row_version, "contact", row.id)
            fill_contact_row(row, contact, now=self._now())
            ch.record("contact.updated", "contact", row.id, "Contact details changed")
            return contact_from_row(row)

    def unlink_contact(self, pupil_id: int, contact_id: int, on: date | None = None) -> None:
        """End a link (kept with its end date, not deleted)."""
        with self.session.change() as ch:
            link = ch.session.scalars(
                select(PupilContactRow).where(
                    PupilContactRow.pupil_id == pupil_id, PupilContactRow.contact_id == contact_id
                )
            ).first()
            if link is None:
                raise SchoolDPError("That contact is not linked to this pupil.")
            link.ended_on = on or self.today
            ch.record("contact.unlinked", "pupil", pupil_id, f"Contact {contact_id} unlinked")

    # ---- staff -------------------------------------------------------------------------------
    def staff(self, search: str = "") -> list[Staff]:
        q = select(StaffRow).where(StaffRow.left_on.is_(None))
        if search.strip():
            q = q.where(*like_words(StaffRow.search_key, search))
        with self.session.read() as s:
            return [staff_from_row(r) for r in s.scalars(q.order_by(StaffRow.search_key, StaffRow.id))]

    def staff_member(self, staff_id: int) -> Staff:
        with self.session.read() as s:
            return staff_from_row(_existing(s, StaffRow, staff_id))

    def add_staff(self, staff: Staff) -> Staff:
        with self.session.change() as ch:
            row = StaffRow()
            fill_staff_row(row, staff, now=self._now())
            return staff_from_row(_insert(ch, row, "staff.added", "Staff member added"))

    def update_staff(self, staff: Staff) -> Staff:
        if staff.id is None:
            raise ValidationError("Save the staff member before changing them.")
        with self.session.change() as ch:
            row = _existing(ch.session, StaffRow, staff.id)
            guard(ch, row, staff.row_version, "staff", row.id)
            fill_staff_row(row, staff, now=self._now())
            ch.record("staff.updated", "staff", row.id, "Staff member changed")
            return staff_from_row(row)

    def staff_left(self, staff_id: int, on: date | None = None, expected_version: int | None = None) -> None:
        with self.session.change() as ch:
            row = _existing(ch.session, StaffRow, staff_id)
            guard(ch, row, expected_version, "staff", staff_id)
            row.left_on = on or self.today
            ch.record("staff.left", "staff", staff_id, "Staff member marked as left")

    # ---- groups ------------------------------------------------------------------------------
    def groups(self) -> list[PupilGroup]:
        """Every selectable group: all pupils, each year, each reg group, each custom list."""
        result = [PupilGroup.all_pupils()]
        result += [PupilGroup.year(y) for y in self.year_groups()]
        result += [PupilGroup.reg(r) for r in self.reg_groups()]
        result += [PupilGroup.custom(g.id, g.name) for g in self.custom_groups()]
        return result

    def pupils_in_group(self, group: PupilGroup) -> list[Pupil]:
        """Pupils on roll in a group (leavers are never sent letters by group)."""
        if group.kind is GroupKind.ALL:
            return self.pupils()
        if group.kind is GroupKind.YEAR:
            return self.pupils(year_group=group.value)
        if group.kind is GroupKind.REG:
            return self.pupils(reg_group=group.value)
        return self.pupils(ids=self.custom_group(int(group.value)).pupil_ids)

    def custom_groups(self) -> list[CustomGroup]:
        with self.session.read() as s:
            groups = s.scalars(select(PupilGroupRow).order_by(PupilGroupRow.name)).all()
            members = s.execute(select(PupilGroupMemberRow.group_id, PupilGroupMemberRow.pupil_id)).all()
        by_group: dict[int, list[int]] = {}
        for gid, pid in members:
            by_group.setdefault(gid, []).append(pid)
        return [CustomGroup(g.id, g.name, tuple(sorted(by_group.get(g.id, [])))) for g in groups]

    def custom_group(self, group_id: int) -> CustomGroup:
        for g in self.custom_groups():
            if g.id == group_id:
                return g
        raise SchoolDPError("That list of pupils no longer exists.")

    def save_custom_group(
        self, name: str, pupil_ids: Iterable[int], group_id: int | None = None
    ) -> CustomGroup:
        """Create a named list, or replace the members of an existing one."""
        name = name.strip()
        if not name:
            raise ValidationError("Give the list a name.", "name")
        ids = sorted(set(pupil_ids))
        with self.session.change() as ch:
            s = ch.session
            clash = s.scalars(select(PupilGroupRow.id).where(PupilGroupRow.name == name)).first()
            if clash is not None and clash != group_id:
                raise ValidationError("There is already a list with that name.", "name")
            if group_id is None:
                row = PupilGroupRow(name=name, created_at=self._now())
                s.add(row)
                s.flush()
            else:
                found = s.get(PupilGroupRow, group_id)
                if found is None:
                    raise SchoolDPError("That list of pupils no longer exists.")
                row = found
                row.name = name
                s.execute(delete(PupilGroupMemberRow).where(PupilGroupMemberRow.group_id == row.id))
            known = set(s.scalars(select(PupilRow.id).where(PupilRow.id.in_(ids))).all()) if ids else set()
            s.add_all(PupilGroupMemberRow(group_id=row.id, pupil_id=pid) for pid in ids if pid in known)
            ch.record("group.saved", "pupil_group", row.id, f"List saved with {len(known)} pupil(s)")
            return CustomGroup(row.id, row.name, tuple(sorted(known)))

    def delete_custom_group(self, group_id: int) -> None:
        with self.session.change() as ch:
            ch.session.execute(delete(PupilGroupMemberRow).where(PupilGroupMemberRow.group_id == group_id))
            ch.session.execute(delete(PupilGroupRow).where(PupilGroupRow.id == group_id))
            ch.record("group.deleted", "pupil_group", group_id, "List deleted")

    # ---- MIS column mapping (remembered per school file) ---------------------------------------
    def saved_mapping(self) -> dict[str, str]:
        with self.session.read() as s:
            return {r.header_key: r.target for r in s.scalars(select(MisMappingRow))}

    def save_mapping(self, mapping: dict[str, str]) -> None:
        """Remember the school's answers for unrecognised headings ("" means ignore)."""
        if not mapping:
            return
        with self.session.change() as ch:
            for key, target in mapping.items():
                row = ch.session.get(MisMappingRow, key)
                if row is None:
                    ch.session.add(MisMappingRow(header_key=key, target=target, updated_at=self._now()))
                else:
                    row.target, row.updated_at = target, self._now()
            ch.record("mis.mapping", "people", "", f"{len(mapping)} column heading(s) remembered")

    # ---- MIS import and export ---------------------------------------------------------------
    def open_export(self, path: Path) -> tuple[RawTable, ColumnMapping]:
        """Open an MIS export and recognise its headings, with the school's remembered answers."""
        saved = self.saved_mapping()
        table = read_table(path, saved)
        return table, auto_map(table.headers, saved)

    def parse_export(
        self,
        table: RawTable,
        mapping: ColumnMapping,
        *,
        source_name: str = "",
        progress: Callable[[int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> ParsedFile:
        """Read every row of an opened export into records and problems (dated by the clock)."""
        return parse(
            table,
            mapping,
            today=self.today,
            source_name=source_name,
            progress=progress,
            is_cancelled=is_cancelled,
        )

    def preview_import(self, parsed: ParsedFile) -> ImportResult:
        """What importing would change, computed without writing anything."""
        with no_cycle_collection(), self.session.read() as s:
            return Importer(s, parsed, self.today, self._now()).plan().result

    def apply_import(
        self, parsed: ParsedFile, *, leaver_ids: Iterable[int] = (), leaving_date: date | None = None
    ) -> ImportResult:
        """Import the good rows in ONE transaction: all of it lands, or none of it.

        Pupils missing from the file become leavers only if their ids are in `leaver_ids`
        (the person confirmed it), with `leaving_date` (default today).
        """
        if not parsed.records and not leaver_ids:
            raise SchoolDPError("There are no rows without problems to import.")
        # Thousands of mapped rows at once: the cycle collector's rescans would freeze the window.
        with no_cycle_collection(), self.session.change() as ch:
            importer = Importer(ch.session, parsed, self.today, self._now())
            result = importer.execute(importer.plan(), set(leaver_ids), leaving_date or self.today)
            ch.record("people.imported", "people", "", audit_summary(result))
            return result

    def export_records(self, include_leavers: bool = True) -> list[PupilRecord]:
        pupils = self.pupils(include_leavers=include_leavers)
        contacts = self.contacts_for_many([p.id for p in pupils if p.id is not None])
        return pupil_records(pupils, contacts)

    def export_csv(self, out: TextIO, include_leavers: bool = True) -> int:
        """Write the register as CSV (SchoolDP's own layout, which imports back unchanged)."""
        return write_register_csv(self.export_records(include_leavers), out)
