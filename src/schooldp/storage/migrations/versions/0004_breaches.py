"""Breaches: the register, Appendix 1 step stamps, actions, decisions, ICO reports, reviews.

Revision ID: 0004_breaches
Revises: 0001_foundation
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_breaches"
down_revision = "0001_foundation"
branch_labels = ("breaches",)
depends_on = None


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _breach_id() -> sa.Column[Any]:
    return sa.Column("breach_id", sa.Integer(), sa.ForeignKey("breaches.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "breaches",
        _id(),
        sa.Column("reference", sa.String(20), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.Text(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=True),
        sa.Column("aware_at", sa.DateTime(), nullable=False),
        sa.Column("dpo_notified_at", sa.DateTime(), nullable=True),
        sa.Column("how_found", sa.Text(), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("systems_involved", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("natures", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.String(20), nullable=True),
        sa.Column("conclusion_reasons", sa.Text(), nullable=False),
        sa.Column("facts_json", sa.Text(), nullable=True),
        sa.Column("facts_before_json", sa.Text(), nullable=True),
        sa.Column("headteacher_alerted_at", sa.DateTime(), nullable=True),
        sa.Column("likely_consequences", sa.Text(), nullable=False),
        sa.Column("cause", sa.String(32), nullable=True),
        sa.Column("facts_and_cause", sa.Text(), nullable=False),
        sa.Column("effects", sa.Text(), nullable=False),
        sa.Column("prevention_actions", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.Text(), nullable=False),
    )
    op.create_index("ix_breaches_status", "breaches", ["status"])
    op.create_index("ix_breaches_cause", "breaches", ["cause"])
    op.create_table(
        "breach_steps",
        _id(),
        _breach_id(),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("account_name", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
    )
    op.create_table(
        "breach_actions",
        _id(),
        _breach_id(),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("checklist_id", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("not_needed_reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "breach_decisions",
        _id(),
        _breach_id(),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("facts_json", sa.Text(), nullable=False),
        sa.Column("severity", sa.Float(), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("likelihood", sa.String(16), nullable=False),
        sa.Column("before_severity", sa.Float(), nullable=True),
        sa.Column("before_band", sa.String(16), nullable=True),
        sa.Column("before_likelihood", sa.String(16), nullable=True),
        sa.Column("recommended_ico", sa.Boolean(), nullable=False),
        sa.Column("recommended_tell", sa.Boolean(), nullable=False),
        sa.Column("report_to_ico", sa.Boolean(), nullable=False),
        sa.Column("tell_individuals", sa.Boolean(), nullable=False),
        sa.Column("ico_reason", sa.Text(), nullable=False),
        sa.Column("individuals_reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "breach_ico_reports",
        _id(),
        _breach_id(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("ico_reference", sa.Text(), nullable=False),
        sa.Column("delay_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
    )
    op.create_table(
        "breach_told",
        _id(),
        _breach_id(),
        sa.Column("told_on", sa.Date(), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
    )
    op.create_table(
        "breach_third_parties",
        _id(),
        _breach_id(),
        sa.Column("party", sa.String(32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("notify", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "breach_reviews",
        _id(),
        _breach_id(),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
    )
    op.create_table(
        "breach_affected",
        _id(),
        _breach_id(),
        sa.Column("person_kind", sa.String(16), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_breach_affected_person_id", "breach_affected", ["person_id"])
    for table in (
        "breach_steps",
        "breach_actions",
        "breach_decisions",
        "breach_ico_reports",
        "breach_told",
        "breach_third_parties",
        "breach_reviews",
        "breach_affected",
    ):
        op.create_index(f"ix_{table}_breach_id", table, ["breach_id"])


def downgrade() -> None:
    for table in (
        "breach_affected",
        "breach_reviews",
        "breach_third_parties",
        "breach_told",
        "breach_ico_reports",
        "breach_decisions",
        "breach_actions",
        "breach_steps",
    ):
        op.drop_table(table)
    op.drop_table("breaches")
