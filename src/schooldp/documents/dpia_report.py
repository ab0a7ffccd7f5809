"""A DPIA on the school's letterhead, in the order of the ICO's DPIA template (steps 1-7).

The input is the assessment itself; it describes processing and risks, never named individuals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from schooldp.documents.breach_pdf import LEAD, TITLE, boxed, grid, kv_table, para, section, spacer
from schooldp.documents.fonts import register_fonts
from schooldp.documents.record_page import WIDTH, build_on_letterhead
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.dpia import NECESSITY_QUESTIONS, SCREENING_QUESTIONS, Dpia, DpiaStage
from schooldp.domain.school import SchoolProfile

__all__ = ["DpiaDocument", "render"]


@dataclass(frozen=True)
class DpiaDocument:
    school: SchoolProfile
    dpia: Dpia
    activity_name: str
    stage: DpiaStage
    prepared_on: date
    prepared_by: str


def _day(value: date | None, empty: str = "Not yet") -> str:
    return uk_date(value) if value is not None else empty


def _summary(doc: DpiaDocument) -> Flowable:
    d = doc.dpia
    residual = d.highest_residual
    lines = [
        f"<b>Screening:</b> {escape(d.screening_result.outcome.label)}.",
        f"<b>Stage:</b> {escape(doc.stage.label)}.",
        f"<b>Highest residual risk:</b> {escape(residual.label if residual else 'not assessed yet')}.",
    ]
    if d.prior_consultation_needed:
        lines.append(
            "<b>Prior consultation with the ICO is needed before the processing starts</b> "
            "(UK GDPR Article 36): a high residual risk remains."
        )
    return boxed("<br/>".join(lines))


def _screening(d: Dpia) -> list[Flowable]:
    rows = [(q.text, "Yes" if q.key in d.screening else "No") for q in SCREENING_QUESTIONS]
    return section(
        "Step 0: screening (do we need a DPIA?)",
        grid(("Question", "Answer"), rows, (WIDTH - 20 * mm, 20 * mm)),
        spacer(2),
        para(d.screening_result.text + (f" {d.screening_note}" if d.screening_note.strip() else "")),
    )


def _risks(d: Dpia) -> list[Flowable]:
    inherent = [
        (str(i), r.description, r.likelihood.label, r.severity.label, r.level.label)
        for i, r in enumerate(d.risks, 1)
    ]
    measures = [
        (
            str(i),
            r.description,
            r.measures,
            r.effect.label if r.effect else "",
            r.residual_text,
            "Yes" if r.approved else "No",
        )
        for i, r in enumerate(d.risks, 1)
    ]
    return [
        *section(
            "Step 5: identify and assess risks",
            grid(
                ("#", "Risk to individuals", "Likelihood", "Severity", "Overall risk"),
                inherent or [("", "No risks recorded yet.", "", "", "")],
                (8 * mm, WIDTH - 83 * mm, 25 * mm, 25 * mm, 25 * mm),
            ),
        ),
        *section(
            "Step 6: measures to reduce risk",
            grid(
                ("#", "Risk", "Measures", "Effect", "Residual risk", "Approved"),
                measures or [("", "No risks recorded yet.", "", "", "", "")],
                (8 * mm, 42 * mm, WIDTH - 112 * mm, 18 * mm, 24 * mm, 20 * mm),
            ),
        ),
    ]


def _sign_off(d: Dpia) -> list[Flowable]:
    s = d.sign_off
    followed = {None: "Not yet recorded", True: "Yes", False: "No"}[s.advice_followed]
    head = f"{s.head_approved_by} on {_day(s.head_approved_on)}" if s.approved else "Not yet approved"
    out = section(
        "Step 7: sign-off and outcomes",
        kv_table(
            [
                ("Measures approved by", s.measures_approved_by or "Not yet"),
                ("Residual risks approved by", s.residual_approved_by or "Not yet"),
                ("DPO advice", s.dpo_advice),
                ("DPO advice followed", followed),
                ("If not, why not", s.advice_reason or ("Not applicable" if s.advice_followed else "")),
                ("Headteacher approval", head),
                ("Review date", _day(s.review_on, "Not set")),
            ]
        ),
    )
    if d.prior_consultation_needed:
        out += [
            spacer(3),
            boxed(
                "A high residual risk remains. Under UK GDPR Article 36 the school must consult the ICO "
                "before starting this processing, and wait for its advice."
            ),
        ]
    return out


def render(doc: DpiaDocument) -> bytes:
    register_fonts()
    d = doc.dpia
    necessity = [(text, d.necessity.answer(key)) for key, text in NECESSITY_QUESTIONS]
    yes_no = {True: "Yes", False: "No"}
    story: list[Flowable] = [
        Paragraph(escape(f"Data protection impact assessment: {d.title}"), TITLE),
        Paragraph(
            escape(
                f"{d.reference or 'Not yet saved'} · version {d.version} · prepared {uk_date(doc.prepared_on)} "
                f"by {doc.prepared_by} · UK GDPR Article 35 and the ICO's DPIA template"
            ),
            LEAD,
        ),
        _summary(doc),
        *_screening(d),
        *section("Step 1: the need for a DPIA", para(d.need)),
        *section(
            "Step 2: the processing",
            kv_table(
                [
                    ("Processing activity (record of processing)", doc.activity_name or "Not linked yet"),
                    ("Nature", d.nature),
                    ("Scope", d.scope),
                    ("Context", d.context),
                    ("Purposes", d.purposes),
                ]
            ),
        ),
        *section(
            "Step 3: consultation",
            kv_table(
                [
                    ("Who was consulted, and how", d.consultation),
                    ("Pupils or parents consulted", yes_no[d.pupils_parents_consulted]),
                    ("DPO consulted", yes_no[d.dpo_consulted]),
                ]
            ),
        ),
        *section("Step 4: necessity and proportionality", kv_table(necessity)),
        *_risks(d),
        *_sign_off(d),
    ]
    return build_on_letterhead(
        story,
        doc.school,
        title=d.reference or "Data protection impact assessment",
        footer=f"{d.reference or 'DPIA'} version {d.version}",
    )
