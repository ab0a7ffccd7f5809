"""What raises the risk beyond ENISA's score: one example per rule (ICO breach guidance)."""

from __future__ import annotations

from dataclasses import replace

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    Cause,
    DataCategory,
    Likelihood,
    Recipients,
    SeverityBand,
    assess,
)
from schooldp.domain.breach.risk_factors import ICO_RISK, enables_fraud

D = DataCategory
G = AffectedGroup


def parents_emails(**kw: object) -> BreachFacts:
    """A newsletter sent with every parent's address in CC."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.CONTACT_DETAILS}),
        "affected_groups": frozenset({G.PARENTS_CARERS}),
        "approx_people": 40,
        "confidentiality_lost": True,
        "recipients": Recipients.KNOWN,
        "cause": Cause.EMAIL_CC_NOT_BCC,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


def assessment_marks(**kw: object) -> BreachFacts:
    """A mark sheet for a year group (pupils: children) sent to the wrong parents' group."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.BASIC_IDENTIFIERS, D.ASSESSMENT}),
        "affected_groups": frozenset({G.PUPILS}),
        "approx_people": 30,
        "confidentiality_lost": True,
        "recipients": Recipients.KNOWN,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


# ---- scale ----------------------------------------------------------------------------------


def test_a_class_does_not_change_the_band() -> None:
    a = assess(assessment_marks())
    assert a.weighed_band is a.band
    assert not any("whole school" in r or "100 or more" in r for r in a.reasons)


def test_a_hundred_pupils_raise_a_medium_band_by_one_with_the_departure_explained() -> None:
    small, large = assess(assessment_marks()), assess(assessment_marks(approx_people=150))
    assert small.band is large.band  # ENISA's own score and band are kept
    assert large.severity == small.severity
    assert large.weighed_band.value == small.band.value + 1
    reason = next(r for r in large.reasons if "100 or more" in r)
    assert "ENISA leaves numbers out of its score" in reason and ICO_RISK in reason


def test_a_hundred_email_addresses_alone_stay_low() -> None:
    # Simple data: 100 or more people raise the band only from medium upwards.
    a = assess(parents_emails(approx_people=300))
    assert a.band is SeverityBand.LOW and a.weighed_band is SeverityBand.LOW
    assert not a.report_to_ico


def test_a_whole_school_of_email_addresses_is_raised_from_low() -> None:
    a = assess(parents_emails(approx_people=1200))
    assert a.band is SeverityBand.LOW
    assert a.weighed_band is SeverityBand.MEDIUM
    assert a.report_to_ico  # a likely risk: medium severity and possible harm
    assert any("whole school" in r for r in a.reasons)


# ---- fraud-enabling data --------------------------------------------------------------------


def test_contact_details_with_dates_of_birth_enable_fraud() -> None:
    assert enables_fraud(assessment_marks(data_categories={D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS}))
    assert enables_fraud(parents_emails(data_categories={D.FINANCIAL}))
    assert not enables_fraud(parents_emails())


def test_fraud_enabling_data_with_untraceable_people_makes_harm_highly_likely() -> None:
    lost_list = parents_emails(
        data_categories={D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS}, recipients=Recipients.UNKNOWN
    )
    a = assess(lost_list)
    assert a.likelihood is Likelihood.HIGHLY_LIKELY
    assert any("fraud or identity theft" in r and ICO_RISK in r for r in a.reasons)
    # The same list lost without dates of birth: harm is possible, not highly likely.
    assert assess(replace(lost_list, data_categories=frozenset({D.CONTACT_DETAILS}))).likelihood is (
        Likelihood.POSSIBLE
    )


def test_fraud_enabling_data_to_one_known_parent_is_not_raised() -> None:
    a = assess(parents_emails(data_categories={D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS}, approx_people=1))
    assert a.likelihood is Likelihood.POSSIBLE


# ---- deliberate misuse by a member of staff -------------------------------------------------


def test_staff_taking_data_on_purpose_makes_harm_highly_likely_and_adds_enisa_malice() -> None:
    accident, taken = assess(assessment_marks()), assess(assessment_marks(deliberate_insider=True))
    assert accident.likelihood is Likelihood.POSSIBLE
    assert taken.likelihood is Likelihood.HIGHLY_LIKELY
    assert taken.cb == accident.cb + 0.5  # ENISA: malicious intent
    assert any("member of staff took or used the data on purpose" in r for r in taken.reasons)


# ---- publication ----------------------------------------------------------------------------


def test_publication_makes_harm_highly_likely_citing_the_ico() -> None:
    a = assess(assessment_marks(recipients=Recipients.PUBLIC))
    assert a.likelihood is Likelihood.HIGHLY_LIKELY
    assert any("published" in r and ICO_RISK in r for r in a.reasons)


def test_possible_is_not_labelled_likely() -> None:
    assert Likelihood.POSSIBLE.label == "Possible"
