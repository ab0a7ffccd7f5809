"""The trust's data protection annual report: a summary across schools, then one page per school.

Pure: figures in, PDF bytes out. Counts and record references only, so it carries no person's
name; the trust board can read it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from schooldp.documents.a4 import MUTED, Footer, render_a4
from schooldp.documents.annual_report import ACCENT, WIDTH, counted, report_table
from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date

__all__ = ["ConsentLine", "SchoolPage", "TrustReportData", "render"]

_TITLE = ParagraphStyle("TRTitle", fontName=SANS_BOLD, fontSize=19, leading=24, textColor=ACCENT)
_LEAD = ParagraphStyle("TRLead", fontName=SANS, fontSize=10.5, leading=14, textColor=MUTED, spaceAfter=8)
_H2 = ParagraphStyle(
    "TRH2", fontName=SANS_BOLD, fontSize=12.5, leading=16, textColor=ACCENT, spaceBefore=10, spaceAfter=4
)
_BODY = ParagraphStyle("TRBody", fontName=SANS, fontSize=10, leading=14, spaceAfter=4)
_SMALL = ParagraphStyle("TRSmall", fontName=SANS, fontSize=8.5, leading=11, textColor=MUTED)
_CELL = ParagraphStyle("TRCell", fontName=SANS, fontSize=8.8, leading=11)
_CELL_B = ParagraphStyle("TRCellB", fontName=SANS_BOLD, fontSize=8.8, leading=11)


@dataclass(frozen=True)
class ConsentLine:
    purpose: str
    on_roll: int
    given: int
    not_given: int
    unanswered: int

    @property
    def percent(self) -> str:
        return f"{round(100 * self.given / self.on_roll)}%" if self.on_roll else "–"


@dataclass(frozen=True)
class SchoolPage:
    """One school's year and where it stands on the day the report is prepared."""

    name: str
    pupils_on_roll: int
    breaches: int  # became aware in the period
    breaches_reported: int
    reported_within_72h: int
    requests: int  # received in the period
    requests_completed: int
    requests_on_time: int
    open_requests: int
    overdue_now: int  # every register's overdue items on the day
    due_this_week: int
    open_breach_lines: tuple[str, ...] = ()  # "BR-2026-004: ‼ 2 h 0 min left to report to the ICO"
    consent: tuple[ConsentLine, ...] = ()
    note: str = ""  # what could not be worked out, in plain words

    @property
    def consent_percent(self) -> str:
        asked = sum(c.on_roll for c in self.consent)
        return f"{round(100 * sum(c.given for c in self.consent) / asked)}%" if asked else "–"

    @property
    def on_time(self) -> str:
        return (
            f"{self.requests_on_time} of {self.requests_completed}"
            if self.requests_completed
            else "none completed"
        )


@dataclass(frozen=True)
class TrustReportData:
    trust_name: str
    period_start: date
    period_end: date
    prepared_by: str
    prepared_on: date
    schools: tuple[SchoolPage, ...]


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]) -> Table:
    """The annual report's table, a little tighter, with ``widths`` as proportions of the page."""
    scaled = [w * WIDTH / sum(widths) for w in widths]
    return report_table(header, rows, scaled, cell=_CELL, bold=_CELL_B, padding=2.5)


