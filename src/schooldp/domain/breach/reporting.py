"""What a stamped step records: the facts of something done, never a default.

A step such as "reported to the ICO" is done only when the DPO says what was done: when, how,
by whom and with what result. Until then the step is "not done yet" and the record says so.
"""

from __future__ import annotations

from schooldp.domain.breach.steps import ICO_BREACH_LINE, BreachStep
from schooldp.domain.labels import LabelledEnum

# Policy App 1: the ICO is told "via the 'report a breach' page of the ICO website, or through
# its breach report line (0303 123 1113)".
ICO_REPORT_NOT_MADE = "ICO report not made"
REFERENCE_NOT_YET_GIVEN = "not yet given"

# Steps that record something done outside SchoolDP (an alert, a report, a letter, a meeting).
# Pressing Next with nothing entered leaves them "not done yet" rather than stamping them.
DEFERRABLE_STEPS: frozenset[BreachStep] = frozenset(
    {
        BreachStep.HEADTEACHER_ALERTED,
        BreachStep.ICO_REPORT,
        BreachStep.INDIVIDUALS,
        BreachStep.THIRD_PARTIES,
        BreachStep.REVIEW_MEETING,
    }
)


class IcoMethod(LabelledEnum):
    """How the report reached the ICO (Policy App 1)."""

    ONLINE_FORM = ("online_form", "The ICO's online breach report form")
    BREACH_LINE = ("breach_line", f"The ICO breach line ({ICO_BREACH_LINE})")


class ToldHow(LabelledEnum):
    """How people were told when it was not by the letters SchoolDP printed (Policy App 1)."""

    LETTER = ("letter", "Letter")
    PHONE = ("phone", "Phone call")
    MEETING = ("meeting", "Meeting")
    EMAIL = ("email", "Email")


def told_summary(told: int | None, chosen: int | None) -> str:
    """'told 27 of 30': people told against the people chosen as affected."""
    done = told or 0
    if chosen:
        return f"told {done} of {chosen}"
    return f"told {done}"
