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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from schooldp.domain.errors import ValidationError

__all__ = [
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
    "DataCategory",
    "DecisionSubject",
    "EnisaClass",
    "Exfiltration",
    "IcoSelfAssessment",
    "Identifiability",
    "Likelihood",
    "PROMPT_RESTORE_HOURS",
    "Recipients",
    "ReportabilityDecision",
    "SeverityBand",
    "ThirdParty",
    "ThirdPartyDecision",
    "ThirdPartySuggestion",
    "Unintelligibility",
    "assess",
    "assess_before_and_after",
    "containment_checklist",
    "data_context_score",
    "decide",
    "severity_band",
    "suggested_third_parties",
    "without_mitigations",
]

ICO_BREACH_LINE = "0303 123 1113"  # Policy App 1: the ICO's breach report line

# SchoolDP: a restore within 24 clock hours counts as "recovered without difficulty" (ENISA
# availability 0); a slower restore is "temporary unavailability" (ENISA availability 0.25).
PROMPT_RESTORE_HOURS = 24.0


# --------------------------------------------------------------------------- closed sets


class EnisaClass(Enum):
    """ENISA's four data-processing-context classes, with their basic scores."""

    SIMPLE = 1
    BEHAVIOURAL = 2
    FINANCIAL = 3
    SENSITIVE = 4

    @property
    def label(self) -> str:
        return {
            EnisaClass.SIMPLE: "simple",
            EnisaClass.BEHAVIOURAL: "behavioural",
            EnisaClass.FINANCIAL: "financial",
            EnisaClass.SENSITIVE: "sensitive",
        }[self]


class DataCategory(Enum):
    """Kinds of personal data a school holds; each maps to an ENISA data-context score."""

    BASIC_IDENTIFIERS = "basic_identifiers"
    CONTACT_DETAILS = "contact_details"
    ATTENDANCE = "attendance"
    ASSESSMENT = "assessment"
    BEHAVIOUR_EXCLUSIONS = "behaviour_exclusions"
    SEND = "send"
    HEALTH = "health"
    SAFEGUARDING = "safeguarding"
    SPECIAL_CATEGORY = "special_category"
    FSM_PUPIL_PREMIUM = "fsm_pupil_premium"
    FINANCIAL = "financial"
    IDENTITY_DOCUMENTS = "identity_documents"
    LOGIN_CREDENTIALS = "login_credentials"
    BIOMETRICS = "biometrics"
    PHOTOS_CCTV = "photos_cctv"
    CRIMINAL_OFFENCE = "criminal_offence"
    STAFF_HR_PAY = "staff_hr_pay"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @property
    def enisa_class(self) -> EnisaClass:
        return _DPC_TABLE[self][0]

    @property
    def dpc(self) -> int:
        """Data-context score for this category before the children/vulnerable rise."""
        return _DPC_TABLE[self][1]

    @property
    def dpc_reason(self) -> str:
        return _DPC_TABLE[self][2]

    @property
    def is_sensitive(self) -> bool:
        """Special category, safeguarding or similar: drives the Appendix 1 email actions."""
        return self.enisa_class is EnisaClass.SENSITIVE


_CATEGORY_LABELS: dict[DataCategory, str] = {
    DataCategory.BASIC_IDENTIFIERS: "Basic identifiers (name, date of birth, UPN)",
    DataCategory.CONTACT_DETAILS: "Contact details (address, phone, email)",
    DataCategory.ATTENDANCE: "Attendance",
    DataCategory.ASSESSMENT: "Assessment and exam results",
    DataCategory.BEHAVIOUR_EXCLUSIONS: "Behaviour and exclusions",
    DataCategory.SEND: "Special educational needs and disabilities (SEND)",
    DataCategory.HEALTH: "Health and medical",
    DataCategory.SAFEGUARDING: "Safeguarding and child protection",
    DataCategory.SPECIAL_CATEGORY: "Ethnicity, religion and other special category data",
    DataCategory.FSM_PUPIL_PREMIUM: "Free school meals and pupil premium",
    DataCategory.FINANCIAL: "Financial (bank, card or payment details)",
    DataCategory.IDENTITY_DOCUMENTS: "Identity documents (passport, birth certificate)",
    DataCategory.LOGIN_CREDENTIALS: "Login details and passwords",
    DataCategory.BIOMETRICS: "Biometrics (for example fingerprints for catering)",
    DataCategory.PHOTOS_CCTV: "Photos, video and CCTV",
    DataCategory.CRIMINAL_OFFENCE: "Criminal offence data",
    DataCategory.STAFF_HR_PAY: "Staff HR and pay",
}

