"""Organisations the school shares with or uses: controllers, joint controllers and processors.

Processors need a contract with the Art 28(3) particulars (policy section 8: contracts and due
diligence with every supplier); other controllers are recorded with any data sharing agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import Enum

from schooldp.domain.errors import ValidationError

__all__ = ["AgreementKind", "Art28Particulars", "OrgRole", "Organisation", "REVIEW_WARNING_DAYS"]

REVIEW_WARNING_DAYS = 60
"""How far ahead a contract or agreement review shows on the dashboard (policy 14: regular reviews)."""


class OrgRole(Enum):
    CONTROLLER = "controller"
    JOINT_CONTROLLER = "joint_controller"
    PROCESSOR = "processor"

    @property
    def label(self) -> str:
        return {
            OrgRole.CONTROLLER: "Controller (we share with them)",
            OrgRole.JOINT_CONTROLLER: "Joint controller (Art 26)",
            OrgRole.PROCESSOR: "Processor (acts for us, Art 28)",
        }[self]

    @property
    def short(self) -> str:
        return {
            OrgRole.CONTROLLER: "Controller",
            OrgRole.JOINT_CONTROLLER: "Joint controller",
            OrgRole.PROCESSOR: "Processor",
        }[self]


class AgreementKind(Enum):
    CONTRACT = "contract"
    DATA_SHARING_AGREEMENT = "dsa"
    JOINT_ARRANGEMENT = "joint"
    STATUTORY = "statutory"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            AgreementKind.CONTRACT: "Contract with data processing terms",
            AgreementKind.DATA_SHARING_AGREEMENT: "Data sharing agreement",
            AgreementKind.JOINT_ARRANGEMENT: "Joint controller arrangement (Art 26)",
            AgreementKind.STATUTORY: "Sharing required by law (no agreement needed)",
            AgreementKind.NONE: "None yet",
        }[self]


@dataclass(frozen=True)
class Art28Particulars:
    """What a processor contract must set out (UK GDPR Art 28(3), first sentence)."""

    subject_matter: str = ""
    duration: str = ""
    nature_and_purpose: str = ""
    data_types: str = ""
    subject_categories: str = ""
    return_or_destruction: str = ""

    LABELS = {
        "subject_matter": "Subject matter of the processing",
        "duration": "Duration of the processing",
        "nature_and_purpose": "Nature and purpose of the processing",
        "data_types": "Type of personal data",
        "subject_categories": "Categories of data subject",
        "return_or_destruction": "Return or destruction of the data at the end",
    }

    def missing(self) -> tuple[str, ...]:
        return tuple(self.LABELS[f.name] for f in fields(self) if not str(getattr(self, f.name)).strip())

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple((self.LABELS[f.name], str(getattr(self, f.name))) for f in fields(self))


@dataclass(frozen=True)
class Organisation:
    name: str
    role: OrgRole
    description: str = ""
    contact: str = ""
    agreement: AgreementKind = AgreementKind.NONE
    agreement_date: date | None = None
    review_date: date | None = None
    particulars: Art28Particulars = Art28Particulars()
    due_diligence: str = ""
    transfers: str = ""
    transfer_safeguards: str = ""
    evidence_name: str = ""
    active: bool = True
    id: int | None = None
    version: int = 0
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def validate(self) -> None:
        if not self.name.strip():
            raise ValidationError("Give the organisation's name.", "name")
        if self.agreement_date and self.review_date and self.review_date < self.agreement_date:
            raise ValidationError("The review date is before the agreement date.", "review_date")
        # Art 44-46: a transfer outside the UK needs adequacy regulations or appropriate safeguards.
        if self.transfers.strip() and not self.transfer_safeguards.strip():
            raise ValidationError(
                "Say what safeguards cover the transfer outside the UK.", "transfer_safeguards"
            )

    def gaps(self) -> tuple[str, ...]:
        """Shown to the DPO; a processor without the Art 28(3) particulars is a gap to close."""
        found: list[str] = []
        if self.role is OrgRole.PROCESSOR:
            found.extend(self.particulars.missing())
            if self.agreement is not AgreementKind.CONTRACT:
                found.append("a written contract (Art 28(3))")
            if not self.due_diligence.strip():
                found.append("due diligence (policy 8: sufficient guarantees)")
        if self.agreement is not AgreementKind.STATUTORY and self.review_date is None:
            found.append("review date")
        return tuple(found)

    def review_due(self, today: date, warning_days: int = REVIEW_WARNING_DAYS) -> bool:
        return (
            self.active
            and self.review_date is not None
            and self.review_date <= today + timedelta(warning_days)
        )
