"""The A4 page every printed report shares: margins, PDF metadata, a footer with "Page x of y"."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from schooldp.documents.fonts import SANS
from schooldp.documents.shaping import draw_text

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


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Holds each page back until the end, so its footer can say "Page 2 of 3"."""

    footer: Footer | None = None
    right_edge: float = 0.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  # ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            footer = self.footer
            if footer is not None and total > 1:
                self.saveState()
                self.setFont(SANS, footer.size)
                self.setFillColor(MUTED)
                self.drawRightString(self.right_edge, footer.baseline * mm, f"Page {number} of {total}")
                self.restoreState()
            super().showPage()
        super().save()


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
        draw_text(canvas, margins.left * mm, footer.baseline * mm, footer.text, SANS, footer.size)
        canvas.restoreState()

    numbered = type(
        "NumberedCanvas", (_NumberedCanvas,), {"footer": footer, "right_edge": A4[0] - margins.right * mm}
    )

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
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=numbered)
    return buffer.getvalue()


def header_widths(
    header: Sequence[str], widths: Sequence[float], font: str, size: float, padding: float = 12
) -> list[float]:
    """Column widths in which no header word is broken: a column too narrow for its longest
    word takes the room from the widest column (whose words wrap more easily)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = list(widths)
    for i, text in enumerate(header):
        longest = max((stringWidth(w, font, size) for w in text.split()), default=0.0) + padding
        short = longest - out[i]
        if short <= 0:
            continue
        donor = max((j for j in range(len(out)) if j != i), key=lambda j: out[j], default=None)
        if donor is None:
            continue
        out[i] += short
        out[donor] -= short
    return out
