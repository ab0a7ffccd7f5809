"""A throw-away demo school with fictional people, so a newcomer sees a working program."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from schooldp.domain.accounts import Role
from schooldp.domain.school import ContactPerson, Nation, SchoolProfile, SchoolType
from schooldp.services import demo_breaches, demo_consent, demo_people, demo_requests
from schooldp.services.school import NewSchool, SchoolSession, create_school

_SEEDS = (demo_people.seed, demo_consent.seed, demo_requests.seed, demo_breaches.seed)

DEMO_PASSPHRASE = "demo school 2026"
HEAD_PASSPHRASE = "demo headteacher 2026"


def demo_profile() -> SchoolProfile:
    return SchoolProfile(
        name="Brookfield Primary School (demo)",
        address_lines=("1 Example Road", "Sampleton"),
        postcode="SA1 2MP",
        phone="01632 960000",
        email="office@brookfield.example.org",
        urn="999999",
        nation=Nation.ENGLAND,
        school_type=SchoolType.MAINTAINED,
        ico_registration="Z9999999",
        dpo=ContactPerson(
            "Alex Demo", "dpo@brookfield.example.org", "01632 960001", "Data Protection Officer"
        ),
        headteacher=ContactPerson(
            "Jordan Example", "head@brookfield.example.org", "01632 960002", "Headteacher"
        ),
    )


def create_demo_school(folder: Path | None = None, today: date | None = None) -> tuple[SchoolSession, Path]:
    """Create and open the demo school in a fresh temporary folder (removed by the caller)."""
    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="schooldp-demo-"))
    session, _recovery = create_school(
        NewSchool(folder / "Brookfield demo.sdp", demo_profile(), "Alex Demo", Role.DPO, DEMO_PASSPHRASE)
    )
    session.add_account("Jordan Example", Role.HEADTEACHER, HEAD_PASSPHRASE)
    today = today or date.today()
    # People first: consents, requests and breaches refer to the demo pupils, parents and staff.
    for seed in _SEEDS:
        seed(session, today)
    return session, folder
