"""The ICO report pack: every question of the ICO's breach report form, answered from the record.

Laid out in the form's order so the DPO can read it down the phone (ICO breach line) or paste
it into the online form. Never the names of the people affected (DOMAIN: ICO report).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from schooldp.documents.breach_pdf import (
    LEAD,
    SMALL,
    TITLE,
    WIDTH,
    BreachDocument,
    IcoReportLine,
    boxed,
    build,
    grid,
    kv_table,
    para,
    section,
    spacer,
    uk_day,
    uk_time,
)
from schooldp.documents.templates import escape
from schooldp.domain.breach import ICO_BREACH_LINE, AffectedGroup, BreachFacts, Cause

__all__ = ["render", "answers"]

ICO_ONLINE = "ico.org.uk/for-organisations/report-a-breach"


def _yes_no(value: bool | None, unknown: str = "Not known yet") -> str:
    return unknown if value is None else ("Yes" if value else "No")


Rows = list[tuple[str, str]]


def _hours(doc: BreachDocument, submitted: datetime) -> str:
    t = doc.triage
    assert t.aware_at is not None
    hours = (submitted - t.aware_at).total_seconds() / 3600
    return f"{hours:.0f} hours after the school became aware"


def _initial(doc: BreachDocument) -> IcoReportLine | None:
    return next((r for r in doc.ico_reports if r.kind.startswith("Initial")), None)


def _about_report(doc: BreachDocument) -> Rows:
    reports = list(doc.ico_reports)
    latest = reports[-1] if reports else None
    case_ref = next((r.ico_reference for r in reversed(reports) if r.ico_reference), "")
    rows = [
        ("Initial or follow-up report", "Follow-up report" if doc.follow_up else "Initial report"),
        (
            "ICO case reference",
            case_ref or ("Not yet given" if doc.follow_up else "Not applicable (first report)"),
        ),
        ("Our reference", doc.reference),
    ]
    if reports:
        rows.append(
            (
                "Reports already made",
                "\n".join(
                    f"{r.kind}: {uk_time(r.submitted_at)}"
                    + (f" (ICO ref {r.ico_reference})" if r.ico_reference else "")
                    for r in reports
                ),
            )
        )
    if doc.follow_up and latest is not None and latest.notes:
        rows.append(("What is new in this follow-up", latest.notes))
    return rows


def _organisation(doc: BreachDocument) -> Rows:
    school = doc.school
    return [
        ("Organisation name", school.name),
        ("Address", ", ".join([*school.address_lines, school.postcode])),
        ("ICO registration number", school.ico_registration or "Not recorded in Settings"),
        ("Sector", "Education and childcare (school)"),
        ("Type of school", school.school_type.label),
        ("URN", school.urn or "—"),
    ]


def _contact(doc: BreachDocument) -> Rows:
    school = doc.school
    return [
        ("Data Protection Officer", school.dpo.name),
        ("DPO email", school.dpo.email or "—"),
        ("DPO telephone", school.dpo.phone or school.phone or "—"),
        ("Headteacher", school.headteacher.name or "—"),
    ]


def _reported_and_delay(doc: BreachDocument) -> tuple[str, str]:
    """When the initial report was made, and the reason for any delay (UK GDPR art. 33(1))."""
    initial = _initial(doc)
    if initial is not None:
        late = initial.submitted_at > doc.due_at
        late_reason = initial.delay_reason if late else "Not applicable: reported within 72 hours."
        return f"{uk_time(initial.submitted_at)} ({_hours(doc, initial.submitted_at)})", late_reason
    late_reason = (
        "The report is being made after the 72 hours: give the reason here."
        if doc.prepared_at > doc.due_at
        else "Not applicable: within 72 hours."
    )
    return "Not yet reported (this pack is prepared for the report)", late_reason


def _about_breach(doc: BreachDocument) -> Rows:
    t = doc.triage
    facts = t.facts
    reported, late_reason = _reported_and_delay(doc)
    cyber = facts is not None and facts.cause is Cause.CYBER_ATTACK_PHISHING
    cause = t.cause or (facts.cause if facts else None)
    return [
        ("What happened", t.what_happened),
        ("How the school found out", t.how_found),
        ("When the breach happened", uk_time(t.occurred_at)),
        ("When the school became aware", uk_time(t.aware_at)),
        ("72-hour deadline for this report", uk_time(doc.due_at)),
        ("Reported to the ICO", reported),
        ("Reason for any delay past 72 hours", late_reason),
        ("Was it a cyber incident?", "Yes" if cyber else "No"),
        ("Nature of the breach", "; ".join(sorted(n.label for n in t.natures)) or "Not recorded"),
        ("Cause", cause.label if cause else "Not recorded"),
        ("Systems involved", t.systems_involved or "—"),
    ]


def _groups(facts: BreachFacts) -> list[str]:
    groups = [
        "Pupils (children: vulnerable people)" if g is AffectedGroup.PUPILS else g.label
        for g in sorted(facts.affected_groups, key=lambda g: g.label)
    ]
    if facts.children_or_vulnerable and AffectedGroup.PUPILS not in facts.affected_groups:
        groups.append("Children or vulnerable adults are among them")
    return groups


def _about(n: int | None) -> str:
    return "Not known yet" if n is None else f"About {n}"


def _data_and_people(doc: BreachDocument) -> Rows:
    facts = doc.triage.facts
    if facts is None:
        return [("Personal data involved", "Not yet established (investigation continuing)")]
    special = sorted(c.label for c in facts.data_categories if c.is_sensitive)
    return [
        ("Categories of personal data", "\n".join(sorted(c.label for c in facts.data_categories))),
        ("Special category or criminal offence data", ("Yes: " + "; ".join(special)) if special else "No"),
        ("Approximate number of people affected", _about(facts.approx_people)),
        ("Approximate number of records", _about(facts.approx_records)),
        ("Categories of people affected", "\n".join(_groups(facts))),
        ("Could the data be read?", facts.unintelligible.label),
        ("Who has or may have the data", facts.recipients.label),
    ]


def _consequences(doc: BreachDocument) -> Rows:
    t = doc.triage
    rows = [("Likely consequences for the people affected", t.likely_consequences or "Being assessed")]
    if t.decision is not None:
        a = t.decision.assessment
        rows.append(
            (
                "School's assessment of the risk",
                f"Severity {a.severity:g} ({a.band.label.lower()}), harm {a.likelihood.phrase} "
                "(ENISA severity method and the ICO self-assessment).",
            )
        )
    return rows


def _containment(doc: BreachDocument) -> Rows:
    t = doc.triage
    facts = t.facts
    done = [a for a in t.containment_actions if a.done_on is not None]
    proposed = [a for a in t.containment_actions if a.done_on is None and not a.not_needed_reason.strip()]
    return [
        ("Has the breach been contained?", _yes_no(facts.containment_achieved if facts else None, "Not yet")),
        (
            "Measures taken",
            "\n".join(f"• {a.text} ({uk_day(a.done_on)})" for a in done) or "None recorded yet",
        ),
        ("Measures proposed", "\n".join(f"• {a.text}" for a in proposed) or "None outstanding"),
        ("Steps to stop it happening again", t.prevention_actions or "To be agreed at the review meeting"),
    ]


def _people_told(doc: BreachDocument) -> str:
    t = doc.triage
    decision = t.decision
    if t.individuals_told_on:
        how = f" ({t.individuals_told_how})" if t.individuals_told_how else ""
        return f"Yes, on {uk_day(t.individuals_told_on)}" + how
    if decision is None:
        return "Not yet decided"
    if decision.tell_individuals:
        return "Not yet: they will be told in writing"
    return "No: the school has decided it is not required"


def _telling_people(doc: BreachDocument) -> Rows:
    t = doc.triage
    rows = [("Have the people affected been told?", _people_told(doc))]
    if t.decision is not None and t.decision.individuals.reason:
        rows.append(("Reason", t.decision.individuals.reason))
    notified = [p for p in t.third_parties if p.notify]
    rows.append(
        (
            "Other organisations told",
            "\n".join(f"{p.name or p.party.label}: {p.reason}" for p in notified) or "None",
        )
    )
    return rows


# The sections of the ICO's breach report form, in its order.
SECTIONS: tuple[tuple[str, Callable[[BreachDocument], Rows]], ...] = (
    ("1. About this report", _about_report),
    ("2. About the organisation", _organisation),
    ("3. Contact details", _contact),
    ("4. About the breach", _about_breach),
    ("5. Personal data and people involved", _data_and_people),
    ("6. Likely consequences", _consequences),
    ("7. Containment and recovery", _containment),
    ("8. Telling people", _telling_people),
)


def answers(doc: BreachDocument) -> list[tuple[str, Rows]]:
    """The form's sections and answers as plain text (also used by tests and the copy button)."""
    return [(title, section_rows(doc)) for title, section_rows in SECTIONS]


