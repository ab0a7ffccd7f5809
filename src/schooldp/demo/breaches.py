"""A year of fictional breaches for the demo school, in every state the register shows.

Closed ones reported to the ICO and not, a near miss, one reported and awaiting its review,
and one still inside the 72 hours, as `breaches.json` scripts them. Driven through
BreachService one Appendix 1 step at a time, so every step is stamped as a real one would be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Any

from schooldp.demo.data import Json, load, member, members
from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    ThirdParty,
    ThirdPartyDecision,
    Unintelligibility,
    assess,
    containment_checklist,
    decide,
    suggested_third_parties,
)
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.domain.clock import LONDON, FrozenClock
from schooldp.flows.breach_triage import BreachTriageFlow, ContainmentAction, TriageData
from schooldp.services.breaches import BreachReport, BreachService
from schooldp.services.school import SchoolSession

# Fields of BreachFacts stored as enum values in the data file; the rest are plain JSON.
_ENUM_FACTS: dict[str, type[Enum]] = {
    "recipients": Recipients,
    "unintelligible": Unintelligibility,
    "exfiltration": Exfiltration,
    "identifiability": Identifiability,
    "cause": Cause,
}
_ENUM_SET_FACTS: dict[str, type[Enum]] = {
    "data_categories": DataCategory,
    "affected_groups": AffectedGroup,
}


def fact_fields(raw: Json) -> dict[str, Any]:
    """BreachFacts keyword arguments from the data file's spelling."""
    fields = dict(raw)
    for key, kind in _ENUM_FACTS.items():
        if key in raw:
            fields[key] = member(kind, raw[key])
    for key, kind in _ENUM_SET_FACTS.items():
        if key in raw:
            fields[key] = members(kind, raw[key])
    return fields


@dataclass(frozen=True)
class _Case:
    """One scripted breach, with the people and times it is worked through with."""

    raw: Json
    wording: Json
    timeline: Json
    aware: datetime
    now: datetime
    dpo: str
    head: str

    def hours(self, key: str) -> timedelta:
        return timedelta(hours=self.timeline[key])


def seed(session: SchoolSession, clock: FrozenClock) -> None:
    data = load("breaches")
    now, today = clock.now(), clock.today()  # the clock moves as each case is worked through
    profile = session.profile()
    timeline = data["timeline"]
    svc = BreachService(session)
    for raw in data["cases"]:
        ago = timedelta(**raw["ago"])
        aware = datetime.combine(today, time.fromisoformat(timeline["aware_at_london"]), tzinfo=LONDON)
        aware -= ago
        if ago < timedelta(days=timeline["recent_if_under_days"]):
            aware = now - ago  # inside the 72 hours: counted from this very moment
        case = _Case(
            raw,
            data["wording"],
            timeline,
            aware,
            now,
            profile.dpo.name or "DPO",
            profile.headteacher.name or "Headteacher",
        )
        _work_through(svc, clock, case)


def _work_through(svc: BreachService, clock: FrozenClock, case: _Case) -> None:
    """Report the breach, then save each Appendix 1 step until the case's stop or today."""
    raw, aware = case.raw, case.aware
    logged = aware + case.hours("logged_hours_after_aware")
    clock.set(logged)
    report = BreachReport(
        raw["title"],
        raw["reported_by"],
        aware,
        raw["how_found"],
        raw["what_happened"],
        occurred_at=aware - case.hours("occurred_hours_before_aware"),
        systems_involved=raw["systems"],
        dpo_notified_at=aware,
    )
    record = svc.report_breach(report, now=logged)
    data = _first_answers(case, record.triage)
    flow = BreachTriageFlow()
    stop = BreachStep[raw["stop_before"]] if "stop_before" in raw else None
    elapsed = case.hours("first_step_hours_after_aware")
    step: BreachStep | None = flow.first_page
    while step is not None and step is not stop:
        elapsed += case.hours("hours_between_steps")
        when = _saved_at(case, step, elapsed)
        if when > case.now:
            break  # the DPO has not got this far yet
        data = _ANSWERS.get(step, _unchanged)(case, data, when)
        clock.set(when)
        record = svc.complete_step(record.id, step, data, now=when)
        step = flow.resolve_next(step, data)


def _saved_at(case: _Case, step: BreachStep, elapsed: timedelta) -> datetime:
    """When a step is saved: one every few hours, but the review a week on and closing after it."""
    if step is BreachStep.REVIEW_MEETING:
        return case.aware + case.hours("review_meeting_hours_after_aware")
    if step is BreachStep.CLOSE:
        return case.aware + case.hours("closed_hours_after_aware")
    return case.aware + elapsed


