"""Register rows <-> domain values, and the keys the register searches and sorts by.

Only this module and the queries in `register` know the storage rows; everything else gets
domain dataclasses (`domain.people`).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import InstrumentedAttribute

from schooldp.domain.people import Contact, Pupil, Staff, YearGroup, normalise_upn, search_key
from schooldp.imports.mis import normalise_postcode
from schooldp.services.dataclass_copy import build_from
from schooldp.services.people.views import PupilContact
from schooldp.storage.people_models import ContactRow, PupilContactRow, PupilRow, StaffRow

__all__ = [
    "contact_from_row",
    "contact_identity",
    "fill_contact_row",
    "fill_pupil_row",
    "fill_staff_row",
    "like_words",
    "on_roll_clause",
    "pupil_contact",
    "pupil_from_row",
    "staff_from_row",
]


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


def like_words(column: InstrumentedAttribute[str], query: str) -> list[ColumnElement[bool]]:
    """One LIKE per word of the query (after `search_key`), wildcards in the query escaped."""
    conditions: list[ColumnElement[bool]] = []
    for word in search_key(query).split():
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(column.like(f"%{escaped}%", escape="\\"))
    return conditions


def on_roll_clause(day: date) -> ColumnElement[bool]:
    """`domain.people.on_roll` as SQL: no leaving date, or one still to come on `day`."""
    return or_(PupilRow.leaving_date.is_(None), PupilRow.leaving_date > day)


def pupil_from_row(row: PupilRow) -> Pupil:
    return build_from(Pupil, row, year_group=YearGroup(row.year_group))


def fill_pupil_row(row: PupilRow, p: Pupil, *, now: datetime) -> None:
    """Copy a pupil into its row (tidied, with search and sort keys); `now` stamps the change."""
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
    row.updated_at = now


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
        row_version=row.row_version,
    )


def fill_contact_row(row: ContactRow, c: Contact, *, now: datetime) -> None:
    """Copy a contact into its row (tidied, with identity, search and sort keys)."""
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
    row.updated_at = now


def staff_from_row(row: StaffRow) -> Staff:
    return Staff(name=row.name, role=row.role, email=row.email, id=row.id, row_version=row.row_version)


def fill_staff_row(row: StaffRow, s: Staff, *, now: datetime) -> None:
    row.name = s.name.strip()
    row.role = s.role.strip()
    row.email = s.email.strip()
    row.search_key = search_key(f"{row.name} {row.role} {row.email}")
    row.updated_at = now


def pupil_contact(link: PupilContactRow, row: ContactRow) -> PupilContact:
    return PupilContact(
        contact=contact_from_row(row, link),
        relationship=link.relationship,
        parental_responsibility=link.parental_responsibility,
        lives_with_pupil=link.lives_with_pupil,
        priority=link.priority,
    )
