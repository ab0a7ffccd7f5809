"""A privacy notice (UK GDPR Art 13/14) on the school letterhead, as PDF bytes.

Pure: a `NoticeDocument` in, bytes out. The same document renders as an accessible web page in
`privacy_notice_html`, so the paper and the website always say the same thing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.letterhead import ACCENT, BODY_STYLE, MUTED, RULE, SCHOOL_NAME_STYLE
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.school import SchoolProfile

__all__ = ["NoticeBlock", "NoticeDocument", "NoticeSection", "render"]

BlockKind = Literal["p", "ul", "dl", "h3"]


@dataclass(frozen=True)
class NoticeBlock:
    """A paragraph, a bullet list, a list of term + description pairs, or a sub-heading."""

    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    blocks: tuple[NoticeBlock, ...]


@dataclass(frozen=True)
class NoticeDocument:
    school: SchoolProfile
    title: str
    intro: str
    sections: tuple[NoticeSection, ...]
    issued_on: date
    links: tuple[tuple[str, str], ...] = ()  # (text, url) the HTML makes clickable

    def text_lines(self) -> list[str]:
        """Every line a reader sees, in order (for tests and previews)."""
        lines = [self.title, self.intro]
        for section in self.sections:
            lines.append(section.heading)
            for b in section.blocks:
                lines += [b.text, *b.items, *(f"{t}: {d}" for t, d in b.pairs)]
        return [line for line in lines if line]


_MARGIN_L, _MARGIN_R = 22 * mm, 20 * mm
_WIDTH = A4[0] - _MARGIN_L - _MARGIN_R
_TITLE = ParagraphStyle(
    "PNTitle", fontName=SANS_BOLD, fontSize=18, leading=23, textColor=ACCENT, spaceAfter=6
)
_LEAD = ParagraphStyle("PNLead", parent=BODY_STYLE, fontSize=11.5, leading=16, textColor=MUTED)
_H2 = ParagraphStyle(
    "PNH2",
    fontName=SANS_BOLD,
    fontSize=13.5,
    leading=18,
    textColor=ACCENT,
    spaceBefore=10,
    spaceAfter=4,
    keepWithNext=1,
)
_H3 = ParagraphStyle(
    "PNH3", fontName=SANS_BOLD, fontSize=11, leading=15, spaceBefore=4, spaceAfter=2, keepWithNext=1
)
_BODY = ParagraphStyle("PNBody", parent=BODY_STYLE, fontSize=10.5, leading=14.5, spaceAfter=6)
_LEAD_IN = ParagraphStyle("PNLeadIn", parent=_BODY, keepWithNext=1)
_ITEM = ParagraphStyle("PNItem", parent=_BODY, spaceAfter=2)
_TERM = ParagraphStyle("PNTerm", parent=_BODY, fontName=SANS_BOLD, spaceAfter=0, keepWithNext=1)
_TWO_COLUMNS_FROM = 8
_DESC = ParagraphStyle("PNDesc", parent=_BODY, leftIndent=10, spaceAfter=5)


def _list(items: Sequence[str]) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(escape(i), _ITEM), leftIndent=14, value="•") for i in items],
        bulletType="bullet",
        bulletFontName=SANS,
        leftIndent=14,
        spaceAfter=6,
    )


def _bullets(items: tuple[str, ...]) -> Flowable:
    """A long list of short items goes in two columns, so a notice stays a few pages long."""
    if len(items) < _TWO_COLUMNS_FROM or max(len(i) for i in items) > 80:
        return _list(items)
    half = (len(items) + 1) // 2
    table = Table([[_list(items[:half]), _list(items[half:])]], colWidths=[_WIDTH / 2, _WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _block(b: NoticeBlock) -> list[Flowable]:
    if b.kind == "h3":
        return [Paragraph(escape(b.text), _H3)]
    if b.kind == "ul":
        return [_bullets(b.items)] if b.items else []
    if b.kind == "dl":
        out: list[Flowable] = []
        for term, desc in b.pairs:
            out.append(KeepTogether([Paragraph(escape(term), _TERM), Paragraph(escape(desc), _DESC)]))
        return out
    # A lead-in ("We share it with:") stays on the page of the list it introduces.
    return [Paragraph(escape(b.text), _LEAD_IN if b.text.rstrip().endswith(":") else _BODY)]


def _header(canvas: Any, doc: Any, notice: NoticeDocument, first: bool) -> None:
    """The school letterhead on page 1 (name, address, contact, rule); a running head after."""
    school = notice.school
    canvas.saveState()
    top = A4[1] - 14 * mm
    if first:
        name = Paragraph(escape(school.name), SCHOOL_NAME_STYLE)
        _, h = name.wrap(95 * mm, 30 * mm)
        name.drawOn(canvas, _MARGIN_L, top - h)
        lines = [*school.address_lines, school.postcode, school.phone and f"Tel {school.phone}", school.email]
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(MUTED)
        y = top - 8
        for line in [x for x in lines if x]:
            canvas.drawRightString(A4[0] - _MARGIN_R, y, line)
            y -= 10.5
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(_MARGIN_L, A4[1] - 40 * mm, A4[0] - _MARGIN_R, A4[1] - 40 * mm)
    else:
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(_MARGIN_L, A4[1] - 14 * mm, f"{school.name} · {notice.title}")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(_MARGIN_L, 17 * mm, A4[0] - _MARGIN_R, 17 * mm)
    footer = f"{school.name} · {notice.title} · issued {uk_date(notice.issued_on)}"
    if school.ico_registration:
        footer += f" · ICO registration {school.ico_registration}"
    size = 7.5
    while size > 5.5 and stringWidth(footer, SANS, size) > _WIDTH - 18 * mm:  # leave the page number room
        size -= 0.25
    canvas.setFont(SANS, size)
    canvas.setFillColor(MUTED)
    canvas.drawString(_MARGIN_L, 12 * mm, footer)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(A4[0] - _MARGIN_R, 12 * mm, f"Page {doc.page}")
    canvas.restoreState()


def render(notice: NoticeDocument) -> bytes:
    register_fonts()
    story: list[Flowable] = [
        Paragraph(escape(notice.title), _TITLE),
        Paragraph(escape(notice.intro), _LEAD),
        Spacer(0, 2 * mm),
    ]
    for section in notice.sections:
        story.append(Paragraph(escape(section.heading), _H2))
        for b in section.blocks:
            story += _block(b)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=notice.title,
        author=notice.school.name,
        creator="SchoolDP",
        lang="en-GB",
        invariant=1,
    )
    height = A4[1]
    first = Frame(
        _MARGIN_L, 22 * mm, _WIDTH, height - 46 * mm - 22 * mm, id="first", leftPadding=0, rightPadding=0
    )
    later = Frame(
        _MARGIN_L, 22 * mm, _WIDTH, height - 22 * mm - 22 * mm, id="later", leftPadding=0, rightPadding=0
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first",
                [first],
                onPage=lambda c, d: _header(c, d, notice, True),
                autoNextPageTemplate="later",
            ),
            PageTemplate("later", [later], onPage=lambda c, d: _header(c, d, notice, False)),
        ]
    )
    doc.build(story)
    return buffer.getvalue()
