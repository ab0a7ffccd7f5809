"""Shared layout for the breach printouts: ICO report pack, decision record, trends summary.

Pure: data in, PDF bytes out. The input (`BreachDocument`) is built by services.breaches from
the record and never carries the names of the people affected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from schooldp.documents.a4 import MUTED, Footer, header_widths, render_a4
from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape
from schooldp.domain.breach import TriageData
from schooldp.domain.deadlines import LONDON
from schooldp.domain.school import SchoolProfile

ACCENT = colors.HexColor("#1f3a5f")
LINE = colors.HexColor("#c9d2dd")
SHADE = colors.HexColor("#f3f5f8")
WIDTH = A4[0] - 40 * mm
LABEL_WIDTH = 58 * mm

TITLE = ParagraphStyle("BTitle", fontName=SANS_BOLD, fontSize=18, leading=22, textColor=ACCENT, spaceAfter=2)
LEAD = ParagraphStyle("BLead", fontName=SANS, fontSize=11, leading=15, textColor=MUTED, spaceAfter=6)
H2 = ParagraphStyle(
    "BH2",
    fontName=SANS_BOLD,
    fontSize=12,
    leading=16,
    textColor=ACCENT,
    spaceBefore=10,
    spaceAfter=4,
    keepWithNext=1,
)
BODY = ParagraphStyle("BBody", fontName=SANS, fontSize=9.5, leading=13)
LABEL = ParagraphStyle(
    "BLabel", fontName=SANS_BOLD, fontSize=9, leading=12, textColor=colors.HexColor("#333333")
)
SMALL = ParagraphStyle("BSmall", fontName=SANS, fontSize=8, leading=10.5, textColor=MUTED)
BOX = ParagraphStyle("BBox", fontName=SANS, fontSize=10.5, leading=14.5)


@dataclass(frozen=True)
class IcoReportLine:
    kind: str  # "Initial report" / "Follow-up report"
    submitted_at: datetime
    ico_reference: str = ""
    delay_reason: str = ""
    notes: str = ""
    method: str = ""  # "The ICO's online breach report form" / "The ICO breach line (...)"
    made_by: str = ""


@dataclass(frozen=True)
class StepLine:
    number: int
    title: str
    completed_at: datetime
    by: str


@dataclass(frozen=True)
class BreachDocument:
    """Everything a breach printout shows; free text already checked for affected names."""

    school: SchoolProfile
    reference: str
    triage: TriageData
    due_at: datetime
    prepared_at: datetime
    prepared_by: str
    ico_reports: tuple[IcoReportLine, ...] = ()
    steps: tuple[StepLine, ...] = ()
    decided_at: datetime | None = None
    decided_by: str = ""
    letters_issued: int = 0
    follow_up: bool = False  # the ICO pack is for a follow-up report
    redactions: int = 0  # names of affected people replaced in free text
    ico_status: str = ""  # "ICO report not made" until a report is recorded
    open_steps: tuple[str, ...] = ()  # "Step 7: Report to the ICO", steps not recorded as done
    extra: dict[str, str] = field(default_factory=dict)


def uk_time(value: datetime | None, empty: str = "Not known") -> str:
    if value is None:
        return empty
    local = value.astimezone(LONDON)
    zone = local.tzname() or ""
    return f"{local:%a} {local.day} {local:%B %Y, %H:%M} {zone}".strip()


def uk_day(value: date | None, empty: str = "Not yet") -> str:
    if value is None:
        return empty
    return f"{value:%a} {value.day} {value:%B %Y}"


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """User text, escaped, with its line breaks kept."""
    register_fonts()
    return Paragraph(escape(text).replace("\n", "<br/>") if text else "—", style)


def kv_table(rows: Sequence[tuple[str, str | Flowable]]) -> Table:
    register_fonts()
    data = [[Paragraph(escape(k), LABEL), v if isinstance(v, Flowable) else para(v)] for k, v in rows]
    return Table(
        data,
        colWidths=[LABEL_WIDTH, WIDTH - LABEL_WIDTH],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )


def grid(header: Sequence[str], rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float]) -> Table:
    register_fonts()
    data = [[Paragraph(escape(h), LABEL) for h in header]]
    data += [[c if isinstance(c, Flowable) else para(str(c)) for c in row] for row in rows]
    return Table(
        data,
        colWidths=header_widths(header, widths, LABEL.fontName, LABEL.fontSize),
        hAlign="LEFT",
        repeatRows=1,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        ),
    )


def boxed(markup: str) -> Table:
    """A highlighted box; `markup` is trusted ReportLab markup written by SchoolDP."""
    register_fonts()
    return Table(
        [[Paragraph(markup, BOX)]],
        colWidths=[WIDTH],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        ),
    )


def section(title: str, *flowables: Flowable) -> list[Flowable]:
    register_fonts()
    return [Paragraph(escape(title), H2), *flowables]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def build(story: list[Flowable], *, title: str, footer: str, author: str) -> bytes:
    """A4 PDF with a footer and page numbers on every page."""
    register_fonts()
    return render_a4(story, title=title, author=author, footer=Footer(footer, size=7.5, baseline=11))


def spacer(h: float = 3) -> Spacer:
    return Spacer(0, h * mm)
