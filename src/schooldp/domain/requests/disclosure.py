"""The disclosure schedule: exemptions relied on, and what a subject access response must hold.

Sources: Data Protection Act 2018 Schedules 2-3; UK GDPR Art 15; policy sections 9.1 and 9.3.
"""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.requests.casework import SearchLocation


class Exemption(LabelledEnum):
    """Exemptions listed in policy section 9.3; the Act gives the detail (`source`)."""

    source: str

    SERIOUS_HARM = (
        "serious_harm",
        "Serious harm to physical or mental health",
        "DPA 2018 Sch 3 Pts 2 and 4 (health and education data, serious harm test); policy 9.3",
    )
    ABUSE = (
        "abuse",
        "Abuse, where disclosure is not in the child's best interests",
        "DPA 2018 Sch 3 Pt 5 (child abuse data); policy 9.3",
    )
    THIRD_PARTY = (
        "third_party",
        "Another person's data that cannot be anonymised, without their consent",
        "DPA 2018 Sch 2 Pt 3 paras 16-17; policy 9.3",
    )
    LEGAL_PRIVILEGE = (
        "legal_privilege",
        "Legal professional privilege",
        "DPA 2018 Sch 2 Pt 4 para 19; policy 9.3",
    )
    CONFIDENTIAL_REFERENCE = (
        "confidential_reference",
        "Confidential reference",
        "DPA 2018 Sch 2 Pt 4 para 24; policy 9.3",
    )
    EXAM_SCRIPTS_AND_MARKS = (
        "exam_scripts_and_marks",
        "Exam scripts, or exam marks before they are published",
        "DPA 2018 Sch 2 Pt 4 para 25; policy sections 9.3 and 10",
    )
    CRIME = ("crime", "Prevention or detection of crime", "DPA 2018 Sch 2 Pt 1 para 2; policy 9.3")
    MANAGEMENT_FORECASTS = (
        "management_forecasts",
        "Management forecasts or planning",
        "DPA 2018 Sch 2 Pt 4 para 22; policy 9.3",
    )
    NEGOTIATIONS = (
        "negotiations",
        "Negotiations with the requester",
        "DPA 2018 Sch 2 Pt 4 para 23; policy 9.3",
    )

    def __init__(self, value: str, label: str = "", source: str = "") -> None:
        self.source = source


class DisclosureOutcome(LabelledEnum):
    INCLUDED = ("included", "Included")
    REDACTED = ("redacted", "Included with redactions")
    WITHHELD = ("withheld", "Withheld")


@dataclass(frozen=True)
class DisclosureDecision:
    """One item on the disclosure schedule, so the decision can be defended later
    (ICO right-of-access guidance: keep a record of what was withheld and why).

    Anything held back, in part or whole, must name the exemption relied on (policy 9.3).
    """

    item: str
    outcome: DisclosureOutcome
    exemptions: tuple[Exemption, ...] = ()
    note: str = ""
    location: SearchLocation | None = None

    def __post_init__(self) -> None:
        if not self.item.strip():
            raise ValidationError("Describe the document or item.", "item")
        if self.outcome is DisclosureOutcome.INCLUDED and self.exemptions:
            raise ValidationError(
                "An item included in full relies on no exemption; choose 'redacted' or 'withheld' instead.",
                "exemptions",
            )
        if self.outcome is not DisclosureOutcome.INCLUDED and not self.exemptions:
            verb = "withheld" if self.outcome is DisclosureOutcome.WITHHELD else "redacted"
            raise ValidationError(
                f"Choose the exemption relied on: an item cannot be {verb} without one.",
                "exemptions",
            )
        if len(set(self.exemptions)) != len(self.exemptions):
            raise ValidationError("An exemption is listed twice.", "exemptions")


# --------------------------------------------------------------------------------------------
# What the response must include
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    source: str


# Policy section 9.1 (UK GDPR Art 15(1)-(2)): what a subject access response contains.
RESPONSE_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("confirmation", "Confirmation that their personal data is being processed", "Art 15(1)"),
    ChecklistItem("copy", "A copy of the data", "Art 15(3)"),
    ChecklistItem("purposes", "The purposes of the processing", "Art 15(1)(a)"),
    ChecklistItem("categories", "The categories of personal data concerned", "Art 15(1)(b)"),
    ChecklistItem("recipients", "Who the data has been, or will be, shared with", "Art 15(1)(c)"),
    ChecklistItem(
        "retention",
        "How long the data will be kept, or the criteria used to decide",
        "Art 15(1)(d)",
    ),
    ChecklistItem(
        "rights",
        "The right to ask for rectification or erasure, to restrict, or to object",
        "Art 15(1)(e)",
    ),
    ChecklistItem("ico_complaint", "The right to complain to the ICO", "Art 15(1)(f)"),
    ChecklistItem("source", "Where the data came from, if not from them", "Art 15(1)(g)"),
    ChecklistItem(
        "automated_decisions",
        "Any automated decision-making, its logic, significance and consequences",
        "Art 15(1)(h)",
    ),
    ChecklistItem(
        "transfers",
        "The safeguards for any transfer of the data outside the UK",
        "Art 15(2)",
    ),
)
