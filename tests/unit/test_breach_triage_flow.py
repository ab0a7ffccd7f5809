"""The breach wizard's flow, without Qt: branches, validation and resuming."""

from __future__ import annotations

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
    assess,
    decide,
)
from schooldp.domain.breach.reporting import IcoMethod
from schooldp.flows.base import Problem
from schooldp.flows.breach_triage import BreachTriageFlow, ContainmentAction, TriageData

S = BreachStep
AWARE = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)  # a Friday at 4pm
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)

SEND_EMAIL = BreachFacts(
    data_categories=frozenset({DataCategory.BASIC_IDENTIFIERS, DataCategory.SEND}),
    affected_groups=frozenset({AffectedGroup.PUPILS}),
    approx_people=1,
    confidentiality_lost=True,
    recipients=Recipients.KNOWN,
    cause=Cause.EMAIL_WRONG_RECIPIENT,
)
ALL_STEPS = list(BreachStep)


@pytest.fixture
def flow() -> BreachTriageFlow:
    return BreachTriageFlow(now=lambda: NOW)


def notified() -> TriageData:
    return TriageData(
        reported_by="Mr Patel, Year 6 teacher",
        occurred_at=AWARE - timedelta(minutes=20),
        aware_at=AWARE,
        dpo_notified_at=AWARE + timedelta(minutes=5),
        how_found="The parent replied to say it was not about their child.",
        what_happened="A SEND support plan was emailed to the wrong parent.",
    )


def investigated(conclusion: Conclusion = Conclusion.BREACH) -> TriageData:
    return replace(
        notified(),
        natures=frozenset({BreachNature.DISCLOSED}),
        conclusion=conclusion,
        conclusion_reasons="The email reached an external address.",
        facts=SEND_EMAIL,
    )


def actions_for_checklist(flow: BreachTriageFlow, data: TriageData) -> tuple[ContainmentAction, ...]:
    return tuple(
        ContainmentAction(text=i.text, owner="DPO", done_on=date(2026, 3, 6), checklist_id=i.id)
        for i in flow.checklist(data)
    )


def complete(flow: BreachTriageFlow, data: TriageData, **decision: object) -> TriageData:
    """A breach worked to the end, following `decision` (passed to `decide`)."""
    data = replace(data, headteacher_alerted_at=AWARE + timedelta(minutes=30))
    data = replace(data, containment_actions=actions_for_checklist(flow, data))
    assert data.facts is not None
    data = replace(
        data,
        likely_consequences="Distress to the family; the child's needs known to another parent.",
        decision=decide(assess(data.facts), **decision),  # type: ignore[arg-type]
        ico_reported_at=AWARE + timedelta(hours=20),
        ico_reference="IC-123456-A1B2",
        ico_method=IcoMethod.ONLINE_FORM,
        ico_reported_by="Priya Raman (DPO)",
        individuals_told_on=date(2026, 3, 9),
        individuals_told_how="Letter",
        individuals_told_by="Priya Raman (DPO)",
        individuals_told_count=1,
        third_parties=tuple(
            ThirdPartyDecision(p, notify=False, reason="Not needed for a mis-sent email.")
            for p in (
                ThirdParty.POLICE,
                ThirdParty.INSURERS,
                ThirdParty.BANKS_CARD_COMPANIES,
                ThirdParty.SAFEGUARDING_PARTNERS,
            )
        ),
        cause=Cause.EMAIL_WRONG_RECIPIENT,
        facts_and_cause="Autocomplete picked the wrong parent.",
        effects="One family's SEND plan seen by another parent.",
        prevention_actions="Autocomplete switched off; staff briefing.",
        review_held_on=date(2026, 3, 13),
        review_notes="Agreed to check recipients before sending SEND documents.",
        closed_by="DPO",
        closed_at=NOW,
    )
    return data


# ----------------------------------------------------------------- branches


def test_full_path_when_reporting_and_telling(flow: BreachTriageFlow) -> None:
    data = complete(flow, investigated())
    assert data.decision is not None and data.decision.tell_individuals
    assert flow.path(data) == ALL_STEPS
    assert flow.skipped(data) == []
    assert flow.first_page is S.DPO_NOTIFIED
    assert flow.is_last(S.CLOSE, data)


