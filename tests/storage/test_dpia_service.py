"""DPIAs in the vault: versions kept, approval gated, link to the activity, PDF, dashboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.services.dashboard import attention
from schooldp.services.dpia import DpiaService, RiskLevel, SignOff
from schooldp.services.records import RecordsService
from tests.records_checks import pdf_text

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server


@pytest.fixture
def service(school):
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    RecordsService(school).adopt_starter()
    return DpiaService(school)


def test_example_to_signed_off_dpia_keeps_versions_and_links_the_activity(service, school) -> None:
    examples = {e.example: e for e in service.examples()}
    assert set(examples) == {"cctv", "biometric_catering", "cloud_mis", "ai_marking"}
    d = service.create(examples["biometric_catering"])
    assert d.reference == "DPIA-2026-001" and d.version == 1
    catering = next(a for a in service.activities() if a.key == "catering")
    assert "DPIA-2026-001" in catering.dpia

    approved = replace(
        d.sign_off,
        dpo_advice="Proceed with the alternative card for every pupil.",
        advice_followed=True,
        review_on=date(2027, 11, 1),
        head_approved_by="Gareth Llewellyn",
        head_approved_on=date(2026, 11, 2),
    )
    with pytest.raises(ValidationError):
        service.save(replace(d, sign_off=replace(approved, review_on=None)))
    d2 = service.save(replace(d, sign_off=SignOff(dpo_advice="Proceed", advice_followed=True)))
    d3 = service.save(replace(d2, sign_off=approved))
    assert [v.version for v in service.versions(d.id)] == [1, 2, 3]
    assert service.versions(d.id)[-1].summary == "Approved by the headteacher"
    assert service.version(d.id, 1).sign_off.dpo_advice == ""
    assert service.assessment(d.id).sign_off.approved
    assert d3.version == 3
    renamed = service.save(replace(d3, title="Biometric catering (fingerprint)"))
    catering = next(a for a in service.activities() if a.key == "catering")
    # The starter record's own words stay; this DPIA's earlier title is replaced.
    assert (
        catering.dpia
        == "DPIA for biometric cashless catering; DPIA-2026-001: Biometric catering (fingerprint)"
    )
    d3 = replace(renamed, title=d3.title)
    service.save(d3)

    text = pdf_text(service.pdf(d.id))
    assert "Biometric cashless catering" in text and "Oakfield Primary School" in text
    assert "Gareth Llewellyn" in text and "Catering and cashless payments" in text
    entries = [e.summary for e in school.activity()]
    assert any("DPIA DPIA-2026-001 version 3" in s for s in entries)
    assert school.verify_activity().ok


def test_dashboard_shows_awaiting_sign_off_and_prior_consultation(service, school) -> None:
    ai = next(e for e in service.examples() if e.example == "ai_marking")
    risky = replace(
        ai,
        risks=tuple(replace(r, residual=RiskLevel.HIGH) for r in ai.risks),
        sign_off=SignOff(dpo_advice="Consult the ICO", advice_followed=True, review_on=date(2027, 1, 1)),
    )
    d = service.create(risky)
    assert d.prior_consultation_needed
    assert "Article 36" in pdf_text(service.pdf(d.id))
    labels = [i.deadline.label for i in attention(school, horizon_days=30).items if i.area == "dpia"]
    assert labels == ["DPIA awaiting sign-off: AI marking tool for written work"]
