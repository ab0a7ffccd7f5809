"""The decision record: the facts, the assessment factor by factor, and the DPO's decision.

Policy App 1: the DPO documents the decision either way, in case it is challenged; this is
that document, with room for the DPO and headteacher to sign.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, ListFlowable, ListItem, Table, TableStyle

from schooldp.documents.breach_ico_report import readable_statement
from schooldp.documents.breach_pdf import (
    BODY,
    LEAD,
    LINE,
    SMALL,
    TITLE,
    WIDTH,
    BreachDocument,
    build,
    grid,
    kv_table,
    para,
    section,
    spacer,
    uk_time,
)
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape
from schooldp.domain.breach import (
    Assessment,
    BeforeAndAfter,
    BreachDecision,
    assess_before_and_after,
    without_mitigations,
)

__all__ = ["render"]


def _facts_rows(doc: BreachDocument) -> list[tuple[str, str]]:
    f = doc.triage.facts
    assert f is not None
    lost = [
        name
        for name, yes in (
            ("confidentiality (seen by people who should not)", f.confidentiality_lost),
            ("integrity (data changed)", f.integrity_lost),
            ("availability (data could not be reached)", f.availability_lost),
        )
        if yes
    ]
    return [
        ("Data involved", "\n".join(sorted(c.label for c in f.data_categories))),
        ("People affected", ", ".join(sorted(g.label for g in f.affected_groups))),
        ("Children or vulnerable people", "Yes" if f.vulnerable else "No"),
        (
            "Approximate numbers",
            f"People: {f.approx_people if f.approx_people is not None else 'not known'}; "
            f"records: {f.approx_records if f.approx_records is not None else 'not known'}",
        ),
        ("What was lost", "; ".join(lost)),
        ("Done on purpose by an outsider", "Yes" if f.malicious else "No"),
        ("Done on purpose by a member of staff", "Yes" if f.deliberate_insider else "No"),
        ("Who has or may have the data", f.recipients.label),
        ("Could it be read?", readable_statement(f)),
        ("Copied out or accessed", f.exfiltration.label),
        (
            "Restored from backup",
            f"Yes, within {f.hours_to_restore:g} hours"
            if f.backup_restored and f.hours_to_restore is not None
            else ("Yes" if f.backup_restored else "No"),
        ),
        ("Containment achieved", "Yes" if f.containment_achieved else "No"),
        ("Ease of identification", f.identifiability.label),
    ]


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _before_and_after(ba: BeforeAndAfter) -> list[Flowable]:
    return section(
        "Consequences before and after mitigation (Policy Appendix 1)",
        grid(
            ("", "Severity (ENISA)", "Likelihood of harm", "Recommendation"),
            [
                (
                    "Before mitigation",
                    f"{ba.before.severity:g} ({ba.before.band.label})",
                    ba.before.likelihood.label,
                    ba.before.recommendation,
                ),
                (
                    "After mitigation",
                    f"{ba.after.severity:g} ({ba.after.band.label})",
                    ba.after.likelihood.label,
                    ba.after.recommendation,
                ),
            ],
            (WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.4),
        ),
    )


def _self_assessment(a: Assessment) -> list[Flowable]:
    return section(
        "ICO self-assessment",
        kv_table(
            [
                ("Does it involve living people's personal data?", _yes(a.ico.involves_personal_data)),
                ("Is a risk to people likely?", _yes(a.ico.risk_likely)),
                ("Is the risk high?", _yes(a.ico.high_risk)),
                (
                    "Severity score",
                    f"SE = DPC {a.dpc} x EI {a.ei:g} + CB {a.cb:g} = {a.severity:g} ({a.band.label.lower()})",
                ),
            ]
        ),
    )


def _reasons(a: Assessment) -> list[Flowable]:
    items = [
        ListItem(Paragraph(escape(r), BODY), leftIndent=14, value=str(i)) for i, r in enumerate(a.reasons, 1)
    ]
    return section(
        "Reasons, factor by factor", ListFlowable(items, bulletType="1", bulletFontSize=9, leftIndent=14)
    )


def _decision(decision: BreachDecision) -> list[Flowable]:
    rows = [
        (
            d.subject.label,
            _yes(d.recommended),
            _yes(d.decided),
            "Overridden" if d.overridden else "Followed",
            d.reason or "—",
        )
        for d in (decision.ico, decision.individuals)
    ]
    return section(
        "The DPO's decision",
        grid(
            ("Question", "Recommended", "Decided", "", "Reason"),
            rows,
            (WIDTH * 0.24, WIDTH * 0.14, WIDTH * 0.1, WIDTH * 0.14, WIDTH * 0.38),
        ),
    )


def _signatures(doc: BreachDocument) -> list[Flowable]:
    sign = Table(
        [
            [para("Data Protection Officer"), para(doc.school.dpo.name), para("Signed:"), para("Date:")],
            [para("Headteacher"), para(doc.school.headteacher.name), para("Signed:"), para("Date:")],
        ],
        colWidths=[WIDTH * 0.25, WIDTH * 0.25, WIDTH * 0.3, WIDTH * 0.2],
        rowHeights=[12 * 2.83465 * 3] * 2,
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (2, 0), (3, -1), 0.5, LINE)]),
        hAlign="LEFT",
    )
    return section("Signed", sign)


def render(doc: BreachDocument) -> bytes:
    t = doc.triage
    decision = t.decision
    if decision is None or t.facts is None:
        raise ValueError("There is no decision to print yet.")
    before_facts = t.facts_before or without_mitigations(t.facts)
    ba = assess_before_and_after(before_facts, t.facts)
    a = decision.assessment
    story = [
        para("Breach decision record", TITLE),
        para(f"{doc.school.name} · {doc.reference} · {t.title}", LEAD),
        kv_table(
            [
                ("School became aware", uk_time(t.aware_at)),
                ("ICO deadline (72 hours)", uk_time(doc.due_at)),
                ("ICO report", doc.ico_status or "Not recorded"),
                ("Steps not yet done", "; ".join(doc.open_steps) or "None"),
                (
                    "Decision made",
                    f"{uk_time(doc.decided_at)} by {doc.decided_by}" if doc.decided_at else "Not yet saved",
                ),
            ]
        ),
    ]
    story += section("The facts the assessment rests on", kv_table(_facts_rows(doc)))
    story += _before_and_after(ba)
    story += _self_assessment(a)
    story += _reasons(a)
    story += _decision(decision)
    story += _signatures(doc)
    story += [
        spacer(4),
        para(f"Printed by {doc.prepared_by} on {uk_time(doc.prepared_at)} with SchoolDP.", SMALL),
    ]
    return build(
        story,
        title=f"{doc.reference} decision record",
        footer=f"{doc.school.name} · {doc.reference} · breach decision record · OFFICIAL-SENSITIVE",
        author=doc.school.name,
    )
