"""What the school asks consent for, who decides from what age, and the follow-up on withdrawal.

Sources: policy sections 7.1 and 12 (photos and videos), the pupil privacy notices (youth
support services, Education Act 1996 s.507B), Protection of Freedoms Act 2012 ss.26-27
(biometrics).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum

__all__ = [
    "BIOMETRICS",
    "DEFAULT_PURPOSES",
    "GENERIC_WITHDRAWAL_TASKS",
    "PHOTOS_IN_SCHOOL",
    "PHOTOS_ONLINE",
    "PHOTOS_OUTSIDE_SCHOOL",
    "YOUTH_SUPPORT",
    "ConsentDuration",
    "ConsentPurpose",
    "TaskTemplate",
    "custom_purpose",
    "default_purposes",
    "withdrawal_tasks",
]


class ConsentDuration(LabelledEnum):
    UNTIL_WITHDRAWN = ("until_withdrawn", "Until withdrawn")
    EACH_SCHOOL_YEAR = ("each_school_year", "Renewed each school year")
    UNTIL_KEY_STAGE_CHANGE = ("until_key_stage_change", "Until the pupil's key stage changes")


@dataclass(frozen=True)
class TaskTemplate:
    """A follow-up job created when consent is withdrawn; the due offset is a school default."""

    key: str
    title: str
    detail: str = ""
    due_after_days: int = 1

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise ValidationError("A follow-up task needs a title.", "title")
        if self.due_after_days < 0:
            raise ValidationError("A task cannot be due before it is created.", "due_after_days")


_KEY = re.compile(r"^[a-z][a-z0-9_]{1,47}$")
_MAX_AGE = 25


@dataclass(frozen=True)
class ConsentPurpose:
    """Something the school asks consent for, and the rules that go with it.

    `passes_to_pupil_at`: from this birthday only the pupil's own answer counts (None: never).
    `applies_from_age`: before this birthday the purpose does not apply (youth support, 13).
    `pupil_may_object`: the law gives the pupil a veto over a parent's consent (PoFA s.26(5)).
    `any_parent_may_object`: one parent's objection stands whatever another said (PoFA s.26(3)).
    `opt_out`: the school acts unless told not to (youth support is a duty under Education Act
    1996 s.507B; the answer only limits it), so "not asked" does not stop it. See `may_proceed`.
    """

    key: str
    title: str
    description: str = ""
    passes_to_pupil_at: int | None = 18
    applies_from_age: int | None = None
    pupil_may_object: bool = False
    any_parent_may_object: bool = False
    duration: ConsentDuration = ConsentDuration.UNTIL_WITHDRAWN
    given_means: str = "May be used"
    refused_means: str = "Must not be used"
    withdrawal_tasks: tuple[TaskTemplate, ...] = ()
    source: str = ""
    opt_out: bool = False
    custom: bool = False
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValidationError(
                "A purpose key is 2 to 48 lower-case letters, digits or underscores, starting with a letter.",
                "key",
            )
        if not self.title.strip():
            raise ValidationError("Give the purpose a title.", "title")
        for name, age in (
            ("passes_to_pupil_at", self.passes_to_pupil_at),
            ("applies_from_age", self.applies_from_age),
        ):
            if age is not None and not 0 <= age <= _MAX_AGE:
                raise ValidationError(f"An age must be between 0 and {_MAX_AGE}.", name)
        if (
            self.applies_from_age is not None
            and self.passes_to_pupil_at is not None
            and self.applies_from_age > self.passes_to_pupil_at
        ):
            raise ValidationError(
                "The age the purpose starts to apply is after the age consent passes to the pupil.",
                "applies_from_age",
            )


def _task(key: str, title: str, days: int, detail: str = "") -> TaskTemplate:
    return TaskTemplate(key=key, title=title, detail=detail, due_after_days=days)


# Policy section 12: "If consent is withdrawn, we will delete the photograph or video and not
# distribute it further." Offsets are defaults for the dashboard, not legal limits.
_TELL_OFFICE = _task(
    "tell_office",
    "Tell the school office and class teacher",
    1,
    "So that no new photos or videos of the pupil are taken or used for this purpose.",
)
_DELETE_MEDIA = _task(
    "delete_media",
    "Delete the photo or video and stop distributing it",
    5,
    "From shared drives, cameras and tablets (policy section 12).",
)
_CONFIRM_LETTER = _task(
    "confirm_letter",
    "Send the letter confirming the withdrawal",
    5,
    "So the family has a record of what the school has done.",
)
GENERIC_WITHDRAWAL_TASKS: tuple[TaskTemplate, ...] = (
    _TELL_OFFICE,
    _task("stop_use", "Stop using the pupil's information for this purpose", 1),
    _CONFIRM_LETTER,
)

PHOTOS_IN_SCHOOL = ConsentPurpose(
    key="photos_in_school",
    title="Photos and videos in school",
    description="Displays, notice boards, school magazines, brochures and newsletters.",
    passes_to_pupil_at=18,  # policy section 12: pupils aged 18 and over consent themselves
    refused_means="Do not use the pupil's photo or video in school publications",
    withdrawal_tasks=(
        _TELL_OFFICE,
        _task("remove_displays", "Take the photo down from displays and notice boards", 2),
        _DELETE_MEDIA,
        _CONFIRM_LETTER,
    ),
    source="Policy sections 7.1 and 12",
)
PHOTOS_OUTSIDE_SCHOOL = ConsentPurpose(
    key="photos_outside_school",
    title="Photos and videos outside school",
    description="The school photographer, newspapers and campaigns.",
    passes_to_pupil_at=18,  # policy section 12
    refused_means="Do not let the photographer, newspapers or campaigns use the pupil's image",
    withdrawal_tasks=(
        _TELL_OFFICE,
        _task(
            "tell_photographer",
            "Tell the school photographer, and any newspaper or campaign, not to use it",
            2,
        ),
        _DELETE_MEDIA,
        _CONFIRM_LETTER,
    ),
    source="Policy section 12",
)
PHOTOS_ONLINE = ConsentPurpose(
    key="photos_online",
    title="Photos and videos online",
    description="The school website and the school's social media pages.",
    passes_to_pupil_at=18,  # policy section 12
    refused_means="Do not put the pupil's photo or video online",
    withdrawal_tasks=(
        _task("remove_website", "Take the photo or video off the school website", 1),
        _task("remove_social_media", "Take the photo or video off the school's social media", 1),
        _TELL_OFFICE,
        _DELETE_MEDIA,
        _CONFIRM_LETTER,
    ),
    source="Policy section 12",
)
BIOMETRICS = ConsentPurpose(
    key="biometrics",
    title="Biometrics (cashless catering)",
    description=(
        "Fingerprint or similar recognition, for example to pay for school meals. Needs a "
        "parent's written consent; the pupil may object at any time."
    ),
    passes_to_pupil_at=18,  # PoFA 2012 s.26 protects a "child", i.e. a pupil under 18 (s.28)
    pupil_may_object=True,  # PoFA 2012 s.26(5)
    any_parent_may_object=True,  # PoFA 2012 s.26(3)(b)
    refused_means="Do not use the pupil's biometrics; offer another way to pay",
    withdrawal_tasks=(
        _task(
            "stop_biometric",
            "Stop using the pupil's biometrics and give another way to pay",
            1,
            "The school must offer a reasonable alternative (PoFA 2012 s.26(7)).",
        ),
        _task(
            "delete_biometric",
            "Ask the catering system supplier to delete the biometric template",
            5,
            "Ask them to confirm the deletion in writing.",
        ),
        _TELL_OFFICE,
        _CONFIRM_LETTER,
    ),
    source="Protection of Freedoms Act 2012 ss.26-27",
)
YOUTH_SUPPORT = ConsentPurpose(
    key="youth_support_services",
    title="Youth support services",
    description=(
        "From 13 the school passes information to the local authority's youth support "
        "services (Education Act 1996 s.507B). A parent may ask that only name, address and "
        "date of birth are passed on; the choice passes to the pupil at 16."
    ),
    applies_from_age=13,  # privacy notices: "once our pupils reach the age of 13"
    passes_to_pupil_at=16,  # privacy notices: "transferred to the child once he/she reaches 16"
    opt_out=True,  # privacy notices: shared unless the parent or pupil asks to limit it
    given_means="Pass on the usual information",
    refused_means="Pass on only name, address and date of birth",
    withdrawal_tasks=(
        _task(
            "tell_youth_support",
            "Tell the local authority's youth support service to hold only name, address and date of birth",
            5,
        ),
        _task("record_in_mis", "Record the choice in the MIS so future returns respect it", 1),
        _CONFIRM_LETTER,
    ),
    source="Pupil privacy notices (Education Act 1996 s.507B)",
)

DEFAULT_PURPOSES: tuple[ConsentPurpose, ...] = (
    PHOTOS_IN_SCHOOL,
    PHOTOS_OUTSIDE_SCHOOL,
    PHOTOS_ONLINE,
    BIOMETRICS,
    YOUTH_SUPPORT,
)


def default_purposes() -> tuple[ConsentPurpose, ...]:
    """The purposes every school starts with (policy section 12, privacy notices)."""
    return DEFAULT_PURPOSES


def custom_purpose(
    key: str,
    title: str,
    description: str = "",
    *,
    passes_to_pupil_at: int | None = 18,
    duration: ConsentDuration = ConsentDuration.UNTIL_WITHDRAWN,
    tasks: Sequence[TaskTemplate] = (),
) -> ConsentPurpose:
    """A purpose the school adds itself; 18 as for photos unless the school decides otherwise."""
    if key in {p.key for p in DEFAULT_PURPOSES}:
        raise ValidationError(f"'{key}' is already used by a standard purpose.", "key")
    return ConsentPurpose(
        key=key,
        title=title,
        description=description,
        passes_to_pupil_at=passes_to_pupil_at,
        duration=duration,
        withdrawal_tasks=tuple(tasks),
        source="Added by the school",
        custom=True,
    )


def withdrawal_tasks(purpose: ConsentPurpose) -> tuple[TaskTemplate, ...]:
    """Follow-up jobs when consent for `purpose` is withdrawn (policy section 12)."""
    return purpose.withdrawal_tasks or GENERIC_WITHDRAWAL_TASKS
