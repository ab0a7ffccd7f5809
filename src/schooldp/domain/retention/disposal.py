"""Disposal of records: what, which activity, how much, how, who and when (policy sections 7.2
and 16: secure disposal; a contractor must give guarantees, so its certificate is kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from schooldp.domain.errors import ValidationError

__all__ = ["Disposal", "DisposalMethod"]


class DisposalMethod(Enum):
    SHREDDED = "shredded"
    INCINERATED = "incinerated"
    DELETED = "deleted"
    RETURNED = "returned"
    CONTRACTOR = "contractor"

    @property
    def label(self) -> str:
        return {
            DisposalMethod.SHREDDED: "Shredded on site",
            DisposalMethod.INCINERATED: "Incinerated",
            DisposalMethod.DELETED: "Deleted or overwritten (electronic)",
            DisposalMethod.RETURNED: "Returned to the owner or supplier",
            DisposalMethod.CONTRACTOR: "Destroyed by a contractor",
        }[self]


@dataclass(frozen=True)
class Disposal:
    what: str
    activity_key: str
    volume: str
    method: DisposalMethod
    disposed_on: date
    disposed_by: str
    contractor: str = ""
    certificate_name: str = ""
    notes: str = ""
    id: int | None = None

    def validate(self, today: date) -> None:
        if not self.what.strip():
            raise ValidationError("Say what was disposed of (no names: describe the records).", "what")
        if not self.volume.strip():
            raise ValidationError("Say how much (boxes, files, records).", "volume")
        if not self.disposed_by.strip():
            raise ValidationError("Say who disposed of the records.", "disposed_by")
        if self.disposed_on > today:
            raise ValidationError("The disposal date cannot be in the future.", "disposed_on")
        # Policy 16: a third party must give sufficient guarantees; name it.
        if self.method is DisposalMethod.CONTRACTOR and not self.contractor.strip():
            raise ValidationError("Name the contractor who destroyed the records.", "contractor")

    @property
    def certificate_missing(self) -> bool:
        """Policy 16: a contractor's destruction certificate is the school's evidence."""
        return self.method is DisposalMethod.CONTRACTOR and not self.certificate_name