def test_near_miss_skips_to_record_and_close(flow: BreachTriageFlow) -> None:
    data = replace(investigated(Conclusion.NOT_A_BREACH), facts=None, natures=frozenset())
    assert flow.resolve_next(S.INVESTIGATION, data) is S.RECORD
    assert flow.resolve_next(S.RECORD, data) is S.CLOSE
    assert flow.path(data) == [S.DPO_NOTIFIED, S.INVESTIGATION, S.RECORD, S.CLOSE]
    assert S.HEADTEACHER_ALERTED in flow.skipped(data)
    assert flow.validate(S.INVESTIGATION, data) == []


@pytest.mark.parametrize("conclusion", [Conclusion.BREACH, Conclusion.LIKELY_BREACH])
def test_breach_or_likely_breach_alerts_headteacher(flow: BreachTriageFlow, conclusion: Conclusion) -> None:
    assert flow.resolve_next(S.INVESTIGATION, investigated(conclusion)) is S.HEADTEACHER_ALERTED


def test_no_ico_page_and_no_individuals_page_when_not_reporting(flow: BreachTriageFlow) -> None:
    facts = replace(SEND_EMAIL, recipients=Recipients.TRUSTED_CONFIRMED_DELETION)
    data = complete(flow, replace(investigated(), facts=facts))
    assert data.decision is not None and not data.decision.report_to_ico
    assert flow.resolve_next(S.REPORTABILITY, data) is S.THIRD_PARTIES
    assert S.ICO_REPORT not in flow.path(data)
    assert S.INDIVIDUALS not in flow.path(data)
    assert flow.skipped(data) == [S.ICO_REPORT, S.INDIVIDUALS]


def test_ico_page_but_no_individuals_page_when_only_reporting(flow: BreachTriageFlow) -> None:
    data = complete(
        flow,
        investigated(),
        tell_individuals=False,
        individuals_reason="The DSL advised against writing home.",
    )
    assert flow.resolve_next(S.REPORTABILITY, data) is S.ICO_REPORT
    assert flow.resolve_next(S.ICO_REPORT, data) is S.THIRD_PARTIES
    assert flow.skipped(data) == [S.INDIVIDUALS]


def test_individuals_page_without_ico_page_on_override(flow: BreachTriageFlow) -> None:
    facts = replace(SEND_EMAIL, recipients=Recipients.TRUSTED_CONFIRMED_DELETION)
    data = complete(
        flow,
        replace(investigated(), facts=facts),
        tell_individuals=True,
        individuals_reason="The family should hear it from us.",
    )
    assert flow.resolve_next(S.REPORTABILITY, data) is S.INDIVIDUALS
    assert flow.skipped(data) == [S.ICO_REPORT]


