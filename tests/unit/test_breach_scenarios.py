"""The policy's own examples (section 17, Appendix 1), assessed end to end."""

from __future__ import annotations

from dataclasses import replace

from schooldp.domain.breach import (
    AffectedGroup,
    BreachFacts,
    Cause,
    DataCategory,
    Exfiltration,
    Likelihood,
    Recipients,
    SeverityBand,
    Unintelligibility,
    assess,
    assess_before_and_after,
)

D = DataCategory
G = AffectedGroup


def mis_sent_send_email() -> BreachFacts:
    """A teacher emails a SEND support plan to the wrong parent."""
    return BreachFacts(
        data_categories=frozenset({D.BASIC_IDENTIFIERS, D.SEND}),
        affected_groups=frozenset({G.PUPILS}),
        approx_people=1,
        approx_records=1,
        confidentiality_lost=True,
        recipients=Recipients.KNOWN,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
    )


def test_mis_sent_send_email_is_reported_and_family_told() -> None:
    a = assess(mis_sent_send_email())
    assert a.dpc == 4
    assert a.severity == 4.25
    assert a.band is SeverityBand.VERY_HIGH
    assert a.likelihood is Likelihood.POSSIBLE
    assert a.report_to_ico and a.tell_individuals
    assert any("SEND" in r and "sensitive" in r for r in a.reasons)


def test_mis_sent_send_email_recalled_and_deleted_is_not_reported() -> None:
    # Policy App 1: recall, then written confirmation of deletion from the recipient.
    after = replace(
        mis_sent_send_email(),
        recipients=Recipients.TRUSTED_CONFIRMED_DELETION,
        containment_achieved=True,
    )
    both = assess_before_and_after(after)
    assert both.before.report_to_ico and both.before.tell_individuals
    assert not both.after.report_to_ico and not both.after.tell_individuals
    assert both.after.likelihood is Likelihood.UNLIKELY


def stolen_laptop(**kw: object) -> BreachFacts:
    """Policy 17: theft of a school laptop with pupils' data; the files are also on the server."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.BASIC_IDENTIFIERS, D.CONTACT_DETAILS, D.ASSESSMENT}),
        "affected_groups": frozenset({G.PUPILS, G.PARENTS_CARERS}),
        "approx_people": 240,
        "approx_records": 240,
        "confidentiality_lost": True,
        "malicious": True,
        "recipients": Recipients.UNKNOWN,
        "cause": Cause.DEVICE_LOST_OR_STOLEN,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


def test_stolen_unencrypted_laptop_is_reported_and_families_told() -> None:
    a = assess(stolen_laptop())
    # DPC 1 + 1 (children) = 2; 2 x 1 + 0.5 (unknown recipients) + 0.5 (theft) = 3.0
    assert a.severity == 3.0
    assert a.band is SeverityBand.HIGH
    assert a.likelihood is Likelihood.HIGHLY_LIKELY
    assert a.report_to_ico and a.tell_individuals


def test_stolen_laptop_with_strong_encryption_and_safe_key_is_not_reported() -> None:
    a = assess(stolen_laptop(unintelligible=Unintelligibility.ENCRYPTED_KEY_SAFE))
    assert a.severity == 3.0  # the score is about the data; encryption acts on likelihood
    assert a.likelihood is Likelihood.UNLIKELY
    assert not a.report_to_ico and not a.tell_individuals
    assert any("strongly encrypted" in r for r in a.reasons)


def reports_to_wrong_families(**kw: object) -> BreachFacts:
    """Appendix 1: hardcopy reports sent to the wrong families."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.BASIC_IDENTIFIERS, D.ASSESSMENT, D.ATTENDANCE}),
        "affected_groups": frozenset({G.PUPILS}),
        "approx_people": 28,
        "approx_records": 28,
        "confidentiality_lost": True,
        "recipients": Recipients.KNOWN,
        "cause": Cause.POST_WRONG_ADDRESS,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


def test_reports_posted_to_wrong_families_are_reported_not_told() -> None:
    a = assess(reports_to_wrong_families())
    # DPC attendance 2 + 1 (children) = 3; 3 x 1 + 0.25 (known families) = 3.25
    assert a.severity == 3.25
    assert a.band is SeverityBand.HIGH
    assert a.report_to_ico and not a.tell_individuals


def test_reports_with_send_details_are_also_told() -> None:
    a = assess(reports_to_wrong_families(data_categories=frozenset({D.ASSESSMENT, D.SEND})))
    assert a.band is SeverityBand.VERY_HIGH
    assert a.tell_individuals


def test_reports_returned_unopened_are_not_reported() -> None:
    a = assess(reports_to_wrong_families(exfiltration=Exfiltration.RULED_OUT))
    assert not a.report_to_ico


def test_pupil_premium_dataset_on_website() -> None:
    """Policy 17: a non-anonymised dataset of pupil-premium pupils' results on the website."""
    f = BreachFacts(
        data_categories=frozenset({D.BASIC_IDENTIFIERS, D.ASSESSMENT, D.FSM_PUPIL_PREMIUM}),
        affected_groups=frozenset({G.PUPILS}),
        approx_people=45,
        confidentiality_lost=True,
        recipients=Recipients.PUBLIC,
        cause=Cause.PUBLICATION_IN_ERROR,
    )
    a = assess(f)
    # DPC 3 (financial: welfare) + 1 (children) = 4; 4 x 1 + 0.5 (public) = 4.5
    assert a.severity == 4.5
    assert a.band is SeverityBand.VERY_HIGH
    assert a.likelihood is Likelihood.HIGHLY_LIKELY
    assert a.report_to_ico and a.tell_individuals
    taken_down = assess(replace(f, containment_achieved=True))
    assert taken_down.likelihood is Likelihood.POSSIBLE
    assert taken_down.report_to_ico and taken_down.tell_individuals


def test_safeguarding_information_to_unauthorised_person() -> None:
    """Policy 17: safeguarding information made available to an unauthorised person."""
    f = BreachFacts(
        data_categories=frozenset({D.BASIC_IDENTIFIERS, D.SAFEGUARDING}),
        affected_groups=frozenset({G.PUPILS}),
        approx_people=1,
        confidentiality_lost=True,
        recipients=Recipients.KNOWN,
        cause=Cause.EMAIL_WRONG_RECIPIENT,
    )
    a = assess(f)
    assert a.band is SeverityBand.VERY_HIGH
    assert a.report_to_ico and a.tell_individuals
    assert any("designated safeguarding lead" in r for r in a.reasons)
