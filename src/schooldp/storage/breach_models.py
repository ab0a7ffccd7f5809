"""Breach tables: the breach record UK GDPR Article 33(5) requires every controller to keep.

Times are stored as naive UTC; history rows are never overwritten.

A breach row holds what is true now; every step completion, decision, ICO report, told-date
and review is its own row with who and when, and superseded containment actions and
third-party decisions are kept (``superseded_at``) rather than deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from schooldp.storage.models import Base, ByAccount, Created, IntId, Versioned


class BreachRow(Versioned, IntId, Created, Base):
    __tablename__ = "breaches"
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime | None] = mapped_column(nullable=True)
    aware_at: Mapped[datetime]
    dpo_notified_at: Mapped[datetime | None] = mapped_column(nullable=True)
    how_found: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    systems_involved: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    # Investigation
    natures: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of BreachNature values
    conclusion: Mapped[str | None] = mapped_column(String(20), nullable=True)
    conclusion_reasons: Mapped[str] = mapped_column(Text, default="")
    facts_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # BreachFacts for assess()
    facts_before_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    staff_involved: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    staff_training: Mapped[str] = mapped_column(Text, default="")
    safeguards_before: Mapped[str] = mapped_column(Text, default="")
    headteacher_alerted_at: Mapped[datetime | None] = mapped_column(nullable=True)
    likely_consequences: Mapped[str] = mapped_column(Text, default="")
    # The record (Policy App 1: facts and cause, effects, actions)
    cause: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    facts_and_cause: Mapped[str] = mapped_column(Text, default="")
    effects: Mapped[str] = mapped_column(Text, default="")
    prevention_actions: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    closed_by: Mapped[str] = mapped_column(Text, default="")


class _BreachPart(IntId):
    """A row that belongs to one breach."""

    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), index=True)


class _RecordedBreachPart(_BreachPart, ByAccount):
    """A row of the breach's history, with when it was recorded and by which account."""

    recorded_at: Mapped[datetime]


class BreachStepRow(_BreachPart, ByAccount, Base):
    """One completion of one Appendix 1 step: who, when, and what the step said then."""

    __tablename__ = "breach_steps"
    step: Mapped[int] = mapped_column(Integer)
    completed_at: Mapped[datetime]
    account_name: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the step's answers


class BreachActionRow(Versioned, _BreachPart, Base):
    """A containment action: from the Appendix 1 checklist (checklist_id) or free."""

    __tablename__ = "breach_actions"
    position: Mapped[int] = mapped_column(Integer, default=0)
    checklist_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    not_needed_reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime]
    superseded_at: Mapped[datetime | None] = mapped_column(nullable=True)


class BreachDecisionRow(_BreachPart, ByAccount, Base):
    """The assessment before and after mitigation and the DPO's decision on it."""

    __tablename__ = "breach_decisions"
    decided_at: Mapped[datetime]
    facts_json: Mapped[str] = mapped_column(Text)
    severity: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(16))
    likelihood: Mapped[str] = mapped_column(String(16))
    before_severity: Mapped[float | None] = mapped_column(Float, nullable=True)
    before_band: Mapped[str | None] = mapped_column(String(16), nullable=True)
    before_likelihood: Mapped[str | None] = mapped_column(String(16), nullable=True)
    recommended_ico: Mapped[bool] = mapped_column(Boolean)
    recommended_tell: Mapped[bool] = mapped_column(Boolean)
    report_to_ico: Mapped[bool] = mapped_column(Boolean)
    tell_individuals: Mapped[bool] = mapped_column(Boolean)
    ico_reason: Mapped[str] = mapped_column(Text, default="")
    individuals_reason: Mapped[str] = mapped_column(Text, default="")


class BreachIcoReportRow(_RecordedBreachPart, Base):
    __tablename__ = "breach_ico_reports"
    kind: Mapped[str] = mapped_column(String(16))  # initial / follow_up
    submitted_at: Mapped[datetime]
    ico_reference: Mapped[str] = mapped_column(Text, default="")
    delay_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(16), default="")  # online_form / breach_line
    made_by: Mapped[str] = mapped_column(Text, default="")
    reference_pending: Mapped[bool] = mapped_column(Boolean, default=False)


class BreachToldRow(_RecordedBreachPart, Base):
    """When and how the people affected were told (Policy App 1: in writing)."""

    __tablename__ = "breach_told"
    told_on: Mapped[date]
    how: Mapped[str] = mapped_column(Text, default="")
    told_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    told_by: Mapped[str] = mapped_column(Text, default="")
    chosen_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")


class BreachThirdPartyRow(_RecordedBreachPart, Base):
    __tablename__ = "breach_third_parties"
    party: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text, default="")
    notify: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    superseded_at: Mapped[datetime | None] = mapped_column(nullable=True)


class BreachReviewRow(_RecordedBreachPart, Base):
    """The DPO and headteacher's review meeting (Policy App 1)."""

    __tablename__ = "breach_reviews"
    held_on: Mapped[date]
    attendees: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class BreachAffectedRow(_BreachPart, Base):
    """A pupil or member of staff affected, by id in the people register (for letters only)."""

    __tablename__ = "breach_affected"
    person_kind: Mapped[str] = mapped_column(String(16))  # pupil / staff
    person_id: Mapped[int] = mapped_column(Integer, index=True)
    added_at: Mapped[datetime]