# ENISA s.2.1 / Annex A: basic score by data class, adjusted for context. The school-specific
# mapping below is SchoolDP's reading of ENISA's examples, stated in each reason.
_DPC_TABLE: dict[DataCategory, tuple[EnisaClass, int, str]] = {
    DataCategory.BASIC_IDENTIFIERS: (
        EnisaClass.SIMPLE,
        1,
        "names and dates of birth are simple data (ENISA: simple data, basic score 1)",
    ),
    DataCategory.CONTACT_DETAILS: (
        EnisaClass.SIMPLE,
        1,
        "contact details are simple data (ENISA: simple data, basic score 1)",
    ),
    DataCategory.ATTENDANCE: (
        EnisaClass.BEHAVIOURAL,
        2,
        "attendance shows where a person was and their patterns (ENISA: behavioural data, basic score 2)",
    ),
    DataCategory.ASSESSMENT: (
        EnisaClass.SIMPLE,
        1,
        "marks and results are education records (ENISA: education is simple data, score 1)",
    ),
    DataCategory.BEHAVIOUR_EXCLUSIONS: (
        EnisaClass.BEHAVIOURAL,
        3,
        "behaviour logs and exclusions build a detailed, stigmatising profile "
        "(ENISA: behavioural data 2, plus 1 where a profile can be built)",
    ),
    DataCategory.SEND: (
        EnisaClass.SENSITIVE,
        4,
        "SEND records usually reveal health or disability (ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.HEALTH: (
        EnisaClass.SENSITIVE,
        4,
        "health data is special category data (ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.SAFEGUARDING: (
        EnisaClass.SENSITIVE,
        4,
        "safeguarding records can be critical to a child's safety (ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.SPECIAL_CATEGORY: (
        EnisaClass.SENSITIVE,
        4,
        "ethnicity, religion and the like are special category data (ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.FSM_PUPIL_PREMIUM: (
        EnisaClass.FINANCIAL,
        3,
        "free school meals and pupil premium reveal a family's income and benefits "
        "(ENISA: financial data incl. social welfare, basic score 3)",
    ),
    DataCategory.FINANCIAL: (
        EnisaClass.FINANCIAL,
        3,
        "bank, card and payment details are financial data (ENISA: financial data, basic score 3)",
    ),
    DataCategory.IDENTITY_DOCUMENTS: (
        EnisaClass.FINANCIAL,
        3,
        "copies of passports or birth certificates enable identity fraud "
        "(SchoolDP: scored as ENISA financial data, 3)",
    ),
    DataCategory.LOGIN_CREDENTIALS: (
        EnisaClass.FINANCIAL,
        3,
        "login details take the score of what they unlock; school accounts open pupil "
        "records (ENISA: credentials follow the data they give access to; SchoolDP: 3, "
        "add the categories that were reachable)",
    ),
    DataCategory.BIOMETRICS: (
        EnisaClass.SENSITIVE,
        4,
        "biometrics used to identify people are special category data (ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.PHOTOS_CCTV: (
        EnisaClass.BEHAVIOURAL,
        2,
        "photos and CCTV show where a person was and what they were doing "
        "(ENISA: behavioural data, basic score 2)",
    ),
    DataCategory.CRIMINAL_OFFENCE: (
        EnisaClass.SENSITIVE,
        4,
        "criminal offence data has special protection (UK GDPR art. 10; "
        "ENISA: sensitive data, basic score 4)",
    ),
    DataCategory.STAFF_HR_PAY: (
        EnisaClass.FINANCIAL,
        3,
        "staff pay and HR records are financial and employment data "
        "(Policy App 1 names staff pay; ENISA: financial data, basic score 3)",
    ),
}


class AffectedGroup(Enum):
    PUPILS = "pupils"
    PARENTS_CARERS = "parents_carers"
    STAFF = "staff"
    OTHERS = "others"

    @property
    def label(self) -> str:
        return {
            AffectedGroup.PUPILS: "Pupils",
            AffectedGroup.PARENTS_CARERS: "Parents and carers",
            AffectedGroup.STAFF: "Staff",
            AffectedGroup.OTHERS: "Others (governors, visitors, contractors)",
        }[self]


class BreachNature(Enum):
    """What happened to the data: Appendix 1's list, used at the investigation step."""

    LOST = "lost"
    STOLEN = "stolen"
    DESTROYED = "destroyed"
    ALTERED = "altered"
    DISCLOSED = "disclosed"
    MADE_AVAILABLE_UNAUTHORISED = "made_available_unauthorised"

    @property
    def label(self) -> str:
        # Policy App 1: "accidentally or unlawfully: lost, stolen, destroyed, altered, ..."
        return {
            BreachNature.LOST: "Lost",
            BreachNature.STOLEN: "Stolen",
            BreachNature.DESTROYED: "Destroyed",
            BreachNature.ALTERED: "Altered",
            BreachNature.DISCLOSED: "Disclosed or made available where it should not have been",
            BreachNature.MADE_AVAILABLE_UNAUTHORISED: "Made available to unauthorised people",
        }[self]


class Conclusion(Enum):
    """The DPO's finding after investigation (Policy App 1)."""

    BREACH = "breach"
    LIKELY_BREACH = "likely_breach"
    NOT_A_BREACH = "not_a_breach"

    @property
    def label(self) -> str:
        return {
            Conclusion.BREACH: "A breach has occurred",
            Conclusion.LIKELY_BREACH: "A breach is likely to have occurred",
            Conclusion.NOT_A_BREACH: "Not a breach (near miss)",
        }[self]

    @property
    def is_breach(self) -> bool:
        # Policy App 1: "If a breach has occurred or it is considered to be likely ..."
        return self is not Conclusion.NOT_A_BREACH


class Recipients(Enum):
    """Who could see the data: drives ENISA's loss-of-confidentiality score."""

    UNKNOWN = "unknown"
    PUBLIC = "public"
    KNOWN = "known"
    TRUSTED_CONFIRMED_DELETION = "trusted_confirmed_deletion"

    @property
    def label(self) -> str:
        return {
            Recipients.UNKNOWN: "Unknown people",
            Recipients.PUBLIC: "The public (published or posted online)",
            Recipients.KNOWN: "Known people",
            Recipients.TRUSTED_CONFIRMED_DELETION: (
                "Known, trusted people who have confirmed in writing that they deleted it"
            ),
        }[self]


class Exfiltration(Enum):
    """Whether the data is known to have been copied out or accessed."""

    CONFIRMED = "confirmed"
    RULED_OUT = "ruled_out"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            Exfiltration.CONFIRMED: "Confirmed: the data was accessed or copied out",
            Exfiltration.RULED_OUT: "Ruled out: nobody accessed or copied the data",
            Exfiltration.UNKNOWN: "Not known yet",
        }[self]