def _summary(data: TrustReportData) -> list[Flowable]:
    s = data.schools
    breaches = sum(x.breaches for x in s)
    reported = sum(x.breaches_reported for x in s)
    within = sum(x.reported_within_72h for x in s)
    requests = sum(x.requests for x in s)
    completed = sum(x.requests_completed for x in s)
    on_time = sum(x.requests_on_time for x in s)
    lead = (
        f"{counted(len(s), 'school', 'schools')}, {sum(x.pupils_on_roll for x in s):,} pupils on roll. "
        f"From {uk_date(data.period_start)} to {uk_date(data.period_end)}; prepared by "
        f"{data.prepared_by} on {uk_date(data.prepared_on)}."
    )
    glance = (
        f"The schools recorded {counted(breaches, 'personal data breach', 'personal data breaches')}; "
        f"{reported} {'was' if reported == 1 else 'were'} reported to the Information Commissioner's Office, "
        f"{within} of them within 72 hours. They received {counted(requests, 'request', 'requests')} from people "
        f"using their data protection rights and completed {completed}, {on_time} within the time limit. "
        f"On {uk_date(data.prepared_on)}, {counted(sum(x.overdue_now for x in s), 'item was', 'items were')} "
        f"overdue across the trust and {sum(x.due_this_week for x in s)} fell due within a week."
    )
    rows = [
        (
            x.name,
            x.breaches,
            f"{x.breaches_reported} ({x.reported_within_72h} in 72 h)",
            x.requests,
            x.on_time,
            x.overdue_now,
            x.consent_percent,
        )
        for x in s
    ]
    header = (
        "School",
        "Breaches",
        "Reported to the ICO",
        "Requests",
        "Answered in time",
        "Overdue now",
        "Consent",
    )
    return [
        _p(f"Data protection annual report: {data.trust_name}", _TITLE),
        _p(lead, _LEAD),
        _p("At a glance", _H2),
        _p(glance),
        _p("By school", _H2),
        _table(header, rows, (34, 10, 16, 10, 14, 10, 10)),
        Spacer(1, 6),
        _p(
            "Consent: pupils on roll whose latest answer is a consent that still counts, across the "
            "school's purposes. Each school's page shows the purposes one by one.",
            _SMALL,
        ),
    ]


def _school_page(x: SchoolPage, data: TrustReportData) -> list[Flowable]:
    facts = [
        ("Pupils on roll", f"{x.pupils_on_roll:,}"),
        ("Breaches in the period", str(x.breaches)),
        ("Reported to the ICO", f"{x.breaches_reported}, {x.reported_within_72h} within 72 hours"),
        ("Requests received", str(x.requests)),
        ("Requests answered in time", x.on_time),
        (f"Open on {uk_date(data.prepared_on)}", counted(x.open_requests, "request", "requests")),
        ("Overdue on that day", counted(x.overdue_now, "item", "items")),
        ("Due within the following week", counted(x.due_this_week, "item", "items")),
    ]
    story: list[Flowable] = [
        PageBreak(),
        _p(x.name, _TITLE),
        _p(f"{uk_date(data.period_start)} to {uk_date(data.period_end)}", _LEAD),
        _table(("Figure", "Value"), facts, (50, 50)),
        _p("Open breaches", _H2),
    ]
    if x.open_breach_lines:
        story += [_p(line) for line in x.open_breach_lines]
    else:
        story.append(_p("None open."))
    story.append(_p("Consent coverage", _H2))
    if x.consent:
        rows = [
            (c.purpose, c.given, c.not_given, c.unanswered, c.percent)
            if c.on_roll
            else (f"{c.purpose} (no pupil on roll is old enough yet)", "–", "–", "–", "–")
            for c in x.consent
        ]
        header = ("Purpose", "Consent given", "Refused, withdrawn or lapsed", "No answer", "Coverage")
        story.append(KeepTogether([_table(header, rows, (40, 14, 20, 13, 13))]))
    else:
        story.append(_p("No consent purposes are set up."))
    if x.note:
        story.append(_p(x.note, _SMALL))
    return story


def render(data: TrustReportData) -> bytes:
    """The summary page, then a page per school in the order given."""
    register_fonts()
    story = _summary(data)
    for school in data.schools:
        story += _school_page(school, data)
    footer = Footer(f"{data.trust_name}: data protection annual report, prepared {uk_date(data.prepared_on)}")
    return render_a4(
        story,
        title=f"Data protection annual report: {data.trust_name}",
        author=data.prepared_by,
        footer=footer,
    )
