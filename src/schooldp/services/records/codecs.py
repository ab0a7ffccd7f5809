"""Record entries to and from the JSON kept in the vault (current body and every history body)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from schooldp.domain.records import (
    AgreementKind,
    Art28Particulars,
    CriminalCondition,
    DataSubject,
    LawfulBasis,
    Organisation,
    OrgRole,
    ProcessingActivity,
    Retention,
    Schedule1Condition,
    SpecialCondition,
)

__all__ = [
    "activity_from_dict",
    "activity_to_dict",
    "dumps",
    "organisation_from_dict",
    "organisation_to_dict",
]


def dumps(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def activity_to_dict(a: ProcessingActivity) -> dict[str, Any]:
    return {
        "key": a.key,
        "name": a.name,
        "purpose": a.purpose,
        "subjects": [s.value for s in a.subjects],
        "data_categories": list(a.data_categories),
        "lawful_basis": a.lawful_basis.value,
        "legal_reference": a.legal_reference,
        "special_categories": list(a.special_categories),
        "special_condition": a.special_condition.value if a.special_condition else None,
        "schedule1_condition": a.schedule1_condition.value if a.schedule1_condition else None,
        "criminal_data": a.criminal_data,
        "criminal_condition": a.criminal_condition.value if a.criminal_condition else None,
        "source": a.source,
        "systems": list(a.systems),
        "recipients": list(a.recipients),
        "transfers": a.transfers,
        "transfer_safeguards": a.transfer_safeguards,
        "retention": {
            "trigger": a.retention.trigger,
            "period": a.retention.period,
            "source": a.retention.source,
        },
        "security": a.security,
        "dpia": a.dpia,
        "owner_role": a.owner_role,
        "reviewed_on": _iso(a.reviewed_on),
        "active": a.active,
    }


def activity_from_dict(d: dict[str, Any], *, id: int | None = None, version: int = 0) -> ProcessingActivity:
    retention = d.get("retention") or {}
    special = d.get("special_condition")
    sch1 = d.get("schedule1_condition")
    criminal = d.get("criminal_condition")
    return ProcessingActivity(
        key=str(d["key"]),
        name=str(d["name"]),
        purpose=str(d.get("purpose", "")),
        subjects=tuple(DataSubject(s) for s in d.get("subjects", ())),
        data_categories=tuple(d.get("data_categories", ())),
        lawful_basis=LawfulBasis(d["lawful_basis"]),
        legal_reference=str(d.get("legal_reference", "")),
        special_categories=tuple(d.get("special_categories", ())),
        special_condition=SpecialCondition(special) if special else None,
        schedule1_condition=Schedule1Condition(sch1) if sch1 else None,
        criminal_data=bool(d.get("criminal_data", False)),
        criminal_condition=CriminalCondition(criminal) if criminal else None,
        source=str(d.get("source", "")),
        systems=tuple(d.get("systems", ())),
        recipients=tuple(d.get("recipients", ())),
        transfers=str(d.get("transfers", "")),
        transfer_safeguards=str(d.get("transfer_safeguards", "")),
        retention=Retention(
            str(retention.get("trigger", "")),
            str(retention.get("period", "")),
            str(retention.get("source", "")),
        ),
        security=str(d.get("security", "")),
        dpia=str(d.get("dpia", "")),
        owner_role=str(d.get("owner_role", "")),
        reviewed_on=_day(d.get("reviewed_on")),
        active=bool(d.get("active", True)),
        id=id,
        version=version,
    )


def organisation_to_dict(o: Organisation) -> dict[str, Any]:
    p = o.particulars
    return {
        "name": o.name,
        "role": o.role.value,
        "description": o.description,
        "contact": o.contact,
        "agreement": o.agreement.value,
        "agreement_date": _iso(o.agreement_date),
        "review_date": _iso(o.review_date),
        "particulars": {
            "subject_matter": p.subject_matter,
            "duration": p.duration,
            "nature_and_purpose": p.nature_and_purpose,
            "data_types": p.data_types,
            "subject_categories": p.subject_categories,
            "return_or_destruction": p.return_or_destruction,
        },
        "due_diligence": o.due_diligence,
        "transfers": o.transfers,
        "transfer_safeguards": o.transfer_safeguards,
        "active": o.active,
    }


def organisation_from_dict(
    d: dict[str, Any], *, id: int | None = None, version: int = 0, evidence_name: str = ""
) -> Organisation:
    p = d.get("particulars") or {}
    org = Organisation(
        name=str(d["name"]),
        role=OrgRole(d["role"]),
        description=str(d.get("description", "")),
        contact=str(d.get("contact", "")),
        agreement=AgreementKind(d.get("agreement", AgreementKind.NONE.value)),
        agreement_date=_day(d.get("agreement_date")),
        review_date=_day(d.get("review_date")),
        particulars=Art28Particulars(**{k: str(v) for k, v in p.items()}),
        due_diligence=str(d.get("due_diligence", "")),
        transfers=str(d.get("transfers", "")),
        transfer_safeguards=str(d.get("transfer_safeguards", "")),
        active=bool(d.get("active", True)),
    )
    return replace(org, id=id, version=version, evidence_name=evidence_name)
