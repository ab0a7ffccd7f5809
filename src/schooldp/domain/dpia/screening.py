"""Do we need a DPIA? The screening questions (UK GDPR Art 35(1), 35(3); ICO list of processing
likely to result in high risk; policy sections 13 and 14)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

__all__ = ["SCREENING_QUESTIONS", "ScreeningOutcome", "ScreeningQuestion", "ScreeningResult", "screen"]


@dataclass(frozen=True)
class ScreeningQuestion:
    key: str
    text: str
    source: str
    required: bool = True
    """True: a yes means a DPIA must be done. False: a yes means one is recommended."""


SCREENING_QUESTIONS: tuple[ScreeningQuestion, ...] = (
    ScreeningQuestion(
        "new_technology",
        "Does it use new or innovative technology, including AI tools (such as generative AI, "
        "automated marking or learning analytics)?",
        "ICO high-risk list: innovative technology; policy sections 13 and 14",
    ),
    ScreeningQuestion(
        "children_targeted",
        "Does it profile pupils, make automated decisions about them, or offer them an online "
        "service directly?",
        "ICO high-risk list: targeting of children or other vulnerable individuals",
    ),
    ScreeningQuestion(
        "biometric",
        "Does it use biometric data to identify people (fingerprints, face recognition)?",
        "ICO high-risk list: biometric data; Art 9(1)",
    ),
    ScreeningQuestion(
        "monitoring",
        "Does it systematically monitor people or places (CCTV, tracking location or behaviour online)?",
        "Art 35(3)(c); ICO high-risk list: tracking",
    ),
    ScreeningQuestion(
        "special_large_scale",
        "Does it use special category or criminal offence data on a large scale (health, SEND, "
        "safeguarding records of many pupils)?",
        "Art 35(3)(b)",
    ),
    ScreeningQuestion(
        "profiling_effects",
        "Does it evaluate or score people in a way that has legal or similarly significant effects "
        "on them (access to a service, a place, support)?",
        "Art 35(3)(a); ICO high-risk list: denial of service, large-scale profiling",
    ),
    ScreeningQuestion(
        "data_matching",
        "Does it combine, compare or match data from different sources?",
        "ICO high-risk list: data matching",
    ),
    ScreeningQuestion(
        "invisible",
        "Does it use data that was not collected from the people themselves without telling them "
        "(invisible processing)?",
        "ICO high-risk list: invisible processing",
    ),
    ScreeningQuestion(
        "physical_harm",
        "Could a breach of this data put someone's physical health or safety at risk?",
        "ICO high-risk list: risk of physical harm",
    ),
    ScreeningQuestion(
        "childrens_data",
        "Does it involve children's personal data?",
        "Recital 38 and the ICO's DPIA guidance: children merit specific protection",
        required=False,
    ),
    ScreeningQuestion(
        "new_supplier",
        "Is a new supplier or cloud service (a processor) involved, or data stored outside the UK?",
        "ICO DPIA guidance: consider a DPIA for any major project involving personal data",
        required=False,
    ),
)

_BY_KEY = {q.key: q for q in SCREENING_QUESTIONS}


class ScreeningOutcome(Enum):
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    NOT_NEEDED = "not needed"

    @property
    def label(self) -> str:
        return {
            ScreeningOutcome.REQUIRED: "A DPIA is required",
            ScreeningOutcome.RECOMMENDED: "A DPIA is recommended (good practice)",
            ScreeningOutcome.NOT_NEEDED: "A DPIA is not needed: record why",
        }[self]


@dataclass(frozen=True)
class ScreeningResult:
    outcome: ScreeningOutcome
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        if not self.reasons:
            return self.outcome.label + "."
        return f"{self.outcome.label}: " + "; ".join(self.reasons) + "."


def screen(answers: Iterable[str]) -> ScreeningResult:
    """Art 35(1)/(3) and the ICO list: one 'required' yes is enough; children's data or a new
    processor alone make a DPIA good practice. Two or more criteria together also require one
    (EDPB WP248: processing meeting two criteria is likely high risk)."""
    yes = [_BY_KEY[k] for k in answers if k in _BY_KEY]
    ordered = [q for q in SCREENING_QUESTIONS if q in yes]
    reasons = tuple(q.source for q in ordered)
    if any(q.required for q in ordered) or len(ordered) >= 2:
        return ScreeningResult(ScreeningOutcome.REQUIRED, reasons)
    if ordered:
        return ScreeningResult(ScreeningOutcome.RECOMMENDED, reasons)
    return ScreeningResult(ScreeningOutcome.NOT_NEEDED, ())