class Unintelligibility(Enum):
    """Whether the data stays unreadable to whoever has it (ICO: encryption guidance)."""

    NO = "no"
    ENCRYPTED_KEY_SAFE = "encrypted_key_safe"
    HASHED = "hashed"

    @property
    def label(self) -> str:
        return {
            Unintelligibility.NO: "No: the data can be read",
            Unintelligibility.ENCRYPTED_KEY_SAFE: (
                "Strongly encrypted, and the key or password was not lost with it"
            ),
            Unintelligibility.HASHED: "Stored only as salted hashes (for example passwords)",
        }[self]


class Identifiability(Enum):
    """ENISA ease of identification (EI): how easily the people can be recognised."""

    NEGLIGIBLE = "negligible"
    LIMITED = "limited"
    SIGNIFICANT = "significant"
    FULL = "full"

    @property
    def factor(self) -> float:
        # ENISA s.2.2: negligible 0.25, limited 0.5, significant 0.75, maximum 1.
        return {
            Identifiability.NEGLIGIBLE: 0.25,
            Identifiability.LIMITED: 0.5,
            Identifiability.SIGNIFICANT: 0.75,
            Identifiability.FULL: 1.0,
        }[self]

    @property
    def label(self) -> str:
        return {
            Identifiability.NEGLIGIBLE: "Negligible: e.g. anonymised figures for a large group",
            Identifiability.LIMITED: "Limited: e.g. first names and year group in a big school",
            Identifiability.SIGNIFICANT: (
                "Significant: e.g. UPNs or candidate numbers, or initials in a small class"
            ),
            Identifiability.FULL: "Full: named records, as most school records are",
        }[self]


class Cause(Enum):
    """How it happened, for trend reviews (Policy App 1: identify trends or patterns)."""

    EMAIL_WRONG_RECIPIENT = "email_wrong_recipient"
    EMAIL_CC_NOT_BCC = "email_cc_not_bcc"
    POST_WRONG_ADDRESS = "post_wrong_address"
    DEVICE_LOST_OR_STOLEN = "device_lost_or_stolen"
    PAPER_RECORDS_LOST = "paper_records_lost"
    CYBER_ATTACK_PHISHING = "cyber_attack_phishing"
    UNAUTHORISED_ACCESS = "unauthorised_access"
    PUBLICATION_IN_ERROR = "publication_in_error"
    GENERATIVE_AI_TOOL = "generative_ai_tool"
    SYSTEM_ERROR = "system_error"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            Cause.EMAIL_WRONG_RECIPIENT: "Email sent to the wrong person",
            Cause.EMAIL_CC_NOT_BCC: "Email addresses shown to everyone (CC instead of BCC)",
            Cause.POST_WRONG_ADDRESS: "Letter or report sent to the wrong address or family",
            Cause.DEVICE_LOST_OR_STOLEN: "Laptop, phone or memory stick lost or stolen",
            Cause.PAPER_RECORDS_LOST: "Paper records lost or left unattended",
            Cause.CYBER_ATTACK_PHISHING: "Cyber attack or phishing",
            Cause.UNAUTHORISED_ACCESS: "Someone looked at records they should not have",
            Cause.PUBLICATION_IN_ERROR: "Published in error (website, social media, newsletter)",
            # Policy 13 (AI): personal data put into an unauthorised AI tool is a breach.
            Cause.GENERATIVE_AI_TOOL: "Personal data put into an unapproved AI tool",
            Cause.SYSTEM_ERROR: "System or software error",
            Cause.OTHER: "Other",
        }[self]

    @property
    def is_email(self) -> bool:
        return self in (Cause.EMAIL_WRONG_RECIPIENT, Cause.EMAIL_CC_NOT_BCC)


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


