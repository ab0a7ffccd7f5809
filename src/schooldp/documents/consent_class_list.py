"""The trip leader's list: who must not be photographed or published, per class.

Printed for use without a laptop, so it is plain: names only (policy section 12: no other
personal information beside a photo, and none is needed here), one column per purpose with a
symbol AND a word, never colour alone. Pupils with no answer are listed as "No": not answered
is never consent (issue 8).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from schooldp.documents.fonts import MONO_BOLD, SANS, SANS_BOLD, register_fonts, unprintable
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.errors import ValidationError

__all__ = ["ClassListData", "ClassListRow", "render"]

_ACCENT = colors.HexColor("#1f3a5f")
_MUTED = colors.HexColor("#555555")
_NO_BG = colors.HexColor("#eeeeee")
_WIDTH = A4[0] - 30 * mm

YES = "\u2713 Yes"
NO = "\u2717 NO"


@dataclass(frozen=True)
class ClassListRow:
    """A pupil's name and, per column, whether use is allowed today."""

    name: str
    allowed: tuple[bool, ...]


@dataclass(frozen=True)
class ClassListData:
    school_name: str
    class_name: str
    printed_on: date
    columns: tuple[str, ...]  # short purpose titles
    rows: tuple[ClassListRow, ...]


def _mark(ok: bool, style: ParagraphStyle, no_style: ParagraphStyle) -> Paragraph:
    symbol, word = ("\u2713", "Yes") if ok else ("\u2717", "NO")
    return Paragraph(f'<font name="{MONO_BOLD}">{symbol}</font> {word}', style if ok else no_style)


def render(data: ClassListData) -> bytes:
    """A PDF: restricted pupils first (grey rows, ✗ NO), then everyone who agreed to all."""
    register_fonts()
    if not data.columns:
        raise ValidationError("Choose at least one purpose for the list.", "columns")
    for row in data.rows:
        bad = unprintable(row.name)
        if bad:
            raise ValidationError(
                f"A pupil's name contains characters the list font cannot print ({bad}).", "name"
            )
        if len(row.allowed) != len(data.columns):
            raise ValueError("Each row needs one answer per column.")
    title = ParagraphStyle("T", fontName=SANS_BOLD, fontSize=20, leading=24, textColor=_ACCENT)
    lead = ParagraphStyle("L", fontName=SANS, fontSize=10.5, leading=14, textColor=_MUTED)
    head = ParagraphStyle("H", fontName=SANS_BOLD, fontSize=9.5, leading=12)
    name = ParagraphStyle("N", fontName=SANS, fontSize=11, leading=14)
    yes = ParagraphStyle("Y", fontName=SANS, fontSize=10.5, leading=14, textColor=_MUTED)
    no = ParagraphStyle("X", fontName=SANS_BOLD, fontSize=10.5, leading=14)
    section = ParagraphStyle("S", fontName=SANS_BOLD, fontSize=13, leading=17, spaceBefore=4, spaceAfter=4)
    small = ParagraphStyle("Sm", fontName=SANS, fontSize=9, leading=12, textColor=_MUTED)

    restricted = sorted((r for r in data.rows if not all(r.allowed)), key=lambda r: r.name.casefold())
    agreed = sorted((r for r in data.rows if all(r.allowed)), key=lambda r: r.name.casefold())
    n = len(data.columns)
    name_w = max(_WIDTH - n * 32 * mm, 60 * mm)
    col_w = (_WIDTH - name_w) / n

    story = [
        Paragraph("Do not photograph / do not publish", title),
        Spacer(0, 2 * mm),
        Paragraph(
            f"<b>{escape(data.class_name)}</b> \u00b7 {escape(data.school_name)} \u00b7 correct on "
            f"{uk_date(data.printed_on)}",
            lead,
        ),
        Spacer(0, 2 * mm),
        Paragraph(
            f'<font name="{MONO_BOLD}">\u2717</font> <b>NO</b>: do not photograph or film the pupil for this '
            f'use, and do not publish any image of them. <font name="{MONO_BOLD}">\u2713</font> Yes: a '
            "parent, carer or the pupil has consented. No answer counts as NO. Names only: do not write "
            "anything else on this list. Shred it after the trip.",
            small,
        ),
        Spacer(0, 5 * mm),
        Paragraph(f"Must not be photographed or published ({len(restricted)})", section),
    ]
    if restricted:
        rows = [[Paragraph("Pupil", head), *(Paragraph(escape(c), head) for c in data.columns)]]
        style = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, _ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        for i, r in enumerate(restricted, 1):
            rows.append([Paragraph(escape(r.name), name), *(_mark(ok, yes, no) for ok in r.allowed)])
            for j, ok in enumerate(r.allowed, 1):
                if not ok:
                    style.append(("BACKGROUND", (j, i), (j, i), _NO_BG))
        story.append(
            Table(
                rows, colWidths=[name_w] + [col_w] * n, repeatRows=1, hAlign="LEFT", style=TableStyle(style)
            )
        )
    else:
        story.append(Paragraph("Nobody in this class: every pupil may be photographed for these uses.", name))
    story += [Spacer(0, 6 * mm), Paragraph(f"Consent given for every use listed ({len(agreed)})", section)]
    if agreed:
        per_row = 3
        cells = [Paragraph(escape(r.name), name) for r in agreed]
        grid = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        grid[-1] += [""] * (per_row - len(grid[-1]))
        story.append(
            Table(
                grid,
                colWidths=[_WIDTH / per_row] * per_row,
                hAlign="LEFT",
                style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]),
            )
        )
    else:
        story.append(Paragraph("Nobody yet.", name))

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(_MUTED)
        canvas.drawString(15 * mm, 10 * mm, f"{data.class_name} \u00b7 printed {uk_date(data.printed_on)}")
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"Do not photograph list: {data.class_name}",
        author=data.school_name,
        creator="SchoolDP",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
