"""Policies tables: the school's data protection documents (version, approval, next review; policy
19) and the yearly accountability checklist (ICO accountability framework)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, Versioned


class PolicyDocumentRow(Versioned, Base):
    __tablename__ = "policies_documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    version: Mapped[str] = mapped_column(Text, default="")
    approver_role: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(Text, default="")
    approved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_months: Mapped[int] = mapped_column(Integer, default=12)
    next_review: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class AccountabilityCheckRow(Versioned, Base):
    __tablename__ = "policies_accountability"
    __table_args__ = (UniqueConstraint("year", "category", name="uq_accountability_year_category"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    checked_by: Mapped[str] = mapped_column(Text, default="")
    checked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
