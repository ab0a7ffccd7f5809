"""Breaches: what an ICO report and telling people record (how, by whom, reference, counts),
and what the ICO form asks about staff involvement and the safeguards in place before.

Revision ID: 0008_breach_report_facts
Revises: 0004_breaches
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_breach_report_facts"
down_revision = "0004_breaches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("breaches") as t:
        t.add_column(sa.Column("staff_involved", sa.Boolean(), nullable=True))
        t.add_column(sa.Column("staff_training", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("safeguards_before", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("breach_ico_reports") as t:
        t.add_column(sa.Column("method", sa.String(16), nullable=False, server_default=""))
        t.add_column(sa.Column("made_by", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("reference_pending", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("breach_told") as t:
        t.add_column(sa.Column("told_count", sa.Integer(), nullable=True))
        t.add_column(sa.Column("told_by", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("chosen_count", sa.Integer(), nullable=True))
        t.add_column(sa.Column("override_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("breach_told") as t:
        for name in ("override_reason", "chosen_count", "told_by", "told_count"):
            t.drop_column(name)
    with op.batch_alter_table("breach_ico_reports") as t:
        for name in ("reference_pending", "made_by", "method"):
            t.drop_column(name)
    with op.batch_alter_table("breaches") as t:
        for name in ("safeguards_before", "staff_training", "staff_involved"):
            t.drop_column(name)
