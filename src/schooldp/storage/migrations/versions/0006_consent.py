"""Consent registers: purposes, consent history, withdrawal follow-up tasks.

Revision ID: 0006_consent
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_consent"
down_revision = "0001_foundation"
branch_labels = ("consent",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_purposes",
        sa.Column("key", sa.String(48), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("passes_to_pupil_at", sa.Integer(), nullable=True),
        sa.Column("applies_from_age", sa.Integer(), nullable=True),
        sa.Column("pupil_may_object", sa.Boolean(), nullable=False),
        sa.Column("any_parent_may_object", sa.Boolean(), nullable=False),
        sa.Column("duration", sa.String(32), nullable=False),
        sa.Column("given_means", sa.Text(), nullable=False),
        sa.Column("refused_means", sa.Text(), nullable=False),
        sa.Column("tasks_json", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("opt_out", sa.Boolean(), nullable=False),
        sa.Column("custom", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "consent_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("purpose_key", sa.String(48), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("by_pupil", sa.Boolean(), nullable=False),
        sa.Column("method", sa.String(32), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_by_name", sa.Text(), nullable=False),
        sa.Column("year_group", sa.String(8), nullable=True),
        sa.Column("school_year", sa.Date(), nullable=True),
        sa.Column("evidence_note", sa.Text(), nullable=False),
    )
    op.create_index("ix_consent_events_pupil", "consent_events", ["pupil_id", "purpose_key"])
    op.create_index("ix_consent_events_contact_id", "consent_events", ["contact_id"])
    op.create_table(
        "consent_tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("purpose_key", sa.String(48), nullable=False),
        sa.Column("task_key", sa.String(48), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("done_by_name", sa.Text(), nullable=False),
        sa.Column("done_note", sa.Text(), nullable=False),
    )
    op.create_index("ix_consent_tasks_event_id", "consent_tasks", ["event_id"])
    op.create_index("ix_consent_tasks_pupil_id", "consent_tasks", ["pupil_id"])
    op.create_index("ix_consent_tasks_due_on", "consent_tasks", ["due_on"])


def downgrade() -> None:
    op.drop_table("consent_tasks")
    op.drop_index("ix_consent_events_contact_id", "consent_events")
    op.drop_index("ix_consent_events_pupil", "consent_events")
    op.drop_table("consent_events")
    op.drop_table("consent_purposes")
