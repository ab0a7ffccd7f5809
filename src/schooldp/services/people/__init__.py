"""The people register: pupils, parents/carers and staff, searched, grouped and kept up to date.

Breach letters, consent forms and requests read people through `PeopleService`; nothing else
touches the people tables. Modules: `register` (the service: queries and changes), `views`
(values it returns), `rows` (storage rows <-> domain values), `importer` (MIS import: plan,
then execute), `export` (the register as an MIS-layout CSV), `mis_files` (the MIS reader's
types, for the import dialog).
"""

from __future__ import annotations

from schooldp.services.people.register import PeopleService
from schooldp.services.people.rows import (
    contact_from_row,
    contact_identity,
    fill_contact_row,
    fill_pupil_row,
    fill_staff_row,
    pupil_from_row,
    staff_from_row,
)
from schooldp.services.people.views import CustomGroup, GroupKind, ImportResult, PupilContact, PupilGroup

__all__ = [
    "CustomGroup",
    "GroupKind",
    "ImportResult",
    "PeopleService",
    "PupilContact",
    "PupilGroup",
    "contact_from_row",
    "contact_identity",
    "fill_contact_row",
    "fill_pupil_row",
    "fill_staff_row",
    "pupil_from_row",
    "staff_from_row",
]
