"""Training: courses, sessions, attendance and the school's refresher period.

Revision ID: 0010_training
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_training"
down_revision = "0001_foundation"
branch_labels = ("training",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "training_courses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
    )
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("trainer", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_training_sessions_course_id", "training_sessions", ["course_id"])
    op.create_table(
        "training_attendance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_training_attendance_session_id", "training_attendance", ["session_id"])
    op.create_index("ix_training_attendance_staff_id", "training_attendance", ["staff_id"])
    op.create_table(
        "training_settings",
        sa.Column("key", sa.String(48), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("training_settings")
    op.drop_index("ix_training_attendance_staff_id", "training_attendance")
    op.drop_index("ix_training_attendance_session_id", "training_attendance")
    op.drop_table("training_attendance")
    op.drop_index("ix_training_sessions_course_id", "training_sessions")
    op.drop_table("training_sessions")
    op.drop_table("training_courses")