def test_undecided_reportability_keeps_every_step_on_the_path(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert flow.resolve_next(S.REPORTABILITY, data) is S.ICO_REPORT
    assert flow.resolve_next(S.ICO_REPORT, data) is S.INDIVIDUALS
    assert flow.path(data) == ALL_STEPS


def test_previous_follows_the_path(flow: BreachTriageFlow) -> None:
    data = replace(investigated(Conclusion.NOT_A_BREACH), facts=None)
    assert flow.previous(S.RECORD, data) is S.INVESTIGATION
    assert flow.previous(S.DPO_NOTIFIED, data) is None
    assert flow.previous(S.CONTAINMENT, data) is None  # not on this path


def test_page_values_are_qt_page_ids() -> None:
    assert [s.value for s in BreachStep] == list(range(1, 13))


# ----------------------------------------------------------------- resuming


def test_resume_at_first_step_not_done(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert flow.resume_page(TriageData(), done=set()) is S.DPO_NOTIFIED
    assert flow.resume_page(data, done={S.DPO_NOTIFIED, S.INVESTIGATION}) is S.HEADTEACHER_ALERTED
    done_to_4 = {S.DPO_NOTIFIED, S.INVESTIGATION, S.HEADTEACHER_ALERTED, S.CONTAINMENT}
    assert flow.resume_page(data, done=done_to_4) is S.CONSEQUENCES


def test_resume_skips_pages_not_on_the_path(flow: BreachTriageFlow) -> None:
    facts = replace(SEND_EMAIL, recipients=Recipients.TRUSTED_CONFIRMED_DELETION)
    data = complete(flow, replace(investigated(), facts=facts))
    done = {s for s in BreachStep if s.number <= 6}
    assert flow.resume_page(data, done=done) is S.THIRD_PARTIES
    near_miss = replace(investigated(Conclusion.NOT_A_BREACH), facts=None)
    assert flow.resume_page(near_miss, done={S.DPO_NOTIFIED, S.INVESTIGATION}) is S.RECORD


def test_resume_when_everything_done_is_none(flow: BreachTriageFlow) -> None:
    data = complete(flow, investigated())
    assert flow.resume_page(data, done=set(BreachStep)) is None


# ----------------------------------------------------------------- validation


def fields(problems: list[Problem]) -> set[str]:
    return {p.field for p in problems}


def test_complete_breach_validates_on_every_page(flow: BreachTriageFlow) -> None:
    data = complete(flow, investigated())
    for page in flow.path(data):
        assert flow.validate(page, data) == [], page


def test_empty_report_lists_what_is_missing(flow: BreachTriageFlow) -> None:
    problems = flow.validate(S.DPO_NOTIFIED, TriageData())
    assert fields(problems) == {"reported_by", "aware_at", "how_found", "what_happened"}
    assert any("72 hours" in str(p) for p in problems)


def test_report_dates_in_wrong_order_or_future(flow: BreachTriageFlow) -> None:
    bad = replace(
        notified(),
        occurred_at=AWARE + timedelta(hours=1),
        dpo_notified_at=AWARE - timedelta(hours=1),
    )
    assert fields(flow.validate(S.DPO_NOTIFIED, bad)) == {"occurred_at", "dpo_notified_at"}
    future = replace(notified(), aware_at=NOW + timedelta(days=1), dpo_notified_at=None, occurred_at=None)
    problems = flow.validate(S.DPO_NOTIFIED, future)
    assert any("in the future" in str(p) for p in problems)


def test_investigation_needs_conclusion_reasons_natures_and_facts(flow: BreachTriageFlow) -> None:
    assert fields(flow.validate(S.INVESTIGATION, notified())) == {"conclusion", "conclusion_reasons"}
    breach = replace(notified(), conclusion=Conclusion.BREACH, conclusion_reasons="Sent outside")
    assert fields(flow.validate(S.INVESTIGATION, breach)) == {"natures", "facts"}


def test_headteacher_alert_time(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert fields(flow.validate(S.HEADTEACHER_ALERTED, data)) == {"headteacher_alerted_at"}
    early = replace(data, headteacher_alerted_at=AWARE - timedelta(hours=2))
    assert "before the school became aware" in str(flow.validate(S.HEADTEACHER_ALERTED, early)[0])


def test_containment_actions_need_text_and_owner(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert fields(flow.validate(S.CONTAINMENT, data)) == {"containment_actions"}
    bad = replace(data, containment_actions=(ContainmentAction(text="Recall", owner=" "),))
    assert ["Action 1: say who will do it."] == [str(p) for p in flow.validate(S.CONTAINMENT, bad)]
    wrong_item = replace(
        data,
        containment_actions=(ContainmentAction(text="Wipe", owner="IT", checklist_id="device.remote_wipe"),),
    )
    assert "does not apply" in str(flow.validate(S.CONTAINMENT, wrong_item)[0])


def test_checklist_is_offered_and_outstanding_items_tracked(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert [i.id for i in flow.checklist(data)][0] == "email.sender_recall"
    assert len(flow.outstanding_checklist(data)) == len(flow.checklist(data))
    data = replace(data, containment_actions=actions_for_checklist(flow, data))
    assert flow.outstanding_checklist(data) == ()
    assert flow.checklist(TriageData()) == ()


def test_consequences_need_facts_and_description(flow: BreachTriageFlow) -> None:
    assert fields(flow.validate(S.CONSEQUENCES, notified())) == {"facts", "likely_consequences"}
    data = replace(investigated(), likely_consequences="Distress.")
    assert flow.validate(S.CONSEQUENCES, data) == []
    both = flow.before_and_after(data)
    assert both is not None and both.after.severity == 4.25
    assert flow.before_and_after(notified()) is None


def test_before_and_after_uses_given_before_facts(flow: BreachTriageFlow) -> None:
    after = replace(SEND_EMAIL, recipients=Recipients.TRUSTED_CONFIRMED_DELETION)
    data = replace(
        investigated(), facts=after, facts_before=replace(SEND_EMAIL, recipients=Recipients.PUBLIC)
    )
    both = flow.before_and_after(data)
    assert both is not None
    assert both.before.severity == 4.5 and both.after.severity == 4.0


def test_reportability_needs_a_decision_matching_current_facts(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert fields(flow.validate(S.REPORTABILITY, data)) == {"decision"}
    data = replace(data, decision=decide(assess(SEND_EMAIL)))
    assert flow.validate(S.REPORTABILITY, data) == []
    changed = replace(data, facts=replace(SEND_EMAIL, recipients=Recipients.PUBLIC))
    assert "facts have changed" in str(flow.validate(S.REPORTABILITY, changed)[0])


def test_ico_report_after_72_hours_needs_reason_for_delay(flow: BreachTriageFlow) -> None:
    data = investigated()
    assert fields(flow.validate(S.ICO_REPORT, data)) == {
        "ico_reported_at",
        "ico_method",
        "ico_reported_by",
        "ico_reference",
    }
    data = replace(data, ico_method=IcoMethod.BREACH_LINE, ico_reported_by="DPO", ico_reference_pending=True)
    assert fields(flow.validate(S.ICO_REPORT, data)) == {"ico_reported_at"}
    on_time = replace(data, ico_reported_at=AWARE + timedelta(hours=72))
    assert flow.validate(S.ICO_REPORT, on_time) == []
    late = replace(data, ico_reported_at=AWARE + timedelta(hours=72, minutes=1))
    problems = flow.validate(S.ICO_REPORT, late)
    assert fields(problems) == {"ico_delay_reason"}
    assert "more than 72 hours" in str(problems[0])
    explained = replace(late, ico_delay_reason="The DPO was told on Monday morning.")
    assert flow.validate(S.ICO_REPORT, explained) == []
    assert data.ico_due_at == AWARE + timedelta(hours=72)


def test_individuals_told_date(flow: BreachTriageFlow) -> None:
    told = replace(
        investigated(), individuals_told_how="Letter", individuals_told_by="DPO", individuals_told_count=3
    )
    assert fields(flow.validate(S.INDIVIDUALS, told)) == {"individuals_told_on"}
    future = replace(told, individuals_told_on=date(2026, 4, 1))
    assert "in the future" in str(flow.validate(S.INDIVIDUALS, future)[0])


def test_individuals_cannot_be_done_with_nobody_told_unless_overridden(flow: BreachTriageFlow) -> None:
    nobody = replace(
        investigated(),
        individuals_told_on=date(2026, 3, 9),
        individuals_told_how="Letter",
        individuals_told_by="DPO",
        individuals_told_count=0,
    )
    assert fields(flow.validate(S.INDIVIDUALS, nobody)) == {"individuals_told_count"}
    overridden = replace(nobody, individuals_override_reason="The DSL advised against telling the family.")
    assert flow.validate(S.INDIVIDUALS, overridden) == []


def test_stamped_steps_left_blank_are_untouched_not_done(flow: BreachTriageFlow) -> None:
    blank = investigated()
    for step in (S.HEADTEACHER_ALERTED, S.ICO_REPORT, S.INDIVIDUALS, S.THIRD_PARTIES, S.REVIEW_MEETING):
        assert flow.untouched(step, blank)
    assert not flow.untouched(S.RECORD, blank)
    assert not flow.untouched(S.ICO_REPORT, replace(blank, ico_reference_pending=True))
    assert flow.open_steps(blank, {S.DPO_NOTIFIED, S.INVESTIGATION})[0] is S.HEADTEACHER_ALERTED


def test_third_parties_need_a_decision_each(flow: BreachTriageFlow) -> None:
    problems = flow.validate(S.THIRD_PARTIES, investigated())
    assert len(problems) == 4
    assert "Decide whether to tell the police, and why." in [str(p) for p in problems]
    police = ThirdPartyDecision(ThirdParty.POLICE, notify=True, reason="Theft.")
    twice = replace(investigated(), third_parties=(police, police))
    assert any(
        "more than one decision about the police" in str(p) for p in flow.validate(S.THIRD_PARTIES, twice)
    )


def test_record_needs_facts_cause_effects_and_actions(flow: BreachTriageFlow) -> None:
    assert fields(flow.validate(S.RECORD, investigated())) == {
        "cause",
        "facts_and_cause",
        "effects",
        "prevention_actions",
    }


def test_review_meeting_needs_date_and_notes(flow: BreachTriageFlow) -> None:
    assert fields(flow.validate(S.REVIEW_MEETING, investigated())) == {"review_held_on", "review_notes"}
    early = replace(investigated(), review_held_on=date(2026, 3, 1), review_notes="Met.")
    assert fields(flow.validate(S.REVIEW_MEETING, early)) == {"review_held_on"}


def test_close_lists_unfinished_steps_and_open_actions(flow: BreachTriageFlow) -> None:
    data = complete(flow, investigated())
    assert flow.validate(S.CLOSE, data) == []
    unfinished = replace(data, effects="", ico_reference="")
    messages = [str(p) for p in flow.validate(S.CLOSE, unfinished)]
    assert "Step 10 (Record: facts and cause, effects, actions) is not finished." in messages
    assert "Enter the ICO case reference before closing." in messages
    open_action = ContainmentAction(text="Chase written confirmation", owner="DPO")
    pending = replace(
        data,
        containment_actions=(open_action,) + data.containment_actions[1:],
    )
    messages = [str(p) for p in flow.validate(S.CLOSE, pending)]
    assert any("neither done nor marked as not needed" in m for m in messages)
    assert any(m.startswith("Policy action not yet done or ruled out: The sender") for m in messages)
    ruled_out = replace(
        pending,
        containment_actions=(
            replace(open_action, not_needed_reason="Recall confirmed by IT"),
            ContainmentAction(
                text="Recall",
                owner="Sender",
                checklist_id="email.sender_recall",
                not_needed_reason="Sender was off sick; IT recalled it.",
            ),
        )
        + data.containment_actions[1:],
    )
    assert flow.validate(S.CLOSE, ruled_out) == []
    assert fields(flow.validate(S.CLOSE, replace(data, closed_by=""))) == {"closed_by"}


def test_near_miss_can_close_without_breach_steps(flow: BreachTriageFlow) -> None:
    data = replace(
        investigated(Conclusion.NOT_A_BREACH),
        facts=None,
        natures=frozenset(),
        cause=Cause.EMAIL_WRONG_RECIPIENT,
        facts_and_cause="Caught in drafts before sending.",
        effects="None.",
        prevention_actions="Reminder to staff.",
        closed_by="DPO",
    )
    for page in flow.path(data):
        assert flow.validate(page, data) == [], page


def test_naive_and_aware_times_do_not_crash(flow: BreachTriageFlow) -> None:
    data = replace(notified(), dpo_notified_at=datetime(2026, 3, 6, 17, 0))
    assert flow.validate(S.DPO_NOTIFIED, data) == []


def test_no_clock_means_no_future_checks() -> None:
    data = replace(
        notified(), aware_at=datetime(2999, 1, 1, tzinfo=UTC), occurred_at=None, dpo_notified_at=None
    )
    assert BreachTriageFlow().validate(S.DPO_NOTIFIED, data) == []
