"""Children's rights: whether a parent's request about a pupil can go ahead without the pupil.

Sources: policy sections 9.2 and 10; Data Protection Act 2018 s.208 (Scotland); ICO right-of-access
guidance on children and on requests made on behalf of others; Education (Pupil Information)
(England) Regulations 2005 reg 5.
"""

from __future__ import annotations

from dataclasses import dataclass

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.requests.kinds import Relationship
from schooldp.domain.school import Nation, SchoolType, educational_record_right_applies

# Policy section 9.2: "Children below the age of 12 are generally not regarded to be mature
# enough"; DPA 2018 s.208 (Scotland): 12 and over presumed to understand.
CHILD_MATURITY_AGE = 12
# Policy section 10 and the age of majority (Family Law Reform Act 1969 s.1).
ADULT_AGE = 18


class ChildPresumption(LabelledEnum):
    PARENT_MAY_USUALLY_PROCEED = ("parent_may_usually_proceed", "Parent's request can usually proceed")
    PUPIL_CONSENT_USUALLY_NEEDED = ("pupil_consent_usually_needed", "Usually needs the pupil's consent")
    PUPIL_CONSENT_NEEDED = ("pupil_consent_needed", "Needs the pupil's consent (adult)")  # adult pupil
    PUPIL_OWN_REQUEST = ("pupil_own_request", "The pupil's own request")
    AUTHORITY_NEEDED = ("authority_needed", "Needs written authority")


@dataclass(frozen=True)
class ChildRightsAdvice:
    """What the policy says for this pupil; the DPO records their own judgement and reasons."""

    pupil_age: int
    nation: Nation
    relationship: Relationship
    presumption: ChildPresumption
    pupil_consent_usually_needed: bool
    presumed_competent: bool
    advice: str
    sources: tuple[str, ...]

    @property
    def offer_consent_letter(self) -> bool:
        """Whether to offer the letter asking the pupil's consent (policy section 9.2)."""
        return self.pupil_consent_usually_needed


_POLICY_92 = (
    "Personal data about a child belongs to that child, and not the child's parents or "
    "carers (policy section 9.2)."
)
_CASE_BY_CASE = (
    "This is not a rule: the pupil's ability to understand their rights is judged case by "
    "case, and the DPO records the decision and the reasons."
)


class ChildJudgement(LabelledEnum):
    """The DPO's judgement on a parent's request about a pupil (policy 9.2: case by case)."""

    PROCEED = ("proceed", "Go ahead: the pupil cannot yet understand their rights")
    SEEK_CONSENT = ("seek_consent", "Ask the pupil for their consent first")
    PUPIL_CONSENTED = ("pupil_consented", "The pupil has consented")
    PUPIL_REFUSED = ("pupil_refused", "The pupil does not consent")


def child_rule(pupil_age: int, nation: Nation, requester_relationship: Relationship) -> ChildRightsAdvice:
    """The policy's starting point for a request about a pupil, given their age on receipt.

    Policy 9.2 (under 12 a parent's request usually proceeds; 12 and over usually needs the
    pupil's consent; case by case); DPA 2018 s.208 (Scotland: 12+ presumed competent "unless
    the contrary is shown"); ICO right-of-access guidance on children and third parties.
    """
    if pupil_age < 0:
        raise ValidationError("The pupil's age cannot be negative.", "pupil_age")
    if requester_relationship is Relationship.SELF:
        return _own_request(pupil_age, nation)
    if requester_relationship.needs_authority:
        return _third_party_request(pupil_age, nation, requester_relationship)
    return _parent_request(pupil_age, nation, requester_relationship)


def _presumed_competent(pupil_age: int, nation: Nation) -> bool:
    """DPA 2018 s.208: in Scotland a child of 12 or over is presumed competent."""
    return nation is Nation.SCOTLAND and pupil_age >= CHILD_MATURITY_AGE


def _sources(nation: Nation) -> tuple[str, ...]:
    sources: tuple[str, ...] = ("Policy section 9.2", "ICO right of access guidance: children")
    if nation is Nation.SCOTLAND:
        sources += ("Data Protection Act 2018 s.208",)
    return sources


def _scotland_note(pupil_age: int, nation: Nation) -> str:
    if not _presumed_competent(pupil_age, nation):
        return ""
    return (
        " In Scotland a child of 12 or over is presumed to be mature enough to exercise their "
        "own rights unless the contrary is shown (Data Protection Act 2018 s.208)."
    )


