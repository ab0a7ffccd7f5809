"""The trip leader's list: who must not be photographed or published, per class.

Printed for use without a laptop, so it is plain: names only (policy section 12: no other
personal information beside a photo, and none is needed here), one column per purpose with a
symbol AND a word, never colour alone. Pupils with no answer are listed as "No": not answered
is never consent (UK GDPR Recital 32: silence is not consent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from schooldp.documents.a4 import MUTED as _MUTED
from schooldp.documents.a4 import Footer, Margins, render_a4
from schooldp.documents.fonts import MONO_BOLD, SANS, SANS_BOLD, register_fonts, unprintable
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.errors import ValidationError

__all__ = ["ClassListData", "ClassListRow", "render"]

_ACCENT = colors.HexColor("#1f3a5f")
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


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    lead: ParagraphStyle
    head: ParagraphStyle
    name: ParagraphStyle
    yes: ParagraphStyle
    no: ParagraphStyle
    section: ParagraphStyle
    small: ParagraphStyle


def _styles() -> _Styles:
    return _Styles(
        title=ParagraphStyle("T", fontName=SANS_BOLD, fontSize=20, leading=24, textColor=_ACCENT),
        lead=ParagraphStyle("L", fontName=SANS, fontSize=10.5, leading=14, textColor=_MUTED),
        head=ParagraphStyle("H", fontName=SANS_BOLD, fontSize=9.5, leading=12),
        name=ParagraphStyle("N", fontName=SANS, fontSize=11, leading=14),
        yes=ParagraphStyle("Y", fontName=SANS, fontSize=10.5, leading=14, textColor=_MUTED),
        no=ParagraphStyle("X", fontName=SANS_BOLD, fontSize=10.5, leading=14),
        section=ParagraphStyle("S", fontName=SANS_BOLD, fontSize=13, leading=17, spaceBefore=4, spaceAfter=4),
        small=ParagraphStyle("Sm", fontName=SANS, fontSize=9, leading=12, textColor=_MUTED),
    )


def _check(data: ClassListData) -> None:
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


def _heading(data: ClassListData, st: _Styles, restricted: int) -> list[Flowable]:
    return [
        Paragraph("Do not photograph / do not publish", st.title),
        Spacer(0, 2 * mm),
        Paragraph(
            f"<b>{escape(data.class_name)}</b> \u00b7 {escape(data.school_name)} \u00b7 correct on "
            f"{uk_date(data.printed_on)}",
            st.lead,
        ),
        Spacer(0, 2 * mm),
        Paragraph(
            f'<font name="{MONO_BOLD}">\u2717</font> <b>NO</b>: do not photograph or film the pupil for this '
            f'use, and do not publish any image of them. <font name="{MONO_BOLD}">\u2713</font> Yes: a '
            "parent, carer or the pupil has consented. No answer counts as NO. Names only: do not write "
            "anything else on this list. Shred it after the trip.",
            st.small,
        ),
        Spacer(0, 5 * mm),
        Paragraph(f"Must not be photographed or published ({restricted})", st.section),
    ]


def _restricted_table(data: ClassListData, rows: list[ClassListRow], st: _Styles) -> Flowable:
    """Pupils with at least one NO: a row each, the NO cells shaded as well as worded."""
    if not rows:
        return Paragraph("Nobody in this class: every pupil may be photographed for these uses.", st.name)
    n = len(data.columns)
    name_w = max(_WIDTH - n * 32 * mm, 60 * mm)
    col_w = (_WIDTH - name_w) / n
    cells = [[Paragraph("Pupil", st.head), *(Paragraph(escape(c), st.head) for c in data.columns)]]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 1, _ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for i, r in enumerate(rows, 1):
        cells.append([Paragraph(escape(r.name), st.name), *(_mark(ok, st.yes, st.no) for ok in r.allowed)])
        for j, ok in enumerate(r.allowed, 1):
            if not ok:
                style.append(("BACKGROUND", (j, i), (j, i), _NO_BG))
    return Table(
        cells, colWidths=[name_w] + [col_w] * n, repeatRows=1, hAlign="LEFT", style=TableStyle(style)
    )


def _agreed_grid(rows: list[ClassListRow], st: _Styles) -> Flowable:
    """Everyone who agreed to every use: names only, three to a line."""
    if not rows:
        return Paragraph("Nobody yet.", st.name)
    per_row = 3
    cells: list[Any] = [Paragraph(escape(r.name), st.name) for r in rows]
    grid = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    grid[-1] += [""] * (per_row - len(grid[-1]))
    return Table(
        grid,
        colWidths=[_WIDTH / per_row] * per_row,
        hAlign="LEFT",
        style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]),
    )


def render(data: ClassListData) -> bytes:
    """A PDF: restricted pupils first (grey rows, ✗ NO), then everyone who agreed to all."""
    register_fonts()
    _check(data)
    st = _styles()
    restricted = sorted((r for r in data.rows if not all(r.allowed)), key=lambda r: r.name.casefold())
    agreed = sorted((r for r in data.rows if all(r.allowed)), key=lambda r: r.name.casefold())
    story = [
        *_heading(data, st, len(restricted)),
        _restricted_table(data, restricted, st),
        Spacer(0, 6 * mm),
        Paragraph(f"Consent given for every use listed ({len(agreed)})", st.section),
        _agreed_grid(agreed, st),
    ]

    return render_a4(
        story,
        title=f"Do not photograph list: {data.class_name}",
        author=data.school_name,
        margins=Margins(15, 15, 15, 18),
        footer=Footer(f"{data.class_name} \u00b7 printed {uk_date(data.printed_on)}", baseline=10),
    )
