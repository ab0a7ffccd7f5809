"""Policies and reviews: documents with version, approval and next review on the dashboard; the
yearly accountability checklist with what SchoolDP already holds against each category."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.services.dashboard import attention
from schooldp.services.dpia import DpiaService
from schooldp.services.policies import ACCOUNTABILITY_CATEGORIES, CheckState, PoliciesService, ReviewState

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server


@pytest.fixture
def service(school):
    school.clock = FrozenClock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    return PoliciesService(school)


def test_documents_approval_and_review_on_the_dashboard(service, school) -> None:
    assert [
        i for i in attention(school).items if i.area == "policies"
    ] == []  # nothing listed yet, nothing due
    docs = service.documents()
    assert [d.title for d in docs][:3] == ["Data protection policy", "Privacy notices", "Retention schedule"]
    policy = docs[0]
    assert policy.state(date(2026, 11, 2)) is ReviewState.NOT_APPROVED
    with pytest.raises(ValidationError, match="who approved"):
        service.save_document(replace(policy, approved_on=date(2025, 11, 10)))
    saved = service.save_document(
        replace(policy, version="2025.1", approved_by="Gareth Llewellyn", approved_on=date(2025, 11, 10))
    )
    assert saved.due_on() == date(2026, 11, 10)
    assert saved.state(date(2026, 11, 2)) is ReviewState.DUE_SOON
    items = [i for i in attention(school, horizon_days=14).items if i.area == "policies"]
    assert [i.deadline.label for i in items] == ["Review the data protection policy"]
    assert school.activity()[0].action == "policies.approved"


def test_accountability_checklist_with_evidence_links(service, school) -> None:
    DpiaService(school).create(DpiaService(school).examples()[0])
    entries = service.checklist(2026)
    assert [e.category for e in entries] == [c.key for c in ACCOUNTABILITY_CATEGORIES]
    assert len(entries) == 10 and all(e.state is CheckState.NOT_STARTED for e in entries)
    service.save_check(replace(entries[7], state=CheckState.PARTLY, evidence="CCTV DPIA drafted"))
    again = service.checklist(2026)[7]
    assert again.state is CheckState.PARTLY and again.checked_by == "Priya Raman"
    assert again.checked_on == date(2026, 11, 2)
    assert service.checklist(2027)[7].state is CheckState.NOT_STARTED
    held = service.holdings()
    assert held["risks"] == "1 DPIAs, 0 signed off (DPIAs)"
    assert held["breaches"] == "0 breaches on the register (Breaches)"
    assert set(held) == {c.key for c in ACCOUNTABILITY_CATEGORIES}
    assert service.latest_year() == 2026
