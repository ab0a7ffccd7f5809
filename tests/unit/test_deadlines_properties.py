"""Property tests (hypothesis) for the date rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from schooldp.domain.calendar import (
    Closure,
    ClosureKind,
    SchoolCalendar,
    Term,
    is_bank_holiday,
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
    educational_record_due,
    effective_due,
    extension_notice_by,
    needs_attention,
    sar_due,
    sar_extended_due,
)
from schooldp.domain.school import Nation

PROFILE = settings(max_examples=300, deadline=None)

nations = st.sampled_from(list(Nation))
received_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))

# The longest UK run of non-working days after a corresponding date is 4 (Christmas on a
# Saturday in Scotland: 25-28 Dec, or New Year on a Saturday: 1-4 Jan); 5 leaves room for a
# one-off holiday next to a weekend.
MAX_ROLL_DAYS = 5


@PROFILE
@given(received=received_dates, nation=nations)
def test_sar_due_is_a_working_day_soon_after_the_corresponding_date(received: date, nation: Nation) -> None:
    corresponding = add_months(received, 1)
    due = sar_due(received, nation)
    assert due >= corresponding > received
    assert due.weekday() < 5
    assert not is_bank_holiday(due, nation)
    assert (due - corresponding).days <= MAX_ROLL_DAYS
    # The corresponding date is the same day next month, or that month's last day.
    assert corresponding.month == received.month % 12 + 1
    assert corresponding.day == received.day or (corresponding + timedelta(days=1)).day == 1


@PROFILE
@given(start=received_dates, nation=nations)
def test_extension_is_never_before_the_first_due_date(start: date, nation: Nation) -> None:
    first = sar_due(start, nation)
    extended = sar_extended_due(start, nation)
    assert extended > first
    assert is_working_day(extended, nation)
    assert (extended - add_months(start, 3)).days <= MAX_ROLL_DAYS
    assert extension_notice_by(start, nation) == first


@st.composite
def clock_events(draw: st.DrawFn, received: date) -> list[ClockEvent]:
    events = []
    for _ in range(draw(st.integers(0, 4))):
        asked = received + timedelta(days=draw(st.integers(0, 40)))
        answered = draw(st.one_of(st.none(), st.integers(0, 30)))
        events.append(
            ClockEvent(
                draw(st.sampled_from(list(ClockEventKind))),
                asked,
                None if answered is None else asked + timedelta(days=answered),
            )
        )
    return events


@PROFILE
@given(data=st.data(), received=received_dates, nation=nations, extended=st.booleans())
def test_clock_events_never_bring_the_deadline_earlier(
    data: st.DataObject, received: date, nation: Nation, extended: bool
) -> None:
    events = data.draw(clock_events(received))
    result = effective_due(received, events, nation, extended=extended)
    plain = sar_extended_due(received, nation) if extended else sar_due(received, nation)
    assert result.start >= received
    assert result.days_suspended >= 0
    if result.paused:
        assert result.due is None and result.waiting_for
        assert any(e.is_open for e in events)
    else:
        assert result.due is not None
        assert result.due >= plain
        assert is_working_day(result.due, nation)
        assert result.extension_notice_by is not None
        assert result.extension_notice_by <= result.due
    if not events:
        assert result.due == plain


@PROFILE
@given(
    received=received_dates,
    nation=nations,
    after=st.integers(0, 27),
    length=st.integers(0, 60),
)
def test_one_clarification_adds_exactly_its_days(
    received: date, nation: Nation, after: int, length: int
) -> None:
    asked = received + timedelta(days=after)  # always within the first month
    event = ClockEvent(ClockEventKind.CLARIFICATION_AWAITED, asked, asked + timedelta(length))
    result = effective_due(received, [event], nation)
    shifted = add_months(received, 1) + timedelta(days=length + 1)
    assert result.days_suspended == length + 1
    assert result.due is not None and result.due >= shifted
    assert is_working_day(result.due, nation)
    assert (result.due - shifted).days <= MAX_ROLL_DAYS


@PROFILE
@given(
    received=received_dates,
    nation=nations,
    after=st.integers(0, 27),
    wait=st.integers(0, 90),
)
def test_receipt_of_id_restarts_the_month(received: date, nation: Nation, after: int, wait: int) -> None:
    asked = received + timedelta(days=after)
    arrived = asked + timedelta(days=wait)
    result = effective_due(received, [ClockEvent(ClockEventKind.ID_AWAITED, asked, arrived)], nation)
    assert result.start == arrived
    assert result.due == sar_due(arrived, nation)


def _three_school_years(inset_offsets: list[int], nation: Nation) -> SchoolCalendar:
    terms = []
    for year in (2025, 2026, 2027):
        terms += [
            Term(f"Autumn 1 {year}", date(year, 9, 3), date(year, 10, 24)),
            Term(f"Autumn 2 {year}", date(year, 11, 3), date(year, 12, 19)),
            Term(f"Spring 1 {year + 1}", date(year + 1, 1, 5), date(year + 1, 2, 13)),
            Term(f"Spring 2 {year + 1}", date(year + 1, 2, 23), date(year + 1, 3, 27)),
            Term(f"Summer 1 {year + 1}", date(year + 1, 4, 13), date(year + 1, 5, 22)),
            Term(f"Summer 2 {year + 1}", date(year + 1, 6, 1), date(year + 1, 7, 22)),
        ]
    closures = [
        Closure.day(date(2025, 9, 3) + timedelta(days=offset), ClosureKind.INSET) for offset in inset_offsets
    ]
    return SchoolCalendar(tuple(terms), tuple(closures), nation)


@settings(max_examples=150, deadline=None)
@given(
    received=st.dates(min_value=date(2025, 7, 1), max_value=date(2028, 6, 1)),
    insets=st.lists(st.integers(0, 1050), max_size=30),
    nation=nations,
)
def test_fifteen_school_days_always_land_on_a_school_day(
    received: date, insets: list[int], nation: Nation
) -> None:
    calendar = _three_school_years(insets, nation)
    due = educational_record_due(received, calendar)
    assert due > received
    assert calendar.in_term(due)
    assert calendar.is_school_day(due)
    assert is_working_day(due, nation)
    assert calendar.closure_for(due) is None
    assert calendar.school_days_between(received, due) == 15


@settings(max_examples=100, deadline=None)
@given(insets=st.lists(st.integers(0, 1050), max_size=20), nation=nations)
def test_school_calendar_round_trips(insets: list[int], nation: Nation) -> None:
    calendar = _three_school_years(insets, nation)
    assert SchoolCalendar.from_json(calendar.to_json()) == calendar


zones = st.sampled_from(
    [LONDON, UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=-5, minutes=-30))]
)


@PROFILE
@given(
    # Naive wall times made aware below, including London's missing and repeated hours.
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
    zone=zones,
    fold=st.sampled_from([0, 1]),
)
def test_breach_due_is_exactly_72_real_hours_later(moment: datetime, zone: tzinfo, fold: int) -> None:
    aware = moment.replace(tzinfo=zone, fold=fold)
    due = breach_report_due(aware)
    assert due.tzinfo is LONDON
    assert due.astimezone(UTC) - aware.astimezone(UTC) == timedelta(hours=72)
    assert due.utcoffset() in (timedelta(0), timedelta(hours=1))


@PROFILE
@given(received=received_dates, nation=nations)
def test_complaint_acknowledgement_is_30_days_then_next_working_day(received: date, nation: Nation) -> None:
    due = complaint_ack_due(received, nation)
    day_30 = received + timedelta(days=30)
    assert due >= day_30
    assert is_working_day(due, nation)
    assert (due - day_30).days <= MAX_ROLL_DAYS


_RANK = {
    DeadlineStatus.OVERDUE: 0,
    DeadlineStatus.DUE_TODAY: 1,
    DeadlineStatus.UPCOMING: 2,
    DeadlineStatus.PAUSED: 3,
}


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    ref = f"R{draw(st.integers(1, 999))}"
    kind = draw(st.sampled_from(list(DeadlineKind)))
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return Deadline(kind, ref, None, paused=True, pause_reason="Waiting for clarification")
    if choice == 1:
        due_dt = draw(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31))).replace(
            tzinfo=LONDON
        )
        return Deadline(kind, ref, due_dt)
    due = draw(st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31)))
    met = draw(st.one_of(st.none(), st.just(due)))
    return Deadline(kind, ref, due, met_at=met)


@PROFILE
@given(
    items=st.lists(deadlines(), max_size=25),
    now=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    horizon=st.integers(0, 60),
)
def test_needs_attention_is_ordered_and_complete(items: list[Deadline], now: datetime, horizon: int) -> None:
    aware_now = now.replace(tzinfo=UTC)
    result = needs_attention(aware_now, items, horizon)
    statuses = [d.status(aware_now) for d in result]
    assert DeadlineStatus.MET not in statuses
    assert [_RANK[s] for s in statuses] == sorted(_RANK[s] for s in statuses)
    # Nothing overdue, due today or paused is ever left out.
    must_show = [
        d
        for d in items
        if d.status(aware_now) in (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_TODAY, DeadlineStatus.PAUSED)
    ]
    shown = [d for d in result if d.status(aware_now) is not DeadlineStatus.UPCOMING]
    assert sorted(map(id, shown)) == sorted(map(id, must_show))
    # Upcoming items shown are within the horizon, and all such items are shown.
    today = aware_now.astimezone(LONDON).date()
    upcoming = [d for d in items if d.status(aware_now) is DeadlineStatus.UPCOMING]
    within = [d for d in upcoming if _due_day(d) <= today + timedelta(days=horizon)]
    assert sorted(map(id, (d for d in result if d in upcoming))) == sorted(map(id, within))


def _due_day(deadline: Deadline) -> date:
    due = deadline.due
    assert due is not None
    return due.astimezone(LONDON).date() if isinstance(due, datetime) else due
