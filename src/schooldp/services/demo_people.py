"""Demo register: about 200 fictional pupils in Reception to Year 6, their parents and carers,
and 25 staff. Names from many backgrounds and scripts, as in a real school; all invented."""

from __future__ import annotations

import random
from datetime import date, timedelta

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

SURNAMES = (
    "Smith",
    "Jones",
    "Patel",
    "Khan",
    "Nowak",
    "Ó Súilleabháin",
    "Şahin",
    "Nguyễn",
    "王",
    "Okafor",
    "Williams",
    "Brown",
    "Taylor",
    "Davies",
    "García",
    "Müller",
    "Ahmed",
    "Evans",
    "Hughes",
    "O'Neill",
    "Kowalski",
    "Wilson",
    "Mensah",
    "Papadopoulos",
    "Begum",
    "Singh",
    "Murphy",
    "Clarke",
    "Rossi",
    "Haddad",
)
CHILD = (
    "Oliver",
    "Amelia",
    "Zoë",
    "Noah",
    "Isla",
    "Muhammad",
    "Ava",
    "Leo",
    "Freya",
    "Arthur",
    "Chloé",
    "Theo",
    "Aisha",
    "Harry",
    "Ivy",
    "Jack",
    "Mia",
    "George",
    "Łukasz",
    "Siobhán",
    "Emre",
    "Minh",
    "芳",
    "Αλέξανδρος",
    "محمد",
    "Kofi",
    "Priya",
    "Mateo",
    "Lena",
    "Cian",
)
ADULT = (
    ("Mrs", "Sarah", "Mother"),
    ("Mr", "David", "Father"),
    ("Ms", "Ayşe", "Mother"),
    ("Mr", "Tomasz", "Father"),
    ("Mrs", "Áine", "Mother"),
    ("Mr", "Kwame", "Father"),
    ("Ms", "Thị Lan", "Mother"),
    ("Mr", "Raj", "Father"),
)
STREETS = ("Mill Lane", "Church Street", "Station Road", "High Street", "Orchard Close", "Elm Grove")
STAFF = (
    ("Jordan Example", "Headteacher"),
    ("Alex Demo", "School business manager (DPO)"),
    ("Priya Shah", "Deputy headteacher"),
    ("Tom Barker", "SENCo"),
    ("Grace Okoro", "Office manager"),
    ("Megan Lloyd", "Reception teacher"),
    ("Owen Price", "Year 1 teacher"),
    ("Hannah Wu", "Year 2 teacher"),
    ("Chloé Martin", "Year 3 teacher"),
    ("Daniel Kowalczyk", "Year 4 teacher"),
    ("Aisha Rahman", "Year 5 teacher"),
    ("Ben Carter", "Year 6 teacher"),
    ("Sophie Turner", "Teaching assistant"),
    ("Zoë Şahin", "Teaching assistant"),
    ("Liam Murphy", "Teaching assistant"),
    ("Nadia Haddad", "Teaching assistant"),
    ("Peter Hughes", "Caretaker"),
    ("Rosa García", "Cook"),
    ("Ewa Nowak", "Midday supervisor"),
    ("Sam Evans", "IT technician"),
    ("Fatima Begum", "Family support worker"),
    ("Gareth Jones", "PE coach"),
    ("Lucy Clarke", "Admin assistant"),
    ("Nguyễn Văn An", "Music teacher"),
    ("Helen Brown", "Chair of governors"),
)


def _upn(n: int) -> str:
    body = f"999{9000 + n // 1000:04d}{n % 100000:05d}"[-12:]
    return upn_check_letter(body) + body


def seed(session: SchoolSession, today: date) -> None:
    rng = random.Random(5)
    academic_start = today.year if today.month >= 9 else today.year - 1
    records: list[PupilRecord] = []
    family = 0
    while len(records) < 200:
        surname = SURNAMES[family % len(SURNAMES)]
        postcode = f"SA{family % 9 + 1} {family % 7 + 1}{'ABDEFGHJ'[family % 8]}{'LNPQRSTU'[family // 8 % 8]}"
        lines = (f"{rng.randrange(1, 150)} {STREETS[family % len(STREETS)]}", "Sampleton")
        adults = [ADULT[family % len(ADULT)], ADULT[(family + 1) % len(ADULT)]][: 1 + (family % 4 != 0)]
        contacts = tuple(
            ContactRecord(
                first,
                surname,
                title,
                rel,
                True,
                True,
                i + 1,
                lines,
                postcode,
                f"family{family}.{i}@example.org",
                f"07700 900{family % 1000:03d}",
            )
            for i, (title, first, rel) in enumerate(adults)
        )
        for _ in range(1 + (family % 3 == 0)):
            n = len(records)
            year_index = rng.randrange(7)  # R=0, Y1..Y6
            year = YearGroup.RECEPTION if year_index == 0 else YearGroup(f"Y{year_index}")
            born = date(academic_start - 5 - year_index, 9, 1) + timedelta(days=rng.randrange(365))
            pupil = Pupil(
                _upn(n),
                CHILD[(family * 7 + n) % len(CHILD)],
                surname,
                born,
                year,
                f"{'R' if year_index == 0 else year_index}{'AB'[n % 2]}",
                admission_date=date(academic_start - year_index, 9, 3),
            )
            records.append(PupilRecord(n + 2, pupil, contacts))
        family += 1
    leaver = records[-1]
    records[-1] = PupilRecord(
        leaver.row,
        Pupil(**{**leaver.pupil.__dict__, "leaving_date": today - timedelta(days=20)}),
        leaver.contacts,
    )
    headers = [h for h, _ in EXPORT_PUPIL_COLUMNS] + [
        f"Contact {s} {h}" for s in (1, 2) for h, _ in EXPORT_CONTACT_COLUMNS
    ]
    parsed = ParsedFile(
        "demo",
        1,
        auto_map(headers),
        records,
        [],
        len(records),
        seen_upns=frozenset(r.pupil.upn for r in records),
    )
    service = PeopleService(session, today=today)
    service.apply_import(parsed)
    for name, role in STAFF:
        email = "".join(ch for ch in name.split()[0].lower() if ch.isascii() and ch.isalpha()) or "staff"
        service.add_staff(Staff(name, role, f"{email}@brookfield.example.org"))
    pupils = service.pupils()
    service.save_custom_group(
        "Year 6 residential trip", [p.id for p in pupils if p.year_group is YearGroup.Y6][:12]
    )
