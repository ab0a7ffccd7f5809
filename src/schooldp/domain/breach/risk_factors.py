"""What raises the risk beyond ENISA's score: scale, fraud-enabling data, insiders, publication.

ENISA's score (SE = DPC x EI + CB) is kept as it is and shown as it is. The ICO's guidance on
personal data breaches, in its section on assessing risk ("What factors should we consider when
assessing risk?"), asks controllers to weigh, besides the type and sensitivity of the data: how
many people are affected, whether the data could be used for identity theft or fraud, whether
the breach was deliberate, and how widely the data has spread. ENISA leaves the number of people
out of its score; SchoolDP departs from it there, and says so in the reasons.
"""

from __future__ import annotations

from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import DataCategory, Exfiltration, Recipients

ICO_RISK = "ICO breach guidance, assessing risk"

# SchoolDP: "many people" for one school. A class or a year group is tens of pupils; a hundred or
# more is several classes or a whole year group; a thousand is the whole school and its families.
LARGE_SCALE_PEOPLE = 100
WHOLE_SCHOOL_PEOPLE = 1000

# ICO breach guidance (assessing risk): data that can be used for identity theft or fraud,
# for example contact details with dates of birth, identity documents, bank or card details.
_FRAUD_ALONE = frozenset(
    {DataCategory.FINANCIAL, DataCategory.IDENTITY_DOCUMENTS, DataCategory.LOGIN_CREDENTIALS}
)
_FRAUD_TOGETHER = frozenset({DataCategory.BASIC_IDENTIFIERS, DataCategory.CONTACT_DETAILS})


def enables_fraud(facts: BreachFacts) -> bool:
    """Bank or card details, identity documents or log-ins, or contact details with dates of birth."""
    cats = facts.data_categories
    return bool(cats & _FRAUD_ALONE) or _FRAUD_TOGETHER <= cats


def fraud_reason(facts: BreachFacts) -> str | None:
    """Fraud-enabling data in the hands of people nobody can trace makes harm highly likely."""
    if not enables_fraud(facts) or facts.recipients is not Recipients.UNKNOWN:
        return None
    return (
        "people nobody can trace may have data that can be used for fraud or identity theft "
        f"(such as contact details with dates of birth, or bank details) ({ICO_RISK})"
    )


def insider_reason(facts: BreachFacts) -> str | None:
    """A member of staff taking or using data on purpose makes harm highly likely."""
    if not facts.deliberate_insider:
        return None
    return f"a member of staff took or used the data on purpose, so it may be misused ({ICO_RISK})"


def publication_reason(facts: BreachFacts) -> str | None:
    """Published data can be seen, copied and kept by anyone: harm is highly likely."""
    if facts.recipients is not Recipients.PUBLIC:
        return None
    return f"the data was published, so anyone may have seen, copied or kept it ({ICO_RISK})"


def exfiltration_reason(facts: BreachFacts) -> str | None:
    if facts.exfiltration is not Exfiltration.CONFIRMED:
        return None
    return "the data is known to have been copied out"


def scale_steps(facts: BreachFacts, band_rank: int) -> tuple[int, str | None]:
    """How many severity bands the number of people adds, with the reason (0 to 1).

    ENISA leaves numbers out of its score; the ICO asks how many people are affected. SchoolDP
    raises the band by one for a whole school's worth of people, and by one for a hundred or
    more when the data is more than simple (band medium or above), never above very high.
    """
    people = facts.approx_people
    if people is None or band_rank >= 4:
        return 0, None
    if people >= WHOLE_SCHOOL_PEOPLE:
        return 1, (
            f"About {people} people are affected, a whole school's worth: severity raised by one "
            f"band. ENISA leaves numbers out of its score; SchoolDP departs from it here because the "
            f"ICO asks how many people are affected ({ICO_RISK})."
        )
    if people >= LARGE_SCALE_PEOPLE and band_rank >= 2:
        return 1, (
            f"About {people} people are affected (100 or more) and the data is more than simple: "
            "severity raised by one band. ENISA leaves numbers out of its score; SchoolDP departs "
            f"from it here because the ICO asks how many people are affected ({ICO_RISK})."
        )
    return 0, None
