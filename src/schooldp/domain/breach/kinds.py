"""The closed sets a DPO chooses from when describing a breach: data, people, causes.

Sources: see `schooldp.domain.breach` (Policy 17 / App 1, ENISA 2013, ICO guidance).
"""

from __future__ import annotations

from schooldp.domain.labels import LabelledEnum, RankedEnum


class EnisaClass(RankedEnum):
    """ENISA's four data-processing-context classes, with their basic scores."""

    SIMPLE = (1, "simple")
    BEHAVIOURAL = (2, "behavioural")
    FINANCIAL = (3, "financial")
    SENSITIVE = (4, "sensitive")


class DataCategory(LabelledEnum):
    """Kinds of personal data a school holds; each maps to an ENISA data-context score."""

    enisa_class: EnisaClass
    dpc: int  # data-context score for this category before the children/vulnerable rise
    dpc_reason: str

    # ENISA s.2.1 / Annex A: basic score by data class, adjusted for context. The school-specific
    # mapping below is SchoolDP's reading of ENISA's examples, stated in each reason.
    BASIC_IDENTIFIERS = (
        "basic_identifiers",
        "Basic identifiers (name, date of birth, UPN)",
        EnisaClass.SIMPLE,
        1,
        "names and dates of birth are simple data (ENISA: simple data, basic score 1)",
    )
    CONTACT_DETAILS = (
        "contact_details",
        "Contact details (address, phone, email)",
        EnisaClass.SIMPLE,
        1,
        "contact details are simple data (ENISA: simple data, basic score 1)",
    )
    ATTENDANCE = (
        "attendance",
        "Attendance",
        EnisaClass.BEHAVIOURAL,
        2,
        "attendance shows where a person was and their patterns (ENISA: behavioural data, basic score 2)",
    )
    ASSESSMENT = (
        "assessment",
        "Assessment and exam results",
        EnisaClass.SIMPLE,
        1,
        "marks and results are education records (ENISA: education is simple data, score 1)",
    )
    BEHAVIOUR_EXCLUSIONS = (
        "behaviour_exclusions",
        "Behaviour and exclusions",
        EnisaClass.BEHAVIOURAL,
        3,
        "behaviour logs and exclusions build a detailed, stigmatising profile "
        "(ENISA: behavioural data 2, plus 1 where a profile can be built)",
    )
    SEND = (
        "send",
        "Special educational needs and disabilities (SEND)",
        EnisaClass.SENSITIVE,
        4,
        "SEND records usually reveal health or disability (ENISA: sensitive data, basic score 4)",
    )
    HEALTH = (
        "health",
        "Health and medical",
        EnisaClass.SENSITIVE,
        4,
        "health data is special category data (ENISA: sensitive data, basic score 4)",
    )
    SAFEGUARDING = (
        "safeguarding",
        "Safeguarding and child protection",
        EnisaClass.SENSITIVE,
        4,
        "safeguarding records can be critical to a child's safety (ENISA: sensitive data, basic score 4)",
    )
    SPECIAL_CATEGORY = (
        "special_category",
        "Ethnicity, religion and other special category data",
        EnisaClass.SENSITIVE,
        4,
        "ethnicity, religion and the like are special category data (ENISA: sensitive data, basic score 4)",
    )
    FSM_PUPIL_PREMIUM = (
        "fsm_pupil_premium",
        "Free school meals and pupil premium",
        EnisaClass.FINANCIAL,
        3,
        "free school meals and pupil premium reveal a family's income and benefits "
        "(ENISA: financial data incl. social welfare, basic score 3)",
    )
    FINANCIAL = (
        "financial",
        "Financial (bank, card or payment details)",
        EnisaClass.FINANCIAL,
        3,
        "bank, card and payment details are financial data (ENISA: financial data, basic score 3)",
    )
    IDENTITY_DOCUMENTS = (
        "identity_documents",
        "Identity documents (passport, birth certificate)",
        EnisaClass.FINANCIAL,
        3,
        "copies of passports or birth certificates enable identity fraud "
        "(SchoolDP: scored as ENISA financial data, 3)",
    )
    LOGIN_CREDENTIALS = (
        "login_credentials",
        "Login details and passwords",
        EnisaClass.FINANCIAL,
        3,
        "login details take the score of what they unlock; school accounts open pupil "
        "records (ENISA: credentials follow the data they give access to; SchoolDP: 3, "
        "add the categories that were reachable)",
    )
    BIOMETRICS = (
        "biometrics",
        "Biometrics (for example fingerprints for catering)",
        EnisaClass.SENSITIVE,
        4,
        "biometrics used to identify people are special category data (ENISA: sensitive data, basic score 4)",
    )
    PHOTOS_CCTV = (
        "photos_cctv",
        "Photos, video and CCTV",
        EnisaClass.BEHAVIOURAL,
        2,
        "photos and CCTV show where a person was and what they were doing "
        "(ENISA: behavioural data, basic score 2)",
    )
    CRIMINAL_OFFENCE = (
        "criminal_offence",
        "Criminal offence data",
        EnisaClass.SENSITIVE,
        4,
        "criminal offence data has special protection (UK GDPR art. 10; "
        "ENISA: sensitive data, basic score 4)",
    )
    STAFF_HR_PAY = (
        "staff_hr_pay",
        "Staff HR and pay",
        EnisaClass.FINANCIAL,
        3,
        "staff pay and HR records are financial and employment data "
        "(Policy App 1 names staff pay; ENISA: financial data, basic score 3)",
    )

    def __init__(
        self,
        value: str,
        label: str = "",
        enisa_class: EnisaClass = EnisaClass.SIMPLE,
        dpc: int = 1,
        dpc_reason: str = "",
    ) -> None:
        self.enisa_class = enisa_class
        self.dpc = dpc
        self.dpc_reason = dpc_reason

    @property
    def is_sensitive(self) -> bool:
        """Special category, safeguarding or similar: drives the Appendix 1 email actions."""
        return self.enisa_class is EnisaClass.SENSITIVE


