"""The annual report and governors' summary as the reader sees them."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from schooldp.documents.annual_report import (
    AnnualFigures,
    AnnualReportData,
    Count,
    CoverageRow,
    render,
    render_governors_summary,
)
from tests.conftest import sample_profile


def _figures() -> AnnualFigures:
    months = tuple(
        Count(m, v)
        for m, v in zip(
            [
                "Sep 2025",
                "Oct 2025",
                "Nov 2025",
                "Dec 2025",
                "Jan 2026",
                "Feb 2026",
                "Mar 2026",
                "Apr 2026",
                "May 2026",
                "Jun 2026",
                "Jul 2026",
                "Aug 2026",
            ],
            [1, 0, 2, 0, 1, 1, 0, 0, 2, 1, 1, 0],
            strict=True,
        )
    )
    return AnnualFigures(
        period_start=date(2025, 9, 1),
        period_end=date(2026, 8, 31),
        breaches_by_month=months,
        breaches_by_cause=(
            Count("Email to the wrong recipient", 5),
            Count("Lost or stolen device", 2),
            Count("Post to the wrong address", 2),
        ),
        breaches_by_category=(Count("SEND", 3), Count("Contact details", 6)),
        breaches_reported=2,
        breaches_not_reported=7,
        reported_within_72h=2,
        median_hours_to_report=31.0,
        requests_by_type=(Count("Subject access", 6), Count("Educational record", 2), Count("Erasure", 1)),
        requests_closed=8,
        requests_on_time=7,
        requests_extended=1,
        requests_refused=1,
        requests_open=1,
        consent_coverage=(CoverageRow("Photos on the school website", 180, 12, 8),),
        letters_issued=41,
        audit_highlights=(
            "The activity log is intact: 1,204 entries checked.",
            "2 accounts added, 1 removed.",
        ),
    )


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_annual_report_has_figures_commentary_and_no_names() -> None:
    pdf = render(
        AnnualReportData(
            school=sample_profile(),
            figures=_figures(),
            prepared_by="Priya Raman",
            prepared_on=date(2026, 9, 10),
            commentary="Most breaches were emails to the wrong person.\n\nTraining was refreshed in January.",
            recommendations="Turn on delayed sending for all staff email.",
        )
    )
    text = _text(pdf)
    assert "Data protection annual report" in text
    assert "1 September 2025 to 31 August 2026" in text
    assert "7 of 8 closed (88%)" in text
    assert "Email to the wrong recipient" in text
    assert "Training was refreshed in January." in text
    assert "delayed sending" in text
    assert "Photos on the school website" in text
    assert "Gareth Llewellyn, Headteacher" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


def test_governors_summary_is_one_plain_page() -> None:
    pdf = render_governors_summary(sample_profile(), _figures(), date(2026, 9, 10))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = _text(pdf)
    assert "recorded 9 personal data breaches" in text
    assert "Two were serious enough to report" in text  # a number starting a sentence, in words
    assert "contains no personal data" in text


def test_empty_year_reads_sensibly() -> None:
    f = AnnualFigures(period_start=date(2025, 9, 1), period_end=date(2026, 8, 31))
    text = _text(render(AnnualReportData(sample_profile(), f, "Priya Raman", date(2026, 9, 1))))
    assert "None recorded in this period." in text
    assert "No commentary written." not in text and "Commentary" not in text  # no empty headings
    summary = _text(render_governors_summary(sample_profile(), f, date(2026, 9, 1)))
    assert "recorded 0 personal data breaches. None needed reporting." in summary


def test_ties_are_reported_as_ties_and_sentences_start_with_words() -> None:
    from dataclasses import replace

    from schooldp.documents.annual_report import Count, governors_summary_text

    f = replace(
        _figures(),
        breaches_by_cause=(Count("Email to the wrong recipient", 3), Count("Lost or stolen device", 3)),
    )
    text = " ".join(governors_summary_text(sample_profile(), f))
    assert (
        "The most common causes were email to the wrong recipient and lost or stolen device, equally (3 breaches each)."
        in text
    )
    report = _text(render(AnnualReportData(sample_profile(), f, "Priya Raman", date(2026, 9, 10))))
    assert "Two were reported to the ICO" in report and "Eight requests were closed" in report
    assert not re.search(r"(^|[.!?] )\d", report.replace("Page 1 of 2", "")), "a sentence starts with a digit"
