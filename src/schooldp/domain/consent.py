"""Consents: purposes, who may give them, and the state derived from an append-only history.

Sources: policy sections 7.1 and 12 (photos and videos), the pupil privacy notices (youth
support services, Education Act 1996 s.507B), Protection of Freedoms Act 2012 ss.26-27
(biometrics), UK GDPR Art 7 (withdrawal as easy as giving). The history is never changed: the
state is always worked out from it, so "who said what, when" can be shown to the ICO.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.people import (
    Pupil,
    YearGroup,
    age_on,
    key_stage,
    reaches_age_on,
)

__all__ = [
    "SCHOOL_YEAR_START",
    "ConsentDuration",
    "ConsentEvent",
    "ConsentEventKind",
    "ConsentGiver",
    "ConsentMethod",
    "ConsentPurpose",
    "ConsentState",
    "ConsentStatus",
    "Coverage",
    "BIOMETRICS",
    "DEFAULT_PURPOSES",
    "GENERIC_WITHDRAWAL_TASKS",
    "Lapse",
    "PHOTOS_IN_SCHOOL",
    "PHOTOS_ONLINE",
    "PHOTOS_OUTSIDE_SCHOOL",
    "TaskTemplate",
    "WhoMayConsent",
    "coverage",
    "custom_purpose",
    "default_purposes",
    "derive_state",
    "may_proceed",
    "renew_at_year_start",
    "school_year_start",
    "who_may_consent",
    "withdrawal_tasks",
    "YOUTH_SUPPORT",
]

# The school year runs from 1 September to 31 August: the academic year DfE uses for year
# groups (pupils are grouped by age on 31 August) and for consents renewed "each school year".
# Scottish schools go back in mid-August; 1 September is kept so one rule serves every nation.
SCHOOL_YEAR_START = (9, 1)


def school_year_start(day: date) -> date:
    """1 September that begins the school year containing `day`."""
    month, dom = SCHOOL_YEAR_START
    year = day.year if (day.month, day.day) >= (month, dom) else day.year - 1
    return date(year, month, dom)


# --------------------------------------------------------------------------------------------
# Purposes
# --------------------------------------------------------------------------------------------


class ConsentDuration(Enum):
    UNTIL_WITHDRAWN = "until_withdrawn"
    EACH_SCHOOL_YEAR = "each_school_year"
    UNTIL_KEY_STAGE_CHANGE = "until_key_stage_change"

    @property
    def label(self) -> str:
        return {
            ConsentDuration.UNTIL_WITHDRAWN: "Until withdrawn",
            ConsentDuration.EACH_SCHOOL_YEAR: "Renewed each school year",
            ConsentDuration.UNTIL_KEY_STAGE_CHANGE: "Until the pupil's key stage changes",
        }[self]


class ConsentGiver(Enum):
    """Whose answer counts today."""

    PARENT = "parent"
    PUPIL = "pupil"
    NOBODY = "nobody"

    @property
    def label(self) -> str:
        return {
            ConsentGiver.PARENT: "A parent or carer with parental responsibility",
            ConsentGiver.PUPIL: "The pupil",
            ConsentGiver.NOBODY: "Nobody yet (does not apply at this age)",
        }[self]


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


# --------------------------------------------------------------------------------------------
# Who may consent
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WhoMayConsent:
    giver: ConsentGiver
    age: int
    pupil_may_object: bool
    changes_on: date | None
    explanation: str


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


# --------------------------------------------------------------------------------------------
# States and history
# --------------------------------------------------------------------------------------------


class ConsentState(Enum):
    NOT_ASKED = "not_asked"
    AWAITING_REPLY = "awaiting_reply"
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    NEEDS_PUPIL_CONSENT = "needs_pupil_consent"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATE_TEXT[self][0]

    @property
    def symbol(self) -> str:
        """A glyph for tables and printed lists, so state never depends on colour alone."""
        return _STATE_TEXT[self][1]

    @property
    def short(self) -> str:
        """A word or two for narrow columns and screen readers."""
        return _STATE_TEXT[self][2]

    @property
    def permits_use(self) -> bool:
        """Only a consent in force allows use: "not answered" is never "given" (issue 8)."""
        return self is ConsentState.GIVEN

    @property
    def is_outstanding(self) -> bool:
        """Someone still has to be asked, or has not answered."""
        return self in _OUTSTANDING


_STATE_TEXT: dict[ConsentState, tuple[str, str, str]] = {
    ConsentState.NOT_ASKED: ("Not asked", "–", "Not asked"),
    ConsentState.AWAITING_REPLY: ("Awaiting reply", "…", "Awaiting"),
    ConsentState.GIVEN: ("Consent given", "✓", "Yes"),
    ConsentState.REFUSED: ("Consent refused", "✗", "No"),
    ConsentState.WITHDRAWN: ("Consent withdrawn", "⊘", "Withdrawn"),
    ConsentState.EXPIRED: ("Consent expired", "↻", "Expired"),
    ConsentState.NEEDS_PUPIL_CONSENT: ("Needs the pupil's own consent", "!", "Ask pupil"),
    ConsentState.NOT_APPLICABLE: ("Does not apply yet", "·", "N/A"),
}
_OUTSTANDING = frozenset(
    {
        ConsentState.NOT_ASKED,
        ConsentState.AWAITING_REPLY,
        ConsentState.EXPIRED,
        ConsentState.NEEDS_PUPIL_CONSENT,
    }
)


class ConsentEventKind(Enum):
    ASKED = "asked"
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    PUPIL_OBJECTED = "pupil_objected"
    PUPIL_OBJECTION_WITHDRAWN = "pupil_objection_withdrawn"
    LAPSED = "lapsed"

    @property
    def label(self) -> str:
        return {
            ConsentEventKind.ASKED: "Asked (form sent)",
            ConsentEventKind.GIVEN: "Consent given",
            ConsentEventKind.REFUSED: "Consent refused",
            ConsentEventKind.WITHDRAWN: "Consent withdrawn",
            ConsentEventKind.PUPIL_OBJECTED: "Pupil objected",
            ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN: "Pupil withdrew objection",
            ConsentEventKind.LAPSED: "Lapsed at renewal",
        }[self]

    @property
    def is_answer(self) -> bool:
        return self in _ANSWERS


_ANSWERS = frozenset({ConsentEventKind.GIVEN, ConsentEventKind.REFUSED, ConsentEventKind.WITHDRAWN})
_OBJECTIONS = frozenset({ConsentEventKind.PUPIL_OBJECTED, ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN})


class ConsentMethod(Enum):
    PAPER_FORM = "paper_form"
    EMAIL = "email"
    LETTER = "letter"
    PARENT_APP = "parent_app"
    ONLINE_FORM = "online_form"
    VERBAL_CONFIRMED_IN_WRITING = "verbal_confirmed_in_writing"
    VERBAL = "verbal"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        return {
            ConsentMethod.PAPER_FORM: "Paper form",
            ConsentMethod.EMAIL: "Email",
            ConsentMethod.LETTER: "Letter",
            ConsentMethod.PARENT_APP: "Parent app",
            ConsentMethod.ONLINE_FORM: "Online form",
            ConsentMethod.VERBAL_CONFIRMED_IN_WRITING: "Verbal, confirmed in writing",
            ConsentMethod.VERBAL: "Verbal",
            ConsentMethod.SYSTEM: "Recorded by SchoolDP",
        }[self]

    @property
    def is_written(self) -> bool:
        return self not in (ConsentMethod.VERBAL, ConsentMethod.SYSTEM)


@dataclass(frozen=True)
class ConsentEvent:
    """One entry in the consent history. Entries are added, never edited (issue 8).

    `year_group` is the pupil's year group when the event took effect (for key-stage expiry).
    `school_year` is the 1 September start of the school year an answer is for, when it was
    collected ahead (a July induction evening); by default the year of `effective_date`.
    """

    purpose_key: str
    pupil_id: int
    kind: ConsentEventKind
    effective_date: date
    recorded_at: datetime
    recorded_by: str
    method: ConsentMethod = ConsentMethod.PAPER_FORM
    contact_id: int | None = None
    by_pupil: bool = False
    year_group: YearGroup | None = None
    school_year: date | None = None
    evidence_note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.recorded_by.strip():
            raise ValidationError("Say who recorded this consent entry.", "recorded_by")
        if self.by_pupil and self.contact_id is not None:
            raise ValidationError("An entry is from a contact or the pupil, not both.", "by_pupil")
        if self.kind.is_answer and (self.contact_id is None) == (not self.by_pupil):
            raise ValidationError("Say who answered: one parent or carer, or the pupil.", "contact_id")
        if self.kind in _OBJECTIONS and (not self.by_pupil or self.contact_id is not None):
            raise ValidationError("Only the pupil can object or withdraw an objection.", "by_pupil")
        if self.kind is ConsentEventKind.LAPSED and (self.by_pupil or self.contact_id is not None):
            raise ValidationError("A lapse is recorded by the school, not a person.", "kind")
        # Policy section 12 and PoFA 2012 ss.26-27: consent is written. Refusals, withdrawals
        # and objections may be verbal: withdrawing must be as easy as giving (UK GDPR Art 7(3)).
        if self.kind is ConsentEventKind.GIVEN and not self.method.is_written:
            raise ValidationError(
                "Consent must be in writing: record verbal consent only once it has been "
                "confirmed in writing.",
                "method",
            )
        if self.school_year is not None and self.school_year != school_year_start(self.school_year):
            raise ValidationError("A school year is given by its 1 September start.", "school_year")

    @property
    def answer_year(self) -> date:
        return self.school_year or school_year_start(self.effective_date)

    @property
    def who(self) -> str:
        if self.by_pupil:
            return "the pupil"
        if self.contact_id is not None:
            return f"contact {self.contact_id}"
        return "the school"


@dataclass(frozen=True)
class ConsentStatus:
    """A derived state, the entry it came from, and why, in words the DPO can read out."""

    state: ConsentState
    reason: str
    event: ConsentEvent | None = None
    giver: ConsentGiver = ConsentGiver.PARENT

    @property
    def permits_use(self) -> bool:
        return self.state.permits_use


def may_proceed(status: ConsentStatus, purpose: ConsentPurpose) -> bool:
    """Whether the school may go ahead with `purpose` for this pupil today.

    Opt-in purposes (photos, biometrics): only a consent in force (policy 12; PoFA s.26).
    Opt-out purposes (youth support): unless limited, refused or objected to; and not before
    the purpose applies (privacy notices: from 13).
    """
    if not purpose.opt_out:
        return status.permits_use
    return status.state not in (
        ConsentState.REFUSED,
        ConsentState.WITHDRAWN,
        ConsentState.NOT_APPLICABLE,
    )


def _order(event: ConsentEvent) -> tuple[date, datetime, int]:
    # "Latest wins" means latest to take effect; a later recording breaks ties, which is also
    # how a mistyped entry is corrected without editing history; the vault's id settles the rest.
    return (event.effective_date, event.recorded_at, event.id or 0)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _d(day: date) -> str:
    # Not strftime: %B follows the Windows locale, and strftime is slow in bulk (the matrix
    # derives 16,000 states at once).
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _year_group_then(current: YearGroup, today: date, then: date) -> YearGroup | None:
    years = school_year_start(today).year - school_year_start(then).year
    return current.shifted(-years)


def _expiry(
    answer: ConsentEvent,
    purpose: ConsentPurpose,
    today: date,
    year_group: YearGroup | None,
) -> str | None:
    """Why a standing answer has run out, or None if it still counts."""
    if purpose.duration is ConsentDuration.EACH_SCHOOL_YEAR:
        # Renewed each school year: answers for an earlier school year lapse on 1 September.
        if answer.answer_year < school_year_start(today):
            return (
                f"The answer of {_d(answer.effective_date)} was for an earlier school year; "
                f"it lapsed on {_d(school_year_start(today))}."
            )
    elif purpose.duration is ConsentDuration.UNTIL_KEY_STAGE_CHANGE:
        if year_group is None:
            raise ValidationError(
                f"'{purpose.title}' lasts until the key stage changes: the pupil's year group is needed.",
                "year_group",
            )
        then = answer.year_group or _year_group_then(year_group, today, answer.answer_year)
        if then is None or key_stage(then) is not key_stage(year_group):
            was = key_stage(then).label if then else "an earlier stage"
            return (
                f"The answer of {_d(answer.effective_date)} was given in {was}; the pupil is "
                f"now in {key_stage(year_group).label}."
            )
    return None


def _check_same_pupil(events: Sequence[ConsentEvent]) -> None:
    if len({e.pupil_id for e in events}) > 1:
        raise ValidationError("Consent history for more than one pupil was mixed.", "pupil_id")


def derive_state(
    events: Iterable[ConsentEvent],
    purpose: ConsentPurpose,
    today: date,
    pupil_dob: date,
    year_group: YearGroup | None = None,
) -> ConsentStatus:
    """The consent state for one pupil and purpose on `today`, worked out from the history.

    Rules (issue 8, policy section 12, PoFA 2012 s.26): entries taking effect after `today`
    are ignored; the latest answer wins; nothing answered is never "given"; answers lapse by
    the purpose's duration; a parent's answer stops counting when consent passes to the pupil;
    a pupil's objection overrides a parent's consent; for biometrics one parent's objection
    stands whatever another parent said. `year_group` is needed for key-stage durations.
    """
    history = sorted(
        (e for e in events if e.purpose_key == purpose.key and e.effective_date <= today),
        key=_order,
    )
    _check_same_pupil(history)
    who = who_may_consent(purpose, pupil_dob, today)
    if who.giver is ConsentGiver.NOBODY:
        return ConsentStatus(ConsentState.NOT_APPLICABLE, who.explanation, None, who.giver)
    if who.giver is ConsentGiver.PUPIL:
        return _pupil_phase(history, purpose, today, pupil_dob, year_group)
    return _parent_phase(history, purpose, today, year_group)


def _awaiting_after(history: Sequence[ConsentEvent], after: date | None) -> ConsentEvent | None:
    asks = [
        e
        for e in history
        if e.kind is ConsentEventKind.ASKED and (after is None or e.effective_date >= after)
    ]
    return asks[-1] if asks else None


def _from_answer(
    answer: ConsentEvent,
    later: Sequence[ConsentEvent],
    purpose: ConsentPurpose,
    today: date,
    year_group: YearGroup | None,
    giver: ConsentGiver,
) -> ConsentStatus:
    """State from the latest answer (or lapse), then whether a later form is outstanding."""
    who = "The pupil" if answer.by_pupil else "A parent or carer"
    state: ConsentState
    if answer.kind is ConsentEventKind.LAPSED:
        state, reason = ConsentState.EXPIRED, f"Lapsed at renewal on {_d(answer.effective_date)}."
    elif answer.kind is ConsentEventKind.WITHDRAWN:
        state, reason = (
            ConsentState.WITHDRAWN,
            f"{who} withdrew consent on {_d(answer.effective_date)}.",
        )
    else:
        expired = _expiry(answer, purpose, today, year_group)
        if expired is not None:
            state, reason = ConsentState.EXPIRED, expired
        elif answer.kind is ConsentEventKind.GIVEN:
            state, reason = (
                ConsentState.GIVEN,
                f"{who} gave consent on {_d(answer.effective_date)}.",
            )
        else:
            state, reason = (
                ConsentState.REFUSED,
                f"{who} refused consent on {_d(answer.effective_date)}.",
            )
    asked = _awaiting_after(later, None)
    if asked is not None:
        if state in (ConsentState.GIVEN, ConsentState.REFUSED):
            # Asking again does not undo an answer that still stands.
            reason += f" Asked again on {_d(asked.effective_date)}; no reply yet."
        else:
            return ConsentStatus(
                ConsentState.AWAITING_REPLY,
                f"Form sent on {_d(asked.effective_date)}; no reply yet. {reason}",
                asked,
                giver,
            )
    return ConsentStatus(state, reason, answer, giver)


def _parent_phase(
    history: Sequence[ConsentEvent],
    purpose: ConsentPurpose,
    today: date,
    year_group: YearGroup | None,
) -> ConsentStatus:
    giver = ConsentGiver.PARENT
    # Parent answers and the school's lapses make the main line; the pupil's own answers do
    # not count as consent while a parent decides, but a refusal from the pupil is an objection.
    line = [e for e in history if e.kind is ConsentEventKind.LAPSED or (e.kind.is_answer and not e.by_pupil)]
    objection = _objection_in_force(history)

    if not line:
        status = _unanswered(history, None, giver)
    else:
        answer = line[-1]
        later = [e for e in history if _order(e) > _order(answer)]
        status = _from_answer(answer, later, purpose, today, year_group, giver)
        if status.state is ConsentState.GIVEN and purpose.any_parent_may_object:
            status = _other_parent_objection(line, status)

    if objection is not None:
        # PoFA 2012 s.26(5): the pupil's objection wins "irrespective of any consent given by a
        # parent". Applied to every purpose: a school never publishes a pupil who objects.
        return ConsentStatus(
            ConsentState.REFUSED,
            f"The pupil objected on {_d(objection.effective_date)}. {status.reason}",
            objection,
            giver,
        )
    return status


def _other_parent_objection(line: Sequence[ConsentEvent], status: ConsentStatus) -> ConsentStatus:
    """PoFA 2012 s.26(3)(b): no parent may have objected, whatever another parent said."""
    lapses = [i for i, e in enumerate(line) if e.kind is ConsentEventKind.LAPSED]
    since = line[lapses[-1] + 1 :] if lapses else line
    latest_by_contact: dict[int, ConsentEvent] = {}
    for event in since:
        if event.contact_id is not None:
            latest_by_contact[event.contact_id] = event
    objections = [e for e in latest_by_contact.values() if e.kind is not ConsentEventKind.GIVEN]
    if not objections:
        return status
    first = min(objections, key=_order)
    state = ConsentState.WITHDRAWN if first.kind is ConsentEventKind.WITHDRAWN else ConsentState.REFUSED
    return ConsentStatus(
        state,
        f"Another parent or carer objected on {_d(first.effective_date)}; one parent's "
        "objection stands whatever another parent says.",
        first,
        status.giver,
    )


def _objection_in_force(history: Sequence[ConsentEvent]) -> ConsentEvent | None:
    objection: ConsentEvent | None = None
    for event in history:
        if not event.by_pupil:
            continue
        if event.kind in (
            ConsentEventKind.PUPIL_OBJECTED,
            ConsentEventKind.REFUSED,
            ConsentEventKind.WITHDRAWN,
        ):
            objection = event
        elif event.kind in (ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN, ConsentEventKind.GIVEN):
            objection = None
    return objection


def _unanswered(history: Sequence[ConsentEvent], after: date | None, giver: ConsentGiver) -> ConsentStatus:
    asked = _awaiting_after(history, after)
    if asked is not None:
        return ConsentStatus(
            ConsentState.AWAITING_REPLY,
            f"Form sent on {_d(asked.effective_date)}; no reply yet. Not answered is not consent.",
            asked,
            giver,
        )
    return ConsentStatus(ConsentState.NOT_ASKED, "Nobody has been asked yet.", None, giver)


def _pupil_phase(
    history: Sequence[ConsentEvent],
    purpose: ConsentPurpose,
    today: date,
    pupil_dob: date,
    year_group: YearGroup | None,
) -> ConsentStatus:
    giver = ConsentGiver.PUPIL
    age = purpose.passes_to_pupil_at
    assert age is not None
    passed_on = reaches_age_on(pupil_dob, age)
    # Policy section 12 (photos, 18) and the privacy notices (youth support, 16): from that
    # birthday only the pupil's own answer counts; an objection from them is a refusal.
    own = [
        e
        for e in history
        if e.effective_date >= passed_on
        and e.by_pupil
        and (e.kind.is_answer or e.kind is ConsentEventKind.PUPIL_OBJECTED)
    ]
    if own:
        answer = own[-1]
        lapses = [e for e in history if e.kind is ConsentEventKind.LAPSED and _order(e) > _order(answer)]
        if lapses:
            answer = lapses[-1]
        elif answer.kind is ConsentEventKind.PUPIL_OBJECTED:
            return ConsentStatus(
                ConsentState.REFUSED,
                f"The pupil objected on {_d(answer.effective_date)}.",
                answer,
                giver,
            )
        later = [e for e in history if _order(e) > _order(answer)]
        return _from_answer(answer, later, purpose, today, year_group, giver)
    earlier = [e for e in history if e.kind.is_answer and e.effective_date < passed_on]
    if earlier:
        asked = _awaiting_after(history, passed_on)
        previous = earlier[-1]
        reason = (
            f"The answer of {_d(previous.effective_date)} stopped counting on {_d(passed_on)}, "
            f"when the pupil turned {age}: only the pupil's own consent counts now."
        )
        if asked is not None:
            return ConsentStatus(
                ConsentState.AWAITING_REPLY,
                f"Pupil asked on {_d(asked.effective_date)}; no reply yet. {reason}",
                asked,
                giver,
            )
        return ConsentStatus(ConsentState.NEEDS_PUPIL_CONSENT, reason, previous, giver)
    status = _unanswered(history, passed_on, giver)
    if status.state is ConsentState.NOT_ASKED:
        return ConsentStatus(
            ConsentState.NOT_ASKED,
            f"Nobody has been asked yet. The pupil is {age} or over: ask the pupil.",
            None,
            giver,
        )
    return status


# --------------------------------------------------------------------------------------------
# Renewal and coverage
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lapse:
    """A pupil's answer for a purpose that stops counting on the first day of a school year."""

    pupil_id: int
    purpose_key: str
    previous: ConsentStatus
    now: ConsentStatus


