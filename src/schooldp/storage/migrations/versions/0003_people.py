"""People register: pupils, contacts and their links, staff, custom groups, MIS header mapping.

Revision ID: 0003_people
Revises: 0001_foundation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_people"
down_revision = "0001_foundation"
branch_labels = ("people",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pupils",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("upn", sa.String(13), nullable=False, unique=True),
        sa.Column("legal_first_name", sa.Text(), nullable=False),
        sa.Column("legal_last_name", sa.Text(), nullable=False),
        sa.Column("preferred_first_name", sa.Text(), nullable=False),
        sa.Column("preferred_last_name", sa.Text(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("year_group", sa.String(4), nullable=False),
        sa.Column("reg_group", sa.Text(), nullable=False),
        sa.Column("admission_date", sa.Date(), nullable=True),
        sa.Column("leaving_date", sa.Date(), nullable=True),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_pupils_year_group", "pupils", ["year_group"])
    op.create_index("ix_pupils_reg_group", "pupils", ["reg_group"])
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_name", sa.Text(), nullable=False),
        sa.Column("last_name", sa.Text(), nullable=False),
        sa.Column("address_lines", sa.Text(), nullable=False),
        sa.Column("postcode", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("phone", sa.Text(), nullable=False),
        sa.Column("identity_key", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_contacts_identity_key", "contacts", ["identity_key"])
    op.create_table(
        "pupil_contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pupil_id", sa.Integer(), sa.ForeignKey("pupils.id"), nullable=False),
        sa.Column("contact_id", sa.Integer(), sa.ForeignKey("contacts.id"), nullable=False),
        sa.Column("relationship", sa.Text(), nullable=False),
        sa.Column("parental_responsibility", sa.Boolean(), nullable=False),
        sa.Column("lives_with_pupil", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.UniqueConstraint("pupil_id", "contact_id", name="uq_pupil_contact"),
    )
    op.create_index("ix_pupil_contacts_pupil_id", "pupil_contacts", ["pupil_id"])
    op.create_index("ix_pupil_contacts_contact_id", "pupil_contacts", ["contact_id"])
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "pupil_groups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "pupil_group_members",
        sa.Column("group_id", sa.Integer(), sa.ForeignKey("pupil_groups.id"), primary_key=True),
        sa.Column("pupil_id", sa.Integer(), sa.ForeignKey("pupils.id"), primary_key=True),
    )
    op.create_index("ix_pupil_group_members_pupil_id", "pupil_group_members", ["pupil_id"])
    op.create_table(
        "mis_header_mappings",
        sa.Column("header_key", sa.String(200), primary_key=True),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("mis_header_mappings")
    op.drop_index("ix_pupil_group_members_pupil_id", "pupil_group_members")
    op.drop_table("pupil_group_members")
    op.drop_table("pupil_groups")
    op.drop_table("staff")
    op.drop_index("ix_pupil_contacts_contact_id", "pupil_contacts")
    op.drop_index("ix_pupil_contacts_pupil_id", "pupil_contacts")
    op.drop_table("pupil_contacts")
    op.drop_index("ix_contacts_identity_key", "contacts")
    op.drop_table("contacts")
    op.drop_index("ix_pupils_reg_group", "pupils")
    op.drop_index("ix_pupils_year_group", "pupils")
    op.drop_table("pupils")
