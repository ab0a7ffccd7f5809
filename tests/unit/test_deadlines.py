"""Statutory deadlines: SAR month, extension, clock events, 15 school days, 72 hours, 30 days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from schooldp.domain.calendar import (
    Closure,
    ClosureKind,
    SchoolCalendar,
    Term,
    bank_holidays,
    is_working_day,
)
from schooldp.domain.deadlines import (
    LONDON,
    ClockEvent,
    ClockEventKind,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    add_months,
    breach_report_due,
    complaint_ack_due,
    describe_time_left,
    educational_record_due,
    effective_due,
    extension_notice_by,
    format_due,
    needs_attention,
    sar_due,
    sar_extended_due,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.school import Nation

D = date
ENG, WLS, SCT, NIR = Nation.ENGLAND, Nation.WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


# --------------------------------------------------------------------------- SAR month


@pytest.mark.parametrize(
    "received,due",
    [
        # ICO right-of-access guidance examples.
        (D(2025, 9, 3), D(2025, 10, 3)),  # 3 Sep -> 3 Oct
        (D(2026, 1, 31), D(2026, 3, 2)),  # 28 Feb 2026 is a Saturday -> Monday 2 March
        (D(2026, 3, 30), D(2026, 4, 30)),  # no roll needed
        (D(2026, 3, 31), D(2026, 4, 30)),  # no 31 April -> last day of April
        (D(2026, 4, 1), D(2026, 5, 1)),
        (D(2027, 4, 1), D(2027, 5, 4)),  # Sat 1 May, Sun 2, May Day Mon 3 -> Tue 4 May 2027
        # Day of receipt is day one even on a weekend.
        (D(2026, 3, 7), D(2026, 4, 7)),  # Saturday receipt; 7 April 2026 is a Tuesday
    ],
)
def test_ico_examples(received: date, due: date) -> None:
    assert sar_due(received) == due


@pytest.mark.parametrize(
    "received,due",
    [
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year: Tuesday 29 Feb 2028
        (D(2028, 1, 30), D(2028, 2, 29)),
        (D(2028, 1, 29), D(2028, 2, 29)),
        (D(2028, 1, 28), D(2028, 2, 28)),
        (D(2027, 1, 31), D(2027, 3, 1)),  # common year: Sun 28 Feb 2027 -> Mon 1 Mar
        (D(2027, 1, 29), D(2027, 3, 1)),
        (D(2027, 1, 28), D(2027, 3, 1)),
        (D(2025, 1, 31), D(2025, 2, 28)),  # Friday 28 Feb 2025
        (D(2026, 5, 31), D(2026, 6, 30)),
        (D(2026, 8, 31), D(2026, 9, 30)),
        (D(2026, 10, 31), D(2026, 11, 30)),
        (D(2026, 12, 31), D(2027, 2, 1)),  # Sun 31 Jan 2027 -> Mon 1 Feb
    ],
)
def test_month_ends(received: date, due: date) -> None:
    assert sar_due(received) == due


def test_month_end_lands_on_st_andrews_day_in_scotland() -> None:
    # 31 Oct 2026 -> 30 Nov 2026, a Monday: St Andrew's Day in Scotland only.
    assert sar_due(D(2026, 10, 31), ENG) == D(2026, 11, 30)
    assert sar_due(D(2026, 10, 31), SCT) == D(2026, 12, 1)


@pytest.mark.parametrize(
    "received,nation,due",
    [
        # Christmas 2025: Thu 25, Fri 26, weekend -> Monday 29 Dec.
        (D(2025, 11, 24), ENG, D(2025, 12, 24)),
        (D(2025, 11, 25), ENG, D(2025, 12, 29)),
        (D(2025, 11, 26), ENG, D(2025, 12, 29)),
        (D(2025, 11, 27), ENG, D(2025, 12, 29)),
        # Christmas 2026: Fri 25, Sat 26, Sun 27, Boxing Day substitute Mon 28 -> Tue 29.
        (D(2026, 11, 25), ENG, D(2026, 12, 29)),
        (D(2026, 11, 26), WLS, D(2026, 12, 29)),
        (D(2026, 11, 28), NIR, D(2026, 12, 29)),
        # Christmas 2027: Sat 25, Sun 26, substitutes Mon 27 and Tue 28 -> Wed 29.
        (D(2027, 11, 25), SCT, D(2027, 12, 29)),
        (D(2027, 11, 27), ENG, D(2027, 12, 29)),
        # Christmas 2028: Mon 25, Tue 26 -> Wed 27.
        (D(2028, 11, 25), ENG, D(2028, 12, 27)),
        # New Year 2028: Sat 1, substitute Mon 3; Scotland also 2 Jan substitute Tue 4.
        (D(2027, 12, 1), ENG, D(2028, 1, 4)),
        (D(2027, 12, 1), SCT, D(2028, 1, 5)),
        (D(2027, 12, 3), SCT, D(2028, 1, 5)),
        # 2 January 2026 (Friday) is a bank holiday in Scotland only.
        (D(2025, 12, 2), ENG, D(2026, 1, 2)),
        (D(2025, 12, 2), SCT, D(2026, 1, 5)),
    ],
)
def test_christmas_and_new_year_runs(received: date, nation: Nation, due: date) -> None:
    assert sar_due(received, nation) == due


@pytest.mark.parametrize(
    "received,expected",
    [
        # Easter Monday 6 Apr 2026: a holiday except in Scotland.
        (D(2026, 3, 6), {ENG: D(2026, 4, 7), WLS: D(2026, 4, 7), SCT: D(2026, 4, 6),
                         NIR: D(2026, 4, 7)}),
        # St Patrick's Day, Tuesday 17 March 2026.
        (D(2026, 2, 17), {ENG: D(2026, 3, 17), WLS: D(2026, 3, 17), SCT: D(2026, 3, 17),
                          NIR: D(2026, 3, 18)}),
        # Battle of the Boyne substitute, Monday 13 July 2026; 12 July 2028 is a Wednesday.
        (D(2026, 6, 13), {ENG: D(2026, 7, 13), NIR: D(2026, 7, 14)}),
        (D(2028, 6, 12), {ENG: D(2028, 7, 12), NIR: D(2028, 7, 13)}),
        # Scotland's one-off holiday on Monday 15 June 2026.
        (D(2026, 5, 15), {ENG: D(2026, 6, 15), SCT: D(2026, 6, 16)}),
        # St Andrew's Day substitute, Monday 1 December 2025.
        (D(2025, 11, 1), {ENG: D(2025, 12, 1), SCT: D(2025, 12, 2)}),
        # Summer bank holidays differ: 3 Aug 2026 (Scotland), 31 Aug 2026 (elsewhere).
        (D(2026, 7, 3), {ENG: D(2026, 8, 3), SCT: D(2026, 8, 4)}),
        (D(2026, 7, 31), {ENG: D(2026, 9, 1), SCT: D(2026, 8, 31), NIR: D(2026, 9, 1)}),
    ],
)  # fmt: skip
def test_nation_matters(received: date, expected: dict[Nation, date]) -> None:
    for nation, due in expected.items():
        assert sar_due(received, nation) == due, nation


@pytest.mark.parametrize("nation", list(Nation), ids=lambda n: n.value)
def test_every_bank_holiday_2025_2028_rolls_forward(nation: Nation) -> None:
    """For each bank holiday, every request whose month ends on it is due the next working day."""
    holidays = {d for year in range(2025, 2029) for d in bank_holidays(nation, year) if d.weekday() < 5}
    assert len(holidays) >= 32
    hit: set[date] = set()
    reachable: set[date] = set()
    received = D(2024, 11, 1)
    while received <= D(2028, 12, 31):
        corresponding = add_months(received, 1)
        due = sar_due(received, nation)
        assert due not in holidays and is_working_day(due, nation)
        assert due >= corresponding
        # Nothing between the corresponding date and the due date is a working day.
        day = corresponding
        while day < due:
            assert not is_working_day(day, nation)
            day += timedelta(days=1)
        reachable.add(corresponding)
        if corresponding in holidays:
            assert due > corresponding
            hit.add(corresponding)
        received += timedelta(days=1)
    assert hit == holidays & reachable
    # Only days after a shorter month are never a corresponding date (29-31 March 2027 after
    # a 28-day February, 31 May after April): they can only be reached by rolling forward.
    assert holidays - reachable <= {D(2027, 3, 29), D(2027, 5, 31)}


@pytest.mark.parametrize(
    "received,nation,due",
    [
        (D(2027, 2, 28), ENG, D(2027, 3, 30)),  # Sun 28 Mar -> Easter Monday 29 Mar -> Tue
        (D(2027, 2, 28), SCT, D(2027, 3, 29)),  # no Easter Monday holiday in Scotland
        (D(2027, 4, 30), WLS, D(2027, 6, 1)),  # Sun 30 May -> spring bank holiday 31 May
    ],
)
def test_holidays_reached_only_by_rolling_forward(received: date, nation: Nation, due: date) -> None:
    assert sar_due(received, nation) == due


def test_extension() -> None:
    assert sar_extended_due(D(2026, 1, 31)) == D(2026, 4, 30)
    assert sar_extended_due(D(2025, 9, 3)) == D(2025, 12, 3)
    assert sar_extended_due(D(2026, 11, 30)) == D(2027, 3, 1)  # Sun 28 Feb 2027 -> Mon 1 Mar
    assert sar_extended_due(D(2026, 9, 25)) == D(2026, 12, 29)  # Christmas 2026 run
    assert sar_extended_due(D(2025, 11, 30), SCT) == D(2026, 3, 2)
    assert extension_notice_by(D(2026, 1, 31)) == sar_due(D(2026, 1, 31)) == D(2026, 3, 2)
    assert extension_notice_by(D(2026, 10, 31), SCT) == D(2026, 12, 1)


# --------------------------------------------------------------------------- clock events

ID, AUTH, FEE, CLAR = (
    ClockEventKind.ID_AWAITED,
    ClockEventKind.AUTHORITY_AWAITED,
    ClockEventKind.FEE_AWAITED,
    ClockEventKind.CLARIFICATION_AWAITED,
)


def test_no_events_is_the_plain_month() -> None:
    result = effective_due(D(2026, 1, 31))
    assert result.start == D(2026, 1, 31)
    assert result.due == D(2026, 3, 2)
    assert not result.paused and result.days_suspended == 0
    assert result.extension_notice_by == D(2026, 3, 2)
    assert result.pause_reason == ""


@pytest.mark.parametrize("kind", [ID, AUTH, FEE])
def test_receipt_of_id_authority_or_fee_restarts_the_month(kind: ClockEventKind) -> None:
    events = [ClockEvent(kind, D(2026, 5, 6), D(2026, 5, 20))]
    result = effective_due(D(2026, 5, 5), events)
    assert result.start == D(2026, 5, 20)
    assert result.due == D(2026, 6, 22)  # Sat 20 June 2026 -> Monday 22 June
    assert result.extension_notice_by == D(2026, 6, 22)
    assert not result.paused


@pytest.mark.parametrize("kind", [ID, AUTH, FEE])
def test_awaiting_id_authority_or_fee_pauses(kind: ClockEventKind) -> None:
    result = effective_due(D(2026, 5, 5), [ClockEvent(kind, D(2026, 5, 6))])
    assert result.paused and result.due is None and result.extension_notice_by is None
    assert result.start == D(2026, 5, 5)
    assert result.waiting_for == (kind,)
    assert result.pause_reason == kind.label


def test_latest_restart_wins() -> None:
    events = [
        ClockEvent(FEE, D(2026, 5, 6), D(2026, 5, 25)),
        ClockEvent(ID, D(2026, 5, 6), D(2026, 5, 12)),
    ]
    assert effective_due(D(2026, 5, 5), events).start == D(2026, 5, 25)


def test_clarification_suspends_and_adds_days_back() -> None:
    # Received Tue 5 May 2026; clarification asked Thu 7 May, answered Tue 12 May.
    # 7..12 May inclusive (6 days) do not count: 5 June + 6 = Thursday 11 June 2026.
    events = [ClockEvent(CLAR, D(2026, 5, 7), D(2026, 5, 12))]
    result = effective_due(D(2026, 5, 5), events)
    assert result.start == D(2026, 5, 5)
    assert result.days_suspended == 6
    assert result.due == D(2026, 6, 11)
    assert result.extension_notice_by == D(2026, 6, 11)
    assert events[0].days() == 6


def test_clarification_answered_same_day_still_counts_one_day() -> None:
    events = [ClockEvent(CLAR, D(2026, 5, 7), D(2026, 5, 7))]
    assert effective_due(D(2026, 5, 5), events).due == D(2026, 6, 8)  # Sat 6 June -> Mon 8


def test_clarification_days_are_added_before_the_roll_forward() -> None:
    # 31 Jan 2026 -> 28 Feb (unrolled) + 2 days = 2 March (Monday).
    events = [ClockEvent(CLAR, D(2026, 2, 2), D(2026, 2, 3))]
    assert effective_due(D(2026, 1, 31), events).due == D(2026, 3, 2)
    # + 3 days = 3 March.
    events = [ClockEvent(CLAR, D(2026, 2, 2), D(2026, 2, 4))]
    assert effective_due(D(2026, 1, 31), events).due == D(2026, 3, 3)


def test_open_clarification_pauses_with_known_start() -> None:
    result = effective_due(D(2026, 5, 5), [ClockEvent(CLAR, D(2026, 5, 7))])
    assert result.paused and result.due is None
    assert result.start == D(2026, 5, 5)
    assert result.pause_reason == "Waiting for clarification"


def test_overlapping_clarifications_count_each_day_once() -> None:
    events = [
        ClockEvent(CLAR, D(2026, 5, 7), D(2026, 5, 12)),
        ClockEvent(CLAR, D(2026, 5, 10), D(2026, 5, 14)),
    ]
    result = effective_due(D(2026, 5, 5), events)
    assert result.days_suspended == 8  # 7..14 May
    assert result.due == D(2026, 6, 15)  # 5 June + 8 = Sat 13 June -> Mon 15 June


def test_clarification_before_a_restart_is_absorbed_by_the_restart() -> None:
    events = [
        ClockEvent(CLAR, D(2026, 5, 6), D(2026, 5, 8)),
        ClockEvent(ID, D(2026, 5, 6), D(2026, 5, 15)),
    ]
    result = effective_due(D(2026, 5, 5), events)
    assert result.start == D(2026, 5, 15)
    assert result.days_suspended == 0
    assert result.due == D(2026, 6, 15)


def test_clarification_spanning_the_restart_counts_from_the_start() -> None:
    events = [
        ClockEvent(ID, D(2026, 5, 6), D(2026, 5, 10)),
        ClockEvent(CLAR, D(2026, 5, 6), D(2026, 5, 12)),
    ]
    result = effective_due(D(2026, 5, 5), events)
    assert result.start == D(2026, 5, 10)
    assert result.days_suspended == 3  # 10, 11, 12 May
    assert result.due == D(2026, 6, 15)  # 10 June + 3 = Sat 13 June -> Mon 15 June


def test_extended_clock_uses_three_months_and_keeps_the_notice_date() -> None:
    events = [ClockEvent(CLAR, D(2026, 5, 7), D(2026, 5, 12))]
    result = effective_due(D(2026, 5, 5), events, extended=True)
    assert result.extended
    assert result.due == D(2026, 8, 11)  # 5 Aug + 6
    assert result.extension_notice_by == D(2026, 6, 11)
    assert effective_due(D(2026, 1, 31), extended=True).due == sar_extended_due(D(2026, 1, 31))


def test_events_after_the_deadline_passed_do_not_revive_it() -> None:
    late = ClockEvent(CLAR, D(2026, 6, 20), D(2026, 6, 25))
    result = effective_due(D(2026, 5, 5), [late])
    assert result.due == D(2026, 6, 5)
    assert result.ignored == (late,)
    open_late = ClockEvent(ID, D(2026, 6, 20))
    result = effective_due(D(2026, 5, 5), [open_late])
    assert not result.paused and result.due == D(2026, 6, 5)


def test_event_on_the_rolled_deadline_day_still_counts() -> None:
    # 31 Jan 2026 is due Monday 2 March; asking on that day is still in time.
    events = [ClockEvent(CLAR, D(2026, 3, 2), D(2026, 3, 3))]
    assert effective_due(D(2026, 1, 31), events).due == D(2026, 3, 2)  # 28 Feb + 2 = 2 Mar


def test_clock_uses_the_nation() -> None:
    events = [ClockEvent(ID, D(2026, 10, 1), D(2026, 10, 31))]
    assert effective_due(D(2026, 10, 1), events, ENG).due == D(2026, 11, 30)
    assert effective_due(D(2026, 10, 1), events, SCT).due == D(2026, 12, 1)


def test_bad_events_are_refused() -> None:
    with pytest.raises(ValidationError, match="cannot be before"):
        ClockEvent(ID, D(2026, 5, 10), D(2026, 5, 9))
    with pytest.raises(ValidationError, match="before the request was received"):
        effective_due(D(2026, 5, 5), [ClockEvent(ID, D(2026, 5, 4), D(2026, 5, 6))])
    with pytest.raises(ValidationError, match="no reply"):
        ClockEvent(CLAR, D(2026, 5, 10)).days()


def test_event_kind_labels_and_rules() -> None:
    assert [k.restarts_clock for k in ClockEventKind] == [True, True, True, False]
    assert all(k.label for k in ClockEventKind)


# --------------------------------------------------------------------------- 15 school days


def school_year() -> SchoolCalendar:
    return SchoolCalendar(
        terms=(
            Term("Autumn term", D(2026, 9, 1), D(2026, 12, 18)),
            Term("Spring term", D(2027, 1, 4), D(2027, 3, 25)),
            Term("Summer term", D(2027, 4, 12), D(2027, 7, 21)),
        ),
        closures=(
            Closure.day(D(2026, 9, 1), ClosureKind.INSET, "INSET"),
            Closure(D(2026, 10, 26), D(2026, 10, 30), ClosureKind.CLOSURE, "Half term"),
            Closure(D(2027, 5, 31), D(2027, 6, 4), ClosureKind.CLOSURE, "Half term"),
        ),
    )


@pytest.mark.parametrize(
    "received,due",
    [
        (D(2026, 9, 2), D(2026, 9, 23)),  # day of receipt not counted
        (D(2026, 10, 12), D(2026, 11, 9)),  # across half term
        (D(2026, 10, 24), D(2026, 11, 20)),  # Saturday before half term
        (D(2026, 8, 10), D(2026, 9, 22)),  # summer holiday: INSET 1 Sep skipped
        (D(2026, 12, 10), D(2027, 1, 14)),  # across Christmas: 6 in Dec, 9 in Jan
        (D(2027, 4, 26), D(2027, 5, 18)),  # May Day 3 May in term is not a school day
        (D(2027, 5, 21), D(2027, 6, 18)),  # spring bank holiday falls in half term
    ],
)
def test_educational_record_fifteen_school_days(received: date, due: date) -> None:
    calendar = school_year()
    assert educational_record_due(received, calendar) == due
    assert calendar.is_school_day(due)
    assert calendar.school_days_between(received, due) == 15


def test_educational_record_needs_term_dates_far_enough_ahead() -> None:
    with pytest.raises(ValidationError, match="Add the next term dates"):
        educational_record_due(D(2027, 7, 10), school_year())


# --------------------------------------------------------------------------- 72 hours


def test_breach_72_hours_across_spring_clock_change() -> None:
    aware = datetime(2026, 3, 27, 10, 0, tzinfo=LONDON)  # GMT
    due = breach_report_due(aware)
    assert due == datetime(2026, 3, 30, 11, 0, tzinfo=LONDON)  # BST: a clock hour was lost
    assert (due.hour, due.utcoffset()) == (11, timedelta(hours=1))
    # (due - aware would be 3 wall-clock days: Python ignores DST between equal tzinfos.)
    assert due.astimezone(UTC) - aware.astimezone(UTC) == timedelta(hours=72)


def test_breach_72_hours_across_autumn_clock_change() -> None:
    aware = datetime(2026, 10, 23, 10, 0, tzinfo=LONDON)  # BST
    due = breach_report_due(aware)
    assert (due.day, due.hour, due.utcoffset()) == (26, 9, timedelta(0))  # 09:00 GMT
    assert due.astimezone(UTC) - aware.astimezone(UTC) == timedelta(hours=72)


def test_breach_72_hours_without_clock_change_keeps_the_time() -> None:
    due = breach_report_due(datetime(2026, 7, 3, 16, 45, tzinfo=LONDON))
    assert due == datetime(2026, 7, 6, 16, 45, tzinfo=LONDON)
    assert due.tzinfo is LONDON


def test_breach_aware_in_the_lost_or_repeated_hour() -> None:
    # 01:30 on 25 Oct 2026 happens twice; fold=1 is the second (GMT) one.
    first = datetime(2026, 10, 25, 1, 30, tzinfo=LONDON)
    second = datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON)
    assert breach_report_due(first).astimezone(UTC) == datetime(2026, 10, 28, 0, 30, tzinfo=UTC)
    assert breach_report_due(second).astimezone(UTC) == datetime(2026, 10, 28, 1, 30, tzinfo=UTC)


def test_breach_accepts_other_time_zones_and_answers_in_london() -> None:
    aware = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)
    assert breach_report_due(aware) == datetime(2026, 3, 30, 11, 0, tzinfo=LONDON)
    cet = timezone(timedelta(hours=1))
    assert breach_report_due(datetime(2026, 1, 5, 9, 0, tzinfo=cet)).hour == 8


def test_breach_refuses_naive_datetimes() -> None:
    with pytest.raises(ValidationError, match="time zone") as err:
        breach_report_due(datetime(2026, 3, 27, 10, 0))
    assert err.value.field == "aware_at"


# --------------------------------------------------------------------------- complaints


@pytest.mark.parametrize(
    "received,nation,due",
    [
        (D(2026, 6, 19), ENG, D(2026, 7, 20)),  # Sun 19 July -> Mon 20 July
        (D(2026, 6, 1), ENG, D(2026, 7, 1)),  # day after receipt is day one
        (D(2026, 6, 5), ENG, D(2026, 7, 6)),
        (D(2026, 11, 26), ENG, D(2026, 12, 29)),  # Sat 26 Dec -> Tue 29 Dec
        (D(2026, 10, 31), SCT, D(2026, 12, 1)),  # St Andrew's Day
        (D(2026, 10, 31), ENG, D(2026, 11, 30)),
    ],
)
def test_complaint_acknowledgement(received: date, nation: Nation, due: date) -> None:
    assert complaint_ack_due(received, nation) == due


# --------------------------------------------------------------------------- the feed

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=LONDON)  # a Tuesday morning


def dl(ref: str, due: date | datetime | None, **kw: object) -> Deadline:
    kind = kw.pop("kind", DeadlineKind.SUBJECT_ACCESS)
    return Deadline(kind, ref, due, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "deadline,status",
    [
        (dl("R1", D(2026, 3, 9)), DeadlineStatus.OVERDUE),
        (dl("R2", D(2026, 3, 10)), DeadlineStatus.DUE_TODAY),
        (dl("R3", D(2026, 3, 11)), DeadlineStatus.UPCOMING),
        (dl("R4", D(2026, 3, 1), met_at=D(2026, 2, 27)), DeadlineStatus.MET),
        (dl("R5", None, paused=True, pause_reason="Waiting for ID"), DeadlineStatus.PAUSED),
        (dl("B1", datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)), DeadlineStatus.OVERDUE),
        (dl("B2", datetime(2026, 3, 10, 23, 0, tzinfo=LONDON)), DeadlineStatus.DUE_TODAY),
        (dl("B3", datetime(2026, 3, 11, 0, 30, tzinfo=LONDON)), DeadlineStatus.UPCOMING),
    ],
)
def test_status_is_derived_from_now(deadline: Deadline, status: DeadlineStatus) -> None:
    assert deadline.status(NOW) is status


def test_date_deadline_lasts_until_midnight_london() -> None:
    deadline = dl("R", D(2026, 7, 1))
    assert deadline.status(datetime(2026, 7, 1, 23, 59, tzinfo=LONDON)) is DeadlineStatus.DUE_TODAY
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    assert deadline.status(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) is DeadlineStatus.OVERDUE


def test_needs_attention_orders_by_urgency() -> None:
    items = [
        dl("far", D(2026, 4, 30)),
        dl("soon", D(2026, 3, 12)),
        dl("met", D(2026, 3, 1), met_at=D(2026, 3, 1)),
        dl("today", D(2026, 3, 10)),
        dl("late2", D(2026, 3, 8)),
        dl("paused", None, paused=True, pause_reason="Waiting for proof of identity"),
        dl("late5", D(2026, 3, 5)),
        dl("breach", datetime(2026, 3, 10, 15, 0, tzinfo=LONDON), kind=DeadlineKind.BREACH_REPORT),
        dl("edge", D(2026, 3, 17)),  # exactly 7 days ahead
        dl("beyond", D(2026, 3, 18)),
        dl("breach-late", datetime(2026, 3, 10, 8, 0, tzinfo=LONDON)),
    ]
    refs = [d.ref for d in needs_attention(NOW, items)]
    assert refs == [
        "late5", "late2", "breach-late", "breach", "today", "soon", "edge", "paused",
    ]  # fmt: skip
    assert [d.ref for d in needs_attention(NOW, items, horizon_days=0)][-1] == "paused"
    assert "far" in [d.ref for d in needs_attention(NOW, items, horizon_days=60)]


def test_needs_attention_refuses_bad_input() -> None:
    with pytest.raises(ValidationError):
        needs_attention(datetime(2026, 3, 10, 9, 30), [])
    with pytest.raises(ValidationError):
        needs_attention(NOW, [], horizon_days=-1)
    assert needs_attention(NOW, iter([])) == []


def test_deadline_validation() -> None:
    with pytest.raises(ValidationError):
        Deadline(DeadlineKind.SUBJECT_ACCESS, "R1", None)
    with pytest.raises(ValidationError, match="time zone"):
        Deadline(DeadlineKind.BREACH_REPORT, "B1", datetime(2026, 3, 10, 9, 0))


def test_deadline_from_clock() -> None:
    paused = effective_due(D(2026, 5, 5), [ClockEvent(ID, D(2026, 5, 6))])
    deadline = Deadline.from_clock(DeadlineKind.SUBJECT_ACCESS, "SAR-7", paused)
    assert deadline.status(NOW) is DeadlineStatus.PAUSED
    assert deadline.describe(NOW) == "Paused: Waiting for proof of identity"
    running = Deadline.from_clock(DeadlineKind.SUBJECT_ACCESS, "SAR-8", effective_due(D(2026, 3, 1)))
    assert running.due == D(2026, 4, 1) and not running.paused
    assert running.title == "Subject access response"


@pytest.mark.parametrize(
    "due,text",
    [
        (D(2026, 3, 13), "3 days left"),
        (D(2026, 3, 11), "1 day left"),
        (D(2026, 3, 10), "due today"),
        (D(2026, 3, 9), "overdue by 1 day"),
        (D(2026, 3, 8), "overdue by 2 days"),
        (datetime(2026, 3, 10, 14, 42, tzinfo=LONDON), "5 h 12 min left"),
        (datetime(2026, 3, 10, 9, 50, tzinfo=LONDON), "20 min left"),
        (datetime(2026, 3, 10, 9, 30, 30, tzinfo=LONDON), "less than a minute left"),
        (datetime(2026, 3, 12, 14, 30, tzinfo=LONDON), "2 days 5 h left"),
        (datetime(2026, 3, 11, 9, 30, tzinfo=LONDON), "1 day left"),
        (datetime(2026, 3, 10, 8, 25, tzinfo=LONDON), "overdue by 1 h 5 min"),
        (datetime(2026, 3, 8, 8, 30, tzinfo=LONDON), "overdue by 2 days 1 h"),
        (datetime(2026, 3, 10, 9, 29, 45, tzinfo=LONDON), "overdue by less than a minute"),
    ],
)
def test_describe_time_left(due: date | datetime, text: str) -> None:
    assert describe_time_left(due, NOW) == text


def test_describe_uses_real_hours_across_clock_change() -> None:
    now = datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)  # GMT; clocks go forward at 01:00
    assert describe_time_left(datetime(2026, 3, 29, 3, 30, tzinfo=LONDON), now) == "2 h 0 min left"


def test_deadline_describe() -> None:
    assert dl("R", D(2026, 3, 12)).describe(NOW) == "2 days left"
    assert dl("R", D(2026, 3, 1), met_at=D(2026, 3, 1)).describe(NOW) == "Met"
    assert dl("R", None, paused=True).describe(NOW) == "Paused"


def test_format_due() -> None:
    assert format_due(D(2026, 3, 2)) == "Mon 2 Mar 2026"
    assert format_due(datetime(2026, 3, 30, 10, 0, tzinfo=UTC)) == "Mon 30 Mar 2026 11:00"


def test_labels_exist() -> None:
    assert all(kind.label for kind in DeadlineKind)
    assert [s.label for s in DeadlineStatus] == ["Overdue", "Due today", "Upcoming", "Paused", "Met"]