class SeverityBand(Enum):
    """ENISA severity levels, in increasing order."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    VERY_HIGH = 4

    @property
    def label(self) -> str:
        return {
            SeverityBand.LOW: "Low",
            SeverityBand.MEDIUM: "Medium",
            SeverityBand.HIGH: "High",
            SeverityBand.VERY_HIGH: "Very high",
        }[self]

    @property
    def meaning(self) -> str:
        # ENISA s.3: what each level means for the people affected (paraphrased).
        return {
            SeverityBand.LOW: "people are unlikely to be affected, or face minor inconvenience",
            SeverityBand.MEDIUM: "people may face significant inconvenience they can overcome",
            SeverityBand.HIGH: "people may face significant consequences, overcome with serious difficulty",
            SeverityBand.VERY_HIGH: "people may face significant or irreversible consequences",
        }[self]


class Likelihood(Enum):
    """How likely harm is, after what the school has done (ICO self-assessment question 2).

    SchoolDP's scale, worked out per kind of loss (confidentiality, integrity, availability)
    and taking the highest:
    - UNLIKELY: every kind of loss that happened is neutralised (unreadable data, trusted
      recipient who confirmed deletion, exfiltration ruled out, prompt restore from backup).
    - POSSIBLE: harm could follow; the ICO calls this a "likely" risk.
    - HIGHLY_LIKELY: published, copied out, or done on purpose.
    Partial mitigations step down by one: containment (HIGHLY_LIKELY -> POSSIBLE, never lower,
    because it cannot undo what was already seen) and a restore from backup slower than
    PROMPT_RESTORE_HOURS.
    """

    UNLIKELY = 1
    POSSIBLE = 2
    HIGHLY_LIKELY = 3

    @property
    def label(self) -> str:
        return {
            Likelihood.UNLIKELY: "Unlikely",
            Likelihood.POSSIBLE: "Possible (likely)",
            Likelihood.HIGHLY_LIKELY: "Highly likely",
        }[self]

    @property
    def phrase(self) -> str:
        """The word used inside a sentence."""
        return {
            Likelihood.UNLIKELY: "unlikely",
            Likelihood.POSSIBLE: "possible",
            Likelihood.HIGHLY_LIKELY: "highly likely",
        }[self]

    def lowered(self) -> Likelihood:
        return Likelihood(max(1, self.value - 1))


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class BreachFacts:
    """What the DPO knows about a breach, in answers they can give.

    Mitigations (things that lower the likelihood of harm) are: `unintelligible`, recipients
    `TRUSTED_CONFIRMED_DELETION`, `backup_restored` (with `hours_to_restore`), exfiltration
    `RULED_OUT` and `containment_achieved`. `cause` does not change the score; it selects
    containment actions and feeds trend reviews.
    """

    data_categories: frozenset[DataCategory]
    affected_groups: frozenset[AffectedGroup]
    children_or_vulnerable: bool = False
    approx_people: int | None = None
    approx_records: int | None = None
    confidentiality_lost: bool = False
    integrity_lost: bool = False
    availability_lost: bool = False
    malicious: bool = False
    recipients: Recipients = Recipients.UNKNOWN
    unintelligible: Unintelligibility = Unintelligibility.NO
    backup_restored: bool = False
    hours_to_restore: float | None = None
    exfiltration: Exfiltration = Exfiltration.UNKNOWN
    containment_achieved: bool = False
    identifiability: Identifiability = Identifiability.FULL
    about_living_people: bool = True
    cause: Cause | None = None

    def __post_init__(self) -> None:
        # Accept any iterable of members so callers can pass sets or lists.
        object.__setattr__(self, "data_categories", frozenset(self.data_categories))
        object.__setattr__(self, "affected_groups", frozenset(self.affected_groups))
        self._validate()

    def _validate(self) -> None:
        if not self.data_categories:
            raise ValidationError(
                "Choose at least one kind of data involved, for example names or health.",
                "data_categories",
            )
        if any(not isinstance(c, DataCategory) for c in self.data_categories):
            raise ValidationError("One of the kinds of data is not recognised.", "data_categories")
        if not self.affected_groups:
            raise ValidationError(
                "Choose who is affected: pupils, parents and carers, staff or others.",
                "affected_groups",
            )
        if any(not isinstance(g, AffectedGroup) for g in self.affected_groups):
            raise ValidationError("One of the groups affected is not recognised.", "affected_groups")
        for name, value in (("approx_people", self.approx_people), ("approx_records", self.approx_records)):
            if value is not None and value < 0:
                raise ValidationError("A number of people or records cannot be below zero.", name)
        if self.approx_people == 0:
            raise ValidationError(
                "If no person's data was involved it is not a personal data breach; "
                "record it as a near miss instead.",
                "approx_people",
            )
        if not (self.confidentiality_lost or self.integrity_lost or self.availability_lost):
            raise ValidationError(
                "Say what was lost: the data was seen by someone who should not have seen it, "
                "changed, or could not be reached. If none of these happened, record a near miss.",
                "confidentiality_lost",
            )
        if self.hours_to_restore is not None:
            if self.hours_to_restore < 0:
                raise ValidationError("Hours to restore cannot be below zero.", "hours_to_restore")
            if not self.backup_restored:
                raise ValidationError(
                    "Hours to restore are given, but the data is not marked as restored from backup.",
                    "hours_to_restore",
                )
        if self.backup_restored and not (self.integrity_lost or self.availability_lost):
            raise ValidationError(
                "A restore from backup only applies when data was changed or could not be reached.",
                "backup_restored",
            )
        if self.exfiltration is Exfiltration.CONFIRMED and not self.confidentiality_lost:
            raise ValidationError(
                "If the data was copied out or accessed, someone saw it: mark confidentiality as lost.",
                "exfiltration",
            )

    @property
    def vulnerable(self) -> bool:
        """Children or vulnerable people affected; pupils always count (DOMAIN: pupils are
        children, so vulnerable)."""
        return self.children_or_vulnerable or AffectedGroup.PUPILS in self.affected_groups

    @property
    def promptly_restored(self) -> bool:
        return (
            self.backup_restored
            and self.hours_to_restore is not None
            and self.hours_to_restore <= PROMPT_RESTORE_HOURS
        )


def without_mitigations(facts: BreachFacts) -> BreachFacts:
    """The same breach as if nothing had yet been done about it (Policy App 1 step 5, "before").

    Steps taken after the breach are removed: confirmed deletion (recipients become KNOWN),
    the restore from backup, containment, and an exfiltration finding of RULED_OUT (back to
    UNKNOWN, as before the investigation). Encryption stays: it was in place before the breach.
    """
    recipients = facts.recipients
    if recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        recipients = Recipients.KNOWN
    exfiltration = facts.exfiltration
    if exfiltration is Exfiltration.RULED_OUT:
        exfiltration = Exfiltration.UNKNOWN
    return replace(
        facts,
        recipients=recipients,
        exfiltration=exfiltration,
        backup_restored=False,
        hours_to_restore=None,
        containment_achieved=False,
    )


# --------------------------------------------------------------------------- assessment


@dataclass(frozen=True)
class IcoSelfAssessment:
    """The ICO self-assessment's three questions, answered."""

    involves_personal_data: bool
    risk_likely: bool
    high_risk: bool


@dataclass(frozen=True)
class Assessment:
    """The result of `assess`: score, band, likelihood, recommendation and the reasons."""

    severity: float
    band: SeverityBand
    likelihood: Likelihood
    report_to_ico: bool
    tell_individuals: bool
    reasons: list[str]
    dpc: int
    ei: float
    cb: float
    ico: IcoSelfAssessment

    @property
    def involves_personal_data(self) -> bool:
        return self.ico.involves_personal_data

    @property
    def risk_likely(self) -> bool:
        return self.ico.risk_likely

    @property
    def high_risk(self) -> bool:
        return self.ico.high_risk

    @property
    def recommendation(self) -> str:
        if self.tell_individuals:
            return "Report to the ICO within 72 hours and tell the people affected in writing."
        if self.report_to_ico:
            return "Report to the ICO within 72 hours. Telling the people affected is not required."
        return "Do not report to the ICO. Keep the record of the breach and these reasons."


