"""What a privacy notice must say and which record entries go in each one (UK GDPR Art 13/14).

The structure follows the school notices the policy points to (section 7.1): what we collect,
why, the lawful bases, whom we share with, transfers, how long we keep it, your rights, how to
complain, the DPO's contact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from schooldp.domain.records.activity import ProcessingActivity
from schooldp.domain.records.subjects import NoticeAudience

__all__ = ["ICO_CONCERNS_URL", "ICO_PHONE", "NoticeStatus", "activities_for", "rights_for"]

ICO_CONCERNS_URL = "https://ico.org.uk/make-a-complaint/"
ICO_PHONE = "0303 123 1113"


def activities_for(
    audience: NoticeAudience, activities: Iterable[ProcessingActivity]
) -> list[ProcessingActivity]:
    """The active entries about the people this notice is for (Art 13(1)(c), 14(1)(c))."""
    return [a for a in activities if a.active and audience.concerns(a.subjects)]


def rights_for(audience: NoticeAudience) -> tuple[str, ...]:
    """The rights a notice lists (Art 13(2)(b)-(d), Art 15-22); plain words, as in the seed notices."""
    rights = [
        "ask for a copy of the information we hold about you (a subject access request)",
        "ask us to correct information that is wrong or incomplete",
        "ask us to delete information, or to restrict how we use it, in some circumstances",
        "object to how we use your information where we rely on our public task or legitimate interests",
        "withdraw your consent at any time, where we rely on consent",
        "ask for information you gave us to be passed to another organisation, where we rely on consent or a contract",
        "not be subject to a significant decision made only by a computer without safeguards",
    ]
    if audience is NoticeAudience.PUPILS_PARENTS:
        rights.insert(
            1,
            "as a parent, see your child's educational record (in maintained schools in England, within "
            "15 school days of a written request)",
        )
    return tuple(rights)


@dataclass(frozen=True)
class NoticeStatus:
    """A published notice against the record: out of date when the record changed after it."""

    audience: NoticeAudience
    generated_revision: int | None
    latest_revision: int

    @property
    def generated(self) -> bool:
        return self.generated_revision is not None

    @property
    def out_of_date(self) -> bool:
        return self.generated_revision is None or self.latest_revision > self.generated_revision
