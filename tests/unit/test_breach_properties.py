"""Properties of the risk method: more data or fewer mitigations never make a breach look safer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from schooldp.domain.breach import (
    AffectedGroup,
    Assessment,
    BreachFacts,
    DataCategory,
    Exfiltration,
    Identifiability,
    Recipients,
    SeverityBand,
    Unintelligibility,
    assess,
    severity_band,
    without_mitigations,
)


@st.composite
def breach_facts(draw: st.DrawFn) -> BreachFacts:
    lost = draw(st.tuples(st.booleans(), st.booleans(), st.booleans()).filter(any))
    confidentiality, integrity, availability = lost
    restored = draw(st.booleans()) if (integrity or availability) else False
    hours = draw(st.none() | st.floats(0, 500, allow_nan=False)) if restored else None
    exfiltration = draw(st.sampled_from(Exfiltration))
    if exfiltration is Exfiltration.CONFIRMED and not confidentiality:
        exfiltration = Exfiltration.UNKNOWN
    return BreachFacts(
        data_categories=draw(st.frozensets(st.sampled_from(DataCategory), min_size=1)),
        affected_groups=draw(st.frozensets(st.sampled_from(AffectedGroup), min_size=1)),
        children_or_vulnerable=draw(st.booleans()),
        approx_people=draw(st.none() | st.integers(1, 10_000)),
        approx_records=draw(st.none() | st.integers(0, 100_000)),
        confidentiality_lost=confidentiality,
        integrity_lost=integrity,
        availability_lost=availability,
        malicious=draw(st.booleans()),
        recipients=draw(st.sampled_from(Recipients)),
        unintelligible=draw(st.sampled_from(Unintelligibility)),
        backup_restored=restored,
        hours_to_restore=hours,
        exfiltration=exfiltration,
        containment_achieved=draw(st.booleans()),
        identifiability=draw(st.sampled_from(Identifiability)),
    )


def no_lower(before: Assessment, after: Assessment) -> None:
    """`after` is at least as serious as `before` on every output."""
    assert after.severity >= before.severity
    assert after.band.value >= before.band.value
    assert after.likelihood.value >= before.likelihood.value
    assert after.report_to_ico >= before.report_to_ico
    assert after.tell_individuals >= before.tell_individuals


@given(breach_facts(), st.sampled_from(DataCategory))
def test_adding_a_data_category_never_lowers_severity(facts: BreachFacts, extra: DataCategory) -> None:
    more = replace(facts, data_categories=facts.data_categories | {extra})
    no_lower(assess(facts), assess(more))


def _drop_unintelligible(f: BreachFacts) -> BreachFacts:
    return replace(f, unintelligible=Unintelligibility.NO)


def _drop_confirmed_deletion(f: BreachFacts) -> BreachFacts:
    if f.recipients is Recipients.TRUSTED_CONFIRMED_DELETION:
        return replace(f, recipients=Recipients.KNOWN)
    return f


def _drop_restore(f: BreachFacts) -> BreachFacts:
    return replace(f, backup_restored=False, hours_to_restore=None)


def _slower_restore(f: BreachFacts) -> BreachFacts:
    if not f.backup_restored:
        return f
    return replace(f, hours_to_restore=None if f.hours_to_restore is None else f.hours_to_restore + 48)


def _drop_ruled_out(f: BreachFacts) -> BreachFacts:
    if f.exfiltration is Exfiltration.RULED_OUT:
        return replace(f, exfiltration=Exfiltration.UNKNOWN)
    return f


def _drop_containment(f: BreachFacts) -> BreachFacts:
    return replace(f, containment_achieved=False)


REMOVALS: list[Callable[[BreachFacts], BreachFacts]] = [
    _drop_unintelligible,
    _drop_confirmed_deletion,
    _drop_restore,
    _slower_restore,
    _drop_ruled_out,
    _drop_containment,
    without_mitigations,
]


@given(breach_facts(), st.sampled_from(REMOVALS))
def test_removing_a_mitigation_never_lowers_severity_or_likelihood(
    facts: BreachFacts, remove: Callable[[BreachFacts], BreachFacts]
) -> None:
    no_lower(assess(facts), assess(remove(facts)))


@given(breach_facts())
def test_aggravating_factors_never_lower(facts: BreachFacts) -> None:
    a = assess(facts)
    no_lower(a, assess(replace(facts, malicious=True)))
    no_lower(a, assess(replace(facts, children_or_vulnerable=True)))
    if facts.confidentiality_lost:
        no_lower(a, assess(replace(facts, exfiltration=Exfiltration.CONFIRMED)))


@given(breach_facts())
def test_outputs_are_consistent(facts: BreachFacts) -> None:
    a = assess(facts)
    assert 0.25 <= a.severity <= 6.0
    assert a.severity == round(a.dpc * a.ei + a.cb, 2)
    assert a.band is severity_band(a.severity)
    assert 1 <= a.dpc <= 4
    assert a.tell_individuals <= a.report_to_ico  # high risk implies likely risk
    assert a.report_to_ico == a.ico.risk_likely
    assert a.tell_individuals == a.ico.high_risk
    # SchoolDP weighs the number of people on top of ENISA's band, never below it.
    assert a.weighed_band.value >= a.band.value
    if a.weighed_band is SeverityBand.LOW:
        assert not a.report_to_ico
    assert a.reasons and all(isinstance(r, str) and r for r in a.reasons)
