"""Everyday words for letters to the people affected (UK GDPR Art 34(2); Policy App 1: "a
description, in clear and plain language, of the nature of the personal data breach").

Each kind of data is named as a parent ("your child's ...") or a member of staff ("your ...")
would say it; what it could mean and what they can do follow the data actually involved.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schooldp.domain.breach.kinds import DataCategory

D = DataCategory


class Reader(Enum):
    """Who the letter is written to."""

    PARENT = "parent"  # about "your child"
    STAFF = "staff"  # about "you"


# (parent's letter, staff letter): the same data named for each reader.
_DATA_WORDS: dict[DataCategory, tuple[str, str]] = {
    D.BASIC_IDENTIFIERS: ("your child's name, date of birth and pupil number", "your name and date of birth"),
    D.CONTACT_DETAILS: (
        "your home address, phone number or email address",
        "your home address or phone number",
    ),
    D.ATTENDANCE: ("your child's attendance record", "your attendance or absence record"),
    D.ASSESSMENT: ("your child's marks, test results or reports", "notes about your work or appraisal"),
    D.BEHAVIOUR_EXCLUSIONS: ("notes about your child's behaviour", "notes about conduct matters"),
    D.SEND: (
        "your child's special needs and the help they get in school",
        "details of support you get at work",
    ),
    D.HEALTH: ("your child's health or medical needs", "your health or sickness record"),
    D.SAFEGUARDING: ("notes the school keeps to keep your child safe", "notes about a welfare matter"),
    D.SPECIAL_CATEGORY: (
        "private details such as your child's ethnic group or religion",
        "private details such as your ethnic group or religion",
    ),
    D.FSM_PUPIL_PREMIUM: (
        "whether your child gets free school meals or extra funding",
        "whether you get help with school costs",
    ),
    D.FINANCIAL: ("your bank or payment details", "your bank or payment details"),
    D.IDENTITY_DOCUMENTS: (
        "a copy of an ID document, such as a passport",
        "a copy of your passport or other ID",
    ),
    D.LOGIN_CREDENTIALS: ("a user name and password", "your user name and password"),
    D.BIOMETRICS: ("the fingerprint or face data used for school meals", "your fingerprint or face data"),
    D.PHOTOS_CCTV: ("photos or video of your child", "photos or video of you"),
    D.CRIMINAL_OFFENCE: ("details of police or court matters", "details of police or court matters"),
    D.STAFF_HR_PAY: ("staff records", "your pay, contract or staff records"),
}


def data_words(categories: frozenset[DataCategory], reader: Reader) -> str:
    """'your child's name, date of birth and pupil number, and your child's health or ...'."""
    index = 0 if reader is Reader.PARENT else 1
    words = [_DATA_WORDS[c][index] for c in sorted(categories, key=lambda c: c.value)]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + ", and " + words[-1]


@dataclass(frozen=True)
class Advice:
    """What the reader can do about one kind of data, in plain words."""

    categories: frozenset[DataCategory]
    text: str


_SENSITIVE = frozenset({D.SEND, D.HEALTH, D.SAFEGUARDING, D.SPECIAL_CATEGORY, D.BEHAVIOUR_EXCLUSIONS})
# ICO breach guidance: say what people can do to protect themselves, for the data involved.
_ADVICE: tuple[Advice, ...] = (
    Advice(
        frozenset({D.FINANCIAL}),
        "Check your bank statements. If you see a payment you do not know, call your bank "
        "straight away. You can report fraud to Action Fraud on 0300 123 2040 or at "
        "actionfraud.police.uk.",
    ),
    Advice(
        frozenset({D.LOGIN_CREDENTIALS}),
        "Change the password now, and change it anywhere else you use the same one.",
    ),
    Advice(
        frozenset({D.IDENTITY_DOCUMENTS}),
        "Look out for post about loans or cards you did not ask for. You can check your credit "
        "file for free with a credit reference agency.",
    ),
    Advice(
        frozenset({D.CONTACT_DETAILS}),
        "Take care with calls, texts or emails that seem to know about you. We will never ask "
        "for bank details or passwords this way.",
    ),
    Advice(
        _SENSITIVE,
        "If anyone mentions this to you, please tell us. We can talk it through with you.",
    ),
)


def advice_for(categories: frozenset[DataCategory], reader: Reader) -> str:
    """Advice that fits the data involved; the last line is always 'tell us'."""
    lines = [a.text for a in _ADVICE if a.categories & categories]
    if reader is Reader.PARENT and categories & _SENSITIVE:
        lines.append("If your child is upset or worried, their class teacher or tutor can help.")
    lines.append("If you notice anything odd, or you are worried, please tell us.")
    return " ".join(lines)


def what_it_could_mean(categories: frozenset[DataCategory], reader: Reader) -> str:
    """Likely consequences, in the reader's own terms."""
    who = "you or your child" if reader is Reader.PARENT else "you"
    if categories & {D.FINANCIAL, D.IDENTITY_DOCUMENTS, D.LOGIN_CREDENTIALS}:
        return (
            f"Someone could try to use these details to pretend to be {who} or to take money. "
            "We want you to know so that you can watch out for this."
        )
    if categories & _SENSITIVE:
        return (
            "Someone who should not know these private details may now know them. This could "
            f"be upsetting for {who}. We are sorry."
        )
    return (
        "Someone who should not have these details may have seen them. We do not think "
        "they will be misused, but we want you to know."
    )
