"""Record of processing tables: activities, organisations, the change history and notices.

An entry's fields live in `body_json` (the codec is `services.records.codecs`); every change adds
a history row with the body as it became, so the record's past can be shown (policy 14,
accountability, UK GDPR Art 5(2)). A processor's due-diligence evidence file is kept here, in
the encrypted vault, never on disk beside it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, Versioned


class ProcessingActivityRow(Versioned, Base):
    __tablename__ = "records_activities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(48), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    body_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class OrganisationRow(Versioned, Base):
    __tablename__ = "records_organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(24))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    body_json: Mapped[str] = mapped_column(Text)
    evidence_name: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    updated_at: Mapped[datetime]


class RecordChangeRow(Base):
    """One change to an activity or organisation, with the body as it became. Never updated."""

    __tablename__ = "records_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))  # "activity" / "organisation"
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime]
    changed_by: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    audiences: Mapped[str] = mapped_column(Text, default="")  # notices this change makes out of date
    body_json: Mapped[str] = mapped_column(Text)


class PrivacyNoticeRow(Base):
    """A generated privacy notice, kept as published (PDF and HTML)."""

    __tablename__ = "records_notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audience: Mapped[str] = mapped_column(String(32), index=True)
    revision: Mapped[int] = mapped_column(Integer)  # the last history id it reflects
    generated_at: Mapped[datetime]
    generated_by: Mapped[str] = mapped_column(Text, default="")
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    html: Mapped[str] = mapped_column(Text)
