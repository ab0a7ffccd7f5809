"""Create the throw-away demo school: its profile and accounts, then a year of its records."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event

from schooldp.demo import breaches, consent, people, requests
from schooldp.demo.data import Json, load, member
from schooldp.domain.accounts import Role
from schooldp.domain.clock import SYSTEM_CLOCK, Clock, FrozenClock
from schooldp.domain.school import ContactPerson, Nation, SchoolProfile, SchoolType
from schooldp.services.school import KDF_MINIMUM, NewSchool, SchoolSession, create_school, fixed_kdf

# People first: consents, requests and breaches refer to the demo pupils, parents and staff.
_SEEDS: tuple[Callable[[SchoolSession, FrozenClock], None], ...] = (
    people.seed,
    consent.seed,
    requests.seed,
    breaches.seed,
)
_STEPS = (
    "Adding 200 pupils, their parents and the staff…",
    "Recording a year of consent forms…",
    "Adding the rights requests…",
    "Adding the breaches…",
)


def demo_profile() -> SchoolProfile:
    """Brookfield Primary School (demo), a fictional maintained school in England."""
    raw = load("school")["profile"]
    return SchoolProfile(
        name=raw["name"],
        address_lines=tuple(raw["address_lines"]),
        postcode=raw["postcode"],
        phone=raw["phone"],
        email=raw["email"],
        urn=raw["urn"],
        nation=member(Nation, raw["nation"]),
        school_type=member(SchoolType, raw["school_type"]),
        ico_registration=raw["ico_registration"],
        dpo=_contact(raw["dpo"]),
        headteacher=_contact(raw["headteacher"]),
    )


def create_demo_school(
    folder: Path | None = None, today: date | None = None, step: Callable[[str], None] | None = None
) -> tuple[SchoolSession, Path]:
    """Create and open the demo school in `folder` (default: a fresh temporary folder).

    `step` is told, in words, what is being built (for a progress window).

    The school keeps the system clock, or a clock frozen on `today` if one is given. Its
    records are dated back from that day: while they are written the session's clock is moved
    to each record's own moment, so every stamp and audit entry reads as it would have then.
    """
    say = step or (lambda _words: None)
    say("Creating the demo school file…")
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="schooldp-demo-"))
    clock: Clock = SYSTEM_CLOCK if today is None else FrozenClock(today)
    data = load("school")
    first, *others = data["accounts"]
    new = NewSchool(
        folder / data["file_name"],
        demo_profile(),
        first["name"],
        member(Role, first["role"]),
        first["passphrase"],
    )
    with fixed_kdf(KDF_MINIMUM):  # its passphrases are in its data: no half-second slots
        session, _recovery = create_school(new, clock=clock)
        for account in others:
            session.add_account(account["name"], member(Role, account["role"]), account["passphrase"])
    _write_records(session, clock, say)
    return session, folder


def _write_records(session: SchoolSession, clock: Clock, say: Callable[[str], None]) -> None:
    start = clock.now()
    script = FrozenClock(start)
    session.clock = script
    try:
        with _throwaway_writes(session):
            for seed, words in zip(_SEEDS, _STEPS, strict=True):
                say(words)
                script.set(start)
                seed(session, script)
    finally:
        session.clock = clock


@contextmanager
def _throwaway_writes(session: SchoolSession) -> Iterator[None]:
    """While the demo is written, commits skip the wait for the disk and the page scrubbing.

    The demo school is a throw-away file in a temporary folder: if the machine lost power while
    it was being built, nothing would be lost. A real school file keeps the vault's safe
    settings (full synchronous commits, secure delete); the demo gets them back once it is built.
    """
    engine = session.vault.engine
    if engine is None:
        yield
        return

    def fast(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA synchronous = OFF")
        cur.execute("PRAGMA secure_delete = OFF")
        cur.close()

    event.listen(engine, "connect", fast)
    try:
        yield
    finally:
        event.remove(engine, "connect", fast)


def _contact(raw: Json) -> ContactPerson:
    return ContactPerson(raw["name"], raw["email"], raw["phone"], raw["role"])
