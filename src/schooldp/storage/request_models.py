"""Rights requests and complaints: the request, and the history rows that explain it.

Nothing here is overwritten: status changes, clock events, ID seen, searches, disclosure
decisions and the DPO's decisions are rows with who and when. People are linked by id (no
database foreign key to the people feature's tables) and the names are kept as typed at intake.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, ByAccount, Created, IntId, Versioned


class RequestRow(Versioned, IntId, Created, Base):
    __tablename__ = "requests"
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    request_type: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    received_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    requester_name: Mapped[str] = mapped_column(Text)
    requester_address: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of lines
    requester_email: Mapped[str] = mapped_column(Text, default="")
    requester_phone: Mapped[str] = mapped_column(Text, default="")
    requester_kind: Mapped[str] = mapped_column(String(16), default="other")  # contact/staff/pupil/other
    requester_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    relationship: Mapped[str] = mapped_column(String(24))
    subject_kind: Mapped[str] = mapped_column(String(16), default="other")  # pupil/contact/staff/other
    subject_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    subject_name: Mapped[str] = mapped_column(Text)
    subject_dob: Mapped[date | None] = mapped_column(Date, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    extended: Mapped[bool] = mapped_column(Boolean, default=False)
    extension_reasons: Mapped[str] = mapped_column(Text, default="")
    extension_notice_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # responded/refused/withdrawn
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class _RequestHistory(IntId, ByAccount):
    """A row of one request's history: what was recorded, when, and by which account."""

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime]


class RequestStatusRow(_RequestHistory, Base):
    __tablename__ = "request_status_history"
    from_status: Mapped[str] = mapped_column(String(32), default="")
    to_status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    effective_on: Mapped[date] = mapped_column(Date)


class RequestClockRow(_RequestHistory, Base):
    __tablename__ = "request_clock_events"
    kind: Mapped[str] = mapped_column(String(32))
    asked_on: Mapped[date] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime | None] = mapped_column(nullable=True)
    received_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RequestIdDocumentRow(_RequestHistory, Base):
    __tablename__ = "request_id_documents"
    document_type: Mapped[str] = mapped_column(String(32))
    date_seen: Mapped[date] = mapped_column(Date)
    seen_by: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")


class RequestSearchRow(_RequestHistory, Base):
    __tablename__ = "request_searches"
    location: Mapped[str] = mapped_column(String(32))
    searched_by: Mapped[str] = mapped_column(Text)
    searched_on: Mapped[date] = mapped_column(Date)
    items_found: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class RequestDisclosureRow(_RequestHistory, Base):
    __tablename__ = "request_disclosures"
    item: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    exemptions: Mapped[str] = mapped_column(Text, default="")  # comma-separated Exemption values
    location: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class RequestDecisionRow(_RequestHistory, Base):
    """A decision the DPO recorded (child's rights, unfounded/excessive, complaint steps).

    The latest row of a kind is the one in force; earlier rows stay as the record of change.
    """

    __tablename__ = "request_decisions"
    kind: Mapped[str] = mapped_column(String(24))
    value: Mapped[str] = mapped_column(String(48), default="")
    reasons: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    decided_on: Mapped[date] = mapped_column(Date)
