"""A4 records on the school's letterhead: a DPIA, a training attendance sheet, a disposal log.

Page 1 carries the letterhead (name, address, contact, rule) as letters and notices do; later
pages a running head. Every page has a footer with the school's ICO registration and page number.
Pure: flowables in, PDF bytes out.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from schooldp.documents.fonts import SANS, register_fonts
from schooldp.documents.letterhead import ACCENT, MUTED, RULE, SCHOOL_NAME_STYLE
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape
from schooldp.domain.school import SchoolProfile

__all__ = ["MARGIN", "WIDTH", "build_on_letterhead"]

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
_FIRST_TOP = 44 * mm
_LATER_TOP = 22 * mm
_BOTTOM = 22 * mm


def _letterhead(canvas: Any, school: SchoolProfile) -> None:
    top = A4[1] - 14 * mm
    name = Paragraph(escape(school.name), SCHOOL_NAME_STYLE)
    _, h = name.wrap(100 * mm, 30 * mm)
    name.drawOn(canvas, MARGIN, top - h)
    lines = [*school.address_lines, school.postcode, school.phone and f"Tel {school.phone}", school.email]
    canvas.setFont(SANS, 8.5)
    canvas.setFillColor(MUTED)
    y = top - 8
    for text in [x for x in lines if x]:
        canvas.drawRightString(A4[0] - MARGIN, y, text)
        y -= 10.5
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN, A4[1] - 40 * mm, A4[0] - MARGIN, A4[1] - 40 * mm)


def _page(canvas: Any, doc: Any, school: SchoolProfile, title: str, footer: str, first: bool) -> None:
    canvas.saveState()
    if first:
        _letterhead(canvas, school)
    else:
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, A4[1] - 14 * mm, f"{school.name} · {title}")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, A4[1] - 16 * mm, A4[0] - MARGIN, A4[1] - 16 * mm)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, 17 * mm, A4[0] - MARGIN, 17 * mm)
    text = " · ".join(
        x
        for x in (
            school.name,
            footer,
            school.ico_registration and f"ICO registration {school.ico_registration}",
        )
        if x
    )
    size = 7.5
    while size > 5.5 and stringWidth(text, SANS, size) > WIDTH - 18 * mm:  # leave the page number room
        size -= 0.25
    canvas.setFont(SANS, size)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, 12 * mm, text)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(A4[0] - MARGIN, 12 * mm, f"Page {doc.page}")
    canvas.restoreState()


def build_on_letterhead(story: list[Flowable], school: SchoolProfile, *, title: str, footer: str) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author=school.name,
        creator="SchoolDP",
        lang="en-GB",
        invariant=1,
    )
    height = A4[1]
    first = Frame(
        MARGIN, _BOTTOM, WIDTH, height - _FIRST_TOP - _BOTTOM, id="first", leftPadding=0, rightPadding=0
    )
    later = Frame(
        MARGIN, _BOTTOM, WIDTH, height - _LATER_TOP - _BOTTOM, id="later", leftPadding=0, rightPadding=0
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first",
                [first],
                onPage=lambda c, d: _page(c, d, school, title, footer, True),
                autoNextPageTemplate="later",
            ),
            PageTemplate("later", [later], onPage=lambda c, d: _page(c, d, school, title, footer, False)),
        ]
    )
    doc.build(story)
    return buffer.getvalue()
