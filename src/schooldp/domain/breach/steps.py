"""The twelve steps of the school's breach procedure (Policy Appendix 1), with their wording."""

from __future__ import annotations

from enum import Enum

ICO_BREACH_LINE = "0303 123 1113"  # Policy App 1: the ICO's breach report line


class BreachStep(Enum):
    """The twelve steps of Appendix 1. The values double as wizard page ids (Qt page ids)."""

    DPO_NOTIFIED = 1
    INVESTIGATION = 2
    HEADTEACHER_ALERTED = 3
    CONTAINMENT = 4
    CONSEQUENCES = 5
    REPORTABILITY = 6
    ICO_REPORT = 7
    INDIVIDUALS = 8
    THIRD_PARTIES = 9
    RECORD = 10
    REVIEW_MEETING = 11
    CLOSE = 12

    @property
    def number(self) -> int:
        return self.value

    @property
    def title(self) -> str:
        return _STEP_TEXT[self][0]

    @property
    def quote(self) -> str:
        """One line of the policy this step carries out."""
        return _STEP_TEXT[self][1]

    @property
    def source(self) -> str:
        return _STEP_TEXT[self][2]


_APP1 = "Data protection policy, Appendix 1"
_STEP_TEXT: dict[BreachStep, tuple[str, str, str]] = {
    BreachStep.DPO_NOTIFIED: (
        "DPO notified",
        "On finding or causing a breach or potential breach, the staff member or data "
        "processor must immediately notify the data protection officer (DPO).",
        _APP1,
    ),
    BreachStep.INVESTIGATION: (
        "Investigation",
        "The DPO will investigate the report and determine whether a breach has occurred.",
        _APP1,
    ),
    BreachStep.HEADTEACHER_ALERTED: (
        "Headteacher alerted",
        "If a breach has occurred or it is considered to be likely that is the case, the DPO "
        "will alert the headteacher.",
        _APP1,
    ),
    BreachStep.CONTAINMENT: (
        "Containment",
        "The DPO will make all reasonable efforts to contain and minimise the impact of the breach.",
        _APP1,
    ),
    BreachStep.CONSEQUENCES: (
        "Consequences before and after mitigation",
        "The DPO will assess the potential consequences (based on how serious they are and how "
        "likely they are to happen) before and after the implementation of steps to mitigate "
        "the consequences.",
        _APP1,
    ),
    BreachStep.REPORTABILITY: (
        "Must it be reported?",
        "The DPO will work out whether the breach must be reported to the ICO and the "
        "individuals affected using the ICO's self-assessment tool.",
        _APP1,
    ),
    BreachStep.ICO_REPORT: (
        "Report to the ICO",
        "Where the ICO must be notified, the DPO will do this ... within 72 hours of the "
        "school's awareness of the breach.",
        _APP1 + "; section 17",
    ),
    BreachStep.INDIVIDUALS: (
        "Tell the people affected",
        "Where the school is required to communicate with individuals whose personal data has "
        "been breached, the DPO will tell them in writing.",
        _APP1,
    ),
    BreachStep.THIRD_PARTIES: (
        "Third parties",
        "The DPO will consider ... whether to notify any relevant third parties who can help "
        "mitigate the loss to individuals - for example, the police, insurers, banks or credit "
        "card companies.",
        _APP1,
    ),
    BreachStep.RECORD: (
        "Record: facts and cause, effects, actions",
        "The DPO will document each breach, irrespective of whether it is reported to the ICO: "
        "facts and cause, effects, action taken to contain it and ensure it does not happen "
        "again.",
        _APP1,
    ),
    BreachStep.REVIEW_MEETING: (
        "Review meeting",
        "The DPO and headteacher will meet to review what happened and how it can be stopped "
        "from happening again.",
        _APP1,
    ),
    BreachStep.CLOSE: (
        "Close",
        "Records of all breaches will be stored on the school's computer system.",
        _APP1 + " (closing the record is a SchoolDP step)",
    ),
}
