"""The record as a spreadsheet in the column order of the ICO's record of processing template
for controllers (Art 30(1)), with the school's extra columns after it; and the governors' PDF."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from schooldp.documents import records_register
from schooldp.domain.records import Organisation, OrgRole, ProcessingActivity
from schooldp.services.exports import write_table

__all__ = ["ICO_COLUMNS", "SCHOOL_COLUMNS", "export_rows", "governors_pdf", "write_record"]

ICO_COLUMNS = (
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 basis for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "The source of the personal data (if applicable)",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Link to DPIA",
    "DPA 2018 Schedule 1 condition for processing",
)
SCHOOL_COLUMNS = ("Criminal offence data condition", "Law relied on", "Owner", "Version")


def _by_name(orgs: Sequence[Organisation]) -> dict[str, Organisation]:
    return {o.name.casefold(): o for o in orgs}


def _row(a: ProcessingActivity, orgs: dict[str, Organisation]) -> list[str]:
    named = [orgs[r.casefold()] for r in a.recipients if r.casefold() in orgs]
    joint = "; ".join(f"{o.name} {o.contact}".strip() for o in named if o.role is OrgRole.JOINT_CONTROLLER)
    contracts = "; ".join(
        f"{o.name}: {o.agreement.label}" + (f" ({o.agreement_date:%d/%m/%Y})" if o.agreement_date else "")
        for o in named
        if o.role is OrgRole.PROCESSOR
    )
    special = a.special_condition
    return [
        a.name,
        a.purpose,
        joint,
        ", ".join(s.label for s in a.subjects),
        "; ".join((*a.data_categories, *a.special_categories)),
        "; ".join(a.recipients),
        contracts,
        a.transfers,
        a.transfer_safeguards,
        a.retention.text + (f" (source: {a.retention.source})" if a.retention.source else ""),
        a.security,
        f"{a.lawful_basis.label} ({a.lawful_basis.article})",
        f"{special.label} ({special.article})" if special else "",
        a.purpose if a.lawful_basis.is_legitimate_interests else "",
        a.source,
        "; ".join(a.systems),
        "Yes" if a.dpia.strip() else "Not recorded",
        a.dpia,
        f"{a.schedule1_condition.label} ({a.schedule1_condition.article})" if a.schedule1_condition else "",
        f"{a.criminal_condition.label} ({a.criminal_condition.article})" if a.criminal_condition else "",
        a.legal_reference,
        a.owner_role,
        str(a.version),
    ]


def export_rows(activities: Sequence[ProcessingActivity], orgs: Sequence[Organisation]) -> list[list[str]]:
    by_name = _by_name(orgs)
    return [_row(a, by_name) for a in activities]


def write_record(path: Path, activities: Sequence[ProcessingActivity], orgs: Sequence[Organisation]) -> Path:
    """XLSX (or CSV) through the shared writer, which neutralises formula-like cells."""
    return write_table(
        path, "Record of processing", [*ICO_COLUMNS, *SCHOOL_COLUMNS], export_rows(activities, orgs)
    )


def governors_pdf(data: records_register.RegisterDocument) -> bytes:
    return records_register.render(data)
