"""Statutory time limits a school DPO is held to, and the "what needs attention" feed.

Day-counting conventions (each function names its source):

* One-month rights requests (subject access and the other rights): the day of receipt is day
  one; the deadline is the corresponding date in the next month, or the last day of that month
  if it has no such date; a weekend or bank holiday rolls forward to the next working day.
  (ICO right-of-access guidance, "How long do we have to comply?")
* Extension for complex or numerous requests: three months from the same start date, same
  roll-forward; the person must be told within the first month. (UK GDPR Art 12(3), Art 12A.)
* Clock events (see `effective_due`): receipt of ID, of a third party's authority or of a fee
  *restarts* the month from the day it arrives; a request for clarification *suspends* it, the
  days from asking to receiving the answer (both included) not counting. (UK GDPR Art 12A,
  inserted by the Data (Use and Access) Act 2025 s76; same wording as DPA 2018 s54(3C).)
* Parents' educational record: 15 school days, the day of receipt not counted. (Education
  (Pupil Information) (England) Regulations 2005, reg 5.)
* Personal data breach: 72 real hours from awareness (UK GDPR Art 33(1)); computed in UTC and
  shown in Europe/London, so a window across a clock change is still 72 hours.
* Data protection complaint acknowledgement: 30 days starting the day after receipt, a weekend
  or bank holiday rolling forward (DPA 2018 s164A(3), inserted by DUAA 2025 s103, in force 19
  June 2026; ICO complaints guidance).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from schooldp.domain.calendar import SchoolCalendar, format_uk_date, working_day_on_or_after
from schooldp.domain.clock import LONDON
from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.school import Nation

__all__ = [
    "BREACH_REPORT_WINDOW",
    "COMPLAINTS_DUTY_IN_FORCE",
    "COMPLAINT_ACK_DAYS",
    "EDUCATIONAL_RECORD_SCHOOL_DAYS",
    "LONDON",
    "ClockEvent",
    "ClockEventKind",
    "ClockResult",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "add_months",
    "breach_report_due",
    "complaint_ack_due",
    "describe_time_left",
    "educational_record_due",
    "effective_due",
    "extension_notice_by",
    "format_due",
    "london_now",
    "needs_attention",
    "sar_due",
    "sar_extended_due",
]


BREACH_REPORT_WINDOW = timedelta(hours=72)  # UK GDPR Art 33(1)
EDUCATIONAL_RECORD_SCHOOL_DAYS = 15  # Education (Pupil Information) (England) Regs 2005 reg 5
COMPLAINT_ACK_DAYS = 30  # DPA 2018 s164A(3), inserted by DUAA 2025 s103
COMPLAINTS_DUTY_IN_FORCE = date(2026, 6, 19)  # SI 2026/82 reg 3

_ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------- one-month rule


def add_months(d: date, months: int) -> date:
    """The corresponding date `months` later, or the last day of that month if there is none."""
    result: date = d + relativedelta(months=months)  # relativedelta clamps 31 Jan -> 28/29 Feb
    return result


def sar_due(received: date, nation: Nation = Nation.ENGLAND) -> date:
    """Last day to answer a subject access (or other one-month rights) request.

    ICO right-of-access guidance: the day of receipt is day one, working day or not; answer by
    the corresponding date next month (3 Sep -> 3 Oct), the last day of next month if there is
    no such date (31 Jan -> 28/29 Feb), and if that is a weekend or bank holiday, by the next
    working day (31 Jan 2026 -> Sat 28 Feb -> Mon 2 Mar 2026).
    """
    return working_day_on_or_after(add_months(received, 1), nation)


def sar_extended_due(start: date, nation: Nation = Nation.ENGLAND) -> date:
    """Deadline after extending a complex or numerous request: three months from the start date.

    ICO right-of-access guidance: "calculate the extension as three months from the original
    start date", with the same month-end and working-day rules. UK GDPR Art 12(3).
    """
    return working_day_on_or_after(add_months(start, 3), nation)


def extension_notice_by(start: date, nation: Nation = Nation.ENGLAND) -> date:
    """Last day to tell the person, with reasons, that the time limit is extended.

    UK GDPR Art 12(3) / Art 12A: within the first month, i.e. by the one-month deadline.
    """
    return sar_due(start, nation)


# --------------------------------------------------------------------------- clock events


class ClockEventKind(LabelledEnum):
    """Something the school asked the requester for, which stops or restarts the clock."""

    ID_AWAITED = ("id_awaited", "Waiting for proof of identity")
    AUTHORITY_AWAITED = ("authority_awaited", "Waiting for proof of authority to act")
    FEE_AWAITED = ("fee_awaited", "Waiting for the fee")
    CLARIFICATION_AWAITED = ("clarification_awaited", "Waiting for clarification")

    @property
    def restarts_clock(self) -> bool:
        """True: the month starts again on receipt. False: the waiting days are added back."""
        # UK GDPR Art 12A: the period runs from the latest of receipt of the request, of the
        # information requested to confirm identity, of the fee; ICO guidance treats a third
        # party's authority like ID. Clarification suspends instead.
        return self is not ClockEventKind.CLARIFICATION_AWAITED


@dataclass(frozen=True)
class ClockEvent:
    """One logged pause: the day the school asked, and the day the answer arrived (if it has)."""

    kind: ClockEventKind
    asked: date
    received: date | None = None

    def __post_init__(self) -> None:
        if self.received is not None and self.received < self.asked:
            raise ValidationError(
                f"{self.kind.label}: the reply ({format_uk_date(self.received)}) cannot be "
                f"before the school asked ({format_uk_date(self.asked)}).",
                "events",
            )

    @property
    def is_open(self) -> bool:
        return self.received is None

    def days(self) -> int:
        """Days from asking to receiving, both included (the days that do not count)."""
        if self.received is None:
            raise ValidationError(f"{self.kind.label}: no reply has been logged yet.", "events")
        return (self.received - self.asked).days + 1


@dataclass(frozen=True)
class ClockResult:
    """Where a rights request's clock stands.

    `start`: the day the month runs from (the day of receipt, or the latest receipt of ID,
    authority or fee). `due` is None while the clock is paused. `days_suspended`: clarification
    days added back. `ignored`: events logged after the deadline had already passed, which
    cannot revive it.
    """

    start: date
    due: date | None
    paused: bool
    extended: bool
    days_suspended: int
    extension_notice_by: date | None
    waiting_for: tuple[ClockEventKind, ...] = ()
    ignored: tuple[ClockEvent, ...] = ()

    @property
    def pause_reason(self) -> str:
        return "; ".join(kind.label for kind in self.waiting_for)


def _clock_due(start: date, months: int, suspended: int, nation: Nation) -> date:
    return working_day_on_or_after(add_months(start, months) + timedelta(days=suspended), nation)


def effective_due(
    received: date,
    events: Iterable[ClockEvent] = (),
    nation: Nation = Nation.ENGLAND,
    extended: bool = False,
) -> ClockResult:
    """A rights request's deadline given the logged clock events.

    Arithmetic (UK GDPR Art 12A, inserted by the Data (Use and Access) Act 2025 s76; ICO
    right-of-access guidance):

    1. The month runs from the *latest* of: the day the request was received; the day
       requested ID arrived; the day a third party's authority arrived; the day a fee arrived.
       While any of these is awaited the clock has not started: `due` is None, `paused` True.
    2. Clarification suspends: "the period beginning with the day on which the controller makes
       the request and ending with the day on which the controller receives the information
       does not count". Those days (asked to answered, both included; overlapping pauses
       counted once; days before the start in (1) ignored) are added to the corresponding date
       before the weekend/bank-holiday roll-forward. While clarification is awaited the due
       date is unknown (`paused` True).
    3. The extension notice period (the first month) is suspended the same way.
    4. An event asked for after the deadline (as it then stood) had passed does not move it:
       it is returned in `ignored` and the request stays overdue.

    Example: received 5 May 2026, clarification asked 7 May, answered 12 May -> 6 days do not
    count -> 5 June + 6 days = Thursday 11 June 2026.
    """
    months = 3 if extended else 1
    ordered = sorted(events, key=lambda e: (e.asked, e.received or date.max, e.kind.value))
    for event in ordered:
        if event.asked < received:
            raise ValidationError(
                f"{event.kind.label}: the school cannot have asked ({format_uk_date(event.asked)})"
                f" before the request was received ({format_uk_date(received)}).",
                "events",
            )

    start = received
    suspended: set[date] = set()
    waiting: list[ClockEventKind] = []
    ignored: list[ClockEvent] = []

    def suspended_since(day: date) -> int:
        return sum(1 for d in suspended if d >= day)

    for event in ordered:
        if not waiting:
            due_so_far = _clock_due(start, months, suspended_since(start), nation)
            if event.asked > due_so_far:
                ignored.append(event)
                continue
        if event.received is None:
            waiting.append(event.kind)
        elif event.kind.restarts_clock:
            start = max(start, event.received)
        else:
            suspended.update(event.asked + timedelta(days=i) for i in range(event.days()))

    days_suspended = suspended_since(start)
    if waiting:
        return ClockResult(
            start=start,
            due=None,
            paused=True,
            extended=extended,
            days_suspended=days_suspended,
            extension_notice_by=None,
            waiting_for=tuple(dict.fromkeys(waiting)),
            ignored=tuple(ignored),
        )
    return ClockResult(
        start=start,
        due=_clock_due(start, months, days_suspended, nation),
        paused=False,
        extended=extended,
        days_suspended=days_suspended,
        extension_notice_by=_clock_due(start, 1, days_suspended, nation),
        ignored=tuple(ignored),
    )


# --------------------------------------------------------------------------- other limits


def educational_record_due(received: date, calendar: SchoolCalendar) -> date:
    """Last day to let a parent see the educational record: the 15th school day after receipt.

    Education (Pupil Information) (England) Regulations 2005 reg 5: "within 15 school days of
    receipt". The day of receipt does not count (a period "of" an event runs from the next
    day); a request received outside term or on a non-school day counts from the next school
    day. School days exclude weekends, bank holidays and INSET/closure days.
    Raises ValidationError if the calendar has no term dates far enough ahead.
    """
    return calendar.school_days_after(received, EDUCATIONAL_RECORD_SCHOOL_DAYS)


def _require_aware(value: datetime, what: str, field: str) -> None:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValidationError(
            f"The {what} has no time zone, so the deadline cannot be worked out safely.", field
        )


def breach_report_due(aware_at: datetime) -> datetime:
    """When the ICO report is due: 72 real hours after the school became aware, London time.

    UK GDPR Art 33(1): "not later than 72 hours after having become aware of it"; the hours
    run through weekends and bank holidays (ICO). Added in UTC, then shown in Europe/London:
    aware Fri 27 Mar 2026 10:00 GMT -> due Mon 30 Mar 2026 11:00 BST (a clock hour is lost).
    Naive datetimes are refused.
    """
    _require_aware(aware_at, "time the school became aware of the breach", "aware_at")
    return (aware_at.astimezone(UTC) + BREACH_REPORT_WINDOW).astimezone(LONDON)


def complaint_ack_due(received: date, nation: Nation = Nation.ENGLAND) -> date:
    """Last day to acknowledge a data protection complaint.

    DPA 2018 s164A(3) (DUAA 2025 s103, in force 19 June 2026): within 30 days. ICO complaints
    guidance: the 30 days start the day after receipt, and a deadline on a weekend or public
    holiday moves to the next working day. Received Fri 5 June 2026 -> day 30 is Sun 5 July
    -> due Mon 6 July 2026.
    """
    return working_day_on_or_after(received + timedelta(days=COMPLAINT_ACK_DAYS), nation)


# --------------------------------------------------------------------------- the feed


class DeadlineKind(LabelledEnum):
    SUBJECT_ACCESS = ("subject_access", "Subject access response")
    SUBJECT_ACCESS_EXTENDED = ("subject_access_extended", "Subject access response (extended)")
    EXTENSION_NOTICE = ("extension_notice", "Tell the requester about the extension")
    RIGHTS_REQUEST = ("rights_request", "Rights request response")
    EDUCATIONAL_RECORD = ("educational_record", "Educational record access")
    BREACH_REPORT = ("breach_report", "Report the breach to the ICO")
    COMPLAINT_ACK = ("complaint_ack", "Acknowledge the complaint")
    COMPLAINT_OUTCOME = ("complaint_outcome", "Tell the complainant the outcome")
    BREACH_REVIEW = ("breach_review", "Hold the breach review meeting")
    CONSENT_TASK = ("consent_task", "Consent withdrawal follow-up")
    CONSENT_RENEWAL = ("consent_renewal", "Consents to renew")
    OTHER = ("other", "Deadline")


class DeadlineStatus(LabelledEnum):
    OVERDUE = ("overdue", "Overdue")
    DUE_TODAY = ("due_today", "Due today")
    UPCOMING = ("upcoming", "Upcoming")
    PAUSED = ("paused", "Paused")
    MET = ("met", "Met")


def london_now() -> datetime:
    """The current time in Europe/London, time-zone aware."""
    return datetime.now(LONDON)


def _london_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _deadline_instant(due: date) -> datetime:
    """The moment a deadline passes, in UTC: a date deadline lasts until midnight at its end.

    Always UTC: Python compares and subtracts two datetimes that share a tzinfo by their wall
    clock, which is wrong across a clock change.
    """
    if isinstance(due, datetime):
        return due.astimezone(UTC)
    return datetime.combine(due + _ONE_DAY, time(0), tzinfo=LONDON).astimezone(UTC)


@dataclass(frozen=True)
class Deadline:
    """One promise the school must keep. Status is derived from `now`, never stored.

    `ref` says whose it is: the reference id of the request, breach or complaint (never a
    name). `label` is short display text and must not contain personal data. `due` is a date
    (last day allowed) or an aware datetime (breach report); None only while paused.
    """

    kind: DeadlineKind
    ref: str
    due: date | datetime | None
    label: str = ""
    met_at: date | datetime | None = None
    paused: bool = False
    pause_reason: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.due, datetime):
            _require_aware(self.due, "deadline", "due")
        if isinstance(self.met_at, datetime):
            _require_aware(self.met_at, "time the deadline was met", "met_at")
        if self.due is None and not self.paused and self.met_at is None:
            raise ValidationError("A deadline needs a due date unless it is paused.", "due")

    @classmethod
    def from_clock(cls, kind: DeadlineKind, ref: str, clock: ClockResult, label: str = "") -> Deadline:
        return cls(kind, ref, clock.due, label, paused=clock.paused, pause_reason=clock.pause_reason)

    @property
    def title(self) -> str:
        return self.label or self.kind.label

    def status(self, now: datetime) -> DeadlineStatus:
        _require_aware(now, "current time", "now")
        if self.met_at is not None:
            return DeadlineStatus.MET
        if self.paused or self.due is None:
            return DeadlineStatus.PAUSED
        if now.astimezone(UTC) >= _deadline_instant(self.due):
            return DeadlineStatus.OVERDUE
        if _london_date(now) == _due_date(self.due):
            return DeadlineStatus.DUE_TODAY
        return DeadlineStatus.UPCOMING

    def describe(self, now: datetime) -> str:
        """'3 days left', 'due today', 'overdue by 2 days', 'Paused: ...' or 'Met'."""
        status = self.status(now)
        if status is DeadlineStatus.MET:
            return "Met"
        if status is DeadlineStatus.PAUSED or self.due is None:
            return f"Paused: {self.pause_reason}" if self.pause_reason else "Paused"
        return describe_time_left(self.due, now)


def _due_date(due: date) -> date:
    return _london_date(due) if isinstance(due, datetime) else due


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{_plural(days, 'day')} {hours} h" if hours else _plural(days, "day")
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


def describe_time_left(due: date | datetime, now: datetime) -> str:
    """Time left in plain UK English: '3 days left', 'due today', 'overdue by 1 day',
    '5 h 12 min left', 'overdue by 1 h 5 min'. Dates count whole days in London; datetimes
    count real time, rounded down so the time left is never overstated."""
    _require_aware(now, "current time", "now")
    if isinstance(due, datetime):
        _require_aware(due, "deadline", "due")
        left = due.astimezone(UTC) - now.astimezone(UTC)  # real time, not wall-clock time
        if left >= timedelta(0):
            if left < timedelta(minutes=1):
                return "less than a minute left"
            return f"{_span(left)} left"
        late = -left
        if late < timedelta(minutes=1):
            return "overdue by less than a minute"
        return f"overdue by {_span(late)}"
    days = (due - _london_date(now)).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"{_plural(days, 'day')} left"
    return f"overdue by {_plural(-days, 'day')}"


def format_due(due: date | datetime) -> str:
    """'Mon 2 Mar 2026', or 'Mon 30 Mar 2026 11:00' for a time (London)."""
    if isinstance(due, datetime):
        local = due.astimezone(LONDON) if due.tzinfo is not None else due
        return f"{local:%a} {local.day} {local:%b %Y %H:%M}"
    return f"{due:%a} {due.day} {due:%b %Y}"


_GROUP = {
    DeadlineStatus.OVERDUE: 0,
    DeadlineStatus.DUE_TODAY: 1,
    DeadlineStatus.UPCOMING: 2,
    DeadlineStatus.PAUSED: 3,
}
_KIND_ORDER = {kind: i for i, kind in enumerate(DeadlineKind)}


def needs_attention(now: datetime, items: Iterable[Deadline], horizon_days: int = 7) -> list[Deadline]:
    """What the DPO must look at, most urgent first.

    Overdue (most overdue first), then due today, then upcoming within `horizon_days` days
    (soonest first), then paused items. Met items and items further off are left out. A date
    deadline is treated as passing at midnight at the end of its day (London).
    """
    _require_aware(now, "current time", "now")
    if horizon_days < 0:
        raise ValidationError("The look-ahead cannot be negative.", "horizon_days")
    horizon = _london_date(now) + timedelta(days=horizon_days)
    far_future = datetime.max.replace(tzinfo=UTC)

    keyed: list[tuple[int, datetime, int, str, int, Deadline]] = []
    for index, item in enumerate(items):
        status = item.status(now)
        if status is DeadlineStatus.MET:
            continue
        if status is DeadlineStatus.UPCOMING and item.due is not None:
            if _due_date(item.due) > horizon:
                continue
        instant = _deadline_instant(item.due) if item.due is not None else far_future
        keyed.append((_GROUP[status], instant, _KIND_ORDER[item.kind], item.ref, index, item))
    keyed.sort(key=lambda k: k[:5])
    return [k[5] for k in keyed]
