"""What a request letter is made of: the plan the DPO edits, and the parts a letter type adds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from schooldp.documents import uk_date
from schooldp.documents.letter_type import LetterType
from schooldp.domain.school import SchoolProfile
from schooldp.services.letters import Recipient
from schooldp.services.requests.views import RequestDetail


@dataclass(frozen=True)
class LetterField:
    """A letter field the DPO may edit before the letter is rendered."""

    key: str
    label: str
    multiline: bool = True


@dataclass(frozen=True)
class LetterPlan:
    """A letter for a request, ready to edit, render and record."""

    letter_type: LetterType
    recipient: Recipient
    address: tuple[str, ...]
    salutation: str
    fields: Mapping[str, str]
    editable: tuple[LetterField, ...] = ()
    file_stem: str = ""


@dataclass(frozen=True)
class Addressee:
    recipient: Recipient
    address: tuple[str, ...]
    salutation: str


@dataclass(frozen=True)
class LetterParts:
    """What one letter type adds to the common fields: its own fields, the editable ones, and
    (only if it is not the requester) who it goes to."""

    fields: Mapping[str, str] = field(default_factory=dict)
    editable: tuple[LetterField, ...] = ()
    addressee: Addressee | None = None


# Each letter type's module defines `build(record, profile, today) -> LetterParts`.
LetterBuilder = Callable[[RequestDetail, SchoolProfile, date], LetterParts]


def common_fields(d: RequestDetail) -> dict[str, str]:
    """Fields every request letter starts with."""
    s = d.summary
    return {
        "request_title": s.request_type.label,
        "legal_basis": s.request_type.legal_basis.split(";")[0],
        "received_date": uk_date(s.received_on),
        "request_summary": s.description,
        "reference_text": s.reference,
    }


def requester_addressee(d: RequestDetail, salutation: str = "") -> Addressee:
    """The requester, saluted by title and surname when the school knows them ("Mrs Ahmed")."""
    req = d.summary.requester
    return Addressee(
        Recipient(req.name, req.kind, str(req.id or "")),
        req.address or ((req.email,) if req.email else ()),
        salutation or req.name,
    )


def plan_letter(
    d: RequestDetail,
    letter_type: LetterType,
    parts: LetterParts,
    salutation: str = "",
) -> LetterPlan:
    """The letter's plan: the common fields, then the type's own parts."""
    addressee = parts.addressee or requester_addressee(d, salutation)
    kind = letter_type.title.split(":")[-1].strip()
    return LetterPlan(
        letter_type=letter_type,
        recipient=addressee.recipient,
        address=addressee.address,
        salutation=addressee.salutation,
        fields={**common_fields(d), **parts.fields},
        editable=parts.editable,
        file_stem=f"{d.summary.reference} {kind}",
    )


def replace_fields(plan: LetterPlan, **values: str) -> LetterPlan:
    fields = dict(plan.fields)
    fields.update(values)
    return replace(plan, fields=fields)
