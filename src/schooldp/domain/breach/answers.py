"""The answers the risk score rests on, each one given by the DPO: no answer is assumed.

`BreachFacts` holds a complete set of answers. While the DPO is still answering, `FactAnswers`
holds what has been given (None: not answered yet); `missing_answers` lists what is still
needed, and no score or recommendation is made until the list is empty (ICO breach guidance:
the controller weighs the facts of each breach; a default would weigh for them).
"""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import (
    AffectedGroup,
    Cause,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    Unintelligibility,
)


@dataclass(frozen=True)
class FactAnswers:
    """Answers so far. None means "not answered yet", never "no"."""

    data_categories: frozenset[DataCategory] = frozenset()
    affected_groups: frozenset[AffectedGroup] = frozenset()
    children_or_vulnerable: bool = False  # pupils always count; this adds vulnerable adults
    approx_people: int | None = None
    approx_records: int | None = None
    confidentiality_lost: bool = False
    integrity_lost: bool = False
    availability_lost: bool = False
    malicious: bool | None = None
    deliberate_insider: bool | None = None
    recipients: Recipients | None = None
    unintelligible: Unintelligibility | None = None
    identifiability: Identifiability | None = None
    about_living_people: bool | None = None
    exfiltration: Exfiltration = Exfiltration.UNKNOWN  # "not known yet" is itself an answer
    cause: Cause | None = None


def missing_answers(a: FactAnswers) -> list[str]:
    """The questions the score still needs answered, in the order the page asks them."""
    missing: list[str] = []
    if not a.data_categories:
        missing.append("what kinds of data were involved")
    if not a.affected_groups:
        missing.append("whose data it was")
    if a.identifiability is None:
        missing.append("how easily the people can be identified")
    if not (a.confidentiality_lost or a.integrity_lost or a.availability_lost):
        missing.append("what was lost (seen, changed or could not be reached)")
    if a.confidentiality_lost and a.recipients is None:
        missing.append("who has or may have seen the data")
    if a.unintelligible is None:
        missing.append("whether the data could be read")
    if a.malicious is None:
        missing.append("whether someone outside the school did it on purpose")
    if a.deliberate_insider is None:
        missing.append("whether a member of staff did it on purpose")
    if a.about_living_people is None:
        missing.append("whether the data is about living people")
    return missing


def to_facts(a: FactAnswers, base: BreachFacts | None = None) -> BreachFacts | None:
    """The complete facts, or None while an answer is missing. Later mitigations kept from `base`."""
    if missing_answers(a):
        return None
    assert a.identifiability is not None and a.unintelligible is not None
    values = {
        "data_categories": a.data_categories,
        "affected_groups": a.affected_groups,
        "children_or_vulnerable": a.children_or_vulnerable,
        "approx_people": a.approx_people,
        "approx_records": a.approx_records,
        "confidentiality_lost": a.confidentiality_lost,
        "integrity_lost": a.integrity_lost,
        "availability_lost": a.availability_lost,
        "malicious": bool(a.malicious),
        "deliberate_insider": bool(a.deliberate_insider),
        # Not seen by anyone: who has it does not enter the score (ENISA confidentiality +0).
        "recipients": a.recipients or Recipients.KNOWN,
        "unintelligible": a.unintelligible,
        "identifiability": a.identifiability,
        "about_living_people": bool(a.about_living_people),
        "cause": a.cause,
    }
    if base is None:
        return BreachFacts(exfiltration=a.exfiltration, **values)  # type: ignore[arg-type]
    from dataclasses import replace

    return replace(base, **values)  # type: ignore[arg-type]


def answers_of(facts: BreachFacts) -> FactAnswers:
    """Saved facts as answers (every one of them was given when they were saved)."""
    return FactAnswers(
        data_categories=facts.data_categories,
        affected_groups=facts.affected_groups,
        children_or_vulnerable=facts.children_or_vulnerable,
        approx_people=facts.approx_people,
        approx_records=facts.approx_records,
        confidentiality_lost=facts.confidentiality_lost,
        integrity_lost=facts.integrity_lost,
        availability_lost=facts.availability_lost,
        malicious=facts.malicious,
        deliberate_insider=facts.deliberate_insider,
        recipients=facts.recipients if facts.confidentiality_lost else None,
        unintelligible=facts.unintelligible,
        identifiability=facts.identifiability,
        about_living_people=facts.about_living_people,
        exfiltration=facts.exfiltration,
        cause=facts.cause,
    )
