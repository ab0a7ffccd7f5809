"""The school's consent purposes in the vault: seeded with the defaults, added to, changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select

from schooldp.domain.consent import ConsentPurpose, default_purposes
from schooldp.domain.errors import ValidationError
from schooldp.services.consent.rows import purpose_from_row, purpose_to_row, stored_now
from schooldp.services.school import SchoolSession
from schooldp.services.versions import check
from schooldp.storage.consent_models import ConsentPurposeRow

__all__ = ["add_purpose", "find_purpose", "load_purposes", "update_purpose"]

_NOT_HERE = "That consent purpose is not in this school file."


def load_purposes(session: SchoolSession, include_inactive: bool = False) -> tuple[ConsentPurpose, ...]:
    """The school's purposes, in order; the defaults are saved on first use."""
    with session.read() as s:
        rows = list(s.scalars(select(ConsentPurposeRow).order_by(ConsentPurposeRow.position)))
    if not rows:
        if session.read_only:
            return default_purposes()
        _seed(session)
        return load_purposes(session, include_inactive)
    return tuple(purpose_from_row(r) for r in rows if include_inactive or r.active)


def find_purpose(purposes: Iterable[ConsentPurpose], key: str) -> ConsentPurpose:
    for purpose in purposes:
        if purpose.key == key:
            return purpose
    raise ValidationError(_NOT_HERE, "purpose")


def _seed(session: SchoolSession) -> None:
    with session.change() as ch:
        if ch.session.scalars(select(ConsentPurposeRow.key)).first() is not None:
            ch.record("consent.purposes_checked", "consent_purpose", "", "Purposes already present")
            return
        for i, purpose in enumerate(default_purposes()):
            row = ConsentPurposeRow(key=purpose.key, position=i * 10, updated_at=stored_now(session.clock))
            purpose_to_row(purpose, row)
            ch.session.add(row)
        ch.record(
            "consent.purposes_seeded",
            "consent_purpose",
            "",
            f"{len(default_purposes())} standard consent purposes added",
        )


def add_purpose(
    session: SchoolSession, purpose: ConsentPurpose, existing: Iterable[ConsentPurpose]
) -> ConsentPurpose:
    """Add a purpose the school asks about itself (a trip photographer, a partner app)."""
    existing = tuple(existing)
    if any(p.key == purpose.key for p in existing):
        raise ValidationError("There is already a purpose with that short name.", "key")
    if any(p.title.strip().casefold() == purpose.title.strip().casefold() for p in existing):
        raise ValidationError("There is already a purpose with that title.", "title")
    purpose = replace(purpose, custom=True, source=purpose.source or "Added by the school")
    with session.change() as ch:
        last = max((r for r in ch.session.scalars(select(ConsentPurposeRow.position))), default=0)
        row = ConsentPurposeRow(key=purpose.key, position=last + 10, updated_at=stored_now(session.clock))
        purpose_to_row(purpose, row)
        ch.session.add(row)
        ch.record("consent.purpose_added", "consent_purpose", purpose.key, "Consent purpose added")
    return purpose


def update_purpose(session: SchoolSession, purpose: ConsentPurpose) -> ConsentPurpose:
    """Change who may consent, from what age and for how long. History is untouched."""
    with session.change() as ch:
        row = ch.session.get(ConsentPurposeRow, purpose.key)
        if row is None:
            raise ValidationError(_NOT_HERE, "purpose")
        check(ch, row, purpose.row_version, "consent_purpose", purpose.key)
        clash = ch.session.scalars(
            select(ConsentPurposeRow.key).where(
                ConsentPurposeRow.key != purpose.key, ConsentPurposeRow.title == purpose.title.strip()
            )
        ).first()
        if clash is not None:
            raise ValidationError("There is already a purpose with that title.", "title")
        purpose = replace(purpose, custom=row.custom)
        purpose_to_row(purpose, row)
        row.updated_at = stored_now(session.clock)
        ch.record("consent.purpose_changed", "consent_purpose", purpose.key, "Consent purpose changed")
        ch.session.flush()
        purpose = replace(purpose, row_version=row.row_version)
    return purpose
