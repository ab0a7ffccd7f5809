"""Breach trends summary for the DPO, headteacher and governors (Policy App 1: identify trends)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable

from schooldp.documents.breach_pdf import (
    ACCENT,
    LEAD,
    SMALL,
    TITLE,
    WIDTH,
    build,
    grid,
    kv_table,
    para,
    section,
    spacer,
    uk_day,
    uk_time,
)
from schooldp.documents.fonts import SANS, register_fonts

__all__ = ["TrendsDocument", "render"]


@dataclass(frozen=True)
class TrendsDocument:
    school_name: str
    start: date
    end: date
    total: int
    by_month: Sequence[tuple[str, int]]
    by_cause: Sequence[tuple[str, int]]
    by_category: Sequence[tuple[str, int]]
    reported: int
    not_reported: int
    undecided: int
    near_misses: int
    prepared_at: datetime
    prepared_by: str


def _month_chart(by_month: Sequence[tuple[str, int]]) -> Drawing:
    register_fonts()
    d = Drawing(WIDTH, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, WIDTH - 40, 110
    chart.data = [[n for _, n in by_month] or [0]]
    chart.categoryAxis.categoryNames = [m.split()[0] + "\n" + m.split()[1][2:] for m, _ in by_month] or [""]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([n for _, n in by_month] or [1])
    chart.valueAxis.valueMax = max(top, 1) + 1
    chart.valueAxis.valueStep = 1 if top < 8 else max(1, top // 5)
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = colors.white
    d.add(chart)
    return d


def _count_section(title: str, heading: str, counts: Sequence[tuple[str, int]]) -> list[Flowable]:
    """A titled two-column table of breaches per label, or one "None recorded" line."""
    rows = [(label, str(n)) for label, n in counts] or [("None recorded", "0")]
    return section(title, grid((heading, "Breaches"), rows, (WIDTH * 0.8, WIDTH * 0.2)))


def render(doc: TrendsDocument) -> bytes:
    breaches = doc.total - doc.near_misses
    story = [
        para("Personal data breaches: trends summary", TITLE),
        para(f"{doc.school_name} · {uk_day(doc.start)} to {uk_day(doc.end)}", LEAD),
        kv_table(
            [
                ("Incidents recorded", str(doc.total)),
                ("Breaches (not near misses)", str(breaches)),
                ("Near misses", str(doc.near_misses)),
                ("Reported to the ICO", str(doc.reported)),
                ("Not reportable (decision recorded)", str(doc.not_reported)),
                ("Not yet decided or not yet reported", str(doc.undecided)),
            ]
        ),
    ]
    story += section("Incidents by month (when the school became aware)", _month_chart(doc.by_month))
    story += _count_section("By cause", "Cause", doc.by_cause)
    story += _count_section("By kind of data involved", "Kind of data", doc.by_category)
    story += [
        spacer(3),
        para(
            "A breach can involve several kinds of data, so that table can add up to more than the number of breaches. "
            "No names of people are included.",
            SMALL,
        ),
        para(f"Prepared by {doc.prepared_by} on {uk_time(doc.prepared_at)} with SchoolDP.", SMALL),
    ]
    return build(
        story,
        title="Breach trends summary",
        footer=f"{doc.school_name} · breach trends summary",
        author=doc.school_name,
    )
