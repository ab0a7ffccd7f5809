"""Retention tables: the disposal log (with a contractor's certificate kept encrypted in the
vault, policy 16) and the school's periods for SchoolDP's own records (Art 5(1)(e))."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, Versioned


class DisposalRow(Versioned, Base):
    __tablename__ = "retention_disposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_key: Mapped[str] = mapped_column(String(48), default="", index=True)
    what: Mapped[str] = mapped_column(Text)
    volume: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(16))
    contractor: Mapped[str] = mapped_column(Text, default="")
    disposed_on: Mapped[date] = mapped_column(Date)
    disposed_by: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    certificate_name: Mapped[str] = mapped_column(Text, default="")
    certificate: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    recorded_at: Mapped[datetime]


class OwnRetentionRow(Versioned, Base):
    __tablename__ = "retention_own_rules"
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime]
