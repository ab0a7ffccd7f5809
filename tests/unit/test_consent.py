"""Consent: state derived from history, ages on birthdays, renewal, withdrawal follow-up."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schooldp.domain.consent import (
    BIOMETRICS,
    DEFAULT_PURPOSES,
    PHOTOS_IN_SCHOOL,
    PHOTOS_ONLINE,
    YOUTH_SUPPORT,
    ConsentDuration,
    ConsentEvent,
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentState,
    ConsentStatus,
    TaskTemplate,
    coverage,
    custom_purpose,
    default_purposes,
    derive_state,
    form_return_by,
    may_proceed,
    renew_at_year_start,
    school_year_start,
    who_may_consent,
    withdrawal_tasks,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil, YearGroup

K = ConsentEventKind
S = ConsentState
DOB = date(2012, 10, 5)  # Year 9 in 2025/26
MUM, DAD = 1, 2


def ev(
    kind: ConsentEventKind,
    day: date,
    *,
    contact: int | None = MUM,
    pupil: bool = False,
    purpose: ConsentPurpose = PHOTOS_IN_SCHOOL,
    pupil_id: int = 10,
    recorded: datetime | None = None,
    year_group: YearGroup | None = None,
    school_year: date | None = None,
    method: ConsentMethod = ConsentMethod.PAPER_FORM,
) -> ConsentEvent:
    if pupil or kind in (K.LAPSED, K.PUPIL_OBJECTED, K.PUPIL_OBJECTION_WITHDRAWN):
        contact = None
    return ConsentEvent(
        purpose_key=purpose.key,
        pupil_id=pupil_id,
        kind=kind,
        effective_date=day,
        recorded_at=recorded or datetime.combine(day, time(9, 0)),
        recorded_by="dpo",
        method=method,
        contact_id=contact,
        by_pupil=pupil or kind in (K.PUPIL_OBJECTED, K.PUPIL_OBJECTION_WITHDRAWN),
        year_group=year_group,
        school_year=school_year,
    )


def state(
    events: list[ConsentEvent],
    today: date,
    purpose: ConsentPurpose = PHOTOS_IN_SCHOOL,
    dob: date = DOB,
    year_group: YearGroup | None = None,
) -> ConsentStatus:
    return derive_state(events, purpose, today, dob, year_group)


TODAY = date(2026, 3, 10)


# --- basic history ----------------------------------------------------------------------------


def test_no_history_is_not_asked_and_never_permits_use() -> None:
    status = state([], TODAY)
    assert status.state is S.NOT_ASKED
    assert not status.permits_use
    assert status.event is None


def test_asked_is_awaiting_reply_not_given() -> None:
    asked = ev(K.ASKED, date(2026, 1, 5), contact=None)
    status = state([asked], TODAY)
    assert status.state is S.AWAITING_REPLY
    assert status.event == asked
    assert "Not answered is not consent" in status.reason


def test_given() -> None:
    given_ = ev(K.GIVEN, date(2026, 1, 6))
    status = state([ev(K.ASKED, date(2026, 1, 5), contact=None), given_], TODAY)
    assert status.state is S.GIVEN and status.permits_use
    assert status.event == given_
    assert "6 January 2026" in status.reason


def test_withdrawn_after_given() -> None:
    history = [ev(K.GIVEN, date(2025, 9, 8)), ev(K.WITHDRAWN, date(2026, 2, 1), contact=DAD)]
    status = state(history, TODAY)
    assert status.state is S.WITHDRAWN
    assert status.event == history[1]


def test_latest_wins_whatever_order_the_events_come_in() -> None:
    history = [
        ev(K.REFUSED, date(2025, 9, 8)),
        ev(K.GIVEN, date(2025, 11, 1)),
        ev(K.WITHDRAWN, date(2025, 12, 1)),
        ev(K.GIVEN, date(2026, 1, 15)),
    ]
    for _ in range(5):
        random.shuffle(history)
        assert state(history, TODAY).state is S.GIVEN


def test_same_day_entries_are_ordered_by_when_recorded() -> None:
    day = date(2026, 1, 6)
    wrong = ev(K.GIVEN, day, recorded=datetime(2026, 1, 6, 9, 0))
    correction = ev(K.REFUSED, day, recorded=datetime(2026, 1, 6, 9, 5))
    assert state([correction, wrong], TODAY).state is S.REFUSED


def test_entries_effective_after_today_are_ignored() -> None:
    history = [ev(K.GIVEN, date(2026, 1, 6)), ev(K.WITHDRAWN, date(2026, 4, 1))]
    assert state(history, TODAY).state is S.GIVEN
    assert state(history, date(2026, 4, 1)).state is S.WITHDRAWN


def test_other_purposes_are_ignored() -> None:
    history = [ev(K.GIVEN, date(2026, 1, 6), purpose=PHOTOS_ONLINE)]
    assert state(history, TODAY).state is S.NOT_ASKED


def test_asking_again_does_not_undo_a_standing_answer() -> None:
    history = [ev(K.REFUSED, date(2025, 9, 8)), ev(K.ASKED, date(2026, 1, 5), contact=None)]
    status = state(history, TODAY)
    assert status.state is S.REFUSED
    assert "Asked again" in status.reason


def test_asking_after_a_withdrawal_is_awaiting_reply() -> None:
    history = [
        ev(K.GIVEN, date(2025, 9, 8)),
        ev(K.WITHDRAWN, date(2025, 10, 8)),
        ev(K.ASKED, date(2026, 1, 5), contact=None),
    ]
    assert state(history, TODAY).state is S.AWAITING_REPLY


def test_history_of_several_pupils_is_rejected() -> None:
    with pytest.raises(ValidationError):
        state([ev(K.GIVEN, date(2026, 1, 6)), ev(K.GIVEN, date(2026, 1, 6), pupil_id=11)], TODAY)


def test_history_is_not_changed_by_deriving() -> None:
    history = [ev(K.GIVEN, date(2025, 9, 8)), ev(K.WITHDRAWN, date(2026, 2, 1))]
    copy = list(history)
    state(history, TODAY)
    assert history == copy


# --- expiry -----------------------------------------------------------------------------------

ANNUAL = replace(PHOTOS_IN_SCHOOL, key="annual_photos", duration=ConsentDuration.EACH_SCHOOL_YEAR)
BY_KEY_STAGE = replace(PHOTOS_IN_SCHOOL, key="ks_photos", duration=ConsentDuration.UNTIL_KEY_STAGE_CHANGE)


def test_school_year_starts_on_1_september() -> None:
    assert school_year_start(date(2025, 8, 31)) == date(2024, 9, 1)
    assert school_year_start(date(2025, 9, 1)) == date(2025, 9, 1)
    assert school_year_start(date(2026, 3, 10)) == date(2025, 9, 1)


def test_each_school_year_lapses_on_1_september() -> None:
    history = [ev(K.GIVEN, date(2025, 8, 31), purpose=ANNUAL)]
    assert state(history, date(2025, 8, 31), ANNUAL).state is S.GIVEN
    expired = state(history, date(2025, 9, 1), ANNUAL)
    assert expired.state is S.EXPIRED and not expired.permits_use
    assert "1 September 2025" in expired.reason


def test_consent_given_on_1_september_lasts_the_school_year() -> None:
    history = [ev(K.GIVEN, date(2025, 9, 1), purpose=ANNUAL)]
    assert state(history, date(2026, 8, 31), ANNUAL).state is S.GIVEN
    assert state(history, date(2026, 9, 1), ANNUAL).state is S.EXPIRED


def test_answer_collected_ahead_for_next_school_year() -> None:
    history = [
        ev(K.GIVEN, date(2025, 7, 10), purpose=ANNUAL, school_year=date(2025, 9, 1)),
    ]
    assert state(history, date(2025, 9, 1), ANNUAL).state is S.GIVEN
    assert state(history, date(2026, 9, 1), ANNUAL).state is S.EXPIRED


def test_refusals_also_lapse_and_new_forms_are_awaited() -> None:
    history = [
        ev(K.REFUSED, date(2024, 9, 10), purpose=ANNUAL),
        ev(K.ASKED, date(2025, 9, 2), contact=None, purpose=ANNUAL),
    ]
    assert state(history[:1], date(2025, 9, 1), ANNUAL).state is S.EXPIRED
    assert state(history, date(2025, 9, 3), ANNUAL).state is S.AWAITING_REPLY


def test_until_withdrawn_never_lapses() -> None:
    history = [ev(K.GIVEN, date(2016, 9, 5))]
    assert state(history, TODAY).state is S.GIVEN


def test_key_stage_change_with_recorded_year_group() -> None:
    history = [ev(K.GIVEN, date(2024, 9, 9), purpose=BY_KEY_STAGE, year_group=YearGroup.Y2)]
    assert state(history, date(2025, 8, 31), BY_KEY_STAGE, year_group=YearGroup.Y2).state is (S.GIVEN)
    status = state(history, date(2025, 9, 1), BY_KEY_STAGE, year_group=YearGroup.Y3)
    assert status.state is S.EXPIRED
    assert "Key stage 2" in status.reason


def test_key_stage_unchanged_keeps_consent() -> None:
    history = [ev(K.GIVEN, date(2024, 9, 9), purpose=BY_KEY_STAGE, year_group=YearGroup.Y3)]
    assert state(history, TODAY, BY_KEY_STAGE, year_group=YearGroup.Y4).state is S.GIVEN


def test_key_stage_inferred_when_not_recorded() -> None:
    history = [ev(K.GIVEN, date(2024, 10, 1), purpose=BY_KEY_STAGE)]
    # Today in Year 7 means Year 6 in 2024/25: KS2 -> KS3.
    assert state(history, TODAY, BY_KEY_STAGE, year_group=YearGroup.Y7).state is S.EXPIRED
    assert state(history, TODAY, BY_KEY_STAGE, year_group=YearGroup.Y8).state is S.GIVEN


def test_key_stage_duration_needs_the_year_group() -> None:
    history = [ev(K.GIVEN, date(2024, 10, 1), purpose=BY_KEY_STAGE)]
    with pytest.raises(ValidationError) as err:
        state(history, TODAY, BY_KEY_STAGE)
    assert err.value.field == "year_group"


def test_recorded_lapse_expires() -> None:
    history = [ev(K.GIVEN, date(2024, 10, 1)), ev(K.LAPSED, date(2025, 9, 1))]
    assert state(history, TODAY).state is S.EXPIRED


# --- who may consent, ages --------------------------------------------------------------------


def test_photos_pass_to_the_pupil_at_18_on_the_birthday() -> None:
    dob = date(2008, 4, 20)
    history = [ev(K.GIVEN, date(2024, 9, 9))]
    assert state(history, date(2026, 4, 19), dob=dob).state is S.GIVEN
    on_birthday = state(history, date(2026, 4, 20), dob=dob)
    assert on_birthday.state is S.NEEDS_PUPIL_CONSENT
    assert on_birthday.giver is ConsentGiver.PUPIL
    assert "20 April 2026" in on_birthday.reason and "18" in on_birthday.reason
    assert not on_birthday.permits_use
    own = [*history, ev(K.GIVEN, date(2026, 4, 22), pupil=True)]
    assert state(own, date(2026, 4, 22), dob=dob).state is S.GIVEN


def test_pupil_asked_after_18_is_awaiting_reply() -> None:
    dob = date(2008, 4, 20)
    history = [ev(K.GIVEN, date(2024, 9, 9)), ev(K.ASKED, date(2026, 4, 21), contact=None)]
    assert state(history, date(2026, 5, 1), dob=dob).state is S.AWAITING_REPLY


def test_adult_pupil_never_asked_is_not_asked() -> None:
    status = state([], date(2026, 5, 1), dob=date(2007, 1, 1))
    assert status.state is S.NOT_ASKED and "ask the pupil" in status.reason


def test_29_february_pupil_passes_at_18_on_1_march() -> None:
    dob = date(2008, 2, 29)
    history = [ev(K.GIVEN, date(2024, 9, 9))]
    assert state(history, date(2026, 2, 28), dob=dob).state is S.GIVEN
    assert state(history, date(2026, 3, 1), dob=dob).state is S.NEEDS_PUPIL_CONSENT


def test_pupils_own_consent_before_18_does_not_count_for_photos() -> None:
    history = [ev(K.GIVEN, date(2026, 1, 6), pupil=True)]
    assert state(history, TODAY).state is S.NOT_ASKED


def test_pupils_refusal_before_18_is_honoured_as_an_objection() -> None:
    history = [ev(K.GIVEN, date(2025, 9, 8)), ev(K.REFUSED, date(2026, 1, 6), pupil=True)]
    assert state(history, TODAY).state is S.REFUSED


def test_youth_support_does_not_apply_before_13() -> None:
    dob = date(2013, 6, 1)
    status = state([], date(2026, 5, 31), YOUTH_SUPPORT, dob=dob)
    assert status.state is S.NOT_APPLICABLE
    assert status.giver is ConsentGiver.NOBODY
    assert state([], date(2026, 6, 1), YOUTH_SUPPORT, dob=dob).state is S.NOT_ASKED


def test_youth_support_choice_passes_to_pupil_at_16() -> None:
    dob = date(2010, 3, 15)
    limit = ev(K.REFUSED, date(2024, 1, 10), purpose=YOUTH_SUPPORT)
    assert state([limit], date(2026, 3, 14), YOUTH_SUPPORT, dob=dob).state is S.REFUSED
    passed = state([limit], date(2026, 3, 15), YOUTH_SUPPORT, dob=dob)
    assert passed.state is S.NEEDS_PUPIL_CONSENT and "16" in passed.reason
    pupil_choice = ev(K.REFUSED, date(2026, 3, 20), pupil=True, purpose=YOUTH_SUPPORT)
    assert state([limit, pupil_choice], date(2026, 3, 20), YOUTH_SUPPORT, dob=dob).state is (S.REFUSED)


def test_who_may_consent() -> None:
    photos = who_may_consent(PHOTOS_IN_SCHOOL, date(2008, 4, 20), date(2026, 4, 19))
    assert photos.giver is ConsentGiver.PARENT and photos.age == 17
    assert photos.changes_on == date(2026, 4, 20)
    assert "20 April 2026" in photos.explanation
    adult = who_may_consent(PHOTOS_IN_SCHOOL, date(2008, 4, 20), date(2026, 4, 20))
    assert adult.giver is ConsentGiver.PUPIL and adult.changes_on is None
    youth = who_may_consent(YOUTH_SUPPORT, date(2013, 6, 1), date(2026, 5, 31))
    assert youth.giver is ConsentGiver.NOBODY and youth.changes_on == date(2026, 6, 1)
    bio = who_may_consent(BIOMETRICS, date(2015, 1, 1), TODAY)
    assert bio.giver is ConsentGiver.PARENT and bio.pupil_may_object
    assert "object" in bio.explanation


# --- biometrics -------------------------------------------------------------------------------


def test_biometrics_pupil_objection_overrides_parent_consent() -> None:
    dob = date(2015, 1, 1)
    given_ = ev(K.GIVEN, date(2025, 9, 8), purpose=BIOMETRICS)
    objected = ev(K.PUPIL_OBJECTED, date(2025, 11, 3), purpose=BIOMETRICS)
    status = state([given_, objected], TODAY, BIOMETRICS, dob=dob)
    assert status.state is S.REFUSED
    assert status.event == objected
    assert "objected" in status.reason
    # A parent giving consent again does not override the pupil (PoFA 2012 s.26(5)).
    again = ev(K.GIVEN, date(2026, 1, 5), purpose=BIOMETRICS, contact=DAD)
    assert state([given_, objected, again], TODAY, BIOMETRICS, dob=dob).state is S.REFUSED
    # The pupil can change their mind.
    lifted = ev(K.PUPIL_OBJECTION_WITHDRAWN, date(2026, 2, 1), purpose=BIOMETRICS)
    assert state([given_, objected, lifted], TODAY, BIOMETRICS, dob=dob).state is S.GIVEN


def test_biometrics_one_parents_objection_stands() -> None:
    dob = date(2015, 1, 1)
    mum_refuses = ev(K.REFUSED, date(2025, 9, 8), purpose=BIOMETRICS, contact=MUM)
    dad_consents = ev(K.GIVEN, date(2025, 9, 20), purpose=BIOMETRICS, contact=DAD)
    status = state([mum_refuses, dad_consents], TODAY, BIOMETRICS, dob=dob)
    assert status.state is S.REFUSED
    assert status.event == mum_refuses
    mum_agrees = ev(K.GIVEN, date(2025, 10, 1), purpose=BIOMETRICS, contact=MUM)
    assert state([mum_refuses, dad_consents, mum_agrees], TODAY, BIOMETRICS, dob=dob).state is S.GIVEN


def test_photos_latest_parent_answer_wins_between_parents() -> None:
    history = [ev(K.REFUSED, date(2025, 9, 8), contact=MUM), ev(K.GIVEN, date(2025, 9, 20))]
    history[1] = replace(history[1], contact_id=DAD)
    assert state(history, TODAY).state is S.GIVEN


# --- events -----------------------------------------------------------------------------------


def test_answers_say_who_answered() -> None:
    with pytest.raises(ValidationError):
        ConsentEvent("photos_in_school", 1, K.GIVEN, TODAY, datetime(2026, 3, 10), "dpo")
    with pytest.raises(ValidationError):
        ConsentEvent(
            "photos_in_school", 1, K.GIVEN, TODAY, datetime(2026, 3, 10), "dpo",
            contact_id=1, by_pupil=True,
        )  # fmt: skip


def test_consent_must_be_written_but_withdrawal_may_be_verbal() -> None:
    with pytest.raises(ValidationError) as err:
        ev(K.GIVEN, TODAY, method=ConsentMethod.VERBAL)
    assert err.value.field == "method"
    assert ev(K.GIVEN, TODAY, method=ConsentMethod.VERBAL_CONFIRMED_IN_WRITING)
    assert ev(K.WITHDRAWN, TODAY, method=ConsentMethod.VERBAL)


def test_only_the_pupil_objects_and_someone_records_it() -> None:
    with pytest.raises(ValidationError):
        ConsentEvent("biometrics", 1, K.PUPIL_OBJECTED, TODAY, datetime(2026, 3, 10), "dpo", contact_id=1)
    with pytest.raises(ValidationError):
        ConsentEvent("biometrics", 1, K.ASKED, TODAY, datetime(2026, 3, 10), " ")
    with pytest.raises(ValidationError):
        ev(K.GIVEN, TODAY, school_year=date(2025, 9, 2))


def test_event_who() -> None:
    assert ev(K.GIVEN, TODAY).who == "contact 1"
    assert ev(K.GIVEN, TODAY, pupil=True).who == "the pupil"
    assert ev(K.LAPSED, TODAY).who == "the school"


# --- states and purposes ----------------------------------------------------------------------


def test_states_have_labels_and_distinct_symbols() -> None:
    symbols = [s.symbol for s in ConsentState]
    assert len(set(symbols)) == len(symbols)
    assert all(s.label and s.short and s.symbol for s in ConsentState)
    assert [s for s in ConsentState if s.permits_use] == [S.GIVEN]


def test_default_purposes() -> None:
    keys = [p.key for p in default_purposes()]
    assert keys == [
        "photos_in_school",
        "photos_outside_school",
        "photos_online",
        "biometrics",
        "youth_support_services",
    ]
    assert all(p.passes_to_pupil_at == 18 for p in DEFAULT_PURPOSES[:4])
    assert YOUTH_SUPPORT.applies_from_age == 13 and YOUTH_SUPPORT.passes_to_pupil_at == 16
    assert BIOMETRICS.pupil_may_object and BIOMETRICS.any_parent_may_object
    assert all(p.source for p in DEFAULT_PURPOSES)


def test_custom_purposes() -> None:
    trips = custom_purpose("trip_blog", "Trip blog", duration=ConsentDuration.EACH_SCHOOL_YEAR)
    assert trips.custom and trips.passes_to_pupil_at == 18
    with pytest.raises(ValidationError):
        custom_purpose("biometrics", "Again")
    with pytest.raises(ValidationError):
        custom_purpose("Trip Blog!", "Trip blog")
    with pytest.raises(ValidationError):
        custom_purpose("trip_blog", " ")
    with pytest.raises(ValidationError):
        ConsentPurpose("x_y", "X", applies_from_age=17, passes_to_pupil_at=16)
    with pytest.raises(ValidationError):
        ConsentPurpose("x_y", "X", passes_to_pupil_at=40)


# --- withdrawal follow-up ---------------------------------------------------------------------


def test_online_withdrawal_tasks() -> None:
    tasks = withdrawal_tasks(PHOTOS_ONLINE)
    titles = " | ".join(t.title.lower() for t in tasks)
    assert "website" in titles and "social media" in titles
    assert "office" in titles and "delete" in titles
    assert all(t.due_after_days >= 0 for t in tasks)
    assert min(t.due_after_days for t in tasks) == 1


def test_every_default_purpose_has_follow_up_tasks() -> None:
    for purpose in DEFAULT_PURPOSES:
        keys = [t.key for t in withdrawal_tasks(purpose)]
        assert keys and len(keys) == len(set(keys))
    outside = " ".join(t.title for t in withdrawal_tasks(DEFAULT_PURPOSES[1])).lower()
    assert "photographer" in outside


def test_custom_purpose_gets_generic_tasks_or_its_own() -> None:
    assert withdrawal_tasks(custom_purpose("trip_blog", "Trip blog"))
    own = custom_purpose("trip_blog", "Trip blog", tasks=[TaskTemplate("x", "Do X", due_after_days=3)])
    assert [t.key for t in withdrawal_tasks(own)] == ["x"]
    with pytest.raises(ValidationError):
        TaskTemplate("x", "Do X", due_after_days=-1)


# --- renewal ----------------------------------------------------------------------------------


def _pupil(pid: int, year_group: YearGroup, **kw: object) -> Pupil:
    return Pupil(
        upn="B801200005001",
        legal_first_name="A",
        legal_last_name=f"Pupil{pid}",
        date_of_birth=kw.pop("dob", date(2016, 1, 1)),  # type: ignore[arg-type]
        year_group=year_group,
        id=pid,
        **kw,  # type: ignore[arg-type]
    )


def test_renewal_at_year_start() -> None:
    start = date(2025, 9, 1)
    pupils = [
        _pupil(1, YearGroup.Y5),
        _pupil(2, YearGroup.Y5),
        _pupil(3, YearGroup.Y3),
        _pupil(4, YearGroup.Y4),
        _pupil(5, YearGroup.Y5, leaving_date=date(2025, 7, 22)),
        _pupil(6, YearGroup.Y5),
    ]
    events = [
        ev(K.GIVEN, date(2024, 9, 9), purpose=ANNUAL, pupil_id=1),  # lapses
        ev(K.GIVEN, date(2025, 7, 1), purpose=ANNUAL, pupil_id=2, school_year=start),  # ahead
        ev(K.REFUSED, date(2024, 9, 9), purpose=BY_KEY_STAGE, pupil_id=3),  # Y2 -> Y3 lapses
        ev(K.GIVEN, date(2024, 9, 9), purpose=BY_KEY_STAGE, pupil_id=4),  # Y3 -> Y4 stays
        ev(K.GIVEN, date(2024, 9, 9), purpose=ANNUAL, pupil_id=5),  # leaver
        ev(K.GIVEN, date(2023, 9, 9), purpose=ANNUAL, pupil_id=6),  # lapsed a year ago
        ev(K.GIVEN, date(2024, 9, 9), pupil_id=1),  # until withdrawn: never lapses
    ]
    lapses = renew_at_year_start(pupils, [PHOTOS_IN_SCHOOL, ANNUAL, BY_KEY_STAGE], events, start)
    assert sorted((lapse.pupil_id, lapse.purpose_key) for lapse in lapses) == [
        (1, "annual_photos"),
        (3, "ks_photos"),
    ]
    by_pupil = {lapse.pupil_id: lapse for lapse in lapses}
    assert by_pupil[1].previous.state is S.GIVEN and by_pupil[1].now.state is S.EXPIRED
    assert by_pupil[3].previous.state is S.REFUSED


def test_renewal_only_on_1_september() -> None:
    with pytest.raises(ValidationError):
        renew_at_year_start([], DEFAULT_PURPOSES, [], date(2025, 9, 2))


def test_renewal_needs_saved_pupils() -> None:
    pupil = replace(_pupil(1, YearGroup.Y5), id=None)
    with pytest.raises(ValidationError):
        renew_at_year_start([pupil], [ANNUAL], [], date(2025, 9, 1))


# --- coverage ---------------------------------------------------------------------------------


def test_coverage_counts_per_purpose() -> None:
    states = [
        ("photos_online", S.GIVEN),
        ("photos_online", S.GIVEN),
        ("photos_online", S.REFUSED),
        ("photos_online", S.NOT_ASKED),
        ("photos_online", S.AWAITING_REPLY),
        ("photos_online", S.EXPIRED),
        ("photos_online", ConsentStatus(S.WITHDRAWN, "x")),
        ("biometrics", S.NEEDS_PUPIL_CONSENT),
        ("youth_support_services", S.NOT_APPLICABLE),
    ]
    result = coverage(states)
    online = result["photos_online"]
    assert (online.given, online.refused, online.withdrawn, online.outstanding) == (2, 1, 1, 3)
    assert online.total == 7
    assert online.by_state[S.EXPIRED] == 1
    assert result["biometrics"].outstanding == 1
    assert result["youth_support_services"].not_applicable == 1
    assert coverage([]) == {}


# --- invariants (hypothesis) ------------------------------------------------------------------

_START = date(2023, 1, 1)
days = st.integers(min_value=0, max_value=1400).map(lambda n: _START + timedelta(days=n))
_PURPOSES = [PHOTOS_IN_SCHOOL, ANNUAL, BY_KEY_STAGE, BIOMETRICS, YOUTH_SUPPORT]


@st.composite
def events_for(draw: st.DrawFn, purpose: ConsentPurpose, kinds: list[ConsentEventKind]) -> ConsentEvent:
    kind = draw(st.sampled_from(kinds))
    day = draw(days)
    by_pupil = kind in (K.PUPIL_OBJECTED, K.PUPIL_OBJECTION_WITHDRAWN) or (
        kind.is_answer and draw(st.booleans())
    )
    contact = None if by_pupil or kind is K.LAPSED else draw(st.sampled_from([MUM, DAD]))
    if kind is K.ASKED:
        contact = None
    minutes = draw(st.integers(0, 60 * 24 * 10))
    return ConsentEvent(
        purpose_key=purpose.key,
        pupil_id=10,
        kind=kind,
        effective_date=day,
        recorded_at=datetime.combine(day, time(8, 0)) + timedelta(minutes=minutes),
        recorded_by="dpo",
        contact_id=contact,
        by_pupil=by_pupil,
    )


@st.composite
def scenario(
    draw: st.DrawFn, kinds: list[ConsentEventKind]
) -> tuple[ConsentPurpose, list[ConsentEvent], date, date]:
    purpose = draw(st.sampled_from(_PURPOSES))
    history = draw(st.lists(events_for(purpose, kinds), max_size=8))
    today = draw(days)
    dob = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2019, 12, 31)))
    return purpose, history, today, dob


_ALL = list(ConsentEventKind)
_NO_GIVEN = [k for k in ConsentEventKind if k is not K.GIVEN]


@given(purpose=st.sampled_from(_PURPOSES), today=days, dob=st.dates(date(2005, 1, 1), date(2019, 12, 31)))
def test_no_history_is_never_given(purpose: ConsentPurpose, today: date, dob: date) -> None:
    status = derive_state([], purpose, today, dob, YearGroup.Y5)
    assert status.state in (S.NOT_ASKED, S.NOT_APPLICABLE)
    assert not status.permits_use


@settings(max_examples=300)
@given(scenario(_NO_GIVEN))
def test_without_a_given_entry_it_is_never_given(
    case: tuple[ConsentPurpose, list[ConsentEvent], date, date],
) -> None:
    purpose, history, today, dob = case
    assert derive_state(history, purpose, today, dob, YearGroup.Y8).state is not S.GIVEN


@settings(max_examples=300)
@given(scenario(_ALL), st.randoms(use_true_random=False))
def test_order_of_input_does_not_matter(
    case: tuple[ConsentPurpose, list[ConsentEvent], date, date], rnd: random.Random
) -> None:
    purpose, history, today, dob = case
    # As stored, every event has its own id, which settles entries recorded in the same instant.
    history = [replace(e, id=i + 1) for i, e in enumerate(history)]
    first = derive_state(history, purpose, today, dob, YearGroup.Y8)
    shuffled = list(history)
    rnd.shuffle(shuffled)
    assert derive_state(shuffled, purpose, today, dob, YearGroup.Y8) == first


@settings(max_examples=300)
@given(scenario(_ALL))
def test_given_always_points_at_a_given_entry_in_force(
    case: tuple[ConsentPurpose, list[ConsentEvent], date, date],
) -> None:
    purpose, history, today, dob = case
    status = derive_state(history, purpose, today, dob, YearGroup.Y8)
    if status.state is S.GIVEN:
        assert status.event is not None
        assert status.event.kind is K.GIVEN
        assert status.event.effective_date <= today
        assert status.event in history


@settings(max_examples=300)
@given(scenario(_ALL))
def test_a_pupil_objection_as_last_entry_blocks_use_while_a_parent_decides(
    case: tuple[ConsentPurpose, list[ConsentEvent], date, date],
) -> None:
    purpose, history, today, dob = case
    objection = ConsentEvent(
        purpose.key, 10, K.PUPIL_OBJECTED, today, datetime(2099, 1, 1), "dpo", by_pupil=True
    )
    status = derive_state([*history, objection], purpose, today, dob, YearGroup.Y8)
    assert status.state is not S.GIVEN


def test_may_proceed_opt_in_and_opt_out() -> None:
    not_asked = ConsentStatus(S.NOT_ASKED, "x")
    assert not may_proceed(not_asked, PHOTOS_ONLINE)
    assert may_proceed(ConsentStatus(S.GIVEN, "x"), PHOTOS_ONLINE)
    # Youth support is shared by default from 13; a refusal limits it.
    assert YOUTH_SUPPORT.opt_out
    assert may_proceed(not_asked, YOUTH_SUPPORT)
    assert not may_proceed(ConsentStatus(S.REFUSED, "x"), YOUTH_SUPPORT)
    assert not may_proceed(ConsentStatus(S.NOT_APPLICABLE, "x"), YOUTH_SUPPORT)


def test_entry_cannot_be_from_contact_and_pupil() -> None:
    with pytest.raises(ValidationError):
        ConsentEvent(
            "photos_in_school", 1, K.ASKED, TODAY, datetime(2026, 3, 10), "dpo",
            contact_id=1, by_pupil=True,
        )  # fmt: skip


def test_consent_form_return_by_is_two_weeks_after_sending() -> None:
    assert form_return_by(date(2026, 3, 10)) == date(2026, 3, 24)
    assert form_return_by(date(2026, 12, 25)) == date(2027, 1, 8)
