"""Whose data a request is about, and which rules follow from that on the day it arrived.

Sources: policy sections 9.2 (a child's data belongs to the child) and 10 (the parents'
educational-record right); Education (Pupil Information) (England) Regulations 2005 reg 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum
from schooldp.domain.people import age_on
from schooldp.domain.requests.children import ChildRightsAdvice, child_rule, educational_record_problem
from schooldp.domain.requests.kinds import Channel, Relationship, RequestType
from schooldp.domain.school import SchoolProfile


class SubjectKind(LabelledEnum):
    """Where the data subject is on the register (the child rule applies to pupils only)."""

    PUPIL = ("pupil", "Pupil")
    CONTACT = ("contact", "Parent or carer")
    STAFF = ("staff", "Staff member")
    OTHER = ("other", "Not on the register")


@dataclass(frozen=True)
class Subject:
    """Whose data it is: a person on the register (by id) or someone typed in."""

    kind: SubjectKind
    name: str
    id: int | None = None
    date_of_birth: date | None = None


def child_advice(
    subject: Subject, received_on: date, relationship: Relationship, profile: SchoolProfile
) -> ChildRightsAdvice | None:
    """The policy 9.2 rule for a request about a pupil (None if not about a pupil with a known DOB)."""
    if subject.kind is not SubjectKind.PUPIL or subject.date_of_birth is None:
        return None
    if received_on < subject.date_of_birth:
        return None
    return child_rule(age_on(subject.date_of_birth, received_on), profile.nation, relationship)


def educational_record_blocker(subject: Subject, received_on: date, profile: SchoolProfile) -> str | None:
    """Why the parents' educational-record request cannot be logged here (policy 10), or None."""
    if subject.kind is not SubjectKind.PUPIL or subject.date_of_birth is None:
        return "The parents' educational-record right is about a pupil: choose the pupil from the register."
    if received_on < subject.date_of_birth:
        return "The date received is before the pupil's date of birth."
    return educational_record_problem(
        profile.school_type, profile.nation, age_on(subject.date_of_birth, received_on)
    )


def offered_types(subject: Subject, received_on: date, profile: SchoolProfile) -> tuple[RequestType, ...]:
    """Request types to offer: the educational record only where the right applies (policy 10)."""
    types = list(RequestType)
    if educational_record_blocker(subject, received_on, profile) is not None:
        types.remove(RequestType.EDUCATIONAL_RECORD)
    return tuple(types)


def check_educational_record_request(
    subject: Subject,
    received_on: date,
    relationship: Relationship,
    channel: Channel,
    profile: SchoolProfile,
) -> None:
    """Raise ValidationError unless a parent's written request for the record can be logged.

    Education (Pupil Information) (England) Regulations 2005 reg 5: the right is the parents'
    and the request must be in writing; policy section 10.
    """
    problem = educational_record_blocker(subject, received_on, profile)
    if problem:
        raise ValidationError(problem, "request_type")
    if relationship is not Relationship.PARENT_CARER:
        raise ValidationError(
            "The educational-record right belongs to parents (those with parental "
            "responsibility): choose 'Parent or carer', or log a subject access request.",
            "relationship",
        )
    if not channel.is_written:
        raise ValidationError(
            "A parent's request to see the educational record must be made in writing "
            "(regulation 5). Ask the parent to write or email, and log it when it arrives.",
            "channel",
        )
