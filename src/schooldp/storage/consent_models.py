"""Consent tables: purposes, the append-only consent history and withdrawal follow-up tasks.

History rows are only ever added, because the school must be able to show what was consented
to and when (UK GDPR Article 7(1)); the state is worked out from them by
`schooldp.domain.consent.derive_state`. Pupils and contacts belong to the
people register, so they are linked by plain indexed id columns, not foreign keys.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, IntId, Versioned


class ConsentPurposeRow(Versioned, Base):
    """A purpose the school asks consent for, seeded from the defaults and editable."""

    __tablename__ = "consent_purposes"
    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    passes_to_pupil_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    applies_from_age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pupil_may_object: Mapped[bool] = mapped_column(Boolean, default=False)
    any_parent_may_object: Mapped[bool] = mapped_column(Boolean, default=False)
    duration: Mapped[str] = mapped_column(String(32))
    given_means: Mapped[str] = mapped_column(Text, default="")
    refused_means: Mapped[str] = mapped_column(Text, default="")
    tasks_json: Mapped[str] = mapped_column(Text, default="[]")  # TaskTemplate fields, in order
    source: Mapped[str] = mapped_column(Text, default="")
    opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class ConsentEventRow(IntId, Base):
    """One entry of a pupil's consent history. Never updated; deleted only by the audited retention
    purge once the pupil has left and the school's retention period has passed (UK GDPR Art 5(1)(e))."""

    __tablename__ = "consent_events"
    __table_args__ = (Index("ix_consent_events_pupil", "pupil_id", "purpose_key"),)
    purpose_key: Mapped[str] = mapped_column(String(48))
    pupil_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    contact_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    by_pupil: Mapped[bool] = mapped_column(Boolean, default=False)
    method: Mapped[str] = mapped_column(String(32))
    effective_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[int | None] = mapped_column(Integer, nullable=True)  # account id
    recorded_by_name: Mapped[str] = mapped_column(Text)
    year_group: Mapped[str | None] = mapped_column(String(8), nullable=True)
    school_year: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence_note: Mapped[str] = mapped_column(Text, default="")


class ConsentTaskRow(Versioned, IntId, Base):
    """A follow-up job created by a withdrawal; done once, with who and when."""

    __tablename__ = "consent_tasks"
    event_id: Mapped[int] = mapped_column(Integer, index=True)
    pupil_id: Mapped[int] = mapped_column(Integer, index=True)
    purpose_key: Mapped[str] = mapped_column(String(48))
    task_key: Mapped[str] = mapped_column(String(48))
    title: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_by: Mapped[int | None] = mapped_column(Integer, nullable=True)  # account id
    done_by_name: Mapped[str] = mapped_column(Text, default="")
    done_note: Mapped[str] = mapped_column(Text, default="")
