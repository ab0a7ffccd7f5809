"""Personal data breaches: Appendix 1 steps, severity, likelihood and who must be told.

The school's policy (section 17, Appendix 1) is followed step by step; the severity score is
ENISA's 2013 method (SE = DPC x EI + CB); the reporting rule is the ICO's self-assessment
(risk unlikely: record only; risk likely: tell the ICO; high risk: tell the ICO and the
people affected). Every recommendation comes with plain-English reasons so that a DPO can
defend it, and the DPO may override it with a written reason.

Sources used in the comments:
- "Policy 17" / "Policy App 1": the school's data protection policy, section 17 / Appendix 1.
- "ENISA": Recommendations for a methodology of the assessment of severity of personal data
  breaches, ENISA working document v1.0, December 2013.
- "ICO": ICO guidance on personal data breaches and its breach self-assessment.
- "SchoolDP": a judgement made by this program where no source is precise; said so in reasons.

Modules: `kinds` (the closed sets), `steps` (Appendix 1), `facts`, `answers` (the facts while
still being answered: no default stands in for a missing one), `assessment` (ENISA and the ICO
self-assessment), `risk_factors` (scale, fraud-enabling data, insiders, publication: where
SchoolDP weighs more than ENISA), `decisions`, `containment` (checklist instructions and their
past-tense sentences), `third_parties`, `reporting` (what a stamped step records: the ICO report,
people told), `triage` (the record of one breach as the wizard fills it in), `plain_language`
(everyday words for letters), `letters` (dates in letters about a breach).
"""

from __future__ import annotations

from schooldp.domain.breach.assessment import (
    Assessment,
    BeforeAndAfter,
    IcoSelfAssessment,
    Likelihood,
    SeverityBand,
    assess,
    assess_before_and_after,
    data_context_score,
    severity_band,
)
from schooldp.domain.breach.containment import ChecklistItem, containment_checklist
from schooldp.domain.breach.decisions import (
    BreachDecision,
    DecisionSubject,
    ReportabilityDecision,
    decide,
)
from schooldp.domain.breach.facts import PROMPT_RESTORE_HOURS, BreachFacts, without_mitigations
from schooldp.domain.breach.kinds import (
    AffectedGroup,
    BreachNature,
    Cause,
    Conclusion,
    DataCategory,
    EnisaClass,
    Exfiltration,
    Identifiability,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.breach.letters import DELETION_REPLY_DAYS, deletion_reply_by
from schooldp.domain.breach.steps import ICO_BREACH_LINE, BreachStep
from schooldp.domain.breach.third_parties import (
    ThirdParty,
    ThirdPartyDecision,
    ThirdPartySuggestion,
    suggested_third_parties,
)
from schooldp.domain.breach.triage import ICO_DEADLINE, ContainmentAction, TriageData

__all__ = [
    "DELETION_REPLY_DAYS",
    "ICO_BREACH_LINE",
    "ICO_DEADLINE",
    "PROMPT_RESTORE_HOURS",
    "AffectedGroup",
    "Assessment",
    "BeforeAndAfter",
    "BreachDecision",
    "BreachFacts",
    "BreachNature",
    "BreachStep",
    "Cause",
    "ChecklistItem",
    "Conclusion",
    "ContainmentAction",
    "DataCategory",
    "DecisionSubject",
    "EnisaClass",
    "Exfiltration",
    "IcoSelfAssessment",
    "Identifiability",
    "Likelihood",
    "Recipients",
    "ReportabilityDecision",
    "SeverityBand",
    "ThirdParty",
    "ThirdPartyDecision",
    "ThirdPartySuggestion",
    "TriageData",
    "Unintelligibility",
    "assess",
    "assess_before_and_after",
    "containment_checklist",
    "data_context_score",
    "decide",
    "deletion_reply_by",
    "severity_band",
    "suggested_third_parties",
    "without_mitigations",
]