def severity_band(severity: float) -> SeverityBand:
    """ENISA s.3: SE < 2 low, 2 <= SE < 3 medium, 3 <= SE < 4 high, SE >= 4 very high."""
    if severity < 2:
        return SeverityBand.LOW
    if severity < 3:
        return SeverityBand.MEDIUM
    if severity < 4:
        return SeverityBand.HIGH
    return SeverityBand.VERY_HIGH


def data_context_score(categories: Iterable[DataCategory], vulnerable: bool) -> tuple[int, DataCategory]:
    """DPC and the category that set it.

    ENISA s.2.1: score each kind of data and take the highest; raise by 1 for vulnerable people
    such as children; never above 4.
    """
    top = max(categories, key=lambda c: (c.dpc, c.value))
    score = top.dpc + (1 if vulnerable else 0)  # ENISA: vulnerable individuals raise DPC
    return min(score, 4), top


def _confidentiality_cb(facts: BreachFacts) -> tuple[float, str]:
    # ENISA s.2.3 loss of confidentiality: 0 no evidence of unlawful processing / trusted
    # recipient; 0.25 a number of known recipients; 0.5 unknown number of recipients.
    if not facts.confidentiality_lost:
        return 0.0, "Loss of confidentiality: none, +0."
    if facts.recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        return 0.0, (
            "Loss of confidentiality: the data went to known, trusted people who have confirmed "
            "deletion, +0 (ENISA: no evidence of unlawful processing)."
        )
    if facts.recipients is Recipients.KNOWN:
        return 0.25, (
            "Loss of confidentiality: the data went to known people, +0.25 (ENISA: known recipients)."
        )
    who = "published" if facts.recipients is Recipients.PUBLIC else "went to unknown people"
    return 0.5, (f"Loss of confidentiality: the data {who}, +0.5 (ENISA: unknown number of recipients).")


def _recoverable_cb(lost: bool, facts: BreachFacts, what: str, hard_case: str) -> tuple[float, str]:
    # ENISA s.2.3 integrity/availability: 0 recovered without difficulty; 0.25 temporary or
    # recoverable; 0.5 cannot be recovered.
    if not lost:
        return 0.0, f"Loss of {what}: none, +0."
    if facts.promptly_restored:
        return 0.0, (
            f"Loss of {what}: restored from backup within {PROMPT_RESTORE_HOURS:g} hours, +0 "
            "(ENISA: recovered without difficulty)."
        )
    if facts.backup_restored:
        return 0.25, (
            f"Loss of {what}: restored from backup, but not within {PROMPT_RESTORE_HOURS:g} "
            "hours, +0.25 (ENISA: temporary, recoverable)."
        )
    return 0.5, f"Loss of {what}: not restored, +0.5 (ENISA: {hard_case})."


def _confidentiality_likelihood(facts: BreachFacts) -> tuple[Likelihood, str]:
    if facts.unintelligible is not Unintelligibility.NO:
        # ICO: encrypted data whose key is safe, or hashed data, is unlikely to cause harm.
        how = (
            "strongly encrypted and the key is safe"
            if facts.unintelligible is Unintelligibility.ENCRYPTED_KEY_SAFE
            else "stored only as hashes"
        )
        return Likelihood.UNLIKELY, (
            f"Seen by others: unlikely to cause harm, because the data is {how}, so nobody "
            "can read it (ICO: unintelligible data)."
        )
    if facts.recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        # ICO: a trusted recipient who has confirmed deletion lowers the likelihood.
        return Likelihood.UNLIKELY, (
            "Seen by others: unlikely to cause harm, because the people who received it are "
            "trusted and have confirmed they deleted it."
        )
    if facts.exfiltration is Exfiltration.RULED_OUT:
        # ICO: no evidence that the data was accessed lowers the likelihood.
        return Likelihood.UNLIKELY, (
            "Seen by others: unlikely to cause harm, because the investigation ruled out that "
            "anyone accessed or copied the data."
        )
    if facts.recipients is Recipients.PUBLIC:
        level, why = Likelihood.HIGHLY_LIKELY, "the data was published"
    elif facts.exfiltration is Exfiltration.CONFIRMED:
        level, why = Likelihood.HIGHLY_LIKELY, "the data is known to have been copied out"
    elif facts.malicious:
        level, why = Likelihood.HIGHLY_LIKELY, "someone took or used the data on purpose"
    else:
        level, why = Likelihood.POSSIBLE, "the data was readable by people who should not have it"
    text = f"Seen by others: harm is {level.phrase}, because {why}."
    if facts.containment_achieved and level is Likelihood.HIGHLY_LIKELY:
        # SchoolDP: containment stops further spread but cannot undo what was already seen,
        # so it lowers "highly likely" by one step and never below "possible".
        level = level.lowered()
        text += " Containment has stopped it spreading further, so this is lowered to possible."
    return level, text


def _recoverable_likelihood(facts: BreachFacts, what: str) -> tuple[Likelihood, str]:
    if facts.promptly_restored:
        # ICO: a full and prompt restore from backup lowers the likelihood of harm.
        return Likelihood.UNLIKELY, (
            f"{what}: unlikely to cause harm, because the data was fully restored from backup "
            f"within {PROMPT_RESTORE_HOURS:g} hours."
        )
    level = Likelihood.HIGHLY_LIKELY if facts.malicious else Likelihood.POSSIBLE
    text = f"{what}: harm is {level.phrase}"
    text += ", because it was done on purpose." if facts.malicious else "."
    if facts.backup_restored:
        # SchoolDP: a slower restore ends the harm but not what happened meanwhile: one step.
        level = level.lowered()
        text += f" It was restored from backup later, so this is lowered to {level.phrase}."
    if facts.containment_achieved and level is Likelihood.HIGHLY_LIKELY:
        level = level.lowered()
        text += " Containment has stopped it going further, so this is lowered to possible."
    return level, text


