"""The record of processing for governors: one landscape table of activities and the processors
with their contracts (UK GDPR Art 30; policy 14). No names of pupils or staff appear in it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from schooldp.documents.a4 import MUTED
from schooldp.documents.annual_report import ACCENT, LINE, SHADE
from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date

__all__ = ["RegisterDocument", "render"]

_PAGE = landscape(A4)
_WIDTH = _PAGE[0] - 30 * mm
_TITLE = ParagraphStyle("RRTitle", fontName=SANS_BOLD, fontSize=16, leading=20, textColor=ACCENT)
_LEAD = ParagraphStyle("RRLead", fontName=SANS, fontSize=10, leading=13, textColor=MUTED, spaceAfter=6)
_H2 = ParagraphStyle(
    "RRH2", fontName=SANS_BOLD, fontSize=12, leading=16, textColor=ACCENT, spaceBefore=8, spaceAfter=4
)
_CELL = ParagraphStyle("RRCell", fontName=SANS, fontSize=7.5, leading=9.5)
_HEAD = ParagraphStyle("RRHead", fontName=SANS_BOLD, fontSize=7.5, leading=9.5)


@dataclass(frozen=True)
class RegisterDocument:
    school_name: str
    dpo: str
    prepared_on: date
    activity_rows: Sequence[Sequence[str]]  # name, subjects, data, basis, recipients, retention, owner
    processor_rows: Sequence[Sequence[str]]  # name, role, agreement, review, gaps
    notices: Sequence[Sequence[str]]  # audience, state


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], shares: Sequence[float]) -> Table:
    data = [[Paragraph(escape(h), _HEAD) for h in header]]
    data += [[Paragraph(escape(c), _CELL) for c in row] for row in rows] or [
        [Paragraph("None recorded.", _CELL)] + [Paragraph("", _CELL)] * (len(header) - 1)
    ]
    t = Table(data, colWidths=[_WIDTH * s for s in shares], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return t


def render(doc: RegisterDocument) -> bytes:
    register_fonts()
    story: list[Flowable] = [
        Paragraph(escape(f"{doc.school_name}: record of processing"), _TITLE),
        Paragraph(
            escape(
                f"For governors · prepared {uk_date(doc.prepared_on)} · Data Protection Officer: {doc.dpo} · "
                "UK GDPR Article 30 and policy section 14"
            ),
            _LEAD,
        ),
        Paragraph("Processing activities", _H2),
        _table(
            ("Activity", "Whose data", "Kinds of data", "Lawful basis", "Shared with", "Kept for", "Owner"),
            doc.activity_rows,
            (0.13, 0.11, 0.2, 0.12, 0.2, 0.13, 0.11),
        ),
        Paragraph("Organisations and contracts", _H2),
        _table(
            ("Organisation", "Role", "Agreement", "Review due", "Still to do"),
            doc.processor_rows,
            (0.22, 0.12, 0.22, 0.1, 0.34),
        ),
        Paragraph("Privacy notices", _H2),
        _table(("Notice", "State"), doc.notices, (0.4, 0.6)),
        Spacer(0, 4 * mm),
    ]
    buffer = io.BytesIO()

    def footer(canvas: Any, d: Any) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            15 * mm, 9 * mm, f"{doc.school_name} · record of processing · no personal data about individuals"
        )
        canvas.drawRightString(_PAGE[0] - 15 * mm, 9 * mm, f"Page {d.page}")
        canvas.restoreState()

    SimpleDocTemplate(
        buffer,
        pagesize=_PAGE,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title="Record of processing",
        author=doc.school_name,
        creator="SchoolDP",
    ).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