def renew_at_year_start(
    pupils: Iterable[Pupil],
    purposes: Iterable[ConsentPurpose],
    events: Iterable[ConsentEvent],
    year_start: date,
) -> list[Lapse]:
    """Pupil/purpose pairs whose answer stood on 31 August and has expired on 1 September.

    The school year starts on 1 September (`SCHOOL_YEAR_START`). Each pupil's `year_group` is
    taken to be the one for the new school year (the MIS has been rolled over); leavers are
    skipped. The caller records a LAPSED entry for each pair and prints forms for them.
    """
    if year_start != school_year_start(year_start):
        raise ValidationError("A school year starts on 1 September.", "year_start")
    eve = year_start - timedelta(days=1)
    lapsing = [p for p in purposes if p.duration is not ConsentDuration.UNTIL_WITHDRAWN]
    by_pupil: dict[int, list[ConsentEvent]] = {}
    for event in events:
        by_pupil.setdefault(event.pupil_id, []).append(event)
    found: list[Lapse] = []
    for pupil in pupils:
        if pupil.id is None:
            raise ValidationError("Pupils must be saved before renewal.", "id")
        if pupil.has_left_by(year_start) or pupil.date_of_birth > eve:
            continue
        history = by_pupil.get(pupil.id, [])
        last_year_group = pupil.year_group.shifted(-1)
        for purpose in lapsing:
            now = derive_state(history, purpose, year_start, pupil.date_of_birth, pupil.year_group)
            if now.state is not ConsentState.EXPIRED:
                continue
            before = derive_state(
                history, purpose, eve, pupil.date_of_birth, last_year_group or pupil.year_group
            )
            if before.state in (ConsentState.GIVEN, ConsentState.REFUSED):
                found.append(Lapse(pupil.id, purpose.key, before, now))
    return found


