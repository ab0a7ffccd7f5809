"""Organisations in the vault: controllers, joint controllers and processors, with their evidence file."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.domain.errors import ValidationError
from schooldp.domain.records import NoticeAudience, Organisation, ProcessingActivity
from schooldp.services.records.activities import changed_fields, load_activities
from schooldp.services.records.codecs import dumps, organisation_from_dict, organisation_to_dict
from schooldp.services.records.history import add_change, stored_now
from schooldp.services.school import SchoolSession
from schooldp.services.versions import check
from schooldp.storage.records_models import OrganisationRow

__all__ = [
    "MAX_EVIDENCE_BYTES",
    "add_organisation",
    "attach_evidence",
    "evidence",
    "insert_organisation",
    "load_organisations",
    "update_organisation",
]

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
_NOT_HERE = "That organisation is not in this school file."


def _from_row(row: OrganisationRow) -> Organisation:
    org = organisation_from_dict(
        json.loads(row.body_json), id=row.id, version=row.version, evidence_name=row.evidence_name
    )
    return replace(org, row_version=row.row_version)


def load_organisations(session: SchoolSession, include_inactive: bool = False) -> list[Organisation]:
    with session.read() as s:
        rows = list(s.scalars(select(OrganisationRow).order_by(OrganisationRow.name)))
    return [_from_row(r) for r in rows if include_inactive or r.active]


def _audiences_naming(name: str, activities: list[ProcessingActivity]) -> frozenset[NoticeAudience]:
    """Notices that name this organisation among an activity's recipients."""
    needle = name.strip().casefold()
    found: set[NoticeAudience] = set()
    for a in activities:
        if any(needle and needle in r.casefold() for r in a.recipients):
            found |= NoticeAudience.touched_by(a.subjects)
    return frozenset(found)


def insert_organisation(s: Session, session: SchoolSession, org: Organisation, summary: str) -> Organisation:
    org.validate()
    clash = s.scalars(select(OrganisationRow.id).where(OrganisationRow.name == org.name.strip())).first()
    if clash is not None:
        raise ValidationError("There is already an organisation with that name.", "name")
    org = replace(org, name=org.name.strip(), version=1)
    body = dumps(organisation_to_dict(org))
    row = OrganisationRow(
        name=org.name,
        role=org.role.value,
        active=org.active,
        version=1,
        body_json=body,
        updated_at=stored_now(session),
    )
    s.add(row)
    s.flush()
    add_change(s, session, "organisation", row.id, 1, body, summary, ())
    return replace(org, id=row.id)


def add_organisation(session: SchoolSession, org: Organisation) -> Organisation:
    with session.change() as ch:
        added = insert_organisation(ch.session, session, org, "Added")
        ch.record("records.organisation_added", "organisation", added.id, f"{org.role.short} added")
    return added


def update_organisation(session: SchoolSession, org: Organisation) -> Organisation:
    """Save a change with its history; notices naming the organisation go out of date if what they say changed."""
    org.validate()
    activities = load_activities(session)
    with session.change() as ch:
        row = ch.session.get(OrganisationRow, org.id) if org.id is not None else None
        if row is None:
            raise ValidationError(_NOT_HERE, "organisation")
        check(ch, row, org.row_version, "organisation", row.id)
        old_body, new_body = (
            json.loads(row.body_json),
            organisation_to_dict(replace(org, name=org.name.strip())),
        )
        changed = changed_fields(old_body, new_body)
        if not changed:
            ch.record("records.organisation_checked", "organisation", row.id, "No change")
            return _from_row(row)
        shown = {"name", "role", "transfers", "transfer safeguards", "active"}
        audiences = (
            _audiences_naming(row.name, activities) | _audiences_naming(org.name, activities)
            if shown & set(changed)
            else frozenset()
        )
        row.version += 1
        row.name, row.role, row.active = org.name.strip(), org.role.value, org.active
        row.body_json, row.updated_at = dumps(new_body), stored_now(session)
        summary = "Changed: " + ", ".join(changed)
        add_change(
            ch.session, session, "organisation", row.id, row.version, row.body_json, summary, audiences
        )
        ch.record("records.organisation_changed", "organisation", row.id, summary)
        ch.session.flush()
        return _from_row(row)


def attach_evidence(session: SchoolSession, org_id: int, file_name: str, data: bytes) -> None:
    """Keep a due-diligence file (a contract, a security certificate) inside the encrypted vault."""
    if not data:
        raise ValidationError("That file is empty.", "evidence")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValidationError("That file is larger than 20 MB; keep a smaller copy or a summary.", "evidence")
    with session.change() as ch:
        row = ch.session.get(OrganisationRow, org_id)
        if row is None:
            raise ValidationError(_NOT_HERE, "organisation")
        row.evidence_name, row.evidence = file_name, data
        row.updated_at = stored_now(session)
        ch.record(
            "records.evidence_attached", "organisation", org_id, "Due-diligence evidence kept in the vault"
        )


def evidence(session: SchoolSession, org_id: int) -> tuple[str, bytes] | None:
    with session.read() as s:
        row = s.get(OrganisationRow, org_id)
        if row is None or row.evidence is None:
            return None
        return row.evidence_name, bytes(row.evidence)
