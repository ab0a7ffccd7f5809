"""The school's data protection documents and the yearly accountability review (policy sections
14 and 19; the ICO's accountability framework)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from schooldp.domain.errors import ValidationError
from schooldp.domain.retention.periods import add_months

__all__ = [
    "ACCOUNTABILITY_CATEGORIES",
    "DEFAULT_DOCUMENTS",
    "AccountabilityCategory",
    "CheckState",
    "CheckEntry",
    "PolicyDocument",
    "ReviewState",
]

REVIEW_SOON_DAYS = 30


class ReviewState(Enum):
    NOT_APPROVED = "not approved yet"
    IN_DATE = "in date"
    DUE_SOON = "review due soon"
    OVERDUE = "review overdue"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class PolicyDocument:
    title: str
    version: str = ""
    approver_role: str = "Headteacher"
    approved_by: str = ""
    approved_on: date | None = None
    review_months: int = 12
    next_review: date | None = None
    notes: str = ""
    id: int | None = None
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def validate(self) -> None:
        if not self.title.strip():
            raise ValidationError("Give the document a title.", "title")
        if self.approved_on is not None and not self.approved_by.strip():
            raise ValidationError("Say who approved it.", "approved_by")
        if not 1 <= self.review_months <= 60:
            raise ValidationError("Review between every month and every five years.", "review_months")

    def due_on(self) -> date | None:
        """Policy 19: reviewed annually; the next review falls `review_months` after approval unless set."""
        if self.next_review is not None:
            return self.next_review
        return add_months(self.approved_on, self.review_months) if self.approved_on else None

    def state(self, today: date) -> ReviewState:
        due = self.due_on()
        if self.approved_on is None or due is None:
            return ReviewState.NOT_APPROVED
        if due < today:
            return ReviewState.OVERDUE
        if due <= today + timedelta(days=REVIEW_SOON_DAYS):
            return ReviewState.DUE_SOON
        return ReviewState.IN_DATE


DEFAULT_DOCUMENTS = (
    PolicyDocument(
        "Data protection policy", notes="Reviewed annually and approved by the headteacher (policy 19)."
    ),
    PolicyDocument("Privacy notices", approver_role="DPO", notes="Generated from the record of processing."),
    PolicyDocument("Retention schedule", notes="Policy sections 7.2 and 16."),
    PolicyDocument("CCTV policy"),
    PolicyDocument("Acceptable use policy (staff and pupils)"),
    PolicyDocument(
        "Artificial intelligence (AI) policy",
        notes="Policy section 13: no personal data in unauthorised AI tools.",
    ),
)


@dataclass(frozen=True)
class AccountabilityCategory:
    key: str
    title: str
    asks: str


ACCOUNTABILITY_CATEGORIES = (
    AccountabilityCategory(
        "leadership", "Leadership and oversight", "A DPO in post with resources; reporting to governors."
    ),
    AccountabilityCategory(
        "policies", "Policies and procedures", "Policies approved, communicated and reviewed."
    ),
    AccountabilityCategory(
        "training", "Training and awareness", "Induction and refresher training with attendance kept."
    ),
    AccountabilityCategory(
        "rights", "Individuals' rights", "Requests recognised, logged and answered in time."
    ),
    AccountabilityCategory(
        "transparency", "Transparency", "Privacy notices that are clear, current and published."
    ),
    AccountabilityCategory(
        "ropa", "Records of processing and lawful basis", "An Art 30 record with lawful bases and conditions."
    ),
    AccountabilityCategory(
        "contracts", "Contracts and data sharing", "Art 28 contracts and sharing agreements in place."
    ),
    AccountabilityCategory(
        "risks", "Risks and data protection impact assessments", "DPIAs screened, done and reviewed."
    ),
    AccountabilityCategory(
        "records_security",
        "Records management and security",
        "A retention schedule followed; secure disposal logged.",
    ),
    AccountabilityCategory(
        "breaches", "Breach response and monitoring", "Breaches logged, assessed and reported in 72 hours."
    ),
)
"""The ten categories of the ICO's accountability framework (ico.org.uk), as yearly headings."""


class CheckState(Enum):
    NOT_STARTED = "not started"
    PARTLY = "partly met"
    MET = "met"
    NOT_MET = "not met"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class CheckEntry:
    """The school's own evidence against one category for one year."""

    year: int
    category: str
    state: CheckState = CheckState.NOT_STARTED
    evidence: str = ""
    actions: str = ""
    checked_by: str = ""
    checked_on: date | None = None
