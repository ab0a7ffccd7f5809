"""Pupils, parents/carers and staff as plain values, with the rules the register depends on.

Kept deliberately small (UK GDPR Art 5(1)(c), data minimisation; policy section 7.2): only
what breach letters, consents and requests need. No storage, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum

__all__ = [
    "Contact",
    "KeyStage",
    "Pupil",
    "Staff",
    "UPN_LETTERS",
    "YearGroup",
    "age_on",
    "birthday_in",
    "date_of_birth_problem",
    "is_email_address",
    "is_temporary_upn",
    "key_stage",
    "matches_search",
    "normalise_upn",
    "on_roll",
    "parse_year_group",
    "reaches_age_on",
    "recorded_parental_responsibility",
    "search_key",
    "upn_check_letter",
    "validate_upn",
]


# --------------------------------------------------------------------------------------------
# Ages
# --------------------------------------------------------------------------------------------


def birthday_in(dob: date, year: int) -> date:
    """The day in `year` on which a person born on `dob` has their birthday.

    A person born on 29 February has their birthday on 1 March in a common year. Source: Age of
    Legal Capacity (Scotland) Act 1991 s.6(2) says so expressly; in England and Wales a person
    attains an age at the start of the anniversary of their birth (Family Law Reform Act 1969
    s.9) and common practice (and the usual reading, no 29th existing) is 1 March.
    """
    if dob.month == 2 and dob.day == 29 and not _is_leap(year):
        return date(year, 3, 1)
    return date(year, dob.month, dob.day)


def reaches_age_on(dob: date, age: int) -> date:
    """The day a person born on `dob` turns `age` (used for "consent passes to the pupil on")."""
    if age < 0:
        raise ValidationError("An age cannot be negative.", "age")
    return birthday_in(dob, dob.year + age)


def age_on(dob: date, day: date) -> int:
    """Age in whole years on `day`: the birthday itself counts (FLRA 1969 s.9).

    A 29 February birthday counts as 1 March in common years (see `birthday_in`).
    """
    if day < dob:
        raise ValidationError(
            f"The date {day:%d/%m/%Y} is before the date of birth {dob:%d/%m/%Y}.",
            "date_of_birth",
        )
    years = day.year - dob.year
    if day < birthday_in(dob, day.year):
        years -= 1
    return years


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# Pupils on roll are from nursery (2) to sixth form / post-16 provision (up to 25 with an EHCP).
_MIN_PUPIL_AGE = 2
_MAX_PUPIL_AGE = 25


def date_of_birth_problem(dob: date, today: date) -> str | None:
    """A message if `dob` cannot be a pupil's date of birth on `today`, else None.

    Used by the MIS import preview ("impossible date of birth"): UK GDPR Art 5(1)(d), accuracy.
    """
    if dob > today:
        return f"The date of birth {dob:%d/%m/%Y} is in the future."
    age = age_on(dob, today)
    if age < _MIN_PUPIL_AGE or age > _MAX_PUPIL_AGE:
        return (
            f"The date of birth {dob:%d/%m/%Y} gives an age of {age}, "
            f"outside the {_MIN_PUPIL_AGE} to {_MAX_PUPIL_AGE} a school can have on roll."
        )
    return None


# --------------------------------------------------------------------------------------------
# Unique Pupil Numbers
# --------------------------------------------------------------------------------------------

# DfE "Unique pupil numbers (UPN): guidance for schools and local authorities", Annex: the 23
# letters used for check letters (I, O and S are never used, to avoid confusion with 1, 0, 5).
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def normalise_upn(upn: str) -> str:
    """Upper case with spaces removed, as MIS exports vary."""
    return re.sub(r"\s+", "", upn).upper()


def _upn_value(ch: str) -> int:
    # DfE UPN guidance: digits count as their value; a letter in position 13 (temporary UPN)
    # counts as its position in UPN_LETTERS (A=0 ... Z=22).
    if ch.isdigit():
        return int(ch)
    return UPN_LETTERS.index(ch)


def upn_check_letter(body: str) -> str:
    """Check letter for the 12 characters after it.

    DfE UPN guidance: multiply characters 2 to 13 by weights 2 to 13, add, take the remainder
    mod 23 and use it as an index into A B C D E F G H J K L M N P Q R T U V W X Y Z.
    """
    body = normalise_upn(body)
    if len(body) != 12 or not body[:11].isdigit() or not _valid_last(body[11]):
        raise ValidationError("A UPN check letter needs 11 digits followed by a digit or letter.", "upn")
    total = sum(weight * _upn_value(ch) for weight, ch in zip(range(2, 14), body, strict=True))
    return UPN_LETTERS[total % 23]


def _valid_last(ch: str) -> bool:
    return ch.isascii() and (ch.isdigit() or ch in UPN_LETTERS)


def is_temporary_upn(upn: str) -> bool:
    """A temporary UPN ends in a letter (DfE UPN guidance); replace it when the permanent one comes."""
    upn = normalise_upn(upn)
    return len(upn) == 13 and upn[-1] in UPN_LETTERS


def validate_upn(upn: str) -> str | None:
    """A message saying what is wrong with an English UPN, or None if it is well formed.

    Checks length, character classes and the DfE check letter. The local-authority number in
    characters 2 to 4 is not checked against a list: the list changes when authorities merge.
    """
    value = normalise_upn(upn)
    if not value:
        return "The UPN is missing."
    if len(value) != 13:
        return f"A UPN has 13 characters; this one has {len(value)}."
    first, middle, last = value[0], value[1:12], value[12]
    if not first.isascii() or first not in UPN_LETTERS:
        return "A UPN starts with a check letter (A to Z, but never I, O or S)."
    if not (middle.isascii() and middle.isdigit()):
        return "Characters 2 to 12 of a UPN must all be digits."
    if not _valid_last(last):
        return "The last character of a UPN must be a digit, or a letter for a temporary UPN."
    expected = upn_check_letter(value[1:])
    if first != expected:
        return (
            f"The check letter should be {expected}, not {first}: "
            "one of the characters has probably been mistyped."
        )
    return None


# --------------------------------------------------------------------------------------------
# Year groups and key stages
# --------------------------------------------------------------------------------------------


class YearGroup(Enum):
    """National curriculum year groups (England, Wales, NI) and Scottish P1-P7 / S1-S6."""

    NURSERY = "N"
    RECEPTION = "R"
    Y1 = "Y1"
    Y2 = "Y2"
    Y3 = "Y3"
    Y4 = "Y4"
    Y5 = "Y5"
    Y6 = "Y6"
    Y7 = "Y7"
    Y8 = "Y8"
    Y9 = "Y9"
    Y10 = "Y10"
    Y11 = "Y11"
    Y12 = "Y12"
    Y13 = "Y13"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    P6 = "P6"
    P7 = "P7"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"
    S4 = "S4"
    S5 = "S5"
    S6 = "S6"

    @property
    def label(self) -> str:
        if self is YearGroup.NURSERY:
            return "Nursery"
        if self is YearGroup.RECEPTION:
            return "Reception"
        if self.value.startswith("Y"):
            return f"Year {self.value[1:]}"
        return str(self.value)

    @property
    def is_scottish(self) -> bool:
        return self.value[0] in "PS"

    def shifted(self, years: int) -> YearGroup | None:
        """The year group `years` school years later (negative: earlier), None off either end.

        Nursery is shared: going forward from it leads to Reception (the English order); going
        back from P1 leads to it.
        """
        order = _SCOTTISH_ORDER if self.is_scottish else _ENGLISH_ORDER
        index = order.index(self) + years
        if 0 <= index < len(order):
            return order[index]
        return None


_ENGLISH_ORDER: tuple[YearGroup, ...] = (
    YearGroup.NURSERY,
    YearGroup.RECEPTION,
    *(YearGroup(f"Y{n}") for n in range(1, 14)),
)
_SCOTTISH_ORDER: tuple[YearGroup, ...] = (
    YearGroup.NURSERY,
    *(YearGroup(f"P{n}") for n in range(1, 8)),
    *(YearGroup(f"S{n}") for n in range(1, 7)),
)

_YEAR_WORDS = {
    "nursery": YearGroup.NURSERY,
    "nur": YearGroup.NURSERY,
    "n": YearGroup.NURSERY,
    "n1": YearGroup.NURSERY,  # SIMS: first year of nursery
    "n2": YearGroup.NURSERY,  # SIMS: second year of nursery
    "fs1": YearGroup.NURSERY,  # Foundation Stage 1 = nursery
    "reception": YearGroup.RECEPTION,
    "rec": YearGroup.RECEPTION,
    "r": YearGroup.RECEPTION,
    "year r": YearGroup.RECEPTION,
    "yr": YearGroup.RECEPTION,  # SIMS/Arbor "YR"
    "fs2": YearGroup.RECEPTION,  # Foundation Stage 2 = reception
}

_YEAR_PATTERN = re.compile(r"^(?:year|yr|y)?\s*(\d{1,2})$")
_SCOT_PATTERN = re.compile(r"^(p|s|primary|secondary)\s*(\d)$")


def parse_year_group(text: str) -> YearGroup:
    """Read a year group as MIS exports write it ("Year 7", "Y7", "7", "R", "N2", "P3", "S1")."""
    raw = text.strip()
    key = re.sub(r"[\s\-_.]+", " ", raw.casefold()).strip()
    if key in _YEAR_WORDS:
        return _YEAR_WORDS[key]
    match = _YEAR_PATTERN.match(key)
    if match:
        number = int(match.group(1))
        if 1 <= number <= 13:
            return YearGroup(f"Y{number}")
    match = _SCOT_PATTERN.match(key)
    if match:
        stage, number = match.group(1)[0], int(match.group(2))
        if (stage == "p" and 1 <= number <= 7) or (stage == "s" and 1 <= number <= 6):
            return YearGroup(f"{stage.upper()}{number}")
    shown = raw if raw else "(blank)"
    raise ValidationError(
        f"Unknown year group '{shown}'. Use Nursery, Reception, Year 1 to Year 13, "
        "or the Scottish P1 to P7 and S1 to S6.",
        "year_group",
    )


class KeyStage(LabelledEnum):
    """Stage used for "consent lasts until the key stage changes"."""

    EARLY_YEARS = ("early_years", "Early years (nursery)")
    KS1 = ("ks1", "Key stage 1 (Reception to Year 2)")
    KS2 = ("ks2", "Key stage 2 (Years 3 to 6)")
    KS3 = ("ks3", "Key stage 3 (Years 7 to 9)")
    KS4 = ("ks4", "Key stage 4 (Years 10 and 11)")
    KS5 = ("ks5", "Key stage 5 (sixth form, Years 12 and 13)")
    CFE_EARLY = ("cfe_early", "Early level (P1)")
    CFE_FIRST = ("cfe_first", "First level (P2 to P4)")
    CFE_SECOND = ("cfe_second", "Second level (P5 to P7)")
    CFE_THIRD_FOURTH = ("cfe_third_fourth", "Third and fourth level (S1 to S3)")
    CFE_SENIOR = ("cfe_senior", "Senior phase (S4 to S6)")


def key_stage(year_group: YearGroup) -> KeyStage:
    """Key stage of a year group.

    Education Act 2002 s.82 defines the key stages; Reception is formally the early years
    foundation stage but is grouped with KS1 here so one consent covers infant school.
    Scotland has no key stages: Curriculum for Excellence levels are used instead.
    """
    value = year_group.value
    if year_group is YearGroup.NURSERY:
        return KeyStage.EARLY_YEARS
    if year_group is YearGroup.RECEPTION:
        return KeyStage.KS1
    number = int(value[1:])
    if value[0] == "Y":
        for top, stage in ((2, KeyStage.KS1), (6, KeyStage.KS2), (9, KeyStage.KS3)):
            if number <= top:
                return stage
        return KeyStage.KS4 if number <= 11 else KeyStage.KS5
    if value[0] == "P":
        if number == 1:
            return KeyStage.CFE_EARLY
        return KeyStage.CFE_FIRST if number <= 4 else KeyStage.CFE_SECOND
    return KeyStage.CFE_THIRD_FOURTH if number <= 3 else KeyStage.CFE_SENIOR


# --------------------------------------------------------------------------------------------
# Names and search
# --------------------------------------------------------------------------------------------

# Letters that Unicode does not decompose into base + accent but people type without it.
_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ø": "o",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "’": "",
        "'": "",
        "‘": "",
        "`": "",
        "-": " ",
        "‐": " ",
        "–": " ",
        ".": " ",
        ",": " ",
    }
)


def search_key(text: str) -> str:
    """A matching key for names in any script: case- and accent-insensitive.

    "Zoë" and "ZOE" both give "zoe"; "Łukasz" gives "lukasz"; "O'Brien" gives "obrien";
    non-Latin scripts are kept (case-folded) so "Дмитрий" still finds itself.
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    stripped = stripped.translate(_FOLD_EXTRA)
    recomposed = unicodedata.normalize("NFC", stripped)
    return " ".join(recomposed.split())