class AffectedGroup(LabelledEnum):
    PUPILS = ("pupils", "Pupils")
    PARENTS_CARERS = ("parents_carers", "Parents and carers")
    STAFF = ("staff", "Staff")
    OTHERS = ("others", "Others (governors, visitors, contractors)")


class BreachNature(LabelledEnum):
    """What happened to the data: Appendix 1's list, used at the investigation step.

    Policy App 1: "accidentally or unlawfully: lost, stolen, destroyed, altered, ..."
    """

    LOST = ("lost", "Lost")
    STOLEN = ("stolen", "Stolen")
    DESTROYED = ("destroyed", "Destroyed")
    ALTERED = ("altered", "Altered")
    DISCLOSED = ("disclosed", "Disclosed or made available where it should not have been")
    MADE_AVAILABLE_UNAUTHORISED = ("made_available_unauthorised", "Made available to unauthorised people")


class Conclusion(LabelledEnum):
    """The DPO's finding after investigation (Policy App 1)."""

    BREACH = ("breach", "A breach has occurred")
    LIKELY_BREACH = ("likely_breach", "A breach is likely to have occurred")
    NOT_A_BREACH = ("not_a_breach", "Not a breach (near miss)")

    @property
    def is_breach(self) -> bool:
        # Policy App 1: "If a breach has occurred or it is considered to be likely ..."
        return self is not Conclusion.NOT_A_BREACH


class Recipients(LabelledEnum):
    """Who could see the data: drives ENISA's loss-of-confidentiality score."""

    UNKNOWN = ("unknown", "Unknown people")
    PUBLIC = ("public", "The public (published or posted online)")
    KNOWN = ("known", "Known people")
    TRUSTED_CONFIRMED_DELETION = (
        "trusted_confirmed_deletion",
        "Known, trusted people who have confirmed in writing that they deleted it",
    )


class Exfiltration(LabelledEnum):
    """Whether the data is known to have been copied out or accessed."""

    CONFIRMED = ("confirmed", "Confirmed: the data was accessed or copied out")
    RULED_OUT = ("ruled_out", "Ruled out: nobody accessed or copied the data")
    UNKNOWN = ("unknown", "Not known yet")


class Unintelligibility(LabelledEnum):
    """Whether the data stays unreadable to whoever has it (ICO: encryption guidance)."""

    NO = ("no", "No: the data can be read")
    ENCRYPTED_KEY_SAFE = (
        "encrypted_key_safe",
        "Strongly encrypted, and the key or password was not lost with it",
    )
    HASHED = ("hashed", "Stored only as salted hashes (for example passwords)")


class Identifiability(LabelledEnum):
    """ENISA ease of identification (EI): how easily the people can be recognised.

    ENISA s.2.2 factors: negligible 0.25, limited 0.5, significant 0.75, maximum 1.
    """

    factor: float

    NEGLIGIBLE = ("negligible", "Negligible: e.g. anonymised figures for a large group", 0.25)
    LIMITED = ("limited", "Limited: e.g. first names and year group in a big school", 0.5)
    SIGNIFICANT = (
        "significant",
        "Significant: e.g. UPNs or candidate numbers, or initials in a small class",
        0.75,
    )
    FULL = ("full", "Full: named records, as most school records are", 1.0)

    def __init__(self, value: str, label: str = "", factor: float = 1.0) -> None:
        self.factor = factor


class Cause(LabelledEnum):
    """How it happened, for trend reviews (Policy App 1: identify trends or patterns)."""

    EMAIL_WRONG_RECIPIENT = ("email_wrong_recipient", "Email sent to the wrong person")
    EMAIL_CC_NOT_BCC = ("email_cc_not_bcc", "Email addresses shown to everyone (CC instead of BCC)")
    POST_WRONG_ADDRESS = ("post_wrong_address", "Letter or report sent to the wrong address or family")
    DEVICE_LOST_OR_STOLEN = ("device_lost_or_stolen", "Laptop, phone or memory stick lost or stolen")
    PAPER_RECORDS_LOST = ("paper_records_lost", "Paper records lost or left unattended")
    CYBER_ATTACK_PHISHING = ("cyber_attack_phishing", "Cyber attack or phishing")
    UNAUTHORISED_ACCESS = ("unauthorised_access", "Someone looked at records they should not have")
    PUBLICATION_IN_ERROR = ("publication_in_error", "Published in error (website, social media, newsletter)")
    # Policy 13 (AI): personal data put into an unauthorised AI tool is a breach.
    GENERATIVE_AI_TOOL = ("generative_ai_tool", "Personal data put into an unapproved AI tool")
    SYSTEM_ERROR = ("system_error", "System or software error")
    OTHER = ("other", "Other")

    @property
    def is_email(self) -> bool:
        return self in (Cause.EMAIL_WRONG_RECIPIENT, Cause.EMAIL_CC_NOT_BCC)