def assess(facts: BreachFacts) -> Assessment:
    """Score a breach with ENISA's method and recommend what the ICO self-assessment implies.

    Severity does not depend on mitigations except where ENISA's own scale does (recipients,
    recovery); mitigations act on the likelihood. Recommendation (ICO self-assessment):
    - no living people's personal data, or likelihood UNLIKELY, or severity LOW -> no report;
    - otherwise -> report to the ICO;
    - and VERY_HIGH severity, or HIGH severity with HIGHLY_LIKELY harm -> also tell people.
    """
    reasons: list[str] = []
    names = ", ".join(sorted(c.label for c in facts.data_categories))
    reasons.append(f"Data involved: {names}.")

    dpc, top = data_context_score(facts.data_categories, facts.vulnerable)
    reasons.append(
        f"Data context (DPC) starts at {top.dpc} ({top.enisa_class.label}) because of "
        f"'{top.label}': {top.dpc_reason}."
    )
    if facts.vulnerable:
        who = (
            "pupils (children)"
            if AffectedGroup.PUPILS in facts.affected_groups
            else "children or vulnerable people"
        )
        if top.dpc < 4:
            reasons.append(
                f"The people affected include {who}: data context raised by 1 to {dpc} "
                "(ENISA: vulnerable individuals)."
            )
        else:
            reasons.append(f"The people affected include {who}: data context is already at the maximum of 4.")
    ei = facts.identifiability.factor
    reasons.append(
        f"Ease of identification (EI) {ei:g}: {facts.identifiability.label} (ENISA: 0.25, 0.5, 0.75 or 1)."
    )

    c_score, c_text = _confidentiality_cb(facts)
    i_score, i_text = _recoverable_cb(
        facts.integrity_lost, facts, "integrity (data changed)", "altered and cannot be recovered"
    )
    a_score, a_text = _recoverable_cb(facts.availability_lost, facts, "availability", "cannot be recovered")
    # ENISA s.2.3: malicious intent adds 0.5.
    m_score = 0.5 if facts.malicious else 0.0
    m_text = (
        "Malicious intent (for example theft or hacking), +0.5 (ENISA)."
        if facts.malicious
        else "Accidental, not malicious, +0."
    )
    reasons.extend([c_text, i_text, a_text, m_text])
    cb = c_score + i_score + a_score + m_score

    severity = round(dpc * ei + cb, 2)  # ENISA: SE = DPC x EI + CB
    band = severity_band(severity)
    reasons.append(
        f"Severity SE = {dpc} x {ei:g} + {cb:g} = {severity:g}: {band.label.lower()} "
        f"({band.meaning}). ENISA bands: under 2 low, under 3 medium, under 4 high, "
        "4 or more very high."
    )
    if facts.approx_people is not None or facts.approx_records is not None:
        people = "not known" if facts.approx_people is None else f"about {facts.approx_people}"
        records = "not known" if facts.approx_records is None else f"about {facts.approx_records}"
        reasons.append(
            f"Number of people: {people}; number of records: {records}. ENISA keeps numbers "
            "outside the score; the ICO report needs them."
        )

    routes: list[tuple[Likelihood, str]] = []
    if facts.confidentiality_lost:
        routes.append(_confidentiality_likelihood(facts))
    if facts.integrity_lost:
        routes.append(_recoverable_likelihood(facts, "Data changed"))
    if facts.availability_lost:
        routes.append(_recoverable_likelihood(facts, "Data unavailable"))
    likelihood = max((level for level, _ in routes), key=lambda lv: lv.value)
    reasons.extend(text for _, text in routes)
    reasons.append(f"Overall likelihood of harm: {likelihood.phrase} (the highest of the above).")

    # ICO self-assessment: Q1 living people's personal data; Q2 likely risk; Q3 high risk.
    involves = facts.about_living_people
    risk_likely = involves and likelihood is not Likelihood.UNLIKELY and band is not SeverityBand.LOW
    high_risk = risk_likely and (
        band is SeverityBand.VERY_HIGH
        or (band is SeverityBand.HIGH and likelihood is Likelihood.HIGHLY_LIKELY)
    )
    if not involves:
        reasons.append(
            "The data is not about living people, so it is not a personal data breach under "
            "UK GDPR: no report, but keep the record (ICO)."
        )
    elif likelihood is Likelihood.UNLIKELY:
        reasons.append(
            "A risk to people is unlikely after what the school has done: no report to the ICO, "
            "but keep the record and these reasons (ICO self-assessment)."
        )
    elif band is SeverityBand.LOW:
        reasons.append(
            "Severity is low, so a risk to people's rights is unlikely: no report to the ICO, "
            "but keep the record and these reasons (ICO self-assessment; ENISA: low)."
        )
    elif high_risk:
        reasons.append(
            "The risk to people is high: report to the ICO within 72 hours and tell the people "
            "affected in writing (ICO self-assessment; Policy App 1)."
        )
    else:
        reasons.append(
            "A risk to people is likely but not high: report to the ICO within 72 hours; "
            "telling the people affected is not required (ICO self-assessment)."
        )
    if high_risk and DataCategory.SAFEGUARDING in facts.data_categories:
        reasons.append(
            "Safeguarding data: before writing to families, check with the designated "
            "safeguarding lead that telling them will not put a child at risk."
        )

    return Assessment(
        severity=severity,
        band=band,
        likelihood=likelihood,
        report_to_ico=risk_likely,
        tell_individuals=high_risk,
        reasons=reasons,
        dpc=dpc,
        ei=ei,
        cb=cb,
        ico=IcoSelfAssessment(involves_personal_data=involves, risk_likely=risk_likely, high_risk=high_risk),
    )