@dataclass(frozen=True)
class Coverage:
    """Per purpose counts for the dashboard (issue 8)."""

    purpose_key: str
    given: int = 0
    refused: int = 0
    withdrawn: int = 0
    outstanding: int = 0
    not_applicable: int = 0
    by_state: dict[ConsentState, int] = field(default_factory=dict, compare=False)

    @property
    def total(self) -> int:
        return self.given + self.refused + self.withdrawn + self.outstanding + self.not_applicable


def coverage(
    states: Iterable[tuple[str, ConsentState | ConsentStatus]],
) -> dict[str, Coverage]:
    """Given / refused / withdrawn / outstanding counts per purpose key.

    Outstanding is not asked, awaiting reply, expired or needing the pupil's own consent.
    """
    counts: dict[str, dict[ConsentState, int]] = {}
    for purpose_key, value in states:
        state = value.state if isinstance(value, ConsentStatus) else value
        per = counts.setdefault(purpose_key, {})
        per[state] = per.get(state, 0) + 1
    result: dict[str, Coverage] = {}
    for purpose_key, per in counts.items():
        result[purpose_key] = Coverage(
            purpose_key=purpose_key,
            given=per.get(ConsentState.GIVEN, 0),
            refused=per.get(ConsentState.REFUSED, 0),
            withdrawn=per.get(ConsentState.WITHDRAWN, 0),
            outstanding=sum(n for s, n in per.items() if s.is_outstanding),
            not_applicable=per.get(ConsentState.NOT_APPLICABLE, 0),
            by_state=dict(per),
        )
    return result
