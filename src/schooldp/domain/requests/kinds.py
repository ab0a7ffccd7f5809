"""What is asked, how it arrived and who is asking: the request types and their legal basis.

Sources: UK GDPR Arts 7(3), 12(3), 15-22; Data Protection Act 2018 s.164A; Education (Pupil
Information) (England) Regulations 2005 reg 5; policy sections 9 and 10; ICO right-of-access
guidance.
"""

from __future__ import annotations

from schooldp.domain.labels import LabelledEnum


class RequestType(LabelledEnum):
    legal_basis: str  # the law (and policy section) behind the right, for letters and the request page

    SUBJECT_ACCESS = ("subject_access", "Subject access request", "UK GDPR Article 15; policy section 9.1")
    EDUCATIONAL_RECORD = (
        "educational_record",
        "Parent's request to see the educational record",
        "Education (Pupil Information) (England) Regulations 2005, regulation 5; policy section 10",
    )
    RECTIFICATION = (
        "rectification",
        "Rectification (correct inaccurate data)",
        "UK GDPR Article 16; policy section 9.4",
    )
    ERASURE = ("erasure", "Erasure", "UK GDPR Article 17; policy section 9.4")
    RESTRICTION = ("restriction", "Restriction of processing", "UK GDPR Article 18; policy section 9.4")
    OBJECTION = ("objection", "Objection to processing", "UK GDPR Article 21(1); policy section 9.4")
    PORTABILITY = ("portability", "Data portability", "UK GDPR Article 20; policy section 9.4")
    WITHDRAW_CONSENT = (
        "withdraw_consent",
        "Withdrawal of consent",
        "UK GDPR Article 7(3); policy sections 9.4 and 12",
    )
    STOP_DIRECT_MARKETING = (
        "stop_direct_marketing",
        "Stop direct marketing",
        "UK GDPR Article 21(2)-(3); policy section 9.4",
    )
    AUTOMATED_DECISIONS = (
        "automated_decisions",
        "Challenge to an automated decision",
        "UK GDPR Articles 22A-22D (Data (Use and Access) Act 2025); policy section 9.4",
    )
    COMPLAINT = (
        "complaint",
        "Data protection complaint",
        "Data Protection Act 2018 s.164A, inserted by the Data (Use and Access) Act 2025",
    )

    def __init__(self, value: str, label: str = "", legal_basis: str = "") -> None:
        self.legal_basis = legal_basis

    @property
    def time_limit(self) -> str:
        """The limit in words; the date itself comes from the deadline engine."""
        if self is RequestType.EDUCATIONAL_RECORD:
            return "15 school days from the written request"  # Pupil Information Regs reg 5
        if self is RequestType.COMPLAINT:
            return "Acknowledge within 30 days; outcome without undue delay"  # DPA s.164A
        return "One month from receipt, extendable by two months"  # UK GDPR Art 12(3)

    @property
    def may_be_extended(self) -> bool:
        """UK GDPR Art 12(3) lets rights requests be extended; reg 5 and complaints do not."""
        return self not in (RequestType.EDUCATIONAL_RECORD, RequestType.COMPLAINT)


class Channel(LabelledEnum):
    """A request can arrive in any form (policy section 9.1; ICO right-of-access guidance)."""

    LETTER = ("letter", "Letter")
    EMAIL = ("email", "Email")
    PHONE = ("phone", "Phone")
    IN_PERSON = ("in_person", "In person")
    SOCIAL_MEDIA = ("social_media", "Social media")
    VIA_STAFF = ("via_staff", "Via a member of staff")

    @property
    def is_written(self) -> bool:
        """The educational-record right needs a written request (reg 5)."""
        return self in (Channel.LETTER, Channel.EMAIL, Channel.SOCIAL_MEDIA)


class Relationship(LabelledEnum):
    """The requester's relationship to the data subject."""

    SELF = ("self", "The person themselves")
    PARENT_CARER = ("parent_carer", "Parent or carer")
    SOLICITOR = ("solicitor", "Solicitor")
    OTHER_AUTHORISED = ("other_authorised", "Other authorised third party")

    @property
    def needs_authority(self) -> bool:
        """ICO guidance: a third party must show they may act for the person."""
        return self in (Relationship.SOLICITOR, Relationship.OTHER_AUTHORISED)
