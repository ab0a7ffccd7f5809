"""Record of processing: activities, organisations, change history, generated privacy notices.

Revision ID: 0007_records
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_records"
down_revision = "0001_foundation"
branch_labels = ("records",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records_activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(48), nullable=False, unique=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "records_organisations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
        sa.Column("evidence_name", sa.Text(), nullable=False),
        sa.Column("evidence", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "records_history",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("audiences", sa.Text(), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_records_history_entity_id", "records_history", ["entity_id"])
    op.create_table(
        "records_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("audience", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("generated_at", sa.DateTime(), nullable=False),
        sa.Column("generated_by", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
    )
    op.create_index("ix_records_notices_audience", "records_notices", ["audience"])


def downgrade() -> None:
    op.drop_index("ix_records_notices_audience", "records_notices")
    op.drop_table("records_notices")
    op.drop_index("ix_records_history_entity_id", "records_history")
    op.drop_table("records_history")
    op.drop_table("records_organisations")
    op.drop_table("records_activities")