@dataclass(frozen=True)
class BeforeAndAfter:
    """Consequences before and after the school's mitigation (Policy App 1, step 5)."""

    before: Assessment
    after: Assessment

    @property
    def severity_reduction(self) -> float:
        return round(self.before.severity - self.after.severity, 2)

    @property
    def likelihood_lowered(self) -> bool:
        return self.after.likelihood.value < self.before.likelihood.value

    @property
    def summary(self) -> list[str]:
        b, a = self.before, self.after
        return [
            f"Before mitigation: severity {b.severity:g} ({b.band.label.lower()}), harm "
            f"{b.likelihood.phrase}. {b.recommendation}",
            f"After mitigation: severity {a.severity:g} ({a.band.label.lower()}), harm "
            f"{a.likelihood.phrase}. {a.recommendation}",
        ]


def assess_before_and_after(
    facts_before: BreachFacts, facts_after: BreachFacts | None = None
) -> BeforeAndAfter:
    """Assess a breach before and after mitigation.

    With one argument, `facts_before` is the current picture and "before" is derived from it
    with `without_mitigations`; with two, both are taken as given.
    """
    if facts_after is None:
        facts_after = facts_before
        facts_before = without_mitigations(facts_before)
    return BeforeAndAfter(before=assess(facts_before), after=assess(facts_after))


# --------------------------------------------------------------------------- decisions


class DecisionSubject(Enum):
    ICO = "ico"
    INDIVIDUALS = "individuals"

    @property
    def label(self) -> str:
        return {
            DecisionSubject.ICO: "Report to the ICO",
            DecisionSubject.INDIVIDUALS: "Tell the people affected",
        }[self]

    @property
    def verb(self) -> str:
        return {
            DecisionSubject.ICO: "report to the ICO",
            DecisionSubject.INDIVIDUALS: "tell the people affected",
        }[self]


@dataclass(frozen=True)
class ReportabilityDecision:
    """The DPO's decision on one question, following or overriding the recommendation.

    Policy App 1: the DPO documents decisions either way, in case they are challenged; an
    override therefore needs a written reason.
    """

    subject: DecisionSubject
    recommended: bool
    decided: bool
    reason: str = ""

    def __post_init__(self) -> None:
        if self.overridden and not self.reason.strip():
            yes_no = "not to" if self.recommended else "to"
            raise ValidationError(
                f"You decided {yes_no} {self.subject.verb} against the recommendation. "
                "Write down why, in case the decision is challenged.",
                self.subject.value,
            )

    @property
    def overridden(self) -> bool:
        return self.decided != self.recommended

    @classmethod
    def follow(cls, subject: DecisionSubject, recommended: bool, reason: str = "") -> ReportabilityDecision:
        return cls(subject=subject, recommended=recommended, decided=recommended, reason=reason)

    @classmethod
    def override(cls, subject: DecisionSubject, recommended: bool, reason: str) -> ReportabilityDecision:
        return cls(subject=subject, recommended=recommended, decided=not recommended, reason=reason)


@dataclass(frozen=True)
class BreachDecision:
    """Both decisions with the assessment they rest on: the "decision record"."""

    assessment: Assessment
    ico: ReportabilityDecision
    individuals: ReportabilityDecision

    def __post_init__(self) -> None:
        if self.ico.subject is not DecisionSubject.ICO:
            raise ValidationError("The ICO decision is about the wrong question.", "ico")
        if self.individuals.subject is not DecisionSubject.INDIVIDUALS:
            raise ValidationError(
                "The decision about telling people is about the wrong question.", "individuals"
            )
        if self.ico.recommended != self.assessment.report_to_ico:
            raise ValidationError("The ICO recommendation does not match the assessment.", "ico")
        if self.individuals.recommended != self.assessment.tell_individuals:
            raise ValidationError(
                "The recommendation about telling people does not match the assessment.",
                "individuals",
            )

    @property
    def report_to_ico(self) -> bool:
        return self.ico.decided

    @property
    def tell_individuals(self) -> bool:
        return self.individuals.decided


def decide(
    assessment: Assessment,
    *,
    report_to_ico: bool | None = None,
    tell_individuals: bool | None = None,
    ico_reason: str = "",
    individuals_reason: str = "",
) -> BreachDecision:
    """Record the DPO's decision; None follows the recommendation. Overrides need a reason."""
    ico = ReportabilityDecision(
        subject=DecisionSubject.ICO,
        recommended=assessment.report_to_ico,
        decided=assessment.report_to_ico if report_to_ico is None else report_to_ico,
        reason=ico_reason,
    )
    individuals = ReportabilityDecision(
        subject=DecisionSubject.INDIVIDUALS,
        recommended=assessment.tell_individuals,
        decided=assessment.tell_individuals if tell_individuals is None else tell_individuals,
        reason=individuals_reason,
    )
    return BreachDecision(assessment=assessment, ico=ico, individuals=individuals)


# --------------------------------------------------------------------------- containment


@dataclass(frozen=True)
class ChecklistItem:
    """One containment action; `policy` is False for SchoolDP's own suggestions."""

    id: str
    text: str
    source: str
    policy: bool = True


_APP1_EMAIL = "Policy Appendix 1: sensitive information disclosed via email"
_SUGGESTION = "SchoolDP suggestion (not in the policy)"


