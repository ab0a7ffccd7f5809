"""Whose data an activity is about, and which privacy notice tells each group (UK GDPR Art 13/14)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

__all__ = ["DataSubject", "NoticeAudience"]


class DataSubject(Enum):
    """Categories of data subjects a school's record names (UK GDPR Art 30(1)(c))."""

    PUPILS = "pupils"
    PARENTS = "parents"
    STAFF = "staff"
    GOVERNORS = "governors"
    VOLUNTEERS = "volunteers"
    VISITORS = "visitors"
    APPLICANTS = "applicants"

    @property
    def label(self) -> str:
        return {
            DataSubject.PUPILS: "Pupils",
            DataSubject.PARENTS: "Parents and carers",
            DataSubject.STAFF: "Staff",
            DataSubject.GOVERNORS: "Governors",
            DataSubject.VOLUNTEERS: "Volunteers",
            DataSubject.VISITORS: "Visitors",
            DataSubject.APPLICANTS: "Job applicants",
        }[self]


class NoticeAudience(Enum):
    """The privacy notices a school publishes, each for the people it tells (Art 13/14)."""

    PUPILS_PARENTS = "pupils_parents"
    STAFF = "staff"
    GOVERNORS_VOLUNTEERS = "governors_volunteers"

    @property
    def label(self) -> str:
        return {
            NoticeAudience.PUPILS_PARENTS: "Pupils and parents",
            NoticeAudience.STAFF: "Staff",
            NoticeAudience.GOVERNORS_VOLUNTEERS: "Governors and volunteers",
        }[self]

    @property
    def title(self) -> str:
        return {
            NoticeAudience.PUPILS_PARENTS: "Privacy notice: how we use pupil information",
            NoticeAudience.STAFF: "Privacy notice: how we use school workforce information",
            NoticeAudience.GOVERNORS_VOLUNTEERS: "Privacy notice: how we use information about governors and volunteers",
        }[self]

    @property
    def subjects(self) -> frozenset[DataSubject]:
        return {
            NoticeAudience.PUPILS_PARENTS: frozenset({DataSubject.PUPILS, DataSubject.PARENTS}),
            NoticeAudience.STAFF: frozenset({DataSubject.STAFF, DataSubject.APPLICANTS}),
            NoticeAudience.GOVERNORS_VOLUNTEERS: frozenset({DataSubject.GOVERNORS, DataSubject.VOLUNTEERS}),
        }[self]

    @property
    def reader(self) -> str:
        """Who "you" is in the notice."""
        return {
            NoticeAudience.PUPILS_PARENTS: "pupils and their parents and carers",
            NoticeAudience.STAFF: "people who work for us or apply to",
            NoticeAudience.GOVERNORS_VOLUNTEERS: "governors, trustees and volunteers",
        }[self]

    def concerns(self, subjects: Iterable[DataSubject]) -> bool:
        return bool(self.subjects & frozenset(subjects))

    @staticmethod
    def touched_by(subjects: Iterable[DataSubject]) -> frozenset[NoticeAudience]:
        """The notices a change to an activity about these people makes out of date."""
        found = frozenset(subjects)
        return frozenset(a for a in NoticeAudience if a.subjects & found)
