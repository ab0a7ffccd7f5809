"""What the DPO knows about a breach (`BreachFacts`) and the same breach before mitigation."""

from __future__ import annotations

from dataclasses import dataclass, replace

from schooldp.domain.breach.kinds import (
    AffectedGroup,
    Cause,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.errors import ValidationError

# SchoolDP: a restore within 24 clock hours counts as "recovered without difficulty" (ENISA
# availability 0); a slower restore is "temporary unavailability" (ENISA availability 0.25).
PROMPT_RESTORE_HOURS = 24.0


@dataclass(frozen=True)
class BreachFacts:
    """What the DPO knows about a breach, in answers they can give.

    Mitigations (things that lower the likelihood of harm) are: `unintelligible`, recipients
    `TRUSTED_CONFIRMED_DELETION`, `backup_restored` (with `hours_to_restore`), exfiltration
    `RULED_OUT` and `containment_achieved`. `cause` does not change the score; it selects
    containment actions and feeds trend reviews.
    """

    data_categories: frozenset[DataCategory]
    affected_groups: frozenset[AffectedGroup]
    children_or_vulnerable: bool = False
    approx_people: int | None = None
    approx_records: int | None = None
    confidentiality_lost: bool = False
    integrity_lost: bool = False
    availability_lost: bool = False
    malicious: bool = False
    recipients: Recipients = Recipients.UNKNOWN
    unintelligible: Unintelligibility = Unintelligibility.NO
    backup_restored: bool = False
    hours_to_restore: float | None = None
    exfiltration: Exfiltration = Exfiltration.UNKNOWN
    containment_achieved: bool = False
    identifiability: Identifiability = Identifiability.FULL
    about_living_people: bool = True
    cause: Cause | None = None
    deliberate_insider: bool = False  # a member of staff took or used the data on purpose

    def __post_init__(self) -> None:
        # Accept any iterable of members so callers can pass sets or lists.
        object.__setattr__(self, "data_categories", frozenset(self.data_categories))
        object.__setattr__(self, "affected_groups", frozenset(self.affected_groups))
        self._validate()

    def _validate(self) -> None:
        self._validate_data_and_people()
        self._validate_losses()

    def _validate_data_and_people(self) -> None:
        _check_choices(
            self.data_categories,
            DataCategory,
            "data_categories",
            "Choose at least one kind of data involved, for example names or health.",
            "One of the kinds of data is not recognised.",
        )
        _check_choices(
            self.affected_groups,
            AffectedGroup,
            "affected_groups",
            "Choose who is affected: pupils, parents and carers, staff or others.",
            "One of the groups affected is not recognised.",
        )
        for name, value in (("approx_people", self.approx_people), ("approx_records", self.approx_records)):
            if value is not None and value < 0:
                raise ValidationError("A number of people or records cannot be below zero.", name)
        if self.approx_people == 0:
            raise ValidationError(
                "If no person's data was involved it is not a personal data breach; "
                "record it as a near miss instead.",
                "approx_people",
            )

    def _validate_losses(self) -> None:
        if not (self.confidentiality_lost or self.integrity_lost or self.availability_lost):
            raise ValidationError(
                "Say what was lost: the data was seen by someone who should not have seen it, "
                "changed, or could not be reached. If none of these happened, record a near miss.",
                "confidentiality_lost",
            )
        if self.hours_to_restore is not None:
            if self.hours_to_restore < 0:
                raise ValidationError("Hours to restore cannot be below zero.", "hours_to_restore")
            if not self.backup_restored:
                raise ValidationError(
                    "Hours to restore are given, but the data is not marked as restored from backup.",
                    "hours_to_restore",
                )
        if self.backup_restored and not (self.integrity_lost or self.availability_lost):
            raise ValidationError(
                "A restore from backup only applies when data was changed or could not be reached.",
                "backup_restored",
            )
        if self.exfiltration is Exfiltration.CONFIRMED and not self.confidentiality_lost:
            raise ValidationError(
                "If the data was copied out or accessed, someone saw it: mark confidentiality as lost.",
                "exfiltration",
            )

    @property
    def deliberate(self) -> bool:
        """Done on purpose: by an outsider (theft, hacking) or by a member of staff."""
        return self.malicious or self.deliberate_insider

    @property
    def vulnerable(self) -> bool:
        """Children or vulnerable people affected; pupils always count (DOMAIN: pupils are
        children, so vulnerable)."""
        return self.children_or_vulnerable or AffectedGroup.PUPILS in self.affected_groups

    @property
    def promptly_restored(self) -> bool:
        return (
            self.backup_restored
            and self.hours_to_restore is not None
            and self.hours_to_restore <= PROMPT_RESTORE_HOURS
        )


def _check_choices(chosen: frozenset[object], kind: type, field: str, if_none: str, if_unknown: str) -> None:
    """At least one answer, each one from the offered list."""
    if not chosen:
        raise ValidationError(if_none, field)
    if any(not isinstance(c, kind) for c in chosen):
        raise ValidationError(if_unknown, field)


def without_mitigations(facts: BreachFacts) -> BreachFacts:
    """The same breach as if nothing had yet been done about it (Policy App 1 step 5, "before").

    Steps taken after the breach are removed: confirmed deletion (recipients become KNOWN),
    the restore from backup, containment, and an exfiltration finding of RULED_OUT (back to
    UNKNOWN, as before the investigation). Encryption stays: it was in place before the breach.
    """
    recipients = facts.recipients
    if recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        recipients = Recipients.KNOWN
    exfiltration = facts.exfiltration
    if exfiltration is Exfiltration.RULED_OUT:
        exfiltration = Exfiltration.UNKNOWN
    return replace(
        facts,
        recipients=recipients,
        exfiltration=exfiltration,
        backup_restored=False,
        hours_to_restore=None,
        containment_achieved=False,
    )