def containment_checklist(facts: BreachFacts) -> tuple[ChecklistItem, ...]:
    """Ordered containment actions for this breach (Policy App 1, "Actions to minimise ...").

    Policy items come first in the policy's order for the kind of breach, SchoolDP suggestions
    for devices, post and the like are marked `policy=False`.
    """
    items: list[ChecklistItem] = []
    cause = facts.cause
    sensitive = any(c.is_sensitive for c in facts.data_categories)
    email = cause is not None and cause.is_email

    if email:
        # Policy App 1, email section (written for special category data; sound for any email).
        items += [
            ChecklistItem(
                "email.sender_recall",
                "The sender tries to recall the email as soon as they know of the mistake.",
                _APP1_EMAIL,
            ),
            ChecklistItem(
                "email.staff_recipients_alert",
                "Any member of staff who received it in error alerts the sender and the DPO.",
                _APP1_EMAIL,
            ),
            ChecklistItem(
                "email.it_recall",
                "If the sender is unavailable or cannot recall it, the DPO asks the external IT "
                "support provider to recall it from external recipients and remove it from the "
                "school's email system, keeping a copy as evidence if needed.",
                _APP1_EMAIL,
            ),
            ChecklistItem(
                "email.contact_recipients",
                "If the recall fails or cannot be confirmed, the DPO considers contacting the "
                "people who received it: explain it was sent in error and ask them to delete it "
                "and not share, publish, save or copy it.",
                _APP1_EMAIL,
            ),
            ChecklistItem(
                "email.written_confirmation",
                "The DPO gets a written reply from everyone who received it, confirming they have done so.",
                _APP1_EMAIL,
            ),
        ]
    if cause is Cause.DEVICE_LOST_OR_STOLEN:
        items += [
            ChecklistItem(
                "device.remote_wipe",
                "Ask IT to lock or remote-wipe the device and sign it out of school accounts.",
                _SUGGESTION,
                policy=False,
            ),
            ChecklistItem(
                "device.passwords",
                "Change the passwords of accounts that were used or saved on the device.",
                _SUGGESTION,
                policy=False,
            ),
            ChecklistItem(
                "device.police",
                "If it was stolen, report it to the police and record the crime reference number.",
                _SUGGESTION,
                policy=False,
            ),
            ChecklistItem(
                "device.encryption_check",
                "Ask IT to confirm whether the device was encrypted and the key or password was not with it.",
                _SUGGESTION,
                policy=False,
            ),
        ]
    if cause is Cause.POST_WRONG_ADDRESS:
        items += [
            ChecklistItem(
                "post.retrieve",
                "Contact the families who received the wrong letters; collect them or ask for "
                "them to be returned or destroyed without copies being kept.",
                _SUGGESTION,
                policy=False,
            ),
            ChecklistItem(
                "post.confirm",
                "Get written confirmation from each family that the letter was returned or destroyed.",
                _SUGGESTION,
                policy=False,
            ),
            ChecklistItem(
                "post.resend",
                "Send the correct letters to the right families.",
                _SUGGESTION,
                policy=False,
            ),
        ]
    if cause is Cause.PAPER_RECORDS_LOST:
        items.append(
            ChecklistItem(
                "paper.search",
                "Search where the records were last seen and ask anyone who may have found them "
                "to return them.",
                _SUGGESTION,
                policy=False,
            )
        )
    if cause is Cause.PUBLICATION_IN_ERROR:
        items.append(
            ChecklistItem(
                "publication.take_down",
                "Take the page, post or file down now and ask for cached copies to be removed.",
                _SUGGESTION,
                policy=False,
            )
        )
    if cause in (Cause.CYBER_ATTACK_PHISHING, Cause.UNAUTHORISED_ACCESS) or (
        DataCategory.LOGIN_CREDENTIALS in facts.data_categories
    ):
        items.append(
            ChecklistItem(
                "access.reset",
                "Ask IT to reset the passwords involved, end open sessions and check the logs for "
                "data being viewed or copied out.",
                _SUGGESTION,
                policy=False,
            )
        )
    if cause is Cause.GENERATIVE_AI_TOOL:
        items.append(
            ChecklistItem(
                "ai.delete",
                "Delete the conversation or upload in the AI tool and ask its provider to delete the data.",
                _SUGGESTION,
                policy=False,
            )
        )
    readable = facts.confidentiality_lost and facts.unintelligible is Unintelligibility.NO
    if email or (
        readable
        and (
            sensitive
            or facts.recipients in (Recipients.PUBLIC, Recipients.UNKNOWN)
            or cause in (Cause.PUBLICATION_IN_ERROR, Cause.CYBER_ATTACK_PHISHING)
        )
    ):
        items.append(
            ChecklistItem(
                "internet_search",
                "The DPO and IT support search the internet to check the information has not "
                "been made public; if it has, ask the publisher or website owner to remove and "
                "delete it.",
                _APP1_EMAIL if email else _APP1_EMAIL + " (applied to this breach)",
            )
        )
    if DataCategory.SAFEGUARDING in facts.data_categories:
        items.append(
            ChecklistItem(
                "safeguarding.dsl",
                "The DPO tells the designated safeguarding lead and discusses whether to inform "
                "any or all of the 3 local safeguarding partners.",
                "Policy Appendix 1: if safeguarding information is compromised",
            )
        )
    return tuple(items)


# --------------------------------------------------------------------------- third parties


class ThirdParty(Enum):
    """Who else might help limit the harm (Policy App 1, step 9)."""

    POLICE = "police"
    INSURERS = "insurers"
    BANKS_CARD_COMPANIES = "banks_card_companies"
    SAFEGUARDING_PARTNERS = "safeguarding_partners"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            ThirdParty.POLICE: "Police",
            ThirdParty.INSURERS: "Insurers (or the DfE Risk Protection Arrangement)",
            ThirdParty.BANKS_CARD_COMPANIES: "Banks or card companies",
            ThirdParty.SAFEGUARDING_PARTNERS: "Local safeguarding partners",
            ThirdParty.OTHER: "Other",
        }[self]

    @property
    def phrase(self) -> str:
        """The name used inside a sentence ("decide whether to tell ...")."""
        return {
            ThirdParty.POLICE: "the police",
            ThirdParty.INSURERS: "the school's insurers",
            ThirdParty.BANKS_CARD_COMPANIES: "the banks or card companies",
            ThirdParty.SAFEGUARDING_PARTNERS: "the local safeguarding partners",
            ThirdParty.OTHER: "the other organisation",
        }[self]


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
