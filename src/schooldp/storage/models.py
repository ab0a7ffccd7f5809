"""SQLAlchemy 2 models. Repositories turn these into domain dataclasses; no widget sees them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column


class Base(DeclarativeBase):
    pass


# Columns many tables share, declared once (mixins: they add columns, not tables).
class IntId:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class ByAccount:
    """The account that wrote the row; a plain id, so the row outlives a removed account."""

    account_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Created:
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)  # account id


class Versioned:
    """A row people edit: ``row_version`` goes up by one with every saved change to it.

    It is SQLAlchemy's version counter, so an UPDATE made from an out-of-date read matches no
    row and fails (``StaleDataError``) instead of overwriting someone else's change, on the
    school file and on the trust's server alike. Services raise it by hand (``touch``) when a
    change adds history rows without altering the row itself.
    """

    # The value is given in each INSERT (no server default here, though the migration has one for
    # rows already there): a server default would make the ORM read every new row back.
    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # The program raises the counter itself (``touch``) so a change counts once, however
        # many flushes it takes; the UPDATE still checks the version it read.
        return {"version_id_col": cls.row_version, "version_id_generator": False}


@event.listens_for(Versioned, "init", propagate=True)
def _first_version(_target: Versioned, _args: object, kwargs: dict[str, Any]) -> None:
    """A new row is version 1 from the moment it is made, so code that reads a new row's columns
    before it is saved (a bulk insert built from rows) sees 1, not nothing."""
    kwargs.setdefault("row_version", 1)


def touch(session: Session, row: Versioned) -> None:
    """Count this transaction's change to ``row``: one step up, once per transaction, even when
    only rows hanging off it changed (a request's status history, a breach's step stamps)."""
    counted: set[int] = session.info.setdefault("versions_counted", set())
    if id(row) in counted or inspect(row).attrs.row_version.history.added:
        return  # counted already (or set by hand) in this transaction
    counted.add(id(row))
    row.row_version = row.row_version + 1


@event.listens_for(Session, "before_flush")
def _count_edits(session: Session, _context: object, _instances: object) -> None:
    """Every edited versioned row goes up one step per transaction, whoever edits it."""
    for obj in session.dirty:
        if isinstance(obj, Versioned) and session.is_modified(obj, include_collections=False):
            touch(session, obj)


@event.listens_for(Session, "after_soft_rollback")
@event.listens_for(Session, "after_commit")
def _forget_counted(session: Session, *_args: object) -> None:
    session.info.pop("versions_counted", None)


class Meta(Base):
    """Small key/value facts about the file: ids, creation, audit head, calendar JSON."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SchoolRow(Versioned, Base):
    __tablename__ = "school_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    address_lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    postcode: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    urn: Mapped[str] = mapped_column(Text, default="")
    nation: Mapped[str] = mapped_column(String(32))
    school_type: Mapped[str] = mapped_column(String(32))
    ico_registration: Mapped[str] = mapped_column(Text, default="")
    dpo_name: Mapped[str] = mapped_column(Text, default="")
    dpo_email: Mapped[str] = mapped_column(Text, default="")
    dpo_phone: Mapped[str] = mapped_column(Text, default="")
    head_name: Mapped[str] = mapped_column(Text, default="")
    head_email: Mapped[str] = mapped_column(Text, default="")
    head_phone: Mapped[str] = mapped_column(Text, default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class AccountRow(IntId, Base):
    __tablename__ = "accounts"
    display_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    slot_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    removed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_unlock_at: Mapped[datetime | None] = mapped_column(nullable=True)


class KeySlotRow(Base):
    """Mirror of the key file's slots, to rebuild a lost key file after a recovery-key open."""

    __tablename__ = "key_slots"
    slot_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[str] = mapped_column(Text)


class AuditRow(IntId, Base):
    __tablename__ = "audit_log"
    at: Mapped[str] = mapped_column(String(40))  # UTC ISO-8601, part of the hash
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LetterRow(IntId, Base):
    """Every letter issued: who to, about what, when, by whom, its hash and (optionally) the PDF."""

    __tablename__ = "letters"
    letter_type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    recipient_name: Mapped[str] = mapped_column(Text)
    recipient_kind: Mapped[str] = mapped_column(String(16), default="")  # contact / pupil / staff / other
    recipient_ref: Mapped[str] = mapped_column(String(40), default="")
    case_kind: Mapped[str] = mapped_column(String(16), default="")  # breach / request / consent / ""
    case_id: Mapped[str] = mapped_column(String(40), default="")
    issued_at: Mapped[datetime]
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer, default=1)
    batch_id: Mapped[str] = mapped_column(String(40), default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class LetterWordingRow(Versioned, Base):
    """The DPO's own wording for a letter type; absent means the shipped default."""

    __tablename__ = "letter_wording"
    letter_type: Mapped[str] = mapped_column(String(64), primary_key=True)
    wording: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
