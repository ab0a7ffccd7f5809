"""Record versions: every row people edit carries ``row_version``, raised by each saved change, so
two people saving over each other is noticed (the second is told who changed what) instead of
the later save silently overwriting the earlier one. On the school file and on the server alike.

It alters tables of every feature, so it comes after each feature's branch (a merge point, with
its own label); a later feature adds ``row_version`` in its own tables.

Revision ID: 0012_record_versions
Revises: the head of each feature's branch
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_record_versions"
down_revision = (
    "0002_letters",
    "0003_people",
    "0008_breach_report_facts",
    "0005_requests",
    "0006_consent",
    "0007_records",
    "0008_dpia",
    "0009_retention",
    "0010_training",
    "0011_policies",
)
branch_labels = ("versions",)
depends_on = None

# The tables whose rows are edited in place; history tables are only ever added to.
VERSIONED_TABLES = (
    "school_profile",
    "letter_wording",
    "pupils",
    "contacts",
    "pupil_contacts",
    "staff",
    "pupil_groups",
    "consent_purposes",
    "consent_tasks",
    "breaches",
    "breach_actions",
    "requests",
    "records_activities",
    "records_organisations",
    "dpia_assessments",
    "retention_disposals",
    "retention_own_rules",
    "training_courses",
    "training_sessions",
    "policies_documents",
    "policies_accountability",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as t:
            t.add_column(sa.Column("row_version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table) as t:
            t.drop_column("row_version")
