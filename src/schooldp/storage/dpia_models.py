"""DPIA tables: the assessment as it stands, and every saved version (ICO DPIA template; Art 35;
policy 14: "versions kept" so the school can show how the assessment developed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, Versioned


class DpiaRow(Versioned, Base):
    __tablename__ = "dpia_assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)
    title: Mapped[str] = mapped_column(Text)
    activity_key: Mapped[str] = mapped_column(String(48), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    body_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DpiaVersionRow(Base):
    """One saved version, with the body as it became. Never updated."""

    __tablename__ = "dpia_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dpia_id: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime]
    saved_by: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body_json: Mapped[str] = mapped_column(Text)
