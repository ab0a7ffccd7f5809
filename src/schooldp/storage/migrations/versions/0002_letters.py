"""Letter log and letter wording.

Revision ID: 0002_letters
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_letters"
down_revision = "0001_foundation"
branch_labels = ("letters",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("letter_type", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("recipient_name", sa.Text(), nullable=False),
        sa.Column("recipient_kind", sa.String(16), nullable=False),
        sa.Column("recipient_ref", sa.String(40), nullable=False),
        sa.Column("case_kind", sa.String(16), nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.Integer(), sa.ForeignKey("accounts.id"), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(40), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
    )
    op.create_index("ix_letters_case", "letters", ["case_kind", "case_id"])
    op.create_table(
        "letter_wording",
        sa.Column("letter_type", sa.String(64), primary_key=True),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("letter_wording")
    op.drop_index("ix_letters_case", "letters")
    op.drop_table("letters")
