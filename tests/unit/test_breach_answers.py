"""No silent defaults: every factor the score uses is answered before any recommendation."""

from __future__ import annotations

from schooldp.domain.breach import AffectedGroup, DataCategory, Identifiability, Recipients, Unintelligibility
from schooldp.domain.breach.answers import FactAnswers, answers_of, missing_answers, to_facts

ONE_EMAIL = FactAnswers(
    data_categories=frozenset({DataCategory.BASIC_IDENTIFIERS}),
    affected_groups=frozenset({AffectedGroup.PARENTS_CARERS}),
    approx_people=1,
    confidentiality_lost=True,
    malicious=False,
    deliberate_insider=False,
    recipients=Recipients.KNOWN,
    unintelligible=Unintelligibility.NO,
    identifiability=Identifiability.FULL,
    about_living_people=True,
)


def test_nothing_answered_lists_every_question_and_makes_no_facts() -> None:
    missing = missing_answers(FactAnswers())
    assert "who has or may have seen the data" not in missing  # only asked once something was seen
    assert "whether the data could be read" in missing
    assert "whether a member of staff did it on purpose" in missing
    assert to_facts(FactAnswers()) is None


def test_who_saw_it_is_never_assumed() -> None:
    # A parent receiving one wrong email must not score as "unknown people" by default.
    unanswered = FactAnswers(**{**ONE_EMAIL.__dict__, "recipients": None})
    assert missing_answers(unanswered) == ["who has or may have seen the data"]
    assert to_facts(unanswered) is None
    facts = to_facts(ONE_EMAIL)
    assert facts is not None and facts.recipients is Recipients.KNOWN


def test_saved_facts_round_trip_as_answers() -> None:
    facts = to_facts(ONE_EMAIL)
    assert facts is not None
    assert missing_answers(answers_of(facts)) == []
    assert to_facts(answers_of(facts)) == facts


def test_a_recommendation_never_rests_on_an_unanswered_factor() -> None:
    # Each factor the score uses, left unanswered on its own, leaves no facts to assess.
    for name in (
        "recipients",
        "unintelligible",
        "identifiability",
        "malicious",
        "deliberate_insider",
        "about_living_people",
    ):
        partial = FactAnswers(**{**ONE_EMAIL.__dict__, name: None})
        assert to_facts(partial) is None, name
        assert missing_answers(partial), name
