"""Lawful bases (UK GDPR Art 6), special category conditions (Art 9 with DPA 2018 Sch 1) and
criminal offence data conditions (Art 10, DPA 2018 s10(5) and Sch 1 Part 3).

Each value carries its legal reference and a plain-language line a privacy notice can use.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["CriminalCondition", "LawfulBasis", "Schedule1Condition", "SpecialCondition"]


class LawfulBasis(Enum):
    """The lawful bases of UK GDPR Art 6(1) (policy 7.1)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    # Art 6(1)(ea) and Annex 1, inserted by DUAA 2025 s70 and Sch 4; in force 5 February 2026 by
    # the Data (Use and Access) Act 2025 (Commencement No. 6 ...) Regulations 2026 (SI 2026/82) reg 2.
    RECOGNISED_LEGITIMATE_INTERESTS = "recognised_legitimate_interests"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def article(self) -> str:
        return {
            LawfulBasis.CONSENT: "UK GDPR Art 6(1)(a)",
            LawfulBasis.CONTRACT: "UK GDPR Art 6(1)(b)",
            LawfulBasis.LEGAL_OBLIGATION: "UK GDPR Art 6(1)(c)",
            LawfulBasis.VITAL_INTERESTS: "UK GDPR Art 6(1)(d)",
            LawfulBasis.PUBLIC_TASK: "UK GDPR Art 6(1)(e)",
            LawfulBasis.RECOGNISED_LEGITIMATE_INTERESTS: "UK GDPR Art 6(1)(ea) and Annex 1",
            LawfulBasis.LEGITIMATE_INTERESTS: "UK GDPR Art 6(1)(f)",
        }[self]

    @property
    def label(self) -> str:
        return {
            LawfulBasis.CONSENT: "Consent",
            LawfulBasis.CONTRACT: "Contract",
            LawfulBasis.LEGAL_OBLIGATION: "Legal obligation",
            LawfulBasis.VITAL_INTERESTS: "Vital interests",
            LawfulBasis.PUBLIC_TASK: "Public task",
            LawfulBasis.RECOGNISED_LEGITIMATE_INTERESTS: "Recognised legitimate interests",
            LawfulBasis.LEGITIMATE_INTERESTS: "Legitimate interests",
        }[self]

    @property
    def plain(self) -> str:
        """One sentence for a privacy notice (policy 7.1 wording, made plainer)."""
        return {
            LawfulBasis.CONSENT: "you (or a parent or carer for a younger pupil) have given clear consent, "
            "which you can withdraw at any time",
            LawfulBasis.CONTRACT: "we need it to carry out a contract with you, or to take steps you asked "
            "for before entering into one",
            LawfulBasis.LEGAL_OBLIGATION: "the law requires us to",
            LawfulBasis.VITAL_INTERESTS: "we need it to protect someone's life",
            LawfulBasis.PUBLIC_TASK: "we need it to carry out our official task of educating and caring for pupils",
            LawfulBasis.RECOGNISED_LEGITIMATE_INTERESTS: "it is needed for one of the recognised legitimate "
            "interests set by law, such as safeguarding vulnerable people, emergencies or preventing crime",
            LawfulBasis.LEGITIMATE_INTERESTS: "it is in our legitimate interests (outside our official tasks) "
            "and does not override your rights",
        }[self]

    @property
    def is_legitimate_interests(self) -> bool:
        return self in (LawfulBasis.LEGITIMATE_INTERESTS, LawfulBasis.RECOGNISED_LEGITIMATE_INTERESTS)


