"""The state of one pupil's consent for one purpose, worked out from the history.

The history is never changed: the state is always derived from it (UK GDPR Art 7(1): the
school must be able to show who consented, when). Policy section 12 (photos), PoFA 2012 s.26
(biometrics) and the privacy notices (youth support) set the rules applied here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from schooldp.domain.calendar import format_uk_long_date
from schooldp.domain.consent.givers import ConsentGiver, giver_today, who_may_consent
from schooldp.domain.consent.history import ConsentEvent, ConsentEventKind
from schooldp.domain.consent.history import event_order as _order
from schooldp.domain.consent.purposes import ConsentDuration, ConsentPurpose
from schooldp.domain.consent.school_year import school_year_start
from schooldp.domain.consent.states import ConsentState, ConsentStatus
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import YearGroup, key_stage, reaches_age_on

__all__ = ["derive_state"]

# The same few dates are written into thousands of reasons when the whole register is derived.
_d = lru_cache(maxsize=4096)(format_uk_long_date)
_ANSWER_KINDS = frozenset(k for k in ConsentEventKind if k.is_answer)


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

    Rules (UK GDPR Art 7, policy section 12, PoFA 2012 s.26): entries taking effect after `today`
    are ignored; the latest answer wins; nothing answered is never "given"; answers lapse by
    the purpose's duration; a parent's answer stops counting when consent passes to the pupil;
    a pupil's objection overrides a parent's consent; for biometrics one parent's objection
    stands whatever another parent said. `year_group` is needed for key-stage durations.
    """
    key = purpose.key
    history = sorted((e for e in events if e.purpose_key == key and e.effective_date <= today), key=_order)
    if len(history) > 1:
        _check_same_pupil(history)
    giver = giver_today(purpose, pupil_dob, today)
    if giver is ConsentGiver.NOBODY:
        who = who_may_consent(purpose, pupil_dob, today)
        return ConsentStatus(ConsentState.NOT_APPLICABLE, who.explanation, None, who.giver)
    if giver is ConsentGiver.PUPIL:
        return _pupil_phase(history, purpose, today, pupil_dob, year_group)
    return _parent_phase(history, purpose, today, year_group)


def _later(history: Sequence[ConsentEvent], answer: ConsentEvent) -> Sequence[ConsentEvent]:
    """The entries of a sorted history that come after `answer` ("latest wins" order)."""
    if len(history) < 2:
        return ()
    return history[bisect_right(history, _order(answer), key=_order) :]


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
    lapsed = ConsentEventKind.LAPSED
    line = [e for e in history if e.kind is lapsed or (e.kind in _ANSWER_KINDS and not e.by_pupil)]
    objection = _objection_in_force(history)

    if not line:
        status = _unanswered(history, None, giver)
    else:
        answer = line[-1]
        status = _from_answer(answer, _later(history, answer), purpose, today, year_group, giver)
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
        return _pupil_own_answer(own[-1], history, purpose, today, year_group)
    earlier = [e for e in history if e.kind.is_answer and e.effective_date < passed_on]
    if earlier:
        return _answer_before_pupil_decides(earlier[-1], history, passed_on, age)
    status = _unanswered(history, passed_on, giver)
    if status.state is ConsentState.NOT_ASKED:
        return ConsentStatus(
            ConsentState.NOT_ASKED,
            f"Nobody has been asked yet. The pupil is {age} or over: ask the pupil.",
            None,
            giver,
        )
    return status


def _pupil_own_answer(
    answer: ConsentEvent,
    history: Sequence[ConsentEvent],
    purpose: ConsentPurpose,
    today: date,
    year_group: YearGroup | None,
) -> ConsentStatus:
    """The pupil's latest answer or objection, unless a renewal lapse came after it."""
    giver = ConsentGiver.PUPIL
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
    return _from_answer(answer, _later(history, answer), purpose, today, year_group, giver)


def _answer_before_pupil_decides(
    previous: ConsentEvent, history: Sequence[ConsentEvent], passed_on: date, age: int
) -> ConsentStatus:
    """An answer given before the birthday on which the decision passed to the pupil."""
    giver = ConsentGiver.PUPIL
    asked = _awaiting_after(history, passed_on)
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
