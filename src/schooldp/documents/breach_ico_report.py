"""The ICO report pack: every question of the ICO's breach report form, answered from the record.

Laid out in the form's order so the DPO can read it down the phone (ICO breach line) or paste
it into the online form. Never the names of the people affected (DOMAIN: ICO report).
"""

from __future__ import annotations

from schooldp.documents.breach_pdf import (
    LEAD,
    SMALL,
    TITLE,
    WIDTH,
    BreachDocument,
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
from schooldp.domain.breach import ICO_BREACH_LINE, AffectedGroup, Cause

__all__ = ["render", "answers"]

ICO_ONLINE = "ico.org.uk/for-organisations/report-a-breach"


def _yes_no(value: bool | None, unknown: str = "Not known yet") -> str:
    return unknown if value is None else ("Yes" if value else "No")


def _hours(doc: BreachDocument, submitted) -> str:  # type: ignore[no-untyped-def]
    t = doc.triage
    assert t.aware_at is not None
    hours = (submitted - t.aware_at).total_seconds() / 3600
    return f"{hours:.0f} hours after the school became aware"


def answers(doc: BreachDocument) -> list[tuple[str, list[tuple[str, str]]]]:
    """The form's sections and answers as plain text (also used by tests and the copy button)."""
    t, school = doc.triage, doc.school
    facts = t.facts
    reports = [r for r in doc.ico_reports]
    initial = next((r for r in reports if r.kind.startswith("Initial")), None)
    latest = reports[-1] if reports else None
    case_ref = next((r.ico_reference for r in reversed(reports) if r.ico_reference), "")

    report_type = "Follow-up report" if doc.follow_up else "Initial report"
    about_report = [
        ("Initial or follow-up report", report_type),
        (
            "ICO case reference",
            case_ref or ("Not yet given" if doc.follow_up else "Not applicable (first report)"),
        ),
        ("Our reference", doc.reference),
    ]
    if reports:
        about_report.append(
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
        about_report.append(("What is new in this follow-up", latest.notes))

    organisation = [
        ("Organisation name", school.name),
        ("Address", ", ".join([*school.address_lines, school.postcode])),
        ("ICO registration number", school.ico_registration or "Not recorded in Settings"),
        ("Sector", "Education and childcare (school)"),
        ("Type of school", school.school_type.label),
        ("URN", school.urn or "—"),
    ]
    contact = [
        ("Data Protection Officer", school.dpo.name),
        ("DPO email", school.dpo.email or "—"),
        ("DPO telephone", school.dpo.phone or school.phone or "—"),
        ("Headteacher", school.headteacher.name or "—"),
    ]

    # Timings
    late_reason = ""
    if initial is not None:
        late = initial.submitted_at > doc.due_at
        late_reason = initial.delay_reason if late else "Not applicable: reported within 72 hours."
        reported = f"{uk_time(initial.submitted_at)} ({_hours(doc, initial.submitted_at)})"
    else:
        reported = "Not yet reported (this pack is prepared for the report)"
        late_reason = (
            "The report is being made after the 72 hours: give the reason here."
            if doc.prepared_at > doc.due_at
            else "Not applicable: within 72 hours."
        )
    cyber = facts is not None and facts.cause is Cause.CYBER_ATTACK_PHISHING
    timings = [
        ("What happened", t.what_happened),
        ("How the school found out", t.how_found),
        ("When the breach happened", uk_time(t.occurred_at)),
        ("When the school became aware", uk_time(t.aware_at)),
        ("72-hour deadline for this report", uk_time(doc.due_at)),
        ("Reported to the ICO", reported),
        ("Reason for any delay past 72 hours", late_reason),
        ("Was it a cyber incident?", "Yes" if cyber else "No"),
        ("Nature of the breach", "; ".join(sorted(n.label for n in t.natures)) or "Not recorded"),
        (
            "Cause",
            (t.cause or (facts.cause if facts else None)).label
            if (t.cause or (facts and facts.cause))
            else "Not recorded",
        ),
        ("Systems involved", t.systems_involved or "—"),
    ]

    if facts is not None:
        special = sorted(c.label for c in facts.data_categories if c.is_sensitive)
        groups = []
        for g in sorted(facts.affected_groups, key=lambda g: g.label):
            label = g.label
            if g is AffectedGroup.PUPILS:
                label = "Pupils (children: vulnerable people)"
            groups.append(label)
        if facts.children_or_vulnerable and AffectedGroup.PUPILS not in facts.affected_groups:
            groups.append("Children or vulnerable adults are among them")
        people = [
            ("Categories of personal data", "\n".join(sorted(c.label for c in facts.data_categories))),
            (
                "Special category or criminal offence data",
                ("Yes: " + "; ".join(special)) if special else "No",
            ),
            (
                "Approximate number of people affected",
                "Not known yet" if facts.approx_people is None else f"About {facts.approx_people}",
            ),
            (
                "Approximate number of records",
                "Not known yet" if facts.approx_records is None else f"About {facts.approx_records}",
            ),
            ("Categories of people affected", "\n".join(groups)),
            ("Could the data be read?", facts.unintelligible.label),
            ("Who has or may have the data", facts.recipients.label),
        ]
    else:
        people = [("Personal data involved", "Not yet established (investigation continuing)")]

    decision = t.decision
    consequences = [
        ("Likely consequences for the people affected", t.likely_consequences or "Being assessed")
    ]
    if decision is not None:
        a = decision.assessment
        consequences.append(
            (
                "School's assessment of the risk",
                f"Severity {a.severity:g} ({a.band.label.lower()}), harm {a.likelihood.phrase} "
                "(ENISA severity method and the ICO self-assessment).",
            )
        )

    done = [a for a in t.containment_actions if a.done_on is not None]
    proposed = [a for a in t.containment_actions if a.done_on is None and not a.not_needed_reason.strip()]
    measures = [
        ("Has the breach been contained?", _yes_no(facts.containment_achieved if facts else None, "Not yet")),
        (
            "Measures taken",
            "\n".join(f"• {a.text} ({uk_day(a.done_on)})" for a in done) or "None recorded yet",
        ),
        ("Measures proposed", "\n".join(f"• {a.text}" for a in proposed) or "None outstanding"),
        ("Steps to stop it happening again", t.prevention_actions or "To be agreed at the review meeting"),
    ]

    told = [
        (
            "Have the people affected been told?",
            (
                f"Yes, on {uk_day(t.individuals_told_on)}"
                + (f" ({t.individuals_told_how})" if t.individuals_told_how else "")
                if t.individuals_told_on
                else (
                    "Not yet: they will be told in writing"
                    if decision is not None and decision.tell_individuals
                    else "No: the school has decided it is not required"
                    if decision is not None
                    else "Not yet decided"
                )
            ),
        ),
    ]
    if decision is not None and decision.individuals.reason:
        told.append(("Reason", decision.individuals.reason))
    notified = [p for p in t.third_parties if p.notify]
    told.append(
        (
            "Other organisations told",
            "\n".join(f"{p.name or p.party.label}: {p.reason}" for p in notified) or "None",
        )
    )
    return [
        ("1. About this report", about_report),
        ("2. About the organisation", organisation),
        ("3. Contact details", contact),
        ("4. About the breach", timings),
        ("5. Personal data and people involved", people),
        ("6. Likely consequences", consequences),
        ("7. Containment and recovery", measures),
        ("8. Telling people", told),
    ]


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
