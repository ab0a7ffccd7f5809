"""The A4 page every printed report shares: margins, PDF metadata, a footer with page numbers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, SimpleDocTemplate

from schooldp.documents.fonts import SANS

MUTED = colors.HexColor("#555555")


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres."""

    left: float = 20
    right: float = 20
    top: float = 18
    bottom: float = 20


REPORT_MARGINS = Margins()


@dataclass(frozen=True)
class Footer:
    """One muted line at the foot of every page: text on the left, the page number on the right."""

    text: str
    size: float = 8
    baseline: float = 12  # millimetres above the bottom edge


def render_a4(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    margins: Margins = REPORT_MARGINS,
    footer: Footer | None = None,
) -> bytes:
    """Lay the story out on A4 and return the PDF bytes (fonts must already be registered)."""

    def on_page(canvas: Any, doc: Any) -> None:
        assert footer is not None
        canvas.saveState()
        canvas.setFont(SANS, footer.size)
        canvas.setFillColor(MUTED)
        canvas.drawString(margins.left * mm, footer.baseline * mm, footer.text)
        canvas.drawRightString(A4[0] - margins.right * mm, footer.baseline * mm, f"Page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margins.left * mm,
        rightMargin=margins.right * mm,
        topMargin=margins.top * mm,
        bottomMargin=margins.bottom * mm,
        title=title,
        author=author,
        creator="SchoolDP",
    )
    if footer is None:
        doc.build(story)
    else:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
