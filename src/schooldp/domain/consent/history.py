"""The consent history: entries that are added, never edited, so "who said what, when" can be
shown to the ICO (UK GDPR Art 7(1): the school must be able to demonstrate consent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from schooldp.domain.consent.school_year import school_year_start
from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.people import YearGroup

__all__ = ["ConsentEvent", "ConsentEventKind", "ConsentMethod", "event_order"]


class ConsentEventKind(LabelledEnum):
    ASKED = ("asked", "Asked (form sent)")
    GIVEN = ("given", "Consent given")
    REFUSED = ("refused", "Consent refused")
    WITHDRAWN = ("withdrawn", "Consent withdrawn")
    PUPIL_OBJECTED = ("pupil_objected", "Pupil objected")
    PUPIL_OBJECTION_WITHDRAWN = ("pupil_objection_withdrawn", "Pupil withdrew objection")
    LAPSED = ("lapsed", "Lapsed at renewal")

    @property
    def is_answer(self) -> bool:
        return self in _ANSWERS


_ANSWERS = frozenset({ConsentEventKind.GIVEN, ConsentEventKind.REFUSED, ConsentEventKind.WITHDRAWN})
_OBJECTIONS = frozenset({ConsentEventKind.PUPIL_OBJECTED, ConsentEventKind.PUPIL_OBJECTION_WITHDRAWN})


class ConsentMethod(LabelledEnum):
    PAPER_FORM = ("paper_form", "Paper form")
    EMAIL = ("email", "Email")
    LETTER = ("letter", "Letter")
    PARENT_APP = ("parent_app", "Parent app")
    ONLINE_FORM = ("online_form", "Online form")
    VERBAL_CONFIRMED_IN_WRITING = ("verbal_confirmed_in_writing", "Verbal, confirmed in writing")
    VERBAL = ("verbal", "Verbal")
    SYSTEM = ("system", "Recorded by SchoolDP")

    @property
    def is_written(self) -> bool:
        return self not in (ConsentMethod.VERBAL, ConsentMethod.SYSTEM)


@dataclass(frozen=True)
class ConsentEvent:
    """One entry in the consent history. Entries are added, never edited (UK GDPR Art 7(1)).

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


def event_order(event: ConsentEvent) -> tuple[date, datetime, int]:
    """Sort key for "latest wins": latest to take effect; a later recording breaks ties, which is
    also how a mistyped entry is corrected without editing history; the vault's id settles the rest."""
    return (event.effective_date, event.recorded_at, event.id or 0)
