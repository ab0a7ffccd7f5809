"""Default wording for request letters: the policy 9.1 answers of a subject access response
and the summary of what is enclosed and what is withheld (UK GDPR Art 15; DPA 2018 Sch 2-3).

The DPO edits every one of these before a letter is rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from schooldp.domain.requests import RESPONSE_CHECKLIST, DisclosureDecision, DisclosureOutcome, Exemption

# Typical school answers for the policy 9.1 items; the DPO edits them for each response.
RESPONSE_DEFAULTS: Mapping[str, str] = {
    "purposes": (
        "To provide education and pastoral care, to keep pupils safe (safeguarding), to monitor "
        "progress and attendance, to meet our legal duties to the Department for Education and "
        "the local authority, and to communicate with parents and carers."
    ),
    "categories": (
        "Contact details, attendance and assessment records, behaviour and pastoral notes, "
        "special educational needs and medical information where relevant, and correspondence."
    ),
    "recipients": (
        "Staff who need it for their work, the local authority, the Department for Education, "
        "and, where the law requires, health and social care services. We do not sell personal data."
    ),
    "retention": (
        "We keep records for the periods set out in our records retention schedule (based on the "
        "Information and Records Management Society toolkit for schools); a pupil's file is "
        "usually kept until the pupil is 25."
    ),
    "source": (
        "Most of the data came from you, your child or previous schools; some comes from the "
        "local authority and other professionals working with the school."
    ),
    "automated_decisions": "We do not make decisions about you by automated means alone, and we do not profile you.",
    # One plain statement; if a supplier does store data abroad, the DPO says so here instead
    # (and that it is protected by UK adequacy regulations or the ICO's transfer agreement).
    "transfers": "We keep this data in the United Kingdom and do not transfer it abroad.",
}

# For a member of staff the data is about their employment; the DPO edits these too.
STAFF_RESPONSE_DEFAULTS: Mapping[str, str] = {
    "purposes": (
        "To employ you and manage your work: recruitment, pay and pensions, performance, "
        "attendance, safeguarding checks, and our legal duties as an employer."
    ),
    "categories": (
        "Contact details, contract and pay records, recruitment and vetting records, attendance "
        "and sickness records, appraisal notes and correspondence about you."
    ),
    "recipients": (
        "Staff who need it for their work, our payroll and HR providers, the pension scheme, "
        "HMRC, the local authority and the Department for Education (school workforce census)."
    ),
    "retention": (
        "We keep personnel records for the periods in our records retention schedule, usually "
        "six years after employment ends."
    ),
    "source": (
        "Most of the data came from you; some came from referees, previous employers, the "
        "Disclosure and Barring Service and colleagues."
    ),
}

# The checklist keys that have their own letter field (the rest are fixed wording).
CHECKLIST_FIELDS = {
    "purposes",
    "categories",
    "recipients",
    "retention",
    "source",
    "automated_decisions",
    "transfers",
}
assert CHECKLIST_FIELDS <= {c.key for c in RESPONSE_CHECKLIST}

CHECKLIST_LABELS = {c.key: f"{c.label} ({c.source})" for c in RESPONSE_CHECKLIST}


# Each exemption in a plain clause for the letter ("... because it ..."); the statutory
# reference stays on the DPO's disclosure schedule (Exemption.source), not in the letter.
PLAIN_REASONS: Mapping[Exemption, str] = {
    Exemption.SERIOUS_HARM: "showing it could seriously harm someone's physical or mental health",
    Exemption.ABUSE: "it is about possible abuse, and showing it would not be in the child's best interests",
    Exemption.THIRD_PARTY: "it is about another person, who has not agreed to its release, and it cannot be made anonymous",
    Exemption.LEGAL_PRIVILEGE: "it is confidential legal advice",
    Exemption.CONFIDENTIAL_REFERENCE: "it is a reference that was given in confidence",
    Exemption.EXAM_SCRIPTS_AND_MARKS: "it is an exam script, or exam marks that have not been published yet",
    Exemption.CRIME: "releasing it could get in the way of preventing or detecting crime",
    Exemption.MANAGEMENT_FORECASTS: "it is the school's management planning, which releasing it would harm",
    Exemption.NEGOTIATIONS: "it records the school's side of negotiations with you",
}


def discloses_anything(decisions: Sequence[DisclosureDecision]) -> bool:
    """Whether the response sends something (no decisions yet: the whole copy is sent)."""
    return not decisions or any(d.outcome is not DisclosureOutcome.WITHHELD for d in decisions)


def _because(d: DisclosureDecision) -> str:
    clauses = [PLAIN_REASONS.get(e, e.label.lower()) for e in d.exemptions]
    if not clauses:
        return ""
    return " because " + ", and because ".join(clauses)


def disclosure_summary(
    decisions: Sequence[DisclosureDecision], whole: str = "your personal data"
) -> tuple[str, str]:
    """(what is enclosed, what is not and why, one plain sentence per item) for a letter."""
    included = [d for d in decisions if d.outcome is DisclosureOutcome.INCLUDED]
    redacted = [d for d in decisions if d.outcome is DisclosureOutcome.REDACTED]
    withheld = [d for d in decisions if d.outcome is DisclosureOutcome.WITHHELD]
    if not decisions:
        sent = "A copy of the personal data we hold, as listed in the enclosed schedule."
    elif not included and not redacted:
        sent = "We found no items that we are able to disclose: the reasons are given below."
    else:
        lines = ["We enclose these items:"]
        lines += [f"{d.item}" for d in included]
        lines += [f"{d.item} (with some parts removed)" for d in redacted]
        sent = "\n".join(lines)
    held = [f"Parts of {d.item} have been removed{_because(d)}." for d in redacted]
    held += [f"We have withheld {d.item}{_because(d)}." for d in withheld]
    return sent, "\n".join(held) if held else f"We have not withheld any of {whole}."
