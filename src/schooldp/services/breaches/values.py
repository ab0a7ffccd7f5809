"""The breach register's value objects: what the service takes in and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from schooldp.domain.breach import BreachStep, Cause, DataCategory, TriageData
from schooldp.domain.breach.reporting import ICO_REPORT_NOT_MADE, REFERENCE_NOT_YET_GIVEN, IcoMethod
from schooldp.domain.deadlines import LONDON, breach_report_due
from schooldp.flows.breach_triage import BreachTriageFlow
from schooldp.services.breaches.countdown import Countdown


class IcoReportKind(Enum):
    INITIAL = "initial"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return {IcoReportKind.INITIAL: "Initial report", IcoReportKind.FOLLOW_UP: "Follow-up report"}[self]


@dataclass(frozen=True)
class BreachReport:
    """The short "Report a breach" form: enough to start the 72-hour clock."""

    title: str
    reported_by: str
    aware_at: datetime
    how_found: str
    what_happened: str
    occurred_at: datetime | None = None
    systems_involved: str = ""
    dpo_notified_at: datetime | None = None


@dataclass(frozen=True)
class StepStamp:
    step: BreachStep
    completed_at: datetime
    account_name: str


@dataclass(frozen=True)
class IcoSubmission:
    """A report made to the ICO, as the DPO recorded it (Policy App 1)."""

    kind: IcoReportKind
    submitted_at: datetime
    ico_reference: str = ""
    delay_reason: str = ""
    notes: str = ""
    method: IcoMethod | None = None
    made_by: str = ""
    reference_pending: bool = False  # the ICO has not given a case reference yet

    @property
    def reference_text(self) -> str:
        return self.ico_reference or REFERENCE_NOT_YET_GIVEN


@dataclass(frozen=True)
class BreachRecord:
    """One breach as the wizard and the printouts see it."""

    id: int
    reference: str
    status: str  # open / closed
    created_at: datetime
    triage: TriageData
    stamps: dict[BreachStep, StepStamp]  # latest completion of each step
    history: tuple[StepStamp, ...]  # every completion, oldest first
    ico_reports: tuple[IcoSubmission, ...]
    affected_pupils: tuple[int, ...]
    affected_staff: tuple[int, ...]
    decided_at: datetime | None = None
    decided_by: str = ""
    row_version: int = 1  # the version read; hand it back when saving (`services.versions`)

    @property
    def done(self) -> frozenset[BreachStep]:
        return frozenset(self.stamps)

    @property
    def resume_step(self) -> BreachStep | None:
        return BreachTriageFlow().resume_page(self.triage, self.done)

    @property
    def due_at(self) -> datetime:
        assert self.triage.aware_at is not None
        return breach_report_due(self.triage.aware_at)

    @property
    def initial_report(self) -> IcoSubmission | None:
        initial = [r for r in self.ico_reports if r.kind is IcoReportKind.INITIAL]
        return initial[0] if initial else None

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def ico_report_due(self) -> bool:
        """A report may be needed (decided, or not yet decided) and none has been recorded."""
        t = self.triage
        if t.is_near_miss or (t.decision is not None and not t.decision.report_to_ico):
            return False
        return self.initial_report is None

    @property
    def reference_missing(self) -> bool:
        """Reported, but the ICO has not given its case reference yet: chase it."""
        return any(r.reference_pending and not r.ico_reference for r in self.ico_reports) and not any(
            r.ico_reference for r in self.ico_reports
        )

    @property
    def ico_status(self) -> str:
        """One line for the register, the dashboard and the decision record."""
        t = self.triage
        if t.is_near_miss:
            return "Not needed (near miss)"
        if t.decision is not None and not t.decision.report_to_ico:
            return "Not reported (DPO's decision)"
        initial = self.initial_report
        if initial is None:
            return ICO_REPORT_NOT_MADE
        ref = next((r.ico_reference for r in self.ico_reports if r.ico_reference), "")
        local = initial.submitted_at.astimezone(LONDON)
        return f"Reported {local.day} {local:%b %Y %H:%M}, ICO reference {ref or REFERENCE_NOT_YET_GIVEN}"


@dataclass(frozen=True)
class RegisterRow:
    id: int
    reference: str
    title: str
    status: str  # open / closed
    stage: str  # "Step 4: Containment", "Closed", "Closed (near miss)"
    aware_at: datetime
    countdown: Countdown
    reportable: bool | None  # the DPO's decision; None until decided
    reported_at: datetime | None
    ico_reference: str
    band: str
    cause: Cause | None
    categories: frozenset[DataCategory]
    approx_people: int | None
    near_miss: bool
    closed_at: datetime | None
    ico_status: str = ""  # "ICO report not made", "Reported ..., ICO reference ..."

    @property
    def status_label(self) -> str:
        return "Closed" if self.status == "closed" else "Open"

    @property
    def reportable_label(self) -> str:
        if self.near_miss:
            return "No (near miss)"
        if self.reportable is None:
            return "Not decided"
        if self.reportable and self.reported_at is None:
            return f"Yes: {ICO_REPORT_NOT_MADE}"
        return "Yes" if self.reportable else "No"

    @property
    def year(self) -> int:
        return self.aware_at.astimezone(LONDON).year


@dataclass(frozen=True)
class Trends:
    """Policy App 1: "regularly assess recorded breaches and identify trends"."""

    total: int
    by_month: list[tuple[str, int]]  # "Sep 2025", oldest first, every month in range
    by_cause: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    reported: int
    not_reported: int
    undecided: int
    near_misses: int
    start: date
    end: date