def _own_request(pupil_age: int, nation: Nation) -> ChildRightsAdvice:
    """The pupil asking for their own information (ICO right-of-access guidance: children)."""
    if pupil_age >= CHILD_MATURITY_AGE:
        text = (
            f"The pupil ({pupil_age}) is asking for their own information. Pupils of 12 and "
            "over are generally regarded as mature enough to do so." + _scotland_note(pupil_age, nation)
        )
    else:
        text = (
            f"The pupil ({pupil_age}) is asking for their own information. A child can "
            "make their own request if they understand what they are asking for; check "
            "this and reply in words they understand."
        )
    return ChildRightsAdvice(
        pupil_age,
        nation,
        Relationship.SELF,
        ChildPresumption.PUPIL_OWN_REQUEST,
        False,
        _presumed_competent(pupil_age, nation),
        f"{text} {_CASE_BY_CASE}",
        _sources(nation),
    )


def _third_party_request(pupil_age: int, nation: Nation, relationship: Relationship) -> ChildRightsAdvice:
    """A solicitor or other third party (ICO guidance: requests made on behalf of others)."""
    young = pupil_age < CHILD_MATURITY_AGE
    who = "the pupil or a parent" if young else "the pupil"
    text = (
        f"A {relationship.label.lower()} must show written authority to act. "
        f"The pupil is {pupil_age}: the authority should usually come from {who}"
        + (" (a parent with parental responsibility can authorise for a young child)." if young else ".")
        + _scotland_note(pupil_age, nation)
    )
    return ChildRightsAdvice(
        pupil_age,
        nation,
        relationship,
        ChildPresumption.AUTHORITY_NEEDED,
        not young,
        _presumed_competent(pupil_age, nation),
        f"{_POLICY_92} {text} {_CASE_BY_CASE}",
        (*_sources(nation), "ICO right of access guidance: requests made on behalf of others"),
    )


def _parent_request(pupil_age: int, nation: Nation, relationship: Relationship) -> ChildRightsAdvice:
    """A parent or carer asking about their child (policy 9.2; an adult pupil, policy 10)."""
    presumed = _presumed_competent(pupil_age, nation)
    if pupil_age >= ADULT_AGE:
        text = (
            f"The pupil is {pupil_age}, an adult: a parent can only have their information with "
            "the pupil's written consent."
        )
        return ChildRightsAdvice(
            pupil_age,
            nation,
            relationship,
            ChildPresumption.PUPIL_CONSENT_NEEDED,
            True,
            True,
            f"{_POLICY_92} {text}",
            _sources(nation),
        )
    if pupil_age >= CHILD_MATURITY_AGE:
        text = (
            f"The pupil is {pupil_age}. Children aged 12 and above are generally regarded as "
            "mature enough to understand their rights, so most requests from parents or carers "
            "are not granted without the pupil's express permission." + _scotland_note(pupil_age, nation)
        )
        presumption = ChildPresumption.PUPIL_CONSENT_USUALLY_NEEDED
    else:
        text = (
            f"The pupil is {pupil_age}. Children below the age of 12 are generally not "
            "regarded as mature enough to understand their rights, so most requests from "
            "parents or carers can be granted without the pupil's express permission."
        )
        presumption = ChildPresumption.PARENT_MAY_USUALLY_PROCEED
    return ChildRightsAdvice(
        pupil_age,
        nation,
        relationship,
        presumption,
        pupil_age >= CHILD_MATURITY_AGE,
        presumed,
        f"{_POLICY_92} {text} {_CASE_BY_CASE}",
        _sources(nation),
    )


def educational_record_problem(school_type: SchoolType, nation: Nation, pupil_age: int) -> str | None:
    """Why the parents' educational-record right does not apply, or None if it does.

    Education (Pupil Information) (England) Regulations 2005 reg 5 (maintained schools in
    England) and policy section 10 ("applies as long as the pupil is aged under 18").
    """
    if not educational_record_right_applies(school_type, nation):
        return (
            f"The parents' right to the educational record applies to maintained schools in "
            f"England; this is a {school_type.label.lower()} in {nation.label}. Treat the "
            "request as a subject access request."
        )
    if pupil_age >= ADULT_AGE:
        return (
            f"The pupil is {pupil_age}: the parents' right to the educational record ends at "
            "18 (policy section 10). Treat it as a request needing the pupil's consent."
        )
    return None


def educational_record_applies(school_type: SchoolType, nation: Nation, pupil_age: int) -> bool:
    """Whether to offer the educational-record request type (policy section 10)."""
    return educational_record_problem(school_type, nation, pupil_age) is None
