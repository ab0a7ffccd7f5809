"""DPIAs: assessments and their saved versions.

Revision ID: 0008_dpia
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_dpia"
down_revision = "0001_foundation"
branch_labels = ("dpia",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dpia_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(24), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("activity_key", sa.String(48), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "dpia_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dpia_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_dpia_versions_dpia_id", "dpia_versions", ["dpia_id"])


def downgrade() -> None:
    op.drop_index("ix_dpia_versions_dpia_id", "dpia_versions")
    op.drop_table("dpia_versions")
    op.drop_table("dpia_assessments")
