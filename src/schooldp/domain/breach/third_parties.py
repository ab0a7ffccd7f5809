"""Third parties who might help limit the harm (Policy App 1, step 9)."""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.breach.facts import BreachFacts
from schooldp.domain.breach.kinds import Cause, DataCategory
from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum


class ThirdParty(LabelledEnum):
    """Who else might help limit the harm (Policy App 1, step 9)."""

    phrase: str  # the name used inside a sentence ("decide whether to tell ...")

    POLICE = ("police", "Police", "the police")
    INSURERS = ("insurers", "Insurers (or the DfE Risk Protection Arrangement)", "the school's insurers")
    BANKS_CARD_COMPANIES = ("banks_card_companies", "Banks or card companies", "the banks or card companies")
    SAFEGUARDING_PARTNERS = (
        "safeguarding_partners",
        "Local safeguarding partners",
        "the local safeguarding partners",
    )
    OTHER = ("other", "Other", "the other organisation")

    def __init__(self, value: str, label: str = "", phrase: str = "") -> None:
        self.phrase = phrase


@dataclass(frozen=True)
class ThirdPartyDecision:
    """Notify a third party or not, always with a reason (Policy App 1: document decisions)."""

    party: ThirdParty
    notify: bool
    reason: str
    name: str = ""

    def __post_init__(self) -> None:
        if self.party is ThirdParty.OTHER and not self.name.strip():
            raise ValidationError("Say who the other organisation is.", "name")
        if not self.reason.strip():
            action = "tell" if self.notify else "not tell"
            who = self.name.strip() or self.party.phrase
            raise ValidationError(f"Write down why you decided to {action} {who}.", "reason")


@dataclass(frozen=True)
class ThirdPartySuggestion:
    party: ThirdParty
    notify: bool
    why: str


def suggested_third_parties(facts: BreachFacts) -> tuple[ThirdPartySuggestion, ...]:
    """A starting suggestion for each named third party; the DPO decides (Policy App 1)."""
    crime = facts.malicious or facts.cause in (
        Cause.CYBER_ATTACK_PHISHING,
        Cause.UNAUTHORISED_ACCESS,
    )
    cyber_or_device = facts.cause in (Cause.CYBER_ATTACK_PHISHING, Cause.DEVICE_LOST_OR_STOLEN)
    money = bool(
        facts.data_categories
        & {DataCategory.FINANCIAL, DataCategory.IDENTITY_DOCUMENTS, DataCategory.STAFF_HR_PAY}
    )
    safeguarding = DataCategory.SAFEGUARDING in facts.data_categories
    return (
        ThirdPartySuggestion(
            ThirdParty.POLICE,
            crime,
            "A theft, hack or deliberate misuse is a crime: report it and keep the crime reference."
            if crime
            else "Nothing suggests a crime.",
        ),
        ThirdPartySuggestion(
            ThirdParty.INSURERS,
            cyber_or_device,
            "Cyber incidents and lost or stolen devices are often covered; insurers may "
            "require prompt notice."
            if cyber_or_device
            else "No insured loss is apparent.",
        ),
        ThirdPartySuggestion(
            ThirdParty.BANKS_CARD_COMPANIES,
            money,
            "Financial or identity details could be used for fraud; banks can watch the accounts."
            if money
            else "No financial or identity details were involved.",
        ),
        ThirdPartySuggestion(
            ThirdParty.SAFEGUARDING_PARTNERS,
            safeguarding,
            "Safeguarding information was involved: discuss with the designated safeguarding "
            "lead (Policy App 1)."
            if safeguarding
            else "No safeguarding information was involved.",
        ),
    )
