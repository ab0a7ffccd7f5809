"""The register written out in SchoolDP's own MIS layout, which imports back unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from schooldp.domain.people import Pupil
from schooldp.imports.mis import ContactRecord, PupilRecord, write_csv
from schooldp.services.people.views import PupilContact

__all__ = ["pupil_records", "write_register_csv"]


def pupil_records(
    pupils: Sequence[Pupil], contacts: Mapping[int, Sequence[PupilContact]]
) -> list[PupilRecord]:
    """Each pupil with their current contacts, as the MIS reader gives them."""
    records = []
    for p in pupils:
        assert p.id is not None
        cs = tuple(_contact_record(pc) for pc in contacts[p.id])
        records.append(PupilRecord(0, p, cs))
    return records


def _contact_record(pc: PupilContact) -> ContactRecord:
    return ContactRecord(
        first_name=pc.contact.first_name,
        last_name=pc.contact.last_name,
        title=pc.contact.title,
        relationship=pc.relationship,
        parental_responsibility=pc.parental_responsibility,
        lives_with_pupil=pc.lives_with_pupil,
        priority=pc.priority,
        address_lines=pc.contact.address_lines,
        postcode=pc.contact.postcode,
        email=pc.contact.email,
        phone=pc.contact.phone,
    )


def write_register_csv(records: Iterable[PupilRecord], out: TextIO) -> int:
    """Write the records as CSV; returns the number of pupils written."""
    return write_csv(records, out)