def _first_answers(case: _Case, data: TriageData) -> TriageData:
    """The answers known from the start: what happened and whether it is a breach at all."""
    raw = case.raw
    facts = BreachFacts(**fact_fields(raw["facts"])) if raw["facts"] is not None else None
    return replace(
        data,
        natures=members(BreachNature, raw["natures"]),
        conclusion=Conclusion.BREACH if facts is not None else Conclusion.NOT_A_BREACH,
        conclusion_reasons=raw.get("conclusion_reasons", case.wording["breach_reasons"]),
        facts=facts,
        headteacher_alerted_at=case.aware + case.hours("headteacher_alerted_hours_after_aware"),
    )


# ---- each step's answers, given the moment the step is saved --------------------------------


def _unchanged(case: _Case, data: TriageData, when: datetime) -> TriageData:
    return data


def _containment(case: _Case, data: TriageData, when: datetime) -> TriageData:
    if data.facts is None:
        return data
    owner = case.wording["containment_owner"]
    actions = tuple(
        ContainmentAction(i.text, case.dpo if i.policy else owner, when.date(), i.id)
        for i in containment_checklist(data.facts)
    )
    at_once = ContainmentAction(case.wording["contained_at_once"], case.dpo, when.date())
    return replace(data, containment_actions=actions or (at_once,))


def _consequences(case: _Case, data: TriageData, when: datetime) -> TriageData:
    if data.facts is None:
        return data
    facts = replace(data.facts, **fact_fields(case.raw["after_containment"]))
    return replace(data, facts=facts, likely_consequences=case.raw["consequences"])


def _reportability(case: _Case, data: TriageData, when: datetime) -> TriageData:
    if data.facts is None:
        return data
    return replace(data, decision=decide(assess(data.facts)))


def _ico_report(case: _Case, data: TriageData, when: datetime) -> TriageData:
    return replace(
        data,
        ico_reported_at=when - case.hours("ico_reported_hours_before_step_saved"),
        ico_reference=case.raw.get("ico_reference") or case.wording["ico_reference_if_none"],
        ico_method=IcoMethod(case.wording["ico_method"]),
        ico_reported_by=case.dpo,
    )


def _individuals(case: _Case, data: TriageData, when: datetime) -> TriageData:
    people = data.facts.approx_people if data.facts else None
    return replace(
        data,
        individuals_told_on=when.date(),
        individuals_told_how=case.wording["individuals_told_how"],
        individuals_told_by=case.dpo,
        individuals_told_count=people or 1,
    )


def _third_parties(case: _Case, data: TriageData, when: datetime) -> TriageData:
    if data.facts is None:
        return data
    decisions = tuple(
        ThirdPartyDecision(s.party, s.notify, s.why)
        for s in suggested_third_parties(data.facts)
        if s.party is not ThirdParty.OTHER
    )
    return replace(data, third_parties=decisions)


def _record(case: _Case, data: TriageData, when: datetime) -> TriageData:
    return replace(
        data,
        cause=data.facts.cause if data.facts else Cause.OTHER,
        facts_and_cause=case.raw["what_happened"],
        effects=case.raw["consequences"] or case.wording["no_effects"],
        prevention_actions=case.raw["prevention"],
    )


def _review(case: _Case, data: TriageData, when: datetime) -> TriageData:
    return replace(
        data,
        review_held_on=when.date(),
        review_attendees=case.wording["review_attendees"].format(dpo=case.dpo, head=case.head),
        review_notes=case.wording["review_notes"],
    )


def _close(case: _Case, data: TriageData, when: datetime) -> TriageData:
    return replace(data, closed_by=case.dpo, closed_at=when)


_ANSWERS: dict[BreachStep, Callable[[_Case, TriageData, datetime], TriageData]] = {
    BreachStep.CONTAINMENT: _containment,
    BreachStep.CONSEQUENCES: _consequences,
    BreachStep.REPORTABILITY: _reportability,
    BreachStep.ICO_REPORT: _ico_report,
    BreachStep.INDIVIDUALS: _individuals,
    BreachStep.THIRD_PARTIES: _third_parties,
    BreachStep.RECORD: _record,
    BreachStep.REVIEW_MEETING: _review,
    BreachStep.CLOSE: _close,
}