def matches_search(query: str, fields: Iterable[str]) -> bool:
    """True if every word of `query` appears in one of `fields` (after `search_key`)."""
    haystack = " ".join(search_key(field) for field in fields)
    return all(word in haystack for word in search_key(query).split())


def _full_name(first: str, last: str) -> str:
    return " ".join(part for part in (first.strip(), last.strip()) if part)


# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pupil:
    """A pupil as the MIS knows them. Leavers stay on the register, marked, not deleted:
    requests and breaches can still concern them.

    The UPN is not checked here so that an import can show all problems at once; use
    `validate_upn` in the preview.
    """

    upn: str
    legal_first_name: str
    legal_last_name: str
    date_of_birth: date
    year_group: YearGroup
    reg_group: str = ""
    preferred_first_name: str = ""
    preferred_last_name: str = ""
    admission_date: date | None = None
    leaving_date: date | None = None
    id: int | None = None
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not (self.legal_first_name.strip() or self.legal_last_name.strip()):
            raise ValidationError("Enter the pupil's legal name.", "legal_last_name")
        if (
            self.admission_date is not None
            and self.leaving_date is not None
            and self.leaving_date < self.admission_date
        ):
            raise ValidationError("The leaving date is before the admission date.", "leaving_date")
        if self.admission_date is not None and self.admission_date < self.date_of_birth:
            raise ValidationError("The admission date is before the date of birth.", "admission_date")

    @property
    def is_leaver(self) -> bool:
        """Has a leaving date (past or planned)."""
        return self.leaving_date is not None

    def has_left_by(self, day: date) -> bool:
        return not on_roll(self.leaving_date, day)

    @property
    def legal_name(self) -> str:
        return _full_name(self.legal_first_name, self.legal_last_name)

    @property
    def display_name(self) -> str:
        """Preferred names where given: what staff and the child use day to day."""
        return _full_name(
            self.preferred_first_name or self.legal_first_name,
            self.preferred_last_name or self.legal_last_name,
        )

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    @property
    def search_text(self) -> str:
        """Everything the People page search looks in: both names, UPN, year, reg group."""
        return search_key(
            " ".join(
                (
                    self.legal_name,
                    self.preferred_first_name,
                    self.preferred_last_name,
                    self.upn,
                    self.year_group.label,
                    self.reg_group,
                )
            )
        )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email_address(text: str) -> bool:
    """Looks like an email address (something@domain.tld); letters are not sent to anything else."""
    return bool(_EMAIL.match(text.strip()))


