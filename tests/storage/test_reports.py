"""The annual report's figures come from the registers, for the period asked."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from schooldp.demo import create_demo_school
from schooldp.documents.annual_report import render, render_governors_summary
from schooldp.domain.clock import FrozenClock
from schooldp.services.reports import (
    ReportNotes,
    annual_report_data,
    last_school_year,
    load_notes,
    save_notes,
)


def test_last_school_year() -> None:
    assert last_school_year(date(2026, 11, 22)) == (date(2025, 9, 1), date(2026, 8, 31))
    assert last_school_year(date(2026, 8, 31)) == (date(2024, 9, 1), date(2025, 8, 31))


def test_demo_school_annual_report(tmp_path) -> None:
    today = date(2026, 11, 22)
    session, _ = create_demo_school(tmp_path / "demo", today=today)
    session.clock = FrozenClock(today)
    try:
        save_notes(
            session,
            ReportNotes("Emails to the wrong person remain the main cause.", "Delay send by 1 minute."),
        )
        notes = load_notes(session)
        data = annual_report_data(session, date(today.year - 1, today.month, 1), today, notes)
        f = data.figures
        assert f.breaches_total >= 5 and f.requests_total >= 3 and f.consent_coverage
        assert f.breaches_reported + f.breaches_not_reported <= f.breaches_total
        assert 0 <= f.requests_on_time <= f.requests_closed
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render(data))).pages).split())
        assert "Emails to the wrong person remain the main cause." in text
        assert "activity log is intact" in text
        summary = render_governors_summary(data.school, f, today)
        assert len(PdfReader(io.BytesIO(summary)).pages) == 1
        # No demo pupil's name appears in either document.
        from schooldp.services.people import PeopleService

        names = [p.legal_last_name for p in PeopleService(session).pupils()][:50]
        whole = text + " ".join(PdfReader(io.BytesIO(summary)).pages[0].extract_text().split())
        assert not [n for n in names if len(n) > 3 and f" {n} " in f" {whole} "]
    finally:
        session.close(backup=False)
