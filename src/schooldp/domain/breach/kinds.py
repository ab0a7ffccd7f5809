"""The closed sets a DPO chooses from when describing a breach: data, people, causes.

Sources: see `schooldp.domain.breach` (Policy 17 / App 1, ENISA 2013, ICO guidance).
"""

from __future__ import annotations

from enum import Enum


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
