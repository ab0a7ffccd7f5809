"""One processing activity of the school's record (UK GDPR Art 30(1); policy section 14)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from schooldp.domain.errors import ValidationError
from schooldp.domain.records.bases import CriminalCondition, LawfulBasis, Schedule1Condition, SpecialCondition
from schooldp.domain.records.subjects import DataSubject

__all__ = ["RETENTION_GUIDANCE", "ProcessingActivity", "Retention"]

# Policy 7.2 and 16: the school sets its own schedule; published guidance is cited, not copied.
RETENTION_GUIDANCE = (
    "Set by the school. Guidance: the IRMS Information Management Toolkit for Schools (irms.org.uk, "
    "copyright IRMS) and the DfE's 'Data protection in schools' guidance (gov.uk)."
)


@dataclass(frozen=True)
class Retention:
    """How long: a trigger plus a period ("date of birth" + "25 years"), and where the rule comes from."""

    trigger: str = ""
    period: str = ""
    source: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.trigger.strip() and self.period.strip())

    @property
    def text(self) -> str:
        if not self.is_set:
            return "Not set yet"
        return f"{self.trigger.strip()} + {self.period.strip()}"


@dataclass(frozen=True)
class ProcessingActivity:
    """An Art 30(1) entry, with what schools add: bases, conditions, source, systems, owner."""

    key: str
    name: str
    purpose: str
    subjects: tuple[DataSubject, ...]
    data_categories: tuple[str, ...]
    lawful_basis: LawfulBasis
    legal_reference: str = ""
    special_categories: tuple[str, ...] = ()
    special_condition: SpecialCondition | None = None
    schedule1_condition: Schedule1Condition | None = None
    criminal_data: bool = False
    criminal_condition: CriminalCondition | None = None
    source: str = ""
    systems: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    transfers: str = ""
    transfer_safeguards: str = ""
    retention: Retention = Retention()
    security: str = ""
    dpia: str = ""
    owner_role: str = ""
    reviewed_on: date | None = None
    active: bool = True
    id: int | None = None
    version: int = 0
    # As read; a save from an older read is refused. Not part of what the record says.
    row_version: int | None = field(default=None, compare=False)

    def validate(self) -> None:
        """Raise ValidationError for a gap the law does not allow (the record must be complete)."""
        if not self.name.strip():
            raise ValidationError("Give the activity a name.", "name")
        if not self.purpose.strip():
            raise ValidationError("Say why the school does this (Art 30(1)(b)).", "purpose")
        if not self.subjects:
            raise ValidationError("Choose whose data this is about (Art 30(1)(c)).", "subjects")
        if not self.data_categories and not self.special_categories:
            raise ValidationError("List the kinds of data used (Art 30(1)(c)).", "data_categories")
        # Art 9(1): special category data needs an Art 9(2) condition as well as an Art 6 basis.
        if self.special_categories and self.special_condition is None:
            raise ValidationError("Special category data needs an Article 9 condition.", "special_condition")
        # DPA 2018 s10(2)-(3): some Art 9 conditions need a Schedule 1 condition too.
        if self.special_condition is not None and self.special_condition.needs_schedule_1:
            if self.schedule1_condition is None:
                raise ValidationError(
                    f"{self.special_condition.article} needs a DPA 2018 Schedule 1 condition as well.",
                    "schedule1_condition",
                )
        # Art 10 and DPA 2018 s10(5): criminal offence data needs a Schedule 1 condition.
        if self.criminal_data and self.criminal_condition is None:
            raise ValidationError(
                "Criminal offence data needs a condition (Article 10).", "criminal_condition"
            )
        # Art 30(1)(e): transfers outside the UK are recorded with their safeguards.
        if self.transfers.strip() and not self.transfer_safeguards.strip():
            raise ValidationError(
                "Say what safeguards cover the transfer outside the UK.", "transfer_safeguards"
            )

    def gaps(self) -> tuple[str, ...]:
        """What the DPO should still fill in; allowed, but shown (policy 14: keep the record complete)."""
        found: list[str] = []
        if not self.retention.is_set:
            found.append("retention period")
        if not self.security.strip():
            found.append("security measures")
        if not self.owner_role.strip():
            found.append("owner")
        if not self.systems:
            found.append("where it is held")
        return tuple(found)

    def concerns(self, subject: DataSubject) -> bool:
        return subject in self.subjects

    @property
    def has_special_data(self) -> bool:
        return bool(self.special_categories)

    @property
    def transfers_abroad(self) -> bool:
        return bool(self.transfers.strip())
