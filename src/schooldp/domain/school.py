"""The school itself: profile, nation and type, which decide several legal rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum


class Nation(LabelledEnum):
    """UK nation: decides bank holidays and (Scotland) children's capacity presumptions."""

    ENGLAND = ("england", "England")
    WALES = ("wales", "Wales")
    SCOTLAND = ("scotland", "Scotland")
    NORTHERN_IRELAND = ("northern_ireland", "Northern Ireland")


class SchoolType(LabelledEnum):
    MAINTAINED = ("maintained", "Maintained school")
    ACADEMY = ("academy", "Academy or free school")
    INDEPENDENT = ("independent", "Independent school")
    ALTERNATIVE_PROVISION = ("alternative_provision", "Alternative provision")


def educational_record_right_applies(school_type: SchoolType, nation: Nation) -> bool:
    """Parents' right to the educational record: maintained schools in England.

    Source: Education (Pupil Information) (England) Regulations 2005, reg 5; policy section 10.
    """
    return nation is Nation.ENGLAND and school_type is SchoolType.MAINTAINED


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ContactPerson:
    """The DPO or headteacher as named on letters."""

    name: str
    email: str = ""
    phone: str = ""
    role: str = ""


@dataclass(frozen=True)
class SchoolProfile:
    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    phone: str = ""
    email: str = ""
    urn: str = ""
    nation: Nation = Nation.ENGLAND
    school_type: SchoolType = SchoolType.MAINTAINED
    ico_registration: str = ""
    dpo: ContactPerson = field(default_factory=lambda: ContactPerson(name="", role="Data Protection Officer"))
    headteacher: ContactPerson = field(default_factory=lambda: ContactPerson(name="", role="Headteacher"))
    logo_png: bytes | None = None
    # As read; a save from an older read is refused. Not part of what the profile says.
    row_version: int | None = field(default=None, compare=False)

    def validate(self) -> None:
        """Raise ValidationError naming the first field a letter could not do without."""
        if not self.name.strip():
            raise ValidationError("Enter the school's name.", "name")
        if self.email and not _EMAIL.match(self.email.strip()):
            raise ValidationError("The school email address does not look right.", "email")
        if self.urn and not re.fullmatch(r"\d{6,7}", self.urn.strip()):
            raise ValidationError("A URN is 6 or 7 digits, for example 123456.", "urn")
        if self.ico_registration and not re.fullmatch(r"[A-Za-z]{1,2}\d{6,8}", self.ico_registration.strip()):
            raise ValidationError(
                "An ICO registration number looks like Z1234567 or ZA123456.", "ico_registration"
            )
        if not self.dpo.name.strip():
            raise ValidationError("Enter the Data Protection Officer's name.", "dpo")
        if not self.headteacher.name.strip():
            raise ValidationError("Enter the headteacher's name.", "headteacher")
        for who, person in (("dpo", self.dpo), ("headteacher", self.headteacher)):
            if person.email and not _EMAIL.match(person.email.strip()):
                raise ValidationError(f"The {person.role or who} email address does not look right.", who)