class SpecialCondition(Enum):
    """UK GDPR Art 9(2) conditions a school uses (policy 7.1)."""

    EXPLICIT_CONSENT = "a"
    EMPLOYMENT = "b"
    VITAL_INTERESTS = "c"
    MADE_PUBLIC = "e"
    LEGAL_CLAIMS = "f"
    SUBSTANTIAL_PUBLIC_INTEREST = "g"
    HEALTH_OR_SOCIAL_CARE = "h"
    PUBLIC_HEALTH = "i"
    ARCHIVING_RESEARCH = "j"

    @property
    def article(self) -> str:
        return f"UK GDPR Art 9(2)({self.value})"

    @property
    def label(self) -> str:
        return {
            SpecialCondition.EXPLICIT_CONSENT: "Explicit consent",
            SpecialCondition.EMPLOYMENT: "Employment, social security and social protection law",
            SpecialCondition.VITAL_INTERESTS: "Vital interests (person cannot consent)",
            SpecialCondition.MADE_PUBLIC: "Made manifestly public by the person",
            SpecialCondition.LEGAL_CLAIMS: "Legal claims",
            SpecialCondition.SUBSTANTIAL_PUBLIC_INTEREST: "Substantial public interest",
            SpecialCondition.HEALTH_OR_SOCIAL_CARE: "Health or social care",
            SpecialCondition.PUBLIC_HEALTH: "Public health",
            SpecialCondition.ARCHIVING_RESEARCH: "Archiving, research or statistics",
        }[self]

    @property
    def needs_schedule_1(self) -> bool:
        """DPA 2018 s10(2)-(3): (b), (h), (i) and (j) need a Sch 1 Part 1 condition, (g) a Part 2 one."""
        return self.value in ("b", "g", "h", "i", "j")


class Schedule1Condition(Enum):
    """DPA 2018 Schedule 1 conditions schools rely on (Parts 1 and 2)."""

    EMPLOYMENT = "1"
    HEALTH_OR_SOCIAL_CARE = "2"
    PUBLIC_HEALTH = "3"
    ARCHIVING_RESEARCH = "4"
    STATUTORY_PURPOSES = "6"
    EQUALITY_OF_OPPORTUNITY = "8"
    PREVENTING_UNLAWFUL_ACTS = "10"
    SUPPORT_FOR_DISABILITY = "16"
    COUNSELLING = "17"
    SAFEGUARDING = "18"

    @property
    def article(self) -> str:
        part = "Part 1" if int(self.value) <= 4 else "Part 2"
        return f"DPA 2018 Sch 1 {part} para {self.value}"

    @property
    def label(self) -> str:
        return {
            Schedule1Condition.EMPLOYMENT: "Employment, social security and social protection",
            Schedule1Condition.HEALTH_OR_SOCIAL_CARE: "Health or social care purposes",
            Schedule1Condition.PUBLIC_HEALTH: "Public health",
            Schedule1Condition.ARCHIVING_RESEARCH: "Research and statistics",
            Schedule1Condition.STATUTORY_PURPOSES: "Statutory and government purposes",
            Schedule1Condition.EQUALITY_OF_OPPORTUNITY: "Equality of opportunity or treatment",
            Schedule1Condition.PREVENTING_UNLAWFUL_ACTS: "Preventing or detecting unlawful acts",
            Schedule1Condition.SUPPORT_FOR_DISABILITY: "Support for people with a disability or medical condition",
            Schedule1Condition.COUNSELLING: "Counselling",
            Schedule1Condition.SAFEGUARDING: "Safeguarding of children and of individuals at risk",
        }[self]

    @property
    def part(self) -> int:
        return 1 if int(self.value) <= 4 else 2


class CriminalCondition(Enum):
    """Conditions for criminal offence data (UK GDPR Art 10; DPA 2018 s10(5), Sch 1; policy 7.1)."""

    CONSENT = "29"
    VITAL_INTERESTS = "30"
    MADE_PUBLIC = "32"
    LEGAL_CLAIMS = "33"
    EMPLOYMENT = "1"
    SAFEGUARDING = "18"
    PREVENTING_UNLAWFUL_ACTS = "10"

    @property
    def article(self) -> str:
        part = "Part 3" if int(self.value) >= 29 else ("Part 1" if self.value == "1" else "Part 2")
        return f"DPA 2018 Sch 1 {part} para {self.value}"

    @property
    def label(self) -> str:
        return {
            CriminalCondition.CONSENT: "Consent",
            CriminalCondition.VITAL_INTERESTS: "Vital interests (person cannot consent)",
            CriminalCondition.MADE_PUBLIC: "Made manifestly public by the person",
            CriminalCondition.LEGAL_CLAIMS: "Legal proceedings, advice or rights",
            CriminalCondition.EMPLOYMENT: "Employment (safer recruitment checks)",
            CriminalCondition.SAFEGUARDING: "Safeguarding of children and of individuals at risk",
            CriminalCondition.PREVENTING_UNLAWFUL_ACTS: "Preventing or detecting unlawful acts",
        }[self]
