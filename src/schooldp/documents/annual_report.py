"""The DPO's annual report to the headteacher (policy 5.1) and the one-page governors' summary.

Pure: figures in, PDF bytes out. The figures are counts only, so neither document can carry a
person's name; the governors' summary says the same things in plain words on one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from schooldp.documents.a4 import MUTED, Footer, header_widths, render_a4
from schooldp.documents.annual_duties import DutiesFigures
from schooldp.documents.fonts import SANS, SANS_BOLD, register_fonts
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.school import SchoolProfile

ACCENT = colors.HexColor("#1f3a5f")
ACCENT_2 = colors.HexColor("#c98a00")
LINE = colors.HexColor("#c9d2dd")
SHADE = colors.HexColor("#f3f5f8")
WIDTH = A4[0] - 40 * mm

_TITLE = ParagraphStyle("ARTitle", fontName=SANS_BOLD, fontSize=20, leading=25, textColor=ACCENT)
_LEAD = ParagraphStyle("ARLead", fontName=SANS, fontSize=11, leading=15, textColor=MUTED, spaceAfter=8)
_H2 = ParagraphStyle(
    "ARH2", fontName=SANS_BOLD, fontSize=13, leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=4
)
_BODY = ParagraphStyle("ARBody", fontName=SANS, fontSize=10.5, leading=14.5, spaceAfter=5)
_SMALL = ParagraphStyle("ARSmall", fontName=SANS, fontSize=9, leading=12, textColor=MUTED)
_CELL = ParagraphStyle("ARCell", fontName=SANS, fontSize=9.5, leading=12)
_CELL_B = ParagraphStyle("ARCellB", fontName=SANS_BOLD, fontSize=9.5, leading=12)


@dataclass(frozen=True)
class Count:
    label: str
    value: int


@dataclass(frozen=True)
class CoverageRow:
    purpose: str
    given: int
    refused: int
    outstanding: int


@dataclass(frozen=True)
class RecordsFigures:
    """The record of processing in the period (UK GDPR Art 30; policy 14: regular reviews)."""

    activities: int = 0
    activities_reviewed: int = 0
    retention_unset: int = 0
    notices_published: int = 0
    notice_audiences: int = 0
    contracts_due: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class AnnualFigures:
    """Counts for the period; every list is already in the order it should print."""

    period_start: date
    period_end: date
    breaches_by_month: tuple[Count, ...] = ()
    breaches_by_cause: tuple[Count, ...] = ()
    breaches_by_category: tuple[Count, ...] = ()
    breaches_reported: int = 0
    breaches_not_reported: int = 0
    breaches_open: int = 0
    reported_within_72h: int = 0
    median_hours_to_report: float | None = None
    requests_by_type: tuple[Count, ...] = ()
    requests_closed: int = 0
    requests_on_time: int = 0
    requests_extended: int = 0
    requests_refused: int = 0
    requests_open: int = 0
    requests_overdue_now: int = 0
    consent_coverage: tuple[CoverageRow, ...] = ()
    consent_tasks_open: int = 0
    letters_issued: int = 0
    audit_highlights: tuple[str, ...] = ()
    records: RecordsFigures | None = None
    duties: DutiesFigures | None = None
    # The activity log's head when printed (entry count, last hash): a copy on paper that no one
    # holding the file can rewrite, to compare with the file later.
    audit_entries: int = 0
    audit_head: str = ""

    @property
    def breaches_total(self) -> int:
        return sum(c.value for c in self.breaches_by_month)

    @property
    def requests_total(self) -> int:
        return sum(c.value for c in self.requests_by_type)

    @property
    def on_time_rate(self) -> float | None:
        return None if self.requests_closed == 0 else self.requests_on_time / self.requests_closed


@dataclass(frozen=True)
class AnnualReportData:
    school: SchoolProfile
    figures: AnnualFigures
    prepared_by: str
    prepared_on: date
    commentary: str = ""
    recommendations: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def _paras(text: str) -> list[Paragraph]:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [Paragraph(escape(b).replace("\n", "<br/>"), _BODY) for b in blocks]


def report_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    cell: ParagraphStyle = _CELL,
    bold: ParagraphStyle = _CELL_B,
    padding: float = 3,
) -> Table:
    """The reports' table: a shaded header ruled in the accent colour, thin rules between rows."""
    data = [[Paragraph(escape(h), bold) for h in header]]
    data += [[Paragraph(escape(str(c)), cell) for c in row] for row in rows]
    t = Table(data, colWidths=header_widths(header, widths, bold.fontName, bold.fontSize), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    return t


def _bar_chart(counts: Sequence[Count], title: str, horizontal: bool = False) -> Drawing:
    """A labelled bar chart; a chart with nothing to show says so instead of drawing empty axes."""
    height = 62 * mm if not horizontal else max(30 * mm, 9 * mm * len(counts) + 14 * mm)
    d = Drawing(WIDTH, height)
    d.add(String(0, height - 10, title, fontName=SANS_BOLD, fontSize=10, fillColor=ACCENT))
    values = [c.value for c in counts]
    if not counts or not any(values):
        d.add(
            String(
                0, height - 28, "None recorded in this period.", fontName=SANS, fontSize=9.5, fillColor=MUTED
            )
        )
        return d
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x = 68 * mm if horizontal else 12 * mm
    chart.y = 8 * mm if horizontal else 16 * mm
    chart.width = WIDTH - chart.x - 6 * mm
    chart.height = height - chart.y - 16
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    top = max(values)
    chart.valueAxis.valueMax = top + 1
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 8
    chart.categoryAxis.categoryNames = [c.label for c in counts]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 8
    if not horizontal and len(counts) > 6:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def counted(k: int, one: str, many: str) -> str:
    """'1 breach', '3 breaches'."""
    return f"{k} {one if k == 1 else many}"


_WORDS = (
    "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


_VERBS = frozenset({"was", "were", "is", "are", "remains", "remain"})


def _start(k: int, one: str, many: str) -> str:
    """A count that starts a sentence, in words as house style asks ("Two were ...")."""
    if k == 0:
        text = f"{'none' if one.split()[0] in _VERBS else 'no'} {many}"
    elif k < len(_WORDS):
        text = f"{_WORDS[k]} {one if k == 1 else many}"
    else:
        text = f"In all, {k:,} {many}"
    return text[0].upper() + text[1:]


def _pct(n: int, of: int) -> str:
    return "—" if of == 0 else f"{round(100 * n / of)}%"


def _period(f: AnnualFigures) -> str:
    return f"{uk_date(f.period_start)} to {uk_date(f.period_end)}"


def _build(title: str, school: SchoolProfile, story: list[Flowable]) -> bytes:
    """Lay the story out on A4 with the footer every page carries."""
    footer = Footer(f"{school.name} · {title} · contains no personal data")
    return render_a4(story, title=title, author=school.name, footer=footer)


def _at_a_glance(data: AnnualReportData) -> list[Flowable]:
    f = data.figures
    return [
        _p(data.school.name, _LEAD),
        _p("Data protection annual report", _TITLE),
        _p(
            f"{_period(f)} · prepared by {data.prepared_by}, Data Protection Officer, on {uk_date(data.prepared_on)} "
            "for the headteacher (policy section 5.1).",
            _LEAD,
        ),
        _p("At a glance", _H2),
        report_table(
            ["", "This period"],
            [
                ["Personal data breaches recorded", str(f.breaches_total)],
                ["… reported to the ICO", f"{f.breaches_reported} ({f.reported_within_72h} within 72 hours)"],
                ["… not reportable (decision and reasons kept)", str(f.breaches_not_reported)],
                ["Subject access and other rights requests", str(f.requests_total)],
                [
                    "… answered on time",
                    f"{f.requests_on_time} of {f.requests_closed} closed ({_pct(f.requests_on_time, f.requests_closed)})",
                ],
                ["… extended / refused", f"{f.requests_extended} / {f.requests_refused}"],
                ["Letters issued", str(f.letters_issued)],
            ],
            [WIDTH * 0.62, WIDTH * 0.38],
        ),
    ]


def _breaches_section(f: AnnualFigures) -> list[Flowable]:
    hours = "—" if f.median_hours_to_report is None else f"{f.median_hours_to_report:.0f} hours"
    return [
        _p("Personal data breaches", _H2),
        _bar_chart(f.breaches_by_month, "Breaches by month"),
        Spacer(1, 4),
        _p(
            f"{_start(f.breaches_reported, 'was', 'were')} reported to the ICO and {f.breaches_not_reported} "
            f"judged not reportable; {f.breaches_open} still open at the end of the period. Median time from the "
            f"school becoming aware to the ICO report: {hours}."
        ),
        KeepTogether([_bar_chart(f.breaches_by_cause, "By cause", horizontal=True)]),
        KeepTogether([_bar_chart(f.breaches_by_category, "By kind of data involved", horizontal=True)]),
    ]


def _requests_section(f: AnnualFigures) -> list[Flowable]:
    return [
        KeepTogether(
            [
                _p("Subject access and other rights requests", _H2),
                _bar_chart(f.requests_by_type, "Requests by type", horizontal=True),
            ]
        ),
        _p(
            f"{_start(f.requests_closed, 'request was', 'requests were')} closed in the period, "
            f"{f.requests_on_time} of them on time ({_pct(f.requests_on_time, f.requests_closed)}). "
            f"{_start(f.requests_extended, 'was', 'were')} extended for complexity and {f.requests_refused} "
            f"refused (manifestly unfounded or excessive, with reasons given). "
            f"{_start(f.requests_open, 'remains', 'remain')} open, {f.requests_overdue_now} of them overdue."
        ),
    ]


def _consent_section(f: AnnualFigures) -> list[Flowable]:
    story: list[Flowable] = [_p("Consent", _H2)]
    if not f.consent_coverage:
        return [*story, _p("No consents recorded.", _SMALL)]
    return [
        *story,
        report_table(
            ["Purpose", "Given", "Refused or withdrawn", "Outstanding"],
            [[r.purpose, str(r.given), str(r.refused), str(r.outstanding)] for r in f.consent_coverage],
            [WIDTH * 0.49, WIDTH * 0.15, WIDTH * 0.2, WIDTH * 0.16],
        ),
        _p(
            f"{_start(f.consent_tasks_open, 'follow-up task', 'follow-up tasks')} from withdrawn consents "
            f"{'is' if f.consent_tasks_open == 1 else 'are'} still open.",
            _SMALL,
        ),
    ]


def audit_head_line(f: AnnualFigures) -> str:
    """The log's head in print: entries and the full fingerprint in groups of eight."""
    if not f.audit_head:
        return ""
    groups = " ".join(f.audit_head[i : i + 8] for i in range(0, len(f.audit_head), 8))
    return (
        f"Activity log when printed: {f.audit_entries} entries; fingerprint of the last entry {groups}. "
        "Keep this page: SchoolDP's log must still begin with exactly these entries later."
    )


def _records_section(f: AnnualFigures) -> list[Flowable]:
    """Activities reviewed, notices published, contracts due (added only when the record is kept)."""
    r = f.records
    if r is None:
        return []
    story: list[Flowable] = [
        _p("Record of processing and privacy notices", _H2),
        _p(
            f"The record lists {counted(r.activities, 'processing activity', 'processing activities')}; "
            f"{r.activities_reviewed} reviewed or updated in the period, {r.retention_unset} still without a "
            f"retention period. {counted(r.notices_published, 'privacy notice was', 'privacy notices were')} generated "
            f"from the record ({r.notice_audiences} of the 3 audiences)."
        ),
    ]
    if r.contracts_due:
        story.append(
            report_table(
                ["Contract or agreement due for review", "Review date"],
                [[name, uk_date(day)] for name, day in r.contracts_due],
                [WIDTH * 0.7, WIDTH * 0.3],
            )
        )
    else:
        story.append(
            _p("No contract or data sharing agreement is due for review in the next 12 months.", _SMALL)
        )
    return story


def _duties_section(f: AnnualFigures) -> list[Flowable]:
    """DPIAs, retention and disposal, training, policies (added only when SchoolDP keeps them)."""
    d = f.duties
    if d is None:
        return []
    lines = [
        f"DPIAs: {d.dpias} on record; {d.dpias_signed_off} approved by the headteacher in the period, "
        f"{d.dpias_awaiting_sign_off} awaiting sign-off, {d.dpias_review_due} due for review"
        + (
            f"; {d.dpias_prior_consultation} need prior consultation with the ICO (Article 36)."
            if d.dpias_prior_consultation
            else "."
        ),
        f"Retention: {counted(d.disposals, 'disposal', 'disposals')} logged in the period"
        + (
            f", {d.certificates_missing} still without the contractor's certificate"
            if d.certificates_missing
            else ""
        )
        + f"; SchoolDP's own records past their period were reviewed and deleted {counted(d.purges, 'time', 'times')}.",
        f"Training: {d.staff_in_date} of {d.staff} staff trained within the {d.refresher_months}-month refresher "
        f"period, {d.staff_overdue} overdue and {d.staff_never} never trained; {counted(d.sessions, 'session', 'sessions')} "
        f"held with {counted(d.attendances, 'attendance', 'attendances')} recorded.",
        f"Policies: {d.policies_in_date} of {d.policies} documents approved and in date, {d.policies_to_review} to "
        f"approve or review; accountability checklist {d.checklist_year}: {d.checklist_met} of 10 headings met.",
    ]
    return [
        _p("Accountability: DPIAs, retention, training and policies", _H2),
        *[_p(f"• {x}") for x in lines],
    ]


def _closing_section(data: AnnualReportData) -> list[Flowable]:
    """Audit highlights, the DPO's own words, and the signature block."""
    story: list[Flowable] = [_p("Audit highlights", _H2)]
    story += [_p(f"• {line}") for line in data.figures.audit_highlights or ("No activity recorded.",)]
    if data.figures.audit_head:
        story.append(_p(audit_head_line(data.figures), _SMALL))
    # A heading with nothing under it (or "No commentary written.") tells governors nothing.
    for heading, text in (("Commentary", data.commentary), ("Recommendations", data.recommendations)):
        paras = _paras(text)
        if paras:
            story += [_p(heading, _H2), *paras]
    story.append(Spacer(1, 14))
    story.append(
        report_table(
            ["Signed", "Date"],
            [
                [f"{data.prepared_by}, Data Protection Officer", ""],
                [f"{data.school.headteacher.name}, Headteacher", ""],
            ],
            [WIDTH * 0.7, WIDTH * 0.3],
        )
    )
    return story


def render(data: AnnualReportData) -> bytes:
    """The DPO's annual report: figures, charts, audit highlights, commentary, recommendations."""
    register_fonts()
    f = data.figures
    story = [
        *_at_a_glance(data),
        *_breaches_section(f),
        *_requests_section(f),
        *_consent_section(f),
        *_records_section(f),
        *_duties_section(f),
        *_closing_section(data),
    ]
    return _build("Data protection annual report", data.school, story)


def _most_common_cause(f: AnnualFigures) -> str:
    """ "The most common cause was ..." with a tie reported as a tie."""
    most = max((c.value for c in f.breaches_by_cause), default=0)
    if not most:
        return ""
    top = [c.label.lower() for c in f.breaches_by_cause if c.value == most]
    if len(top) == 1:
        return f"The most common cause was {top[0]} ({_n_breaches(most)})."
    listed = ", ".join(top[:-1]) + f" and {top[-1]}"
    return f"The most common causes were {listed}, equally ({_n_breaches(most)} each)."


def _n_breaches(k: int) -> str:
    return counted(k, "breach", "breaches")


def governors_summary_text(school: SchoolProfile, f: AnnualFigures) -> list[str]:
    """The summary's paragraphs in plain words; counts only, no personal data."""

    n = counted
    paras = [
        f"Between {uk_date(f.period_start)} and {uk_date(f.period_end)}, {school.name} recorded "
        f"{n(f.breaches_total, 'personal data breach', 'personal data breaches')}. "
        + (
            f"{_start(f.breaches_reported, 'was', 'were')} serious enough to report to the Information Commissioner's "
            f"Office, {f.reported_within_72h} of them within the 72 hours the law allows. The others were judged "
            "unlikely to harm anyone; each decision and its reasons are on record."
            if f.breaches_total
            else "None needed reporting."
        ),
    ]
    cause = _most_common_cause(f)
    if cause:
        paras.append(
            f"{cause} The DPO and headteacher review every breach and look for patterns, as the policy requires."
        )
    rate = _pct(f.requests_on_time, f.requests_closed)
    paras.append(
        f"People asked to see or change the information the school holds about them "
        f"{n(f.requests_total, 'time', 'times')}. "
        + (
            f"Of the {n(f.requests_closed, 'request', 'requests')} completed, {f.requests_on_time} "
            f"{'was' if f.requests_on_time == 1 else 'were'} answered within the legal time limit ({rate}). "
            if f.requests_closed
            else "None was completed in the period. "
        )
        + f"{_start(f.requests_extended, 'request was', 'requests were')} extended because of complexity and "
        f"{n(f.requests_refused, 'was', 'were')} refused with reasons."
    )
    if f.consent_coverage:
        parts = [
            f"{r.purpose.lower()}: {r.given} given, {r.refused} refused, {r.outstanding} outstanding"
            for r in f.consent_coverage[:4]
        ]
        paras.append("Parents' and pupils' consents on record — " + "; ".join(parts) + ".")
    if f.duties is not None and f.duties.staff:
        d = f.duties
        paras.append(
            f"{d.staff_in_date} of {d.staff} staff have had data protection training within the last "
            f"{d.refresher_months} months; {d.dpias} data protection impact assessments are on record."
        )
    paras.append(
        "This summary contains no personal data. The full report, with the DPO's commentary and "
        "recommendations, is with the headteacher."
    )
    return paras


def render_governors_summary(school: SchoolProfile, f: AnnualFigures, prepared_on: date) -> bytes:
    """One page for governors: the same figures in plain words, no personal data."""
    register_fonts()
    story: list[Flowable] = [
        _p(school.name, _LEAD),
        _p("Data protection: summary for governors", _TITLE),
        _p(f"{_period(f)} · prepared {uk_date(prepared_on)}", _LEAD),
    ]
    story.extend(_p(t) for t in governors_summary_text(school, f))
    story.append(Spacer(1, 6))
    story.append(
        report_table(
            ["Breaches", "Reported to ICO", "Requests", "On time"],
            [
                [
                    str(f.breaches_total),
                    str(f.breaches_reported),
                    str(f.requests_total),
                    _pct(f.requests_on_time, f.requests_closed),
                ]
            ],
            [WIDTH / 4] * 4,
        )
    )
    if f.audit_head:
        story.append(Spacer(1, 6))
        story.append(_p(audit_head_line(f), _SMALL))
    return _build("Data protection summary for governors", school, story)
