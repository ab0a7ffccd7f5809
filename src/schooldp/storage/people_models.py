"""People register tables: pupils, contacts, the links between them, staff, groups, MIS mapping.

Only what breach letters, consents and requests need is kept (UK GDPR Art 5(1)(c); policy 7.2).
`search_key` / `sort_key` columns are precomputed with `domain.people.search_key` so a search
over a few thousand pupils is one indexed-free LIKE scan of short strings, well under 50 ms.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, IntId, Versioned


class PupilRow(Versioned, IntId, Base):
    __tablename__ = "pupils"
    upn: Mapped[str] = mapped_column(String(13), unique=True)
    legal_first_name: Mapped[str] = mapped_column(Text, default="")
    legal_last_name: Mapped[str] = mapped_column(Text, default="")
    preferred_first_name: Mapped[str] = mapped_column(Text, default="")
    preferred_last_name: Mapped[str] = mapped_column(Text, default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    year_group: Mapped[str] = mapped_column(String(4), index=True)
    reg_group: Mapped[str] = mapped_column(Text, default="", index=True)
    admission_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    leaving_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    search_key: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class ContactRow(Versioned, IntId, Base):
    """A parent or carer; the relationship lives on the link, since it differs per pupil."""

    __tablename__ = "contacts"
    title: Mapped[str] = mapped_column(Text, default="")
    first_name: Mapped[str] = mapped_column(Text, default="")
    last_name: Mapped[str] = mapped_column(Text, default="")
    address_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    postcode: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    identity_key: Mapped[str] = mapped_column(Text, default="", index=True)  # name + postcode/email
    search_key: Mapped[str] = mapped_column(Text, default="")
    sort_key: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class PupilContactRow(Versioned, IntId, Base):
    """Who a contact is to one pupil. Ended links are kept (with the date) rather than deleted."""

    __tablename__ = "pupil_contacts"
    __table_args__ = (UniqueConstraint("pupil_id", "contact_id", name="uq_pupil_contact"),)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    relationship: Mapped[str] = mapped_column(Text, default="")
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with_pupil: Mapped[bool] = mapped_column(Boolean, default=True)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class StaffRow(Versioned, IntId, Base):
    __tablename__ = "staff"
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    updated_at: Mapped[datetime]


class PupilGroupRow(Versioned, IntId, Base):
    """A named list of pupils chosen by hand (e.g. "Trip to Kew, 14 May")."""

    __tablename__ = "pupil_groups"
    name: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[datetime]


class PupilGroupMemberRow(Base):
    __tablename__ = "pupil_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("pupil_groups.id"), primary_key=True)
    pupil_id: Mapped[int] = mapped_column(ForeignKey("pupils.id"), primary_key=True, index=True)


class MisMappingRow(Base):
    """The school's own answer for an MIS column heading we did not recognise (per school file)."""

    __tablename__ = "mis_header_mappings"
    header_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    target: Mapped[str] = mapped_column(String(64))  # a field key, or "" to ignore
    updated_at: Mapped[datetime]