def render(doc: BreachDocument) -> bytes:
    kind = "Follow-up report" if doc.follow_up else "Initial report"
    story = [
        para("Personal data breach report to the ICO", TITLE),
        para(f"{kind} · {doc.school.name} · our reference {doc.reference}", LEAD),
        boxed(
            f"<b>Report by telephone:</b> ICO breach line <b>{ICO_BREACH_LINE}</b> "
            "(Monday to Friday, 9am to 5pm), or online at "
            f"<b>{ICO_ONLINE}</b>.<br/>Read the answers below in the form's order. "
            f"The report is due by <b>{escape(uk_time(doc.due_at))}</b> (72 hours after the school became aware). "
            "If not everything is known yet, report what is known now and send a follow-up."
        ),
        spacer(2),
        para(
            "This pack contains no names of the people affected: only categories and approximate numbers."
            + (f" {doc.redactions} name(s) found in the free text were replaced." if doc.redactions else ""),
            SMALL,
        ),
    ]
    for title, rows in answers(doc):
        story += section(title, kv_table(rows))
    if doc.steps:
        story += section(
            "Appendix: Appendix 1 steps completed",
            grid(
                ("Step", "Completed", "By"),
                [(f"{s.number}. {s.title}", uk_time(s.completed_at), s.by) for s in doc.steps],
                (WIDTH * 0.45, WIDTH * 0.33, WIDTH * 0.22),
            ),
        )
    story.append(spacer(4))
    story.append(para(f"Prepared by {doc.prepared_by} on {uk_time(doc.prepared_at)} with SchoolDP.", SMALL))
    return build(
        story,
        title=f"{doc.reference} ICO report",
        footer=f"{doc.school.name} · {doc.reference} · ICO breach report ({kind.lower()}) · OFFICIAL-SENSITIVE",
        author=doc.school.name,
    )