def recorded_parental_responsibility(answer: bool | None) -> bool:
    """Parental responsibility as recorded from an export: only a clear "yes" counts.

    Children Act 1989 s.3 makes it a legal status; DfE "Understanding and dealing with issues
    relating to parental responsibility" says schools act on what they have been told, so a blank
    or unreadable answer is recorded as "no" rather than assumed.
    """
    return answer is True


def on_roll(leaving_date: date | None, day: date) -> bool:
    """On roll on `day`: no leaving date, or one still to come (a planned leaving date)."""
    return leaving_date is None or leaving_date > day


@dataclass(frozen=True)
class Contact:
    """A parent or carer. Only contacts with parental responsibility may give consent."""

    first_name: str
    last_name: str
    relationship: str = ""
    title: str = ""
    parental_responsibility: bool = False
    lives_with_pupil: bool = True
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    email: str = ""
    phone: str = ""
    priority: int = 1
    id: int | None = None
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not (self.first_name.strip() or self.last_name.strip()):
            raise ValidationError("Enter the contact's name.", "last_name")
        if self.email and not is_email_address(self.email):
            raise ValidationError(f"The email address '{self.email}' does not look right.", "email")
        if self.priority < 1:
            raise ValidationError("Contact priority starts at 1 (first contact).", "priority")

    @property
    def display_name(self) -> str:
        return _full_name(self.first_name, self.last_name)

    @property
    def salutation(self) -> str:
        """For "Dear ..." on letters: title and surname when known, else the full name."""
        if self.title.strip() and self.last_name.strip():
            return f"{self.title.strip()} {self.last_name.strip()}"
        return self.display_name

    @property
    def postal_address(self) -> tuple[str, ...]:
        lines = tuple(line.strip() for line in self.address_lines if line.strip())
        return (*lines, self.postcode.strip().upper()) if self.postcode.strip() else lines

    @property
    def has_postal_address(self) -> bool:
        return bool(self.address_lines and self.postcode.strip())


@dataclass(frozen=True)
class Staff:
    """A member of staff: forwards requests, reports breaches, may be a data subject."""

    name: str
    role: str = ""
    email: str = ""
    id: int | None = None
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValidationError("Enter the staff member's name.", "name")
        if self.email and not is_email_address(self.email):
            raise ValidationError(f"The email address '{self.email}' does not look right.", "email")

    @property
    def display_name(self) -> str:
        return self.name.strip()
