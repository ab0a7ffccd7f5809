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
from schooldp.domain.breach import (
    ICO_BREACH_LINE,
    AffectedGroup,
    BreachFacts,
    Cause,
    Recipients,
    Unintelligibility,
)
from schooldp.domain.breach.containment import done_sentences

__all__ = ["render", "answers", "readable_statement", "section_text"]

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
        (
            "Initial or follow-up report",
            "This is a follow-up report." if doc.follow_up else "This is the initial report.",
        ),
        (
            "ICO case reference",
            case_ref or ("Not yet given by the ICO." if reports else "None yet: this is the first report."),
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
        late_reason = (
            f"The report was made after the 72 hours. Reason: {initial.delay_reason}"
            if late
            else "There was no delay: the report was made within 72 hours."
        )
        how = f" by {initial.made_by}" if initial.made_by else ""
        via = f" using {initial.method[0].lower()}{initial.method[1:]}" if initial.method else ""
        return (
            f"Reported on {uk_time(initial.submitted_at)}{how}{via} ({_hours(doc, initial.submitted_at)}).",
            (late_reason),
        )
    late_reason = (
        "This report is being made after the 72 hours. The reason for the delay must be given here."
        if doc.prepared_at > doc.due_at
        else "There is no delay: the 72 hours have not yet passed."
    )
    return (
        "The breach has not yet been reported to the ICO. This pack is prepared for the report.",
        late_reason,
    )


def _cyber(doc: BreachDocument) -> str:
    facts = doc.triage.facts
    cause = doc.triage.cause or (facts.cause if facts else None)
    if cause is Cause.CYBER_ATTACK_PHISHING:
        return "Yes. This was a cyber incident (a cyber attack or phishing)."
    if cause is None:
        return "The cause is still being investigated; it is not yet known whether this was a cyber incident."
    return f"No. This was not a cyber incident. The cause was: {cause.label.lower()}."


def _what_happened(doc: BreachDocument) -> Rows:
    t = doc.triage
    cause = t.cause or (t.facts.cause if t.facts else None)
    return [
        ("What happened", t.what_happened),
        ("How the school found out", t.how_found),
        (
            "When it happened",
            f"It happened on {uk_time(t.occurred_at)}."
            if t.occurred_at
            else "The time it happened is not known yet.",
        ),
        ("When the school found out", f"The school became aware on {uk_time(t.aware_at)}."),
        ("Was it a cyber incident?", _cyber(doc)),
        (
            "What happened to the data",
            ("; ".join(sorted(n.label for n in t.natures)) + ".") if t.natures else "Not recorded yet.",
        ),
        ("Cause", f"{cause.label}." if cause else "The cause is not recorded yet."),
        ("Systems involved", t.systems_involved or "No particular system: see what happened."),
    ]


def _staff(doc: BreachDocument) -> Rows:
    t = doc.triage
    if t.staff_involved is None:
        involved = "Not yet established."
    elif t.staff_involved:
        involved = "Yes. A member of staff was involved in the breach."
    else:
        involved = "No. No member of staff was involved in the breach."
    training = t.staff_training or "Not recorded yet."
    return [
        ("Was a member of staff involved?", involved),
        (
            "Their data protection training, and when",
            training if t.staff_involved is not False else "Not applicable.",
        ),
        ("Safeguards in place before the breach", t.safeguards_before or "Not recorded yet."),
    ]


def readable_statement(facts: BreachFacts) -> str:
    """Whether the data could be read, as one statement that cannot contradict itself."""
    u = facts.unintelligible
    if u is Unintelligibility.ENCRYPTED_KEY_SAFE:
        return "No. The data could not be read: it was strongly encrypted and the key is safe."
    if u is Unintelligibility.HASHED:
        return "No. The data could not be read: it was stored only as salted hashes."
    return "Yes. The data could be read: it was not encrypted or otherwise protected."


def _who_has_it(facts: BreachFacts) -> str:
    if not facts.confidentiality_lost:
        return "Nobody: the data was not seen by anyone who should not see it."
    return {
        Recipients.UNKNOWN: "People the school cannot identify may have the data.",
        Recipients.PUBLIC: "The data was published, so anyone may have seen it.",
        Recipients.KNOWN: "The data reached people the school knows and can contact.",
        Recipients.TRUSTED_CONFIRMED_DELETION: (
            "The data reached people the school knows, who have confirmed they deleted it."
        ),
    }[facts.recipients]


def _groups(facts: BreachFacts) -> list[str]:
    groups = [
        "Pupils (children: vulnerable people)" if g is AffectedGroup.PUPILS else g.label
        for g in sorted(facts.affected_groups, key=lambda g: g.label)
    ]
    if facts.children_or_vulnerable and AffectedGroup.PUPILS not in facts.affected_groups:
        groups.append("Children or vulnerable adults are among them")
    return groups


def _about(n: int | None) -> str:
    return "Not known yet." if n is None else f"About {n}."


def _data_and_people(doc: BreachDocument) -> Rows:
    facts = doc.triage.facts
    if facts is None:
        return [("Personal data involved", "Not yet established: the investigation is continuing.")]
    special = sorted(c.label for c in facts.data_categories if c.is_sensitive)
    return [
        ("Categories of personal data", "\n".join(sorted(c.label for c in facts.data_categories))),
        (
            "Special category or criminal offence data",
            ("Yes: " + "; ".join(special) + ".")
            if special
            else "No special category or criminal offence data.",
        ),
        ("Approximate number of people affected", _about(facts.approx_people)),
        ("Approximate number of records", _about(facts.approx_records)),
        ("Categories of people affected", "\n".join(_groups(facts))),
        ("Could the data be read?", readable_statement(facts)),
        ("Who has or may have the data", _who_has_it(facts)),
    ]


def _consequences(doc: BreachDocument) -> Rows:
    t = doc.triage
    rows = [("Likely consequences for the people affected", t.likely_consequences or "Being assessed.")]
    if t.decision is not None:
        a = t.decision.assessment
        band = a.weighed_band
        rows.append(
            (
                "School's assessment of the risk",
                f"Severity {a.severity:g} ({band.label.lower()}); harm is {a.likelihood.phrase} "
                "(ENISA severity method and the ICO self-assessment).",
            )
        )
    return rows


def _containment(doc: BreachDocument) -> Rows:
    t = doc.triage
    facts = t.facts
    done = done_sentences(t.containment_actions)
    open_actions = [a for a in t.containment_actions if a.done_on is None and not a.not_needed_reason.strip()]
    contained = (
        "Not yet known."
        if facts is None
        else (
            "Yes. The breach has been contained."
            if facts.containment_achieved
            else "Not yet. Work to contain it is continuing."
        )
    )
    own = [f"• {a.text.strip().rstrip('.')}." for a in open_actions if a.checklist_id is None]
    listed = len(open_actions) - len(own)
    if listed:
        own.append(f"• {listed} further action(s) from the school's breach procedure are under way.")
    still = "\n".join(own) or "No further actions are outstanding."
    return [
        ("Has the breach been contained?", contained),
        (
            "What the school has done",
            "\n".join(f"• {s}" for s in done) or "No action has been recorded as done yet.",
        ),
        ("What is still being done", still),
        (
            "Steps to stop it happening again",
            t.prevention_actions or "These will be agreed at the review meeting.",
        ),
    ]


def _people_told(doc: BreachDocument) -> str:
    t = doc.triage
    decision = t.decision
    if t.individuals_override_reason:
        return f"No. The school decided not to tell them after all. Reason: {t.individuals_override_reason}"
    if t.individuals_told_on and t.individuals_told_count:
        of = f" of {t.individuals_chosen}" if t.individuals_chosen else ""
        how = f" by {t.individuals_told_how.lower()}" if t.individuals_told_how else ""
        return (
            f"Yes. {t.individuals_told_count}{of} people were told{how} on {uk_day(t.individuals_told_on)}."
        )
    if t.individuals_told_on:  # recorded before the number told was asked
        how = f" ({t.individuals_told_how})" if t.individuals_told_how else ""
        return f"Yes, on {uk_day(t.individuals_told_on)}{how}."
    if decision is None:
        return "The school has not yet decided whether to tell them."
    if decision.tell_individuals:
        return "Not yet. They will be told in writing."
    return "No. The school has decided it is not required."


def _telling_people(doc: BreachDocument) -> Rows:
    t = doc.triage
    rows = [("Have the people affected been told?", _people_told(doc))]
    if t.decision is not None and t.decision.individuals.reason:
        rows.append(("Reason for the decision", t.decision.individuals.reason))
    rows.append(("Letters printed with SchoolDP so far", str(doc.letters_issued)))
    return rows


def _other_organisations(doc: BreachDocument) -> Rows:
    decided = doc.triage.third_parties
    if not decided:
        return [("Other organisations told", "Not yet decided.")]
    return [
        (
            p.name or p.party.label,
            ("Told. " if p.notify else "Not told. ") + (p.reason.rstrip(".") + "." if p.reason else ""),
        )
        for p in decided
    ]


def _delay(doc: BreachDocument) -> Rows:
    reported, late_reason = _reported_and_delay(doc)
    return [
        ("72-hour deadline", f"The deadline is {uk_time(doc.due_at)}."),
        ("Report to the ICO", reported),
        ("Reasons for any delay", late_reason),
    ]


# The sections of the ICO's online breach report form, in its order.
SECTIONS: tuple[tuple[str, Callable[[BreachDocument], Rows]], ...] = (
    ("1. Initial or follow-up report", _about_report),
    ("2. About your organisation", _organisation),
    ("3. Contact details", _contact),
    ("4. What happened", _what_happened),
    ("5. Staff involvement and safeguards", _staff),
    ("6. Personal data and people involved", _data_and_people),
    ("7. Likely consequences", _consequences),
    ("8. Containment and recovery", _containment),
    ("9. Telling the people affected", _telling_people),
    ("10. Other organisations told", _other_organisations),
    ("11. Timing and reasons for any delay", _delay),
)


def section_text(title: str, rows: Rows) -> str:
    """One section as plain text, to paste into the matching part of the ICO's online form."""
    return title + "\n" + "\n".join(f"{q}: {a}" for q, a in rows)


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
    if doc.open_steps:
        story += section("Steps not yet done", para("\n".join(doc.open_steps)))
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
