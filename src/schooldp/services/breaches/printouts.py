"""Breach printouts: the ICO pack, the decision record and the trends report, as PDF bytes.

Names of the people affected are taken out of free text before anything is printed for the ICO.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from schooldp.domain.breach import TriageData
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.flows.breach_triage import BreachTriageFlow
from schooldp.services.breaches.service import CASE_KIND, BreachService
from schooldp.services.breaches.values import BreachRecord
from schooldp.services.dataclass_copy import build_from
from schooldp.services.school import SchoolSession

if TYPE_CHECKING:
    from schooldp.documents.breach_pdf import BreachDocument

# Free-text answers that may name someone; the ICO pack must not (UK GDPR art. 5(1)(c)).
_FREE_TEXT = (
    "title",
    "what_happened",
    "how_found",
    "systems_involved",
    "likely_consequences",
    "facts_and_cause",
    "effects",
    "prevention_actions",
    "conclusion_reasons",
)


def redact(text: str, names: Iterable[str]) -> tuple[str, int]:
    """Replace whole names of affected people in free text meant for the ICO; count them."""
    count = 0
    for name in sorted({n.strip() for n in names if len(n.strip()) > 3}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        text, n = pattern.subn("[name removed]", text)
        count += n
    return text, count


def _redacted(t: TriageData, names: list[str]) -> tuple[TriageData, int]:
    total = 0
    changes: dict[str, Any] = {}
    for name in _FREE_TEXT:
        text, n = redact(getattr(t, name), names)
        total += n
        changes[name] = text
    return replace(t, **changes), total


def _affected_names(session: SchoolSession, record: BreachRecord) -> list[str]:
    names: list[str] = []
    if not (record.affected_pupils or record.affected_staff):
        return names
    from schooldp.services.people import PeopleService

    people = PeopleService(session)
    for p in people.pupils(ids=record.affected_pupils, include_leavers=True):
        names += [p.legal_name, p.display_name]
    for sid in record.affected_staff:
        try:
            names.append(people.staff_member(sid).display_name)
        except SchoolDPError:
            continue
    return names


def breach_document(
    session: SchoolSession, record: BreachRecord, *, follow_up: bool = False
) -> BreachDocument:
    """The printout input for this breach, with names of affected people taken out of free text."""
    from schooldp.documents.breach_pdf import BreachDocument, IcoReportLine, StepLine
    from schooldp.services.letters import LetterService

    triage, total = _redacted(record.triage, _affected_names(session, record))
    letters = LetterService(session).issued(case_kind=CASE_KIND, case_id=record.id)
    return BreachDocument(
        school=session.profile(),
        reference=record.reference,
        triage=triage,
        due_at=record.due_at,
        prepared_at=session.clock.now(),
        prepared_by=session.account.display_name,
        ico_reports=tuple(
            IcoReportLine(
                r.kind.label,
                r.submitted_at,
                r.reference_text,
                r.delay_reason,
                r.notes,
                r.method.label if r.method else "",
                r.made_by,
            )
            for r in record.ico_reports
        ),
        steps=tuple(
            StepLine(s.step.number, s.step.title, s.completed_at, s.account_name) for s in record.history
        ),
        decided_at=record.decided_at,
        decided_by=record.decided_by,
        letters_issued=len(letters),
        follow_up=follow_up,
        redactions=total,
        ico_status=record.ico_status,
        open_steps=tuple(
            f"Step {s.number}: {s.title}" for s in BreachTriageFlow().open_steps(record.triage, record.done)
        ),
    )


def ico_pack_pdf(session: SchoolSession, record: BreachRecord, *, follow_up: bool = False) -> bytes:
    from schooldp.documents import breach_ico_report

    return breach_ico_report.render(breach_document(session, record, follow_up=follow_up))


@dataclass(frozen=True)
class IcoPack:
    """The ICO pack's input (read from the file on the UI thread) and its sections as text."""

    document: BreachDocument
    sections: tuple[tuple[str, str], ...]  # (title, text to paste into the online form)

    def render(self) -> bytes:
        """The PDF; touches no database, so it may run on a worker thread."""
        from schooldp.documents import breach_ico_report

        return breach_ico_report.render(self.document)


def ico_pack(session: SchoolSession, record: BreachRecord, *, follow_up: bool = False) -> IcoPack:
    """The pack for the ICO's online form: every section's answers, to render or copy one by one."""
    from schooldp.documents import breach_ico_report

    doc = breach_document(session, record, follow_up=follow_up)
    sections = tuple(
        (title, breach_ico_report.section_text(title, rows)) for title, rows in breach_ico_report.answers(doc)
    )
    return IcoPack(doc, sections)


def decision_record_pdf(session: SchoolSession, record: BreachRecord) -> bytes:
    from schooldp.documents import breach_decision_record

    if record.triage.decision is None:
        raise ValidationError("Make the decision at step 6 before printing the decision record.", "decision")
    return breach_decision_record.render(breach_document(session, record))


def trends_pdf(session: SchoolSession, start: date, end: date) -> bytes:
    from schooldp.documents.breach_trends import TrendsDocument, render

    now = session.clock.now()
    tr = BreachService(session).trends(start, end, now=now)
    document = build_from(
        TrendsDocument,
        tr,
        school_name=session.profile().name,
        start=start,
        end=end,
        prepared_at=now,
        prepared_by=session.account.display_name,
    )
    return render(document)
