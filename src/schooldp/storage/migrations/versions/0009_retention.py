"""Retention: the disposal log and the periods for SchoolDP's own records.

Revision ID: 0009_retention
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_retention"
down_revision = "0001_foundation"
branch_labels = ("retention",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_disposals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("activity_key", sa.String(48), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("volume", sa.Text(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("contractor", sa.Text(), nullable=False),
        sa.Column("disposed_on", sa.Date(), nullable=False),
        sa.Column("disposed_by", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("certificate_name", sa.Text(), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_retention_disposals_activity_key", "retention_disposals", ["activity_key"])
    op.create_table(
        "retention_own_rules",
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("months", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retention_own_rules")
    op.drop_index("ix_retention_disposals_activity_key", "retention_disposals")
    op.drop_table("retention_disposals")
