"""The people register: pupils, parents/carers and staff, searched, grouped and kept up to date.

Breach letters, consent forms and requests read people through `PeopleService`; nothing else
touches the people tables. Every method returns domain dataclasses (`domain.people`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from typing import TextIO

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.people import Contact, Pupil, Staff, YearGroup, normalise_upn, search_key
from schooldp.imports.mis import ContactRecord, ParsedFile, PupilRecord, normalise_postcode, write_csv
from schooldp.services.school import SchoolSession
from schooldp.storage.people_models import (
    ContactRow,
    MisMappingRow,
    PupilContactRow,
    PupilGroupMemberRow,
    PupilGroupRow,
    PupilRow,
    StaffRow,
)

__all__ = [
    "CustomGroup",
    "GroupKind",
    "PeopleService",
    "PupilContact",
    "PupilGroup",
    "contact_identity",
    "ImportResult",
]

_YEAR_ORDER = {yg.value: i for i, yg in enumerate(YearGroup)}


@dataclass(frozen=True)
class PupilContact:
    """A contact as one pupil knows them: the relationship and flags belong to this link."""

    contact: Contact
    relationship: str
    parental_responsibility: bool
    lives_with_pupil: bool
    priority: int


class GroupKind(Enum):
    ALL = "all"
    YEAR = "year"
    REG = "reg"
    CUSTOM = "custom"


@dataclass(frozen=True)
class PupilGroup:
    """A selection of pupils for letters and consent forms: all, a year, a reg group, a list."""

    kind: GroupKind
    value: str = ""  # year group value ("Y3"), reg group name, or custom group id as text
    label: str = ""

    @classmethod
    def all_pupils(cls) -> PupilGroup:
        return cls(GroupKind.ALL, "", "All pupils")

    @classmethod
    def year(cls, year_group: str | YearGroup) -> PupilGroup:
        yg = year_group if isinstance(year_group, YearGroup) else YearGroup(year_group)
        return cls(GroupKind.YEAR, yg.value, yg.label)

    @classmethod
    def reg(cls, reg_group: str) -> PupilGroup:
        return cls(GroupKind.REG, reg_group, f"Registration group {reg_group}")

    @classmethod
    def custom(cls, group_id: int, name: str = "") -> PupilGroup:
        return cls(GroupKind.CUSTOM, str(group_id), name or f"List {group_id}")


@dataclass(frozen=True)
class CustomGroup:
    id: int
    name: str
    pupil_ids: tuple[int, ...]


def contact_identity(first_name: str, last_name: str, postcode: str, email: str) -> str:
    """Who a contact is across pupils and imports: the name plus postcode (or email).

    Two carers with the same name at the same postcode are taken to be one person, which is
    how siblings come to share a parent. Empty when there is neither postcode nor email: such
    a contact is only matched within the pupil's own contacts.
    """
    name = search_key(f"{first_name} {last_name}")
    pc = "".join(postcode.split()).upper()
    if pc:
        return f"{name}|pc:{pc}"
    mail = email.strip().casefold()
    if mail:
        return f"{name}|em:{mail}"
    return ""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _like_words(column, query: str):  # type: ignore[no-untyped-def]
    conditions = []
    for word in search_key(query).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(column.like(f"%{escaped}%", escape="\\"))
    return conditions


# ---- row <-> domain ------------------------------------------------------------------------
def pupil_from_row(row: PupilRow) -> Pupil:
    return Pupil(
        upn=row.upn,
        legal_first_name=row.legal_first_name,
        legal_last_name=row.legal_last_name,
        date_of_birth=row.date_of_birth,
        year_group=YearGroup(row.year_group),
        reg_group=row.reg_group,
        preferred_first_name=row.preferred_first_name,
        preferred_last_name=row.preferred_last_name,
        admission_date=row.admission_date,
        leaving_date=row.leaving_date,
        id=row.id,
    )


def fill_pupil_row(row: PupilRow, p: Pupil) -> None:
    row.upn = normalise_upn(p.upn)
    row.legal_first_name = p.legal_first_name.strip()
    row.legal_last_name = p.legal_last_name.strip()
    row.preferred_first_name = p.preferred_first_name.strip()
    row.preferred_last_name = p.preferred_last_name.strip()
    row.date_of_birth = p.date_of_birth
    row.year_group = p.year_group.value
    row.reg_group = p.reg_group.strip()
    row.admission_date = p.admission_date
    row.leaving_date = p.leaving_date
    row.search_key = p.search_text
    row.sort_key = search_key(f"{row.legal_last_name} {row.legal_first_name}")
    row.updated_at = _now()


def contact_from_row(row: ContactRow, link: PupilContactRow | None = None) -> Contact:
    return Contact(
        first_name=row.first_name,
        last_name=row.last_name,
        relationship=link.relationship if link else "",
        title=row.title,
        parental_responsibility=link.parental_responsibility if link else False,
        lives_with_pupil=link.lives_with_pupil if link else True,
        address_lines=tuple(json.loads(row.address_lines or "[]")),
        postcode=row.postcode,
        email=row.email,
        phone=row.phone,
        priority=link.priority if link else 1,
        id=row.id,
    )


def fill_contact_row(row: ContactRow, c: Contact) -> None:
    row.title = c.title.strip()
    row.first_name = c.first_name.strip()
    row.last_name = c.last_name.strip()
    row.address_lines = json.dumps(
        [line.strip() for line in c.address_lines if line.strip()], ensure_ascii=False
    )
    row.postcode = normalise_postcode(c.postcode)
    row.email = c.email.strip()
    row.phone = c.phone.strip()
    row.identity_key = contact_identity(row.first_name, row.last_name, row.postcode, row.email)
    row.search_key = search_key(" ".join((row.first_name, row.last_name, row.postcode, row.email)))
    row.sort_key = search_key(f"{row.last_name} {row.first_name}")
    row.updated_at = _now()


def staff_from_row(row: StaffRow) -> Staff:
    return Staff(name=row.name, role=row.role, email=row.email, id=row.id)


def fill_staff_row(row: StaffRow, s: Staff) -> None:
    row.name = s.name.strip()
    row.role = s.role.strip()
    row.email = s.email.strip()
    row.search_key = search_key(f"{row.name} {row.role} {row.email}")
    row.updated_at = _now()


class PeopleService:
    """Reads and writes the register. Each write is one transaction with its audit entry."""

    def __init__(self, session: SchoolSession, today: date | None = None) -> None:
        self.session = session
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

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
        q = select(PupilRow)
        if search.strip():
            q = q.where(*_like_words(PupilRow.search_key, search))
        if year_group:
            yg = year_group.value if isinstance(year_group, YearGroup) else year_group
            q = q.where(PupilRow.year_group == yg)
        if reg_group is not None and reg_group != "":
            q = q.where(PupilRow.reg_group == reg_group)
        if not include_leavers:
            q = q.where(or_(PupilRow.leaving_date.is_(None), PupilRow.leaving_date > self.today))
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            q = q.where(PupilRow.id.in_(id_list))
        q = q.order_by(PupilRow.sort_key, PupilRow.id)
        with self.session.read() as s:
            return [pupil_from_row(r) for r in s.scalars(q)]

    def pupil(self, pupil_id: int) -> Pupil:
        with self.session.read() as s:
            row = s.get(PupilRow, pupil_id)
            if row is None:
                raise SchoolDPError("That pupil is no longer in the register.")
            return pupil_from_row(row)

    def pupil_by_upn(self, upn: str) -> Pupil | None:
        with self.session.read() as s:
            row = s.scalars(select(PupilRow).where(PupilRow.upn == normalise_upn(upn))).first()
            return pupil_from_row(row) if row else None

    def pupil_count(self, *, include_leavers: bool = False) -> int:
        q = select(func.count(PupilRow.id))
        if not include_leavers:
            q = q.where(or_(PupilRow.leaving_date.is_(None), PupilRow.leaving_date > self.today))
        with self.session.read() as s:
            return int(s.scalar(q) or 0)

    def year_groups(self) -> list[str]:
        """Year groups with pupils on roll, in school order (N, R, Y1 ... S6)."""
        with self.session.read() as s:
            values = s.scalars(
                select(PupilRow.year_group)
                .where(or_(PupilRow.leaving_date.is_(None), PupilRow.leaving_date > self.today))
                .distinct()
            ).all()
        return sorted(values, key=lambda v: _YEAR_ORDER.get(v, 999))

    def reg_groups(self) -> list[str]:
        with self.session.read() as s:
            values = s.scalars(
                select(PupilRow.reg_group)
                .where(
                    PupilRow.reg_group != "",
                    or_(PupilRow.leaving_date.is_(None), PupilRow.leaving_date > self.today),
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
            fill_pupil_row(row, pupil)
            ch.session.add(row)
            ch.session.flush()
            ch.record("pupil.added", "pupil", row.id, "Pupil added")
            return pupil_from_row(row)

    def update_pupil(self, pupil: Pupil) -> Pupil:
        if pupil.id is None:
            raise ValidationError("Save the pupil before changing them.")
        with self.session.change() as ch:
            row = ch.session.get(PupilRow, pupil.id)
            if row is None:
                raise SchoolDPError("That pupil is no longer in the register.")
            clash = ch.session.scalars(
                select(PupilRow.id).where(PupilRow.upn == normalise_upn(pupil.upn), PupilRow.id != pupil.id)
            ).first()
            if clash is not None:
                raise ValidationError("Another pupil already has that UPN.", "upn")
            fill_pupil_row(row, pupil)
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
                row.updated_at = _now()
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
            return [_pupil_contact(link, row) for link, row in pairs]

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
                    result[link.pupil_id].append(_pupil_contact(link, row))
        return result

    def contact(self, contact_id: int) -> Contact:
        """A contact with the relationship and flags of their first-priority link."""
        with self.session.read() as s:
            row = s.get(ContactRow, contact_id)
            if row is None:
                raise SchoolDPError("That contact is no longer in the register.")
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
            q = q.where(*_like_words(ContactRow.search_key, search))
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
            if s.get(PupilRow, pupil_id) is None:
                raise SchoolDPError("That pupil is no longer in the register.")
            row = s.get(ContactRow, contact.id) if contact.id is not None else None
            if row is None:
                identity = contact_identity(
                    contact.first_name, contact.last_name, contact.postcode, contact.email
                )
                if identity:
                    row = s.scalars(select(ContactRow).where(ContactRow.identity_key == identity)).first()
            if row is None:
                row = ContactRow()
                fill_contact_row(row, contact)
                s.add(row)
                s.flush()
                ch.record("contact.added", "contact", row.id, "Contact added")
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
            row = ch.session.get(ContactRow, contact.id)
            if row is None:
                raise SchoolDPError("That contact is no longer in the register.")
            fill_contact_row(row, contact)
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
            q = q.where(*_like_words(StaffRow.search_key, search))
        with self.session.read() as s:
            return [staff_from_row(r) for r in s.scalars(q.order_by(StaffRow.search_key, StaffRow.id))]

    def staff_member(self, staff_id: int) -> Staff:
        with self.session.read() as s:
            row = s.get(StaffRow, staff_id)
            if row is None:
                raise SchoolDPError("That member of staff is no longer in the register.")
            return staff_from_row(row)

    def add_staff(self, staff: Staff) -> Staff:
        with self.session.change() as ch:
            row = StaffRow()
            fill_staff_row(row, staff)
            ch.session.add(row)
            ch.session.flush()
            ch.record("staff.added", "staff", row.id, "Staff member added")
            return staff_from_row(row)

    def update_staff(self, staff: Staff) -> Staff:
        if staff.id is None:
            raise ValidationError("Save the staff member before changing them.")
        with self.session.change() as ch:
            row = ch.session.get(StaffRow, staff.id)
            if row is None:
                raise SchoolDPError("That member of staff is no longer in the register.")
            fill_staff_row(row, staff)
            ch.record("staff.updated", "staff", row.id, "Staff member changed")
            return staff_from_row(row)

    def staff_left(self, staff_id: int, on: date | None = None) -> None:
        with self.session.change() as ch:
            row = ch.session.get(StaffRow, staff_id)
            if row is None:
                raise SchoolDPError("That member of staff is no longer in the register.")
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
                row = PupilGroupRow(name=name, created_at=_now())
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
                    ch.session.add(MisMappingRow(header_key=key, target=target, updated_at=_now()))
                else:
                    row.target, row.updated_at = target, _now()
            ch.record("mis.mapping", "people", "", f"{len(mapping)} column heading(s) remembered")

    # ---- MIS import and export (bodies below the class) ------------------------------------------
    def preview_import(self, parsed: ParsedFile) -> ImportResult:
        """What importing would change, computed without writing anything."""
        return _preview_import(self, parsed)

    def apply_import(
        self, parsed: ParsedFile, *, leaver_ids: Iterable[int] = (), leaving_date: date | None = None
    ) -> ImportResult:
        """Import the good rows in ONE transaction; missing pupils become leavers only if confirmed."""
        return _apply_import(self, parsed, leaver_ids=leaver_ids, leaving_date=leaving_date)

    def export_records(self, include_leavers: bool = True) -> list[PupilRecord]:
        return _export_records(self, include_leavers)

    def export_csv(self, out: TextIO, include_leavers: bool = True) -> int:
        """Write the register as CSV (SchoolDP's own layout, which imports back unchanged)."""
        return _export_csv(self, out, include_leavers)


def _pupil_contact(link: PupilContactRow, row: ContactRow) -> PupilContact:
    return PupilContact(
        contact=contact_from_row(row, link),
        relationship=link.relationship,
        parental_responsibility=link.parental_responsibility,
        lives_with_pupil=link.lives_with_pupil,
        priority=link.priority,
    )


# ============================================================================================
# Import from the MIS, and export
# ============================================================================================


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, from `preview_import`, would do). Counts and a readable change list."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejoined: int = 0
    contacts_added: int = 0
    contacts_updated: int = 0
    links_added: int = 0
    links_changed: int = 0
    links_ended: int = 0
    leavers_marked: int = 0
    changes: tuple[str, ...] = ()
    missing: tuple[Pupil, ...] = ()  # on roll but absent from the file: leavers only if confirmed
    skipped_rows: tuple[int, ...] = ()

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.added
            or self.updated
            or self.contacts_added
            or self.contacts_updated
            or self.links_added
            or self.links_changed
            or self.links_ended
            or self.leavers_marked
        )

    def summary(self) -> str:
        parts = [
            f"{self.added} pupil(s) added",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
            f"{self.contacts_added} contact(s) added",
            f"{self.contacts_updated} contact(s) updated",
        ]
        if self.links_ended:
            parts.append(f"{self.links_ended} contact link(s) ended")
        if self.leavers_marked:
            parts.append(f"{self.leavers_marked} marked as leavers")
        if self.skipped_rows:
            parts.append(f"{len(self.skipped_rows)} row(s) not imported")
        return ", ".join(parts) + "."


