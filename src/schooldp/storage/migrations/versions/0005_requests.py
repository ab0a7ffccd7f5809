"""Rights requests and data protection complaints.

Revision ID: 0005_requests
Revises: 0001_foundation
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005_requests"
down_revision = "0001_foundation"
branch_labels = ("requests",)
depends_on = None


def _who() -> list[sa.Column[Any]]:
    return [
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
    ]


def _child(name: str, *columns: sa.Column[Any]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("requests.id"), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_request_id", name, ["request_id"])


def upgrade() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(24), nullable=False, unique=True),
        sa.Column("request_type", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("requester_name", sa.Text(), nullable=False),
        sa.Column("requester_address", sa.Text(), nullable=False),
        sa.Column("requester_email", sa.Text(), nullable=False),
        sa.Column("requester_phone", sa.Text(), nullable=False),
        sa.Column("requester_kind", sa.String(16), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=True),
        sa.Column("relationship", sa.String(24), nullable=False),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject_name", sa.Text(), nullable=False),
        sa.Column("subject_dob", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("extension_reasons", sa.Text(), nullable=False),
        sa.Column("extension_notice_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
    )
    op.create_index("ix_requests_requester_id", "requests", ["requester_id"])
    op.create_index("ix_requests_subject_id", "requests", ["subject_id"])
    _child(
        "request_status_history",
        sa.Column("from_status", sa.String(32), nullable=False),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        *_who(),
    )
    _child(
        "request_clock_events",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_who(),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("received_by", sa.Integer(), nullable=True),
    )
    _child(
        "request_id_documents",
        sa.Column("document_type", sa.String(32), nullable=False),
        sa.Column("date_seen", sa.Date(), nullable=False),
        sa.Column("seen_by", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        *_who(),
    )
    _child(
        "request_searches",
        sa.Column("location", sa.String(32), nullable=False),
        sa.Column("searched_by", sa.Text(), nullable=False),
        sa.Column("searched_on", sa.Date(), nullable=False),
        sa.Column("items_found", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_who(),
    )
    _child(
        "request_disclosures",
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("exemptions", sa.Text(), nullable=False),
        sa.Column("location", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_who(),
    )
    _child(
        "request_decisions",
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("value", sa.String(48), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        *_who(),
    )


def downgrade() -> None:
    for name in (
        "request_decisions",
        "request_disclosures",
        "request_searches",
        "request_id_documents",
        "request_clock_events",
        "request_status_history",
    ):
        op.drop_index(f"ix_{name}_request_id", name)
        op.drop_table(name)
    op.drop_index("ix_requests_subject_id", "requests")
    op.drop_index("ix_requests_requester_id", "requests")
    op.drop_table("requests")
