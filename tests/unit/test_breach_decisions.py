"""Decisions and overrides, the containment checklist, third parties and the 12 steps."""

from __future__ import annotations

import pytest

from schooldp.domain.breach import (
    AffectedGroup,
    BreachDecision,
    BreachFacts,
    BreachNature,
    BreachStep,
    Cause,
    Conclusion,
    DataCategory,
    DecisionSubject,
    Exfiltration,
    Likelihood,
    Recipients,
    ReportabilityDecision,
    ThirdParty,
    ThirdPartyDecision,
    Unintelligibility,
    assess,
    containment_checklist,
    decide,
    suggested_third_parties,
)
from schooldp.domain.errors import ValidationError

D = DataCategory
G = AffectedGroup


def facts(*cats: DataCategory, cause: Cause | None = None, **kw: object) -> BreachFacts:
    base: dict[str, object] = {
        "data_categories": frozenset(cats),
        "affected_groups": frozenset({G.PUPILS}),
        "confidentiality_lost": True,
        "recipients": Recipients.KNOWN,
        "cause": cause,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


# ----------------------------------------------------------------- decisions


def test_following_the_recommendation_needs_no_reason() -> None:
    a = assess(facts(D.HEALTH))
    d = decide(a)
    assert d.report_to_ico and d.tell_individuals
    assert not d.ico.overridden and not d.individuals.overridden


@pytest.mark.parametrize("reason", ["", "   "])
def test_override_without_reason_is_refused(reason: str) -> None:
    a = assess(facts(D.HEALTH))
    with pytest.raises(ValidationError) as err:
        decide(a, tell_individuals=False, individuals_reason=reason)
    assert err.value.field == "individuals"
    assert "tell the people affected" in str(err.value)
    with pytest.raises(ValidationError) as err:
        decide(a, report_to_ico=False, ico_reason=reason)
    assert err.value.field == "ico"
    assert "not to report to the ICO" in str(err.value)


def test_override_in_either_direction_with_reason() -> None:
    a = assess(facts(D.HEALTH))
    d = decide(
        a,
        tell_individuals=False,
        individuals_reason="The DSL advises that writing home would put the child at risk.",
    )
    assert d.report_to_ico and not d.tell_individuals
    assert d.individuals.overridden
    # Over-reporting is an override too.
    quiet = assess(facts(D.HEALTH, recipients=Recipients.TRUSTED_CONFIRMED_DELETION))
    assert not quiet.report_to_ico
    with pytest.raises(ValidationError):
        decide(quiet, report_to_ico=True)
    d2 = decide(quiet, report_to_ico=True, ico_reason="Governors asked us to report for openness.")
    assert d2.report_to_ico and d2.ico.overridden


def test_reportability_decision_constructors() -> None:
    follow = ReportabilityDecision.follow(DecisionSubject.ICO, True)
    assert follow.decided and not follow.overridden
    over = ReportabilityDecision.override(DecisionSubject.ICO, True, "Reason given")
    assert not over.decided and over.overridden
    with pytest.raises(ValidationError):
        ReportabilityDecision.override(DecisionSubject.INDIVIDUALS, False, "")


def test_breach_decision_checks_it_matches_the_assessment() -> None:
    a = assess(facts(D.HEALTH))
    ico = ReportabilityDecision.follow(DecisionSubject.ICO, True)
    ind = ReportabilityDecision.follow(DecisionSubject.INDIVIDUALS, True)
    with pytest.raises(ValidationError):
        BreachDecision(assessment=a, ico=ind, individuals=ind)
    with pytest.raises(ValidationError):
        BreachDecision(assessment=a, ico=ico, individuals=ico)
    with pytest.raises(ValidationError):
        BreachDecision(
            assessment=a,
            ico=ReportabilityDecision.follow(DecisionSubject.ICO, False),
            individuals=ind,
        )
    assert BreachDecision(assessment=a, ico=ico, individuals=ind).tell_individuals


# ----------------------------------------------------------------- containment checklist


def ids(f: BreachFacts) -> list[str]:
    return [item.id for item in containment_checklist(f)]


def test_checklist_for_safeguarding_email_follows_appendix_1_order() -> None:
    items = containment_checklist(facts(D.SAFEGUARDING, cause=Cause.EMAIL_WRONG_RECIPIENT))
    assert [i.id for i in items] == [
        "email.sender_recall",
        "email.staff_recipients_alert",
        "email.it_recall",
        "email.contact_recipients",
        "email.written_confirmation",
        "internet_search",
        "safeguarding.dsl",
    ]
    assert all(i.policy and "Appendix 1" in i.source for i in items)
    text = {i.id: i.text for i in items}
    assert "external IT support provider" in text["email.it_recall"]
    assert "copy as evidence" in text["email.it_recall"]
    assert "delete it and not share" in text["email.contact_recipients"]
    assert "written reply" in text["email.written_confirmation"]
    assert "3 local safeguarding partners" in text["safeguarding.dsl"]
    assert "designated safeguarding lead" in text["safeguarding.dsl"]


def test_checklist_for_special_category_email_without_safeguarding() -> None:
    got = ids(facts(D.HEALTH, cause=Cause.EMAIL_CC_NOT_BCC))
    assert got[0] == "email.sender_recall"
    assert "internet_search" in got
    assert "safeguarding.dsl" not in got


def test_safeguarding_data_always_brings_the_dsl_item() -> None:
    got = ids(facts(D.SAFEGUARDING, cause=Cause.PAPER_RECORDS_LOST))
    assert got[-1] == "safeguarding.dsl"
    assert "paper.search" in got


def test_stolen_device_items_are_schooldp_suggestions() -> None:
    items = containment_checklist(
        facts(D.BASIC_IDENTIFIERS, cause=Cause.DEVICE_LOST_OR_STOLEN, recipients=Recipients.UNKNOWN)
    )
    by_id = {i.id: i for i in items}
    for key in ("device.remote_wipe", "device.police"):
        assert not by_id[key].policy
        assert "SchoolDP suggestion" in by_id[key].source
    assert "crime reference" in by_id["device.police"].text
    assert "internet_search" in by_id  # readable data, unknown people


def test_encrypted_device_needs_no_internet_search() -> None:
    got = ids(
        facts(
            D.BASIC_IDENTIFIERS,
            cause=Cause.DEVICE_LOST_OR_STOLEN,
            recipients=Recipients.UNKNOWN,
            unintelligible=Unintelligibility.ENCRYPTED_KEY_SAFE,
        )
    )
    assert "internet_search" not in got
    assert got[0] == "device.remote_wipe"


def test_post_to_wrong_families_suggests_retrieving_letters() -> None:
    items = containment_checklist(facts(D.ASSESSMENT, cause=Cause.POST_WRONG_ADDRESS))
    assert [i.id for i in items] == ["post.retrieve", "post.confirm", "post.resend"]
    assert not any(i.policy for i in items)


@pytest.mark.parametrize(
    ("cause", "expected"),
    [
        (Cause.PUBLICATION_IN_ERROR, "publication.take_down"),
        (Cause.CYBER_ATTACK_PHISHING, "access.reset"),
        (Cause.UNAUTHORISED_ACCESS, "access.reset"),
        (Cause.GENERATIVE_AI_TOOL, "ai.delete"),
    ],
)
def test_other_causes_have_suggestions(cause: Cause, expected: str) -> None:
    assert expected in ids(facts(D.BASIC_IDENTIFIERS, cause=cause))


def test_checklist_ids_are_unique() -> None:
    f = facts(
        D.SAFEGUARDING,
        D.LOGIN_CREDENTIALS,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
        recipients=Recipients.PUBLIC,
    )
    got = ids(f)
    assert len(got) == len(set(got))


# ----------------------------------------------------------------- third parties


def test_third_party_decision_needs_a_reason_each_way() -> None:
    with pytest.raises(ValidationError, match="not tell the police"):
        ThirdPartyDecision(ThirdParty.POLICE, notify=False, reason=" ")
    with pytest.raises(ValidationError, match="tell the school's insurers"):
        ThirdPartyDecision(ThirdParty.INSURERS, notify=True, reason="")
    ok = ThirdPartyDecision(ThirdParty.POLICE, notify=False, reason="No crime: a typing error.")
    assert not ok.notify


def test_other_third_party_needs_a_name() -> None:
    with pytest.raises(ValidationError) as err:
        ThirdPartyDecision(ThirdParty.OTHER, notify=True, reason="They hold a copy.")
    assert err.value.field == "name"
    ThirdPartyDecision(ThirdParty.OTHER, notify=True, reason="Holds a copy.", name="Exam board")


def test_third_party_suggestions() -> None:
    theft = facts(
        D.FINANCIAL,
        D.SAFEGUARDING,
        cause=Cause.DEVICE_LOST_OR_STOLEN,
        malicious=True,
        recipients=Recipients.UNKNOWN,
    )
    got = {s.party: s for s in suggested_third_parties(theft)}
    assert set(got) == {
        ThirdParty.POLICE,
        ThirdParty.INSURERS,
        ThirdParty.BANKS_CARD_COMPANIES,
        ThirdParty.SAFEGUARDING_PARTNERS,
    }
    assert all(s.notify for s in got.values())
    quiet = {s.party: s.notify for s in suggested_third_parties(facts(D.ASSESSMENT))}
    assert not any(quiet.values())


# ----------------------------------------------------------------- closed sets and steps


def test_twelve_steps_with_titles_quotes_and_sources() -> None:
    steps = list(BreachStep)
    assert [s.number for s in steps] == list(range(1, 13))
    for step in steps:
        assert step.title and step.quote and "Appendix 1" in step.source
    assert "72 hours" in BreachStep.ICO_REPORT.quote
    assert "police, insurers, banks" in BreachStep.THIRD_PARTIES.quote
    assert "before and after" in BreachStep.CONSEQUENCES.quote


def test_every_enum_member_has_a_uk_english_label() -> None:
    from schooldp.domain import breach

    for enum in (
        breach.DataCategory,
        breach.AffectedGroup,
        breach.BreachNature,
        breach.Conclusion,
        breach.Recipients,
        breach.Exfiltration,
        breach.Unintelligibility,
        breach.Identifiability,
        breach.Cause,
        breach.SeverityBand,
        breach.Likelihood,
        breach.ThirdParty,
        breach.DecisionSubject,
    ):
        for member in enum:
            assert member.label and member.label[0].isupper()
    labels = " ".join(c.label for c in DataCategory)
    assert "Behaviour" in labels and "Behavior" not in labels


def test_appendix_1_natures_and_conclusions() -> None:
    assert len(BreachNature) == 6
    assert BreachNature.DISCLOSED.label == "Disclosed or made available where it should not have been"
    assert Conclusion.LIKELY_BREACH.is_breach and not Conclusion.NOT_A_BREACH.is_breach


def test_likelihood_order_and_lowering() -> None:
    assert Likelihood.HIGHLY_LIKELY.lowered() is Likelihood.POSSIBLE
    assert Likelihood.UNLIKELY.lowered() is Likelihood.UNLIKELY
    assert Exfiltration.RULED_OUT.label.startswith("Ruled out")


def test_deletion_request_reply_by_default() -> None:
    from datetime import date

    from schooldp.domain.breach import DELETION_REPLY_DAYS, deletion_reply_by

    assert DELETION_REPLY_DAYS == 5
    assert deletion_reply_by(date(2026, 3, 27)) == date(2026, 4, 1)