@dataclass
class _Plan:
    new_pupils: list[PupilRecord]
    pupil_updates: list[tuple[PupilRow, PupilRecord, bool]]  # row, record, clear leaving date
    contact_new: dict[str, ContactRecord]
    contact_updates: dict[int, tuple[ContactRow, ContactRecord]]
    links: list[tuple[str, tuple[str, object], ContactRecord, PupilContactRow | None]]
    link_ends: list[PupilContactRow]
    missing: list[PupilRow]
    result: ImportResult


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


def _pupil_value(row: PupilRow, name: str) -> object:
    value = getattr(row, name)
    return YearGroup(value) if name == "year_group" else value


def _contact_value(row: ContactRow, name: str) -> object:
    if name == "address_lines":
        return tuple(json.loads(row.address_lines or "[]"))
    return getattr(row, name)


class _Importer:
    """Compares a parsed file with the register inside one Session; `execute` writes the plan."""

    def __init__(self, s: Session, parsed: ParsedFile, today: date) -> None:
        self.s = s
        self.parsed = parsed
        self.today = today

    def plan(self) -> _Plan:
        s, parsed, today = self.s, self.parsed, self.today
        pupils = {r.upn: r for r in s.scalars(select(PupilRow))}
        contacts_by_identity: dict[str, ContactRow] = {}
        contacts_by_id: dict[int, ContactRow] = {}
        for c in s.scalars(select(ContactRow)):
            contacts_by_id[c.id] = c
            if c.identity_key:
                contacts_by_identity.setdefault(c.identity_key, c)
        links_by_pupil: dict[int, list[PupilContactRow]] = {}
        for link in s.scalars(select(PupilContactRow).where(PupilContactRow.ended_on.is_(None))):
            links_by_pupil.setdefault(link.pupil_id, []).append(link)

        pupil_fields = parsed.pupil_fields
        contact_fields = parsed.contact_fields
        with_contacts = parsed.has_contacts
        plan = _Plan([], [], {}, {}, [], [], [], ImportResult())
        changes: list[str] = []
        added = updated = unchanged = rejoined = links_changed = 0
        updated_contacts: set[int] = set()
        for record in parsed.records:
            p = record.pupil
            row = pupils.get(p.upn)
            who = f"{p.upn} ({p.display_name})"
            if row is None:
                plan.new_pupils.append(record)
                added += 1
                changes.append(f"{who}: new pupil")
                pupil_changed = True
            else:
                diffs = []
                for name, label in _PUPIL_COMPARE:
                    if name not in pupil_fields:
                        continue
                    old, new = _pupil_value(row, name), getattr(p, name)
                    if old != new:
                        diffs.append(f"{label} {_shown(old)} → {_shown(new)}")
                clear_leaving = (
                    "leaving_date" not in pupil_fields
                    and row.leaving_date is not None
                    and row.leaving_date <= today
                )
                if clear_leaving:
                    diffs.append("back on roll (leaving date cleared)")
                if (
                    row.leaving_date is not None
                    and row.leaving_date <= today
                    and (clear_leaving or ("leaving_date" in pupil_fields and p.leaving_date is None))
                ):
                    rejoined += 1
                if diffs:
                    plan.pupil_updates.append((row, record, clear_leaving))
                    updated += 1
                    changes.append(f"{who}: " + "; ".join(diffs))
                pupil_changed = bool(diffs)
            if not with_contacts:
                if not pupil_changed:
                    unchanged += 1
                continue
            existing_links = links_by_pupil.get(row.id, []) if row is not None else []
            matched: set[int] = set()
            contact_changed = False
            for c in record.contacts:
                identity = contact_identity(c.first_name, c.last_name, c.postcode, c.email)
                target: ContactRow | None = None
                link: PupilContactRow | None = None
                for candidate in existing_links:
                    crow = contacts_by_id.get(candidate.contact_id)
                    if (
                        candidate.id not in matched
                        and crow is not None
                        and search_key(f"{crow.first_name} {crow.last_name}") == c.name_key
                    ):
                        target, link = crow, candidate
                        break
                if target is None and identity:
                    target = contacts_by_identity.get(identity)
                    if target is not None and row is not None:
                        link = next((x for x in existing_links if x.contact_id == target.id), None)
                if target is not None:
                    ref: tuple[str, object] = ("id", target.id)
                    if link is not None:
                        matched.add(link.id)
                    diffs = []
                    for name in _CONTACT_COMPARE:
                        field_name = "first_name" if name in ("first_name", "last_name", "title") else name
                        if field_name not in contact_fields and name not in contact_fields:
                            continue
                        old, new = _contact_value(target, name), getattr(c, name)
                        if old != new:
                            diffs.append(f"{name.replace('_', ' ')} {_shown(old)} → {_shown(new)}")
                    if diffs and target.id not in updated_contacts:
                        updated_contacts.add(target.id)
                        plan.contact_updates[target.id] = (target, c)
                        changes.append(f"{who}: contact {c.display_name}: " + "; ".join(diffs))
                        contact_changed = True
                else:
                    key = identity or f"pupil:{p.upn}:{c.name_key}"
                    ref = ("new", key)
                    if key not in plan.contact_new:
                        plan.contact_new[key] = c
                        changes.append(f"{who}: new contact {c.display_name}")
                    contact_changed = True
                if link is None:
                    changes.append(f"{who}: {c.display_name} linked ({c.relationship or 'contact'})")
                    contact_changed = True
                else:
                    diffs = []
                    for name in _LINK_COMPARE:
                        if name not in contact_fields:
                            continue
                        old, new = getattr(link, name), getattr(c, name)
                        if old != new:
                            diffs.append(f"{name.replace('_', ' ')} {_shown(old)} → {_shown(new)}")
                    if diffs:
                        links_changed += 1
                        contact_changed = True
                        changes.append(f"{who}: contact {c.display_name}: " + "; ".join(diffs))
                plan.links.append((p.upn, ref, c, link))
            for link in existing_links:
                if link.id not in matched:
                    plan.link_ends.append(link)
                    crow = contacts_by_id.get(link.contact_id)
                    shown = f"{crow.first_name} {crow.last_name}".strip() if crow else "a contact"
                    changes.append(f"{who}: {shown} no longer listed as a contact")
                    contact_changed = True
            if not pupil_changed and not contact_changed:
                unchanged += 1

        seen = parsed.seen_upns
        plan.missing = sorted(
            (
                r
                for upn, r in pupils.items()
                if upn not in seen and (r.leaving_date is None or r.leaving_date > today)
            ),
            key=lambda r: r.sort_key,
        )
        plan.result = ImportResult(
            added=added,
            updated=updated,
            unchanged=unchanged,
            rejoined=rejoined,
            contacts_added=len(plan.contact_new),
            contacts_updated=len(plan.contact_updates),
            links_added=sum(1 for *_, link in plan.links if link is None),
            links_changed=links_changed,
            links_ended=len(plan.link_ends),
            changes=tuple(changes),
            missing=tuple(pupil_from_row(r) for r in plan.missing),
            skipped_rows=tuple(parsed.rows_with_errors),
        )
        return plan

    def execute(self, plan: _Plan, leaver_ids: set[int], leaving_date: date) -> ImportResult:
        s = self.s
        new_rows: dict[str, PupilRow] = {}
        for record in plan.new_pupils:
            row = PupilRow()
            fill_pupil_row(row, record.pupil)
            new_rows[row.upn] = row
        s.add_all(new_rows.values())
        fields = self.parsed.pupil_fields
        for row, record, clear_leaving in plan.pupil_updates:
            merged = pupil_from_row(row)
            values = {name: getattr(record.pupil, name) for name, _ in _PUPIL_COMPARE if name in fields}
            if clear_leaving:
                values["leaving_date"] = None
            fill_pupil_row(row, replace(merged, **values))
        contact_fields = self.parsed.contact_fields
        for crow, c in plan.contact_updates.values():
            current = contact_from_row(crow)
            values = {}
            for name in _CONTACT_COMPARE:
                field_name = "first_name" if name in ("first_name", "last_name", "title") else name
                if field_name in contact_fields or name in contact_fields:
                    values[name] = getattr(c, name)
            fill_contact_row(crow, replace(current, **values))
        new_contacts: dict[str, ContactRow] = {}
        for key, c in plan.contact_new.items():
            crow = ContactRow()
            fill_contact_row(crow, c.to_contact())
            new_contacts[key] = crow
        s.add_all(new_contacts.values())
        s.flush()
        ids_by_upn = {r.upn: r.id for r in new_rows.values()}
        ids_by_upn.update({row.upn: row.id for row, _, _ in plan.pupil_updates})
        missing_upns = {upn for upn, *_ in plan.links if upn not in ids_by_upn}
        if missing_upns:
            for pid, upn in s.execute(
                select(PupilRow.id, PupilRow.upn).where(PupilRow.upn.in_(missing_upns))
            ):
                ids_by_upn[upn] = pid
        for upn, ref, c, link in plan.links:
            if link is None:
                contact_id = ref[1] if ref[0] == "id" else new_contacts[str(ref[1])].id
                pupil_id = ids_by_upn[upn]
                link = s.scalars(
                    select(PupilContactRow).where(
                        PupilContactRow.pupil_id == pupil_id, PupilContactRow.contact_id == contact_id
                    )
                ).first()
                if link is None:
                    link = PupilContactRow(pupil_id=pupil_id, contact_id=contact_id)
                    s.add(link)
            for name in _LINK_COMPARE:
                if name in contact_fields or link.id is None:
                    setattr(link, name, getattr(c, name))
            link.ended_on = None
        for link in plan.link_ends:
            link.ended_on = self.today
        marked = 0
        for row in plan.missing:
            if row.id in leaver_ids:
                row.leaving_date = leaving_date
                row.updated_at = _now()
                marked += 1
        s.flush()
        return replace(plan.result, leavers_marked=marked)


