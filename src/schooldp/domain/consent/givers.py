"""Who may give or refuse consent for a pupil, and on which birthday that changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldp.domain.calendar import format_uk_long_date as _d
from schooldp.domain.consent.purposes import ConsentPurpose
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.people import age_on, reaches_age_on

__all__ = ["ConsentGiver", "WhoMayConsent", "giver_today", "who_may_consent"]


class ConsentGiver(LabelledEnum):
    """Whose answer counts today."""

    PARENT = ("parent", "A parent or carer with parental responsibility")
    PUPIL = ("pupil", "The pupil")
    NOBODY = ("nobody", "Nobody yet (does not apply at this age)")


@dataclass(frozen=True)
class WhoMayConsent:
    giver: ConsentGiver
    age: int
    pupil_may_object: bool
    changes_on: date | None
    explanation: str


def giver_today(purpose: ConsentPurpose, pupil_dob: date, today: date) -> ConsentGiver:
    """Only whose answer counts today (the same rule as `who_may_consent`, without the words)."""
    start, passes = purpose.applies_from_age, purpose.passes_to_pupil_at
    if start is None and passes is None:
        age_on(pupil_dob, today)  # the same check of the date of birth
        return ConsentGiver.PARENT
    age = age_on(pupil_dob, today)
    if start is not None and age < start:
        return ConsentGiver.NOBODY
    if passes is not None and age >= passes:
        return ConsentGiver.PUPIL
    return ConsentGiver.PARENT


def who_may_consent(purpose: ConsentPurpose, pupil_dob: date, today: date) -> WhoMayConsent:
    """Whose answer counts for `purpose` today, and when that changes (birthdays: FLRA s.9)."""
    age = age_on(pupil_dob, today)
    start, passes = purpose.applies_from_age, purpose.passes_to_pupil_at
    if start is not None and age < start:
        starts_on = reaches_age_on(pupil_dob, start)
        return WhoMayConsent(
            ConsentGiver.NOBODY,
            age,
            False,
            starts_on,
            f"This does not apply until the pupil is {start}, on {_d(starts_on)}.",
        )
    if passes is not None and age >= passes:
        return WhoMayConsent(
            ConsentGiver.PUPIL,
            age,
            False,
            None,
            f"The pupil is {passes} or over and decides for themselves.",
        )
    passes_on = reaches_age_on(pupil_dob, passes) if passes is not None else None
    text = "A parent or carer with parental responsibility decides"
    text += f" until the pupil turns {passes} on {_d(passes_on)}." if passes_on else "."
    if purpose.pupil_may_object:
        text += " The pupil may object at any time, whatever the parent said."
    return WhoMayConsent(ConsentGiver.PARENT, age, purpose.pupil_may_object, passes_on, text)
