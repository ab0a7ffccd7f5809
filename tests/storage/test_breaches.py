"""Breach storage and service: the clock, steps stamped with history, decisions, register, exports."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    Recipients,
    ThirdParty,
    ThirdPartyDecision,
    decide,
)
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import ValidationError
from schooldp.flows.breach_triage import ContainmentAction
from schooldp.services.breaches import (
    BreachReport,
    BreachService,
    ClockState,
    IcoReportKind,
    IcoSubmission,
    countdown,
    facts_from_json,
    facts_to_json,
    register_csv,
    register_xlsx,
)

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

AWARE = datetime(2026, 3, 27, 10, 0, tzinfo=UTC)  # Friday before the clocks go forward


def _report(svc: BreachService, **kw) -> object:
    base = dict(
        title="SEN plan emailed to the wrong parent",
        reported_by="Class teacher, Year 4",
        aware_at=AWARE,
        occurred_at=AWARE - timedelta(hours=2),
        how_found="The parent who received it phoned the office.",
        what_happened="A SEN support plan was emailed to the wrong parent.",
        systems_involved="School email",
    )
    base.update(kw)
    svc.session.clock = FrozenClock(AWARE + timedelta(minutes=30))
    return svc.report_breach(BreachReport(**base))


def _facts() -> BreachFacts:
    return BreachFacts(
        data_categories=frozenset({DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND}),
        affected_groups=frozenset({AffectedGroup.PUPILS}),
        approx_people=1,
        approx_records=1,
        confidentiality_lost=True,
        recipients=Recipients.KNOWN,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
    )


def test_report_starts_the_clock_and_numbers_by_year(school) -> None:
    svc = BreachService(school)
    first = _report(svc)
    second = _report(svc, title="Second")
    assert first.reference == "BR-2026-001" and second.reference == "BR-2026-002"
    # 72 clock hours across the change to BST: 10:00 GMT Friday -> 11:00 BST Monday.
    assert first.due_at.isoformat() == "2026-03-30T11:00:00+01:00"
    assert first.triage.aware_at == AWARE
    assert first.resume_step is BreachStep.DPO_NOTIFIED
    actions = [e.action for e in school.activity()]
    assert actions.count("breach.reported") == 2
    assert all("parent" not in e.summary.lower() for e in school.activity())


def test_report_refuses_naive_or_missing_details(school) -> None:
    svc = BreachService(school)
    with pytest.raises(ValidationError, match="time zone"):
        _report(svc, aware_at=datetime(2026, 3, 27, 10, 0))
    with pytest.raises(ValidationError, match="title"):
        _report(svc, title=" ")
    with pytest.raises(ValidationError, match="after the school became aware"):
        _report(svc, occurred_at=AWARE + timedelta(hours=1))


def test_steps_are_stamped_kept_and_resumable(school) -> None:
    svc = BreachService(school)
    rec = _report(svc)
    now = AWARE + timedelta(hours=1)
    rec = svc.complete_step(
        rec.id, BreachStep.DPO_NOTIFIED, replace(rec.triage, dpo_notified_at=AWARE), now=now
    )
    data = replace(
        rec.triage,
        natures=frozenset({BreachNature.DISCLOSED}),
        conclusion=Conclusion.BREACH,
        conclusion_reasons="The plan reached a parent with no right to see it.",
        facts=_facts(),
    )
    rec = svc.complete_step(rec.id, BreachStep.INVESTIGATION, data, now=now)
    assert rec.stamps[BreachStep.INVESTIGATION].account_name == "Priya Raman"
    assert rec.stamps[BreachStep.INVESTIGATION].completed_at == now
    assert rec.triage.facts == _facts() and rec.triage.conclusion is Conclusion.BREACH
    assert rec.resume_step is BreachStep.HEADTEACHER_ALERTED
    # Same answers again: no second stamp. Changed answers: a new stamp, the old one kept.
    svc.complete_step(rec.id, BreachStep.INVESTIGATION, data, now=now + timedelta(minutes=5))
    rec = svc.complete_step(
        rec.id,
        BreachStep.INVESTIGATION,
        replace(data, conclusion_reasons="Confirmed by the parent."),
        now=now + timedelta(minutes=9),
    )
    inv = [h for h in rec.history if h.step is BreachStep.INVESTIGATION]
    assert len(inv) == 2 and rec.stamps[BreachStep.INVESTIGATION].completed_at == now + timedelta(minutes=9)
    # An unfinished step is refused and nothing is stamped.
    with pytest.raises(ValidationError, match="headteacher"):
        svc.complete_step(rec.id, BreachStep.HEADTEACHER_ALERTED, rec.triage, now=now)
    assert BreachStep.HEADTEACHER_ALERTED not in svc.breach(rec.id).stamps


def test_containment_and_third_parties_keep_history(school) -> None:
    svc = BreachService(school)
    rec = _report(svc)
    now = AWARE + timedelta(hours=2)
    acts = (ContainmentAction("Recall the email", "Class teacher", checklist_id="email.sender_recall"),)
    data = replace(rec.triage, facts=_facts(), containment_actions=acts)
    svc.complete_step(rec.id, BreachStep.CONTAINMENT, data, now=now)
    acts2 = (replace(acts[0], done_on=date(2026, 3, 27)), ContainmentAction("Call parent", "DPO"))
    rec = svc.complete_step(rec.id, BreachStep.CONTAINMENT, replace(data, containment_actions=acts2), now=now)
    assert rec.triage.containment_actions == acts2
    from sqlalchemy import select

    from schooldp.storage.breach_models import BreachActionRow

    with school.read() as s:
        assert len(list(s.scalars(select(BreachActionRow)))) == 3  # the superseded one kept
    tp = tuple(
        ThirdPartyDecision(p, False, "Not needed for this breach.")
        for p in (
            ThirdParty.POLICE,
            ThirdParty.INSURERS,
            ThirdParty.BANKS_CARD_COMPANIES,
            ThirdParty.SAFEGUARDING_PARTNERS,
        )
    )
    rec = svc.complete_step(rec.id, BreachStep.THIRD_PARTIES, replace(rec.triage, third_parties=tp), now=now)
    assert rec.triage.third_parties == tp


def test_decision_override_is_stored_with_reason_and_ico_reports(school) -> None:
    svc = BreachService(school)
    rec = _report(svc)
    now = AWARE + timedelta(hours=3)
    from schooldp.domain.breach import assess

    d = decide(
        assess(_facts()),
        tell_individuals=False,
        individuals_reason="The parent already knows; DSL advised against.",
    )
    rec = svc.complete_step(
        rec.id, BreachStep.REPORTABILITY, replace(rec.triage, facts=_facts(), decision=d), now=now
    )
    assert rec.triage.decision == d and rec.triage.decision.individuals.overridden
    assert rec.decided_by == "Priya Raman"
    # Late initial report needs a reason; a follow-up needs an initial report first.
    with pytest.raises(ValidationError, match="follow-up"):
        svc.record_ico_report(rec.id, IcoSubmission(IcoReportKind.FOLLOW_UP, now))
    with pytest.raises(ValidationError, match="reasons for the delay"):
        svc.record_ico_report(rec.id, IcoSubmission(IcoReportKind.INITIAL, AWARE + timedelta(hours=80)))
    # A report is a fact: how it was made and by whom, never assumed.
    with pytest.raises(ValidationError, match="how it was reported"):
        svc.record_ico_report(rec.id, IcoSubmission(IcoReportKind.INITIAL, now, "IC-123456-A1B2"))
    online = {"method": IcoMethod.ONLINE_FORM, "made_by": "Priya Raman"}
    rec = svc.record_ico_report(rec.id, IcoSubmission(IcoReportKind.INITIAL, now, "IC-123456-A1B2", **online))
    rec = svc.record_ico_report(
        rec.id, IcoSubmission(IcoReportKind.FOLLOW_UP, now + timedelta(days=2), "IC-123456-A1B2", **online)
    )
    assert [r.kind for r in rec.ico_reports] == [IcoReportKind.INITIAL, IcoReportKind.FOLLOW_UP]
    assert rec.triage.ico_reference == "IC-123456-A1B2"


def test_countdown_colours_and_symbols() -> None:
    aware = AWARE
    due = aware + timedelta(hours=72)
    assert countdown(aware, aware + timedelta(hours=1)).state is ClockState.RUNNING
    amber = countdown(aware, due - timedelta(hours=23))
    assert amber.state is ClockState.AMBER and amber.text.startswith("⚠")
    red = countdown(aware, due - timedelta(hours=5))
    assert red.state is ClockState.RED and red.text.startswith("‼")
    over = countdown(aware, due + timedelta(hours=2))
    assert over.state is ClockState.OVERDUE and "overdue" in over.text
    assert countdown(aware, due, reported_at=aware + timedelta(hours=5)).state is ClockState.REPORTED
    assert countdown(aware, due, not_needed="Near miss").state is ClockState.NOT_NEEDED


def test_register_filters_and_exports(school, tmp_path) -> None:
    svc = BreachService(school)
    a = _report(svc)
    _report(svc, aware_at=datetime(2025, 11, 3, 9, 0, tzinfo=UTC), occurred_at=None, title="=HYPERLINK(evil)")
    from schooldp.domain.breach import assess

    d = decide(assess(_facts()))
    svc.complete_step(
        a.id,
        BreachStep.REPORTABILITY,
        replace(a.triage, facts=_facts(), decision=d),
        now=AWARE + timedelta(hours=1),
    )
    now = AWARE + timedelta(hours=60)
    rows = svc.register(now=now)
    assert [r.reference for r in rows] == ["BR-2026-001", "BR-2025-001"]
    assert rows[0].countdown.state is ClockState.AMBER and rows[0].reportable is True
    assert [r.reference for r in svc.register(year=2025, now=now)] == ["BR-2025-001"]
    assert [r.reference for r in svc.register(reportable=True, now=now)] == ["BR-2026-001"]
    assert svc.register(status="closed", now=now) == []
    assert svc.years() == [2026, 2025]
    text = register_csv(rows).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Reference" and lines[1][0] == "BR-2026-001"
    assert lines[2][1].startswith("'=")  # no formula injection
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(register_xlsx(rows)))
    assert wb.active["A2"].value == "BR-2026-001"
    path = svc.export(tmp_path / "register.xlsx", rows)
    assert path.exists()
    with pytest.raises(ValidationError, match=".csv or .xlsx"):
        svc.export(tmp_path / "register.txt", rows)


def test_trends_by_month_cause_category(school) -> None:
    svc = BreachService(school)
    a = _report(svc)
    svc.complete_step(
        a.id,
        BreachStep.INVESTIGATION,
        replace(
            a.triage,
            natures=frozenset({BreachNature.DISCLOSED}),
            conclusion=Conclusion.BREACH,
            conclusion_reasons="x",
            facts=_facts(),
        ),
        now=AWARE + timedelta(hours=1),
    )
    _report(svc, aware_at=datetime(2026, 1, 10, 9, 0, tzinfo=UTC), occurred_at=None)
    t = svc.trends(date(2025, 9, 1), date(2026, 8, 31), now=AWARE)
    assert t.total == 2 and len(t.by_month) == 12
    assert dict(t.by_month)["Mar 2026"] == 1 and dict(t.by_month)["Jan 2026"] == 1
    assert dict(t.by_cause)["Email sent to the wrong person"] == 1
    assert DataCategory.SEND.label in dict(t.by_category)


def test_facts_json_round_trip() -> None:
    f = replace(_facts(), backup_restored=False, approx_records=None)
    assert facts_from_json(facts_to_json(f)) == f
    assert json.loads(facts_to_json(f))["cause"] == "email_wrong_recipient"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("title", ['=HYPERLINK("http://x","y")', "+cmd", "@SUM(A1)", "-2+3"])
def test_export_neutralises_formulas_in_titles(school, tmp_path, suffix, title) -> None:
    """A title typed as a formula reaches the spreadsheet as text (CSV/formula injection)."""
    svc = BreachService(school)
    _report(svc, title=title)
    path = svc.export(tmp_path / f"register{suffix}", svc.register(now=AWARE))
    if suffix == ".csv":
        lines = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
        cell = lines[1][1]
    else:
        from openpyxl import load_workbook

        ws = load_workbook(path).active
        assert ws["B2"].data_type == "s"  # a string, not a formula
        cell = ws["B2"].value
    assert cell == "'" + title
    assert [e.action for e in school.activity()].count("breach.exported") == 1


def test_service_reads_time_from_the_session_clock(school) -> None:
    """Stamps, the register's countdown and ICO report records use `session.clock`."""
    svc = BreachService(school)
    rec = _report(svc)
    assert rec.created_at == AWARE + timedelta(minutes=30)
    school.clock = FrozenClock(AWARE + timedelta(hours=50))
    rec = svc.complete_step(rec.id, BreachStep.DPO_NOTIFIED, replace(rec.triage, dpo_notified_at=AWARE))
    assert rec.stamps[BreachStep.DPO_NOTIFIED].completed_at == AWARE + timedelta(hours=50)
    assert svc.register()[0].countdown.state is ClockState.AMBER  # 22 hours left
    school.clock = FrozenClock(AWARE + timedelta(hours=75))
    assert svc.register()[0].countdown.state is ClockState.OVERDUE