def _preview_import(self: PeopleService, parsed: ParsedFile) -> ImportResult:
    """What importing would change, computed without writing anything."""
    with self.session.read() as s:
        return _Importer(s, parsed, self.today).plan().result


def _apply_import(
    self: PeopleService,
    parsed: ParsedFile,
    *,
    leaver_ids: Iterable[int] = (),
    leaving_date: date | None = None,
) -> ImportResult:
    """Import the good rows in ONE transaction: all of it lands, or none of it.

    Pupils missing from the file become leavers only if their ids are in `leaver_ids`
    (the person confirmed it), with `leaving_date` (default today).
    """
    if not parsed.records and not leaver_ids:
        raise SchoolDPError("There are no rows without problems to import.")
    with self.session.change() as ch:
        importer = _Importer(ch.session, parsed, self.today)
        result = importer.execute(importer.plan(), set(leaver_ids), leaving_date or self.today)
        ch.record(
            "people.imported",
            "people",
            "",
            f"MIS import: {result.added} added, {result.updated} updated, "
            f"{result.contacts_added} contacts added, {result.contacts_updated} contacts updated, "
            f"{result.leavers_marked} leavers, {len(result.skipped_rows)} rows skipped",
        )
        return result


def _export_records(self: PeopleService, include_leavers: bool = True) -> list[PupilRecord]:
    pupils = self.pupils(include_leavers=include_leavers)
    contacts = self.contacts_for_many([p.id for p in pupils if p.id is not None])
    records = []
    for p in pupils:
        assert p.id is not None
        cs = tuple(
            ContactRecord(
                first_name=pc.contact.first_name,
                last_name=pc.contact.last_name,
                title=pc.contact.title,
                relationship=pc.relationship,
                parental_responsibility=pc.parental_responsibility,
                lives_with_pupil=pc.lives_with_pupil,
                priority=pc.priority,
                address_lines=pc.contact.address_lines,
                postcode=pc.contact.postcode,
                email=pc.contact.email,
                phone=pc.contact.phone,
            )
            for pc in contacts[p.id]
        )
        records.append(PupilRecord(0, p, cs))
    return records


def _export_csv(self: PeopleService, out: TextIO, include_leavers: bool = True) -> int:
    """Write the register as CSV (SchoolDP's layout, which imports back unchanged)."""
    return write_csv(_export_records(self, include_leavers), out)
