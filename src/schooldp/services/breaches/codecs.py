"""How breach answers are stored: facts as JSON, each step's snapshot, times as naive UTC."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, overload

from schooldp.domain.breach import (
    AffectedGroup,
    BreachDecision,
    BreachFacts,
    BreachStep,
    Cause,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    TriageData,
    Unintelligibility,
)
from schooldp.domain.errors import ValidationError


def facts_to_json(facts: BreachFacts) -> str:
    return json.dumps(
        {
            "data_categories": sorted(c.value for c in facts.data_categories),
            "affected_groups": sorted(g.value for g in facts.affected_groups),
            "children_or_vulnerable": facts.children_or_vulnerable,
            "approx_people": facts.approx_people,
            "approx_records": facts.approx_records,
            "confidentiality_lost": facts.confidentiality_lost,
            "integrity_lost": facts.integrity_lost,
            "availability_lost": facts.availability_lost,
            "malicious": facts.malicious,
            "recipients": facts.recipients.value,
            "unintelligible": facts.unintelligible.value,
            "backup_restored": facts.backup_restored,
            "hours_to_restore": facts.hours_to_restore,
            "exfiltration": facts.exfiltration.value,
            "containment_achieved": facts.containment_achieved,
            "identifiability": facts.identifiability.value,
            "about_living_people": facts.about_living_people,
            "cause": facts.cause.value if facts.cause else None,
            "deliberate_insider": facts.deliberate_insider,
        },
        sort_keys=True,
    )


def facts_from_json(text: str) -> BreachFacts:
    d = json.loads(text)
    return BreachFacts(
        data_categories=frozenset(DataCategory(v) for v in d["data_categories"]),
        affected_groups=frozenset(AffectedGroup(v) for v in d["affected_groups"]),
        children_or_vulnerable=d["children_or_vulnerable"],
        approx_people=d["approx_people"],
        approx_records=d["approx_records"],
        confidentiality_lost=d["confidentiality_lost"],
        integrity_lost=d["integrity_lost"],
        availability_lost=d["availability_lost"],
        malicious=d["malicious"],
        recipients=Recipients(d["recipients"]),
        unintelligible=Unintelligibility(d["unintelligible"]),
        backup_restored=d["backup_restored"],
        hours_to_restore=d["hours_to_restore"],
        exfiltration=Exfiltration(d["exfiltration"]),
        containment_achieved=d["containment_achieved"],
        identifiability=Identifiability(d["identifiability"]),
        about_living_people=d["about_living_people"],
        cause=Cause(d["cause"]) if d["cause"] else None,
        deliberate_insider=d.get("deliberate_insider", False),
    )


def facts_or_none(text: str | None) -> BreachFacts | None:
    return facts_from_json(text) if text else None


def _decision_plain(value: BreachDecision) -> dict[str, Any]:
    return {
        "severity": value.assessment.severity,
        "band": value.assessment.band.name,
        "likelihood": value.assessment.likelihood.name,
        "recommended_ico": value.ico.recommended,
        "report_to_ico": value.ico.decided,
        "ico_reason": value.ico.reason,
        "recommended_tell": value.individuals.recommended,
        "tell_individuals": value.individuals.decided,
        "individuals_reason": value.individuals.reason,
    }


def _plain(value: Any) -> Any:
    """A step's answer as JSON-friendly data, for the step's history snapshot."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BreachFacts):
        return json.loads(facts_to_json(value))
    if isinstance(value, BreachDecision):
        return _decision_plain(value)
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return str(value)


# Which answers belong to which step (the snapshot saved with each completion).
STEP_FIELDS: dict[BreachStep, tuple[str, ...]] = {
    BreachStep.DPO_NOTIFIED: (
        "title",
        "reported_by",
        "occurred_at",
        "aware_at",
        "dpo_notified_at",
        "how_found",
        "what_happened",
        "systems_involved",
    ),
    BreachStep.INVESTIGATION: (
        "natures",
        "conclusion",
        "conclusion_reasons",
        "facts",
        "staff_involved",
        "staff_training",
        "safeguards_before",
    ),
    BreachStep.HEADTEACHER_ALERTED: ("headteacher_alerted_at",),
    BreachStep.CONTAINMENT: ("containment_actions",),
    BreachStep.CONSEQUENCES: ("facts", "facts_before", "likely_consequences"),
    BreachStep.REPORTABILITY: ("decision",),
    BreachStep.ICO_REPORT: (
        "ico_reported_at",
        "ico_reference",
        "ico_delay_reason",
        "ico_method",
        "ico_reported_by",
        "ico_reference_pending",
    ),
    BreachStep.INDIVIDUALS: (
        "individuals_told_on",
        "individuals_told_how",
        "individuals_told_count",
        "individuals_told_by",
        "individuals_override_reason",
    ),
    BreachStep.THIRD_PARTIES: ("third_parties",),
    BreachStep.RECORD: ("cause", "facts_and_cause", "effects", "prevention_actions"),
    BreachStep.REVIEW_MEETING: ("review_held_on", "review_attendees", "review_notes"),
    BreachStep.CLOSE: ("closed_by", "closed_at"),
}


def snapshot(step: BreachStep, data: TriageData) -> str:
    return json.dumps({name: _plain(getattr(data, name)) for name in STEP_FIELDS[step]}, sort_keys=True)


@overload
def to_db(value: datetime) -> datetime: ...
@overload
def to_db(value: datetime | None) -> datetime | None: ...
def to_db(value: datetime | None) -> datetime | None:
    """Aware -> naive UTC for storage. Naive values are refused: they are ambiguous."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError("A date and time without a time zone cannot be stored safely.", "when")
    return value.astimezone(UTC).replace(tzinfo=None)


@overload
def from_db(value: datetime) -> datetime: ...
@overload
def from_db(value: datetime | None) -> datetime | None: ...
def from_db(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC)
