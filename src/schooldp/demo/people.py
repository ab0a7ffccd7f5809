"""The demo register: 200 fictional pupils in Reception to Year 6, their parents and carers,
and 25 staff, imported as a school imports its MIS file. Names come from `people.json`."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from schooldp.demo.data import Json, load
from schooldp.domain.clock import FrozenClock
from schooldp.domain.consent import school_year_start
from schooldp.domain.people import Pupil, Staff, YearGroup, upn_check_letter
from schooldp.imports.mis import (
    EXPORT_CONTACT_COLUMNS,
    EXPORT_PUPIL_COLUMNS,
    ContactRecord,
    ParsedFile,
    PupilRecord,
    auto_map,
)
from schooldp.services.people import PeopleService
from schooldp.services.school import SchoolSession


def seed(session: SchoolSession, clock: FrozenClock) -> None:
    """Import the register, add the staff and the one custom group."""
    data = load("people")
    today = clock.today()
    records = register(data, today)
    service = PeopleService(session, today=today)
    service.apply_import(_as_import(records))
    for member in data["staff"]:
        service.add_staff(Staff(member["name"], member["role"], _staff_email(member["name"], data)))
    group = data["custom_group"]
    year = YearGroup(group["year_group"])
    ids = [p.id for p in service.pupils() if p.year_group is year and p.id is not None]
    service.save_custom_group(group["name"], ids[: group["size"]])


def register(data: Json, today: date) -> list[PupilRecord]:
    """The pupils with their contacts, families in turn; the last pupil left 20 days ago."""
    rng = random.Random(data["random_seed"])
    first_year = school_year_start(today).year
    records: list[PupilRecord] = []
    used: set[tuple[str, str]] = set()
    family = 0
    while len(records) < data["pupil_count"]:
        contacts = _family_contacts(data, family, rng)
        for _ in range(1 + (family % 3 == 0)):  # every third family has two children here
            n = len(records)
            pupil = _pupil(data, family, n, first_year, rng, used)
            used.add((pupil.legal_first_name, pupil.legal_last_name))
            records.append(PupilRecord(n + 2, pupil, contacts))
        family += 1
    leaver = records[-1]
    left_on = today - timedelta(days=data["leaver_left_days_ago"])
    records[-1] = replace(leaver, pupil=replace(leaver.pupil, leaving_date=left_on))
    return records


def _family_contacts(data: Json, family: int, rng: random.Random) -> tuple[ContactRecord, ...]:
    surname = _surname(data, family)
    first_letters, second_letters = data["postcode_letters"]
    postcode = (
        f"SA{family % 9 + 1} {family % 7 + 1}{first_letters[family % 8]}{second_letters[family // 8 % 8]}"
    )
    streets = data["streets"]
    lines = (f"{rng.randrange(1, 150)} {streets[family % len(streets)]}", data["town"])
    adults = data["adults"]
    pair = [adults[family % len(adults)], adults[(family + 1) % len(adults)]]
    return tuple(
        ContactRecord(
            adult["first_name"],
            surname,
            adult["title"],
            adult["relationship"],
            True,
            True,
            i + 1,
            lines,
            postcode,
            f"family{family}.{i}@example.org",
            f"07700 900{family % 1000:03d}",
        )
        for i, adult in enumerate(pair[: 1 + (family % 4 != 0)])  # every fourth family: one adult
    )


def _first_name(names: list[str], start: int, surname: str, used: set[tuple[str, str]]) -> str:
    """The first name at `start`, or the next one no pupil of this surname has yet: two pupils of
    the same name in one small school would be an improbable demo (and hard to tell apart)."""
    for step in range(len(names)):
        name = names[(start + step) % len(names)]
        if (name, surname) not in used:
            return name
    return names[start % len(names)]


def _pupil(
    data: Json, family: int, n: int, first_year: int, rng: random.Random, used: set[tuple[str, str]]
) -> Pupil:
    year_index = rng.randrange(7)  # Reception = 0, then Years 1 to 6
    year = YearGroup.RECEPTION if year_index == 0 else YearGroup(f"Y{year_index}")
    born = date(first_year - 5 - year_index, 9, 1) + timedelta(days=rng.randrange(365))
    names = data["child_first_names"]
    classes = data["classes_per_year"]
    surname = _surname(data, family)
    return Pupil(
        _upn(n),
        _first_name(names, family * 7 + n, surname, used),
        surname,
        born,
        year,
        f"{'R' if year_index == 0 else year_index}{classes[n % len(classes)]}",
        admission_date=date(first_year - year_index, 9, 3),
    )


def _surname(data: Json, family: int) -> str:
    surnames = data["surnames"]
    return str(surnames[family % len(surnames)])


def _upn(n: int) -> str:
    """A fictional UPN with a valid check letter (the 999 prefix is never issued)."""
    body = f"999{9000 + n // 1000:04d}{n % 100000:05d}"[-12:]
    return upn_check_letter(body) + body


def _staff_email(name: str, data: Json) -> str:
    local = "".join(ch for ch in name.split()[0].lower() if ch.isascii() and ch.isalpha())
    return f"{local or 'staff'}@{data['email_domain']}"


def _as_import(records: list[PupilRecord]) -> ParsedFile:
    """The register as if read from an MIS export in SchoolDP's own column layout."""
    headers = [h for h, _ in EXPORT_PUPIL_COLUMNS] + [
        f"Contact {slot} {h}" for slot in (1, 2) for h, _ in EXPORT_CONTACT_COLUMNS
    ]
    return ParsedFile(
        "demo",
        1,
        auto_map(headers),
        records,
        [],
        len(records),
        seen_upns=frozenset(r.pupil.upn for r in records),
    )
