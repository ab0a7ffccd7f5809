"""The annual report and governors' summary draw on DPIAs, retention, training and policies."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from schooldp.domain.clock import FrozenClock
from schooldp.services.dpia import DpiaService
from schooldp.services.policies import PoliciesService
from schooldp.services.reports import (
    ReportNotes,
    annual_report_data,
    annual_report_pdf,
    governors_summary_pdf,
)
from schooldp.services.retention import Disposal, DisposalMethod, RetentionService
from schooldp.services.training import CourseKind, TrainingService, TrainingSession
from tests.records_checks import pdf_text

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server


def test_annual_report_has_the_accountability_figures(school, tmp_path) -> None:
    school.clock = FrozenClock(datetime(2026, 8, 31, 10, 0, tzinfo=UTC))
    dpias = DpiaService(school)
    cctv = dpias.examples()[0]
    dpias.create(cctv)
    RetentionService(school).log_disposal(
        Disposal(
            "Old files", "", "2 boxes", DisposalMethod.CONTRACTOR, date(2026, 5, 1), "Site", "Shred-it Ltd"
        )
    )
    training = TrainingService(school)
    (tmp_path / "staff.csv").write_text("Name\nAnna Baker\nBen Carter\n", encoding="utf-8")
    training.import_staff(tmp_path / "staff.csv")
    refresher = next(c.id for c in training.courses() if c.kind is CourseKind.REFRESHER)
    anna = next(s.id for s in training.staff() if s.name == "Anna Baker")
    training.record_session(TrainingSession(refresher, date(2026, 6, 1), "DPO", frozenset({anna})))
    policies = PoliciesService(school)
    first = policies.documents()[0]
    policies.save_document(replace(first, approved_by="Gareth Llewellyn", approved_on=date(2026, 1, 10)))

    data = annual_report_data(school, date(2025, 9, 1), date(2026, 8, 31), ReportNotes("", ""))
    d = data.figures.duties
    assert d is not None
    assert (d.dpias, d.dpias_signed_off, d.disposals, d.certificates_missing) == (1, 0, 1, 1)
    assert (d.staff, d.staff_in_date, d.staff_never, d.sessions, d.attendances) == (2, 1, 1, 1, 1)
    assert (d.policies, d.policies_in_date) == (6, 1)
    text = pdf_text(annual_report_pdf(data))
    assert "Accountability: DPIAs, retention, training and policies" in text
    assert "1 of 2 staff trained within the 12-month refresher period" in text
    assert "1 disposal logged in the period, 1 still without the contractor's certificate" in text
    summary = pdf_text(governors_summary_pdf(data))
    assert "1 of 2 staff have had data protection training" in summary
    assert "Anna" not in text and "Anna" not in summary
