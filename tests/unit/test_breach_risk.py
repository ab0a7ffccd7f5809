"""ENISA severity, likelihood and the ICO rule, factor by factor (domain/breach.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from schooldp.domain.breach import (
    PROMPT_RESTORE_HOURS,
    AffectedGroup,
    BreachFacts,
    DataCategory,
    EnisaClass,
    Exfiltration,
    Identifiability,
    Likelihood,
    Recipients,
    SeverityBand,
    Unintelligibility,
    assess,
    assess_before_and_after,
    data_context_score,
    severity_band,
    without_mitigations,
)
from schooldp.domain.errors import ValidationError

D = DataCategory
G = AffectedGroup

EXPECTED_DPC: dict[DataCategory, int] = {
    D.BASIC_IDENTIFIERS: 1,
    D.CONTACT_DETAILS: 1,
    D.ATTENDANCE: 2,
    D.ASSESSMENT: 1,
    D.BEHAVIOUR_EXCLUSIONS: 3,
    D.SEND: 4,
    D.HEALTH: 4,
    D.SAFEGUARDING: 4,
    D.SPECIAL_CATEGORY: 4,
    D.FSM_PUPIL_PREMIUM: 3,
    D.FINANCIAL: 3,
    D.IDENTITY_DOCUMENTS: 3,
    D.LOGIN_CREDENTIALS: 3,
    D.BIOMETRICS: 4,
    D.PHOTOS_CCTV: 2,
    D.CRIMINAL_OFFENCE: 4,
    D.STAFF_HR_PAY: 3,
}


def adult_facts(*cats: DataCategory, **kw: object) -> BreachFacts:
    """Staff data, seen by a trusted recipient who deleted it: CB 0, so SE = DPC x EI."""
    base: dict[str, object] = {
        "data_categories": frozenset(cats),
        "affected_groups": frozenset({G.STAFF}),
        "confidentiality_lost": True,
        "recipients": Recipients.TRUSTED_CONFIRMED_DELETION,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


# ----------------------------------------------------------------- data context (DPC)


def test_every_category_has_a_score_label_and_reason() -> None:
    assert set(EXPECTED_DPC) == set(DataCategory)
    for cat in DataCategory:
        assert cat.label and cat.dpc_reason
        assert "ENISA" in cat.dpc_reason or "SchoolDP" in cat.dpc_reason


@pytest.mark.parametrize("category", list(DataCategory), ids=lambda c: c.value)
def test_each_category_dpc_for_adults(category: DataCategory) -> None:
    a = assess(adult_facts(category))
    assert a.dpc == EXPECTED_DPC[category]
    assert a.severity == EXPECTED_DPC[category]  # EI 1, CB 0
    assert any(category.label in r and "Data context" in r for r in a.reasons)


@pytest.mark.parametrize("category", list(DataCategory), ids=lambda c: c.value)
def test_children_raise_dpc_by_one_capped_at_four(category: DataCategory) -> None:
    pupils = replace(adult_facts(category), affected_groups=frozenset({G.PUPILS}))
    assert assess(pupils).dpc == min(EXPECTED_DPC[category] + 1, 4)


def test_vulnerable_adults_flag_raises_dpc_like_children() -> None:
    plain = adult_facts(D.CONTACT_DETAILS)
    vulnerable = replace(plain, children_or_vulnerable=True)
    assert assess(plain).dpc == 1
    assert assess(vulnerable).dpc == 2
    assert any("raised by 1 to 2" in r for r in assess(vulnerable).reasons)


def test_children_at_maximum_says_so() -> None:
    a = assess(replace(adult_facts(D.HEALTH), affected_groups=frozenset({G.PUPILS})))
    assert a.dpc == 4
    assert any("already at the maximum of 4" in r for r in a.reasons)


def test_highest_category_sets_dpc() -> None:
    score, top = data_context_score([D.BASIC_IDENTIFIERS, D.FSM_PUPIL_PREMIUM, D.ATTENDANCE], False)
    assert (score, top) == (3, D.FSM_PUPIL_PREMIUM)


def test_sensitive_categories_are_enisa_sensitive() -> None:
    sensitive = {c for c in DataCategory if c.is_sensitive}
    assert sensitive == {
        D.SEND,
        D.HEALTH,
        D.SAFEGUARDING,
        D.SPECIAL_CATEGORY,
        D.BIOMETRICS,
        D.CRIMINAL_OFFENCE,
    }
    assert all(c.enisa_class is EnisaClass.SENSITIVE for c in sensitive)


# ----------------------------------------------------------------- ease of identification (EI)


@pytest.mark.parametrize(
    ("ease", "factor"),
    [
        (Identifiability.NEGLIGIBLE, 0.25),
        (Identifiability.LIMITED, 0.5),
        (Identifiability.SIGNIFICANT, 0.75),
        (Identifiability.FULL, 1.0),
    ],
)
def test_each_ease_of_identification_multiplies_dpc(ease: Identifiability, factor: float) -> None:
    a = assess(adult_facts(D.HEALTH, identifiability=ease))
    assert a.ei == factor
    assert a.severity == 4 * factor


def test_named_records_default_to_full_identification() -> None:
    assert assess(adult_facts(D.BASIC_IDENTIFIERS)).ei == 1.0


# ----------------------------------------------------------------- circumstances (CB)


@pytest.mark.parametrize(
    ("recipients", "cb"),
    [
        (Recipients.TRUSTED_CONFIRMED_DELETION, 0.0),
        (Recipients.KNOWN, 0.25),
        (Recipients.UNKNOWN, 0.5),
        (Recipients.PUBLIC, 0.5),
    ],
)
def test_confidentiality_cb_depends_on_recipients(recipients: Recipients, cb: float) -> None:
    a = assess(adult_facts(D.BASIC_IDENTIFIERS, recipients=recipients))
    assert a.cb == cb
    assert a.severity == 1 + cb


def test_recipients_ignored_when_confidentiality_not_lost() -> None:
    f = adult_facts(
        D.BASIC_IDENTIFIERS,
        confidentiality_lost=False,
        availability_lost=True,
        backup_restored=True,
        hours_to_restore=1,
        recipients=Recipients.PUBLIC,
    )
    assert assess(f).cb == 0


@pytest.mark.parametrize("which", ["integrity_lost", "availability_lost"])
@pytest.mark.parametrize(
    ("restored", "hours", "cb"),
    [
        (True, 0.5, 0.0),
        (True, PROMPT_RESTORE_HOURS, 0.0),
        (True, PROMPT_RESTORE_HOURS + 1, 0.25),
        (True, None, 0.25),
        (False, None, 0.5),
    ],
)
def test_integrity_and_availability_cb_depend_on_restore(
    which: str, restored: bool, hours: float | None, cb: float
) -> None:
    f = adult_facts(
        D.BASIC_IDENTIFIERS,
        confidentiality_lost=False,
        backup_restored=restored,
        hours_to_restore=hours,
        **{which: True},
    )
    assert assess(f).cb == cb


def test_cb_components_add_up() -> None:
    f = adult_facts(
        D.BASIC_IDENTIFIERS,
        recipients=Recipients.PUBLIC,
        integrity_lost=True,
        availability_lost=True,
        malicious=True,
    )
    a = assess(f)
    assert a.cb == 2.0  # 0.5 + 0.5 + 0.5 + 0.5
    assert a.severity == 3.0


def test_malicious_adds_half() -> None:
    accidental = assess(adult_facts(D.FINANCIAL))
    malicious = assess(adult_facts(D.FINANCIAL, malicious=True))
    assert malicious.severity - accidental.severity == 0.5
    assert any("Malicious intent" in r and "+0.5" in r for r in malicious.reasons)
    assert any("Accidental" in r for r in accidental.reasons)


# ----------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0.25, SeverityBand.LOW),
        (1.99, SeverityBand.LOW),
        (2.0, SeverityBand.MEDIUM),
        (2.99, SeverityBand.MEDIUM),
        (3.0, SeverityBand.HIGH),
        (3.99, SeverityBand.HIGH),
        (4.0, SeverityBand.VERY_HIGH),
        (6.0, SeverityBand.VERY_HIGH),
    ],
)
def test_severity_band_boundaries(score: float, band: SeverityBand) -> None:
    assert severity_band(score) is band


@pytest.mark.parametrize(
    ("facts", "severity", "band"),
    [
        # 2 x 0.75 + 0.25 = 1.75 and 2 x 1 + 0 = 2.0
        (
            adult_facts(
                D.ATTENDANCE, identifiability=Identifiability.SIGNIFICANT, recipients=Recipients.KNOWN
            ),
            1.75,
            SeverityBand.LOW,
        ),  # noqa: E501
        (adult_facts(D.ATTENDANCE), 2.0, SeverityBand.MEDIUM),
        # 3 x 0.75 + 0.5 = 2.75 and 3 x 1 + 0 = 3.0
        (
            adult_facts(D.STAFF_HR_PAY, identifiability=Identifiability.SIGNIFICANT, malicious=True),
            2.75,
            SeverityBand.MEDIUM,
        ),  # noqa: E501
        (adult_facts(D.STAFF_HR_PAY), 3.0, SeverityBand.HIGH),
        # 3 x 1 + 0.25 + 0.5 = 3.75 and 4 x 1 + 0 = 4.0
        (adult_facts(D.STAFF_HR_PAY, recipients=Recipients.KNOWN, malicious=True), 3.75, SeverityBand.HIGH),  # noqa: E501
        (adult_facts(D.HEALTH), 4.0, SeverityBand.VERY_HIGH),
    ],
)
def test_assess_band_exactly_at_boundaries(facts: BreachFacts, severity: float, band: SeverityBand) -> None:
    a = assess(facts)
    assert a.severity == severity
    assert a.band is band


# ----------------------------------------------------------------- likelihood and mitigations


def readable_email(**kw: object) -> BreachFacts:
    """Health data about staff, emailed to a known wrong person: likelihood POSSIBLE."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.HEALTH}),
        "affected_groups": frozenset({G.STAFF}),
        "confidentiality_lost": True,
        "recipients": Recipients.KNOWN,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


def test_baseline_known_recipient_is_possible() -> None:
    assert assess(readable_email()).likelihood is Likelihood.POSSIBLE


@pytest.mark.parametrize(
    "aggravation",
    [
        {"recipients": Recipients.PUBLIC},
        {"exfiltration": Exfiltration.CONFIRMED},
        {"malicious": True},
    ],
    ids=["public", "exfiltrated", "malicious"],
)
def test_publication_exfiltration_or_malice_make_harm_highly_likely(aggravation: dict[str, object]) -> None:
    assert assess(readable_email(**aggravation)).likelihood is Likelihood.HIGHLY_LIKELY


@pytest.mark.parametrize(
    "mitigation",
    [
        {"unintelligible": Unintelligibility.ENCRYPTED_KEY_SAFE},
        {"unintelligible": Unintelligibility.HASHED},
        {"recipients": Recipients.TRUSTED_CONFIRMED_DELETION},
        {"exfiltration": Exfiltration.RULED_OUT},
    ],
    ids=["encrypted", "hashed", "trusted-deleted", "exfiltration-ruled-out"],
)
def test_confidentiality_mitigations_make_harm_unlikely(mitigation: dict[str, object]) -> None:
    before = assess(readable_email(malicious=True))
    after = assess(readable_email(malicious=True, **mitigation))
    assert before.likelihood is Likelihood.HIGHLY_LIKELY
    assert after.likelihood is Likelihood.UNLIKELY
    assert not after.report_to_ico and not after.tell_individuals
    assert any("unlikely to cause harm" in r for r in after.reasons)


def test_containment_lowers_highly_likely_to_possible_not_below() -> None:
    published = readable_email(recipients=Recipients.PUBLIC)
    assert assess(published).likelihood is Likelihood.HIGHLY_LIKELY
    assert assess(replace(published, containment_achieved=True)).likelihood is Likelihood.POSSIBLE
    known = readable_email()
    assert assess(replace(known, containment_achieved=True)).likelihood is Likelihood.POSSIBLE


def lost_files(**kw: object) -> BreachFacts:
    """Ransomware-like loss of availability and integrity, no confidentiality loss."""
    base: dict[str, object] = {
        "data_categories": frozenset({D.ASSESSMENT}),
        "affected_groups": frozenset({G.PUPILS}),
        "integrity_lost": True,
        "availability_lost": True,
        "malicious": True,
    }
    base.update(kw)
    return BreachFacts(**base)  # type: ignore[arg-type]


def test_prompt_restore_makes_harm_unlikely() -> None:
    assert assess(lost_files()).likelihood is Likelihood.HIGHLY_LIKELY
    quick = assess(lost_files(backup_restored=True, hours_to_restore=4))
    assert quick.likelihood is Likelihood.UNLIKELY
    assert quick.cb == 0.5  # only malice left


def test_slow_restore_lowers_one_step() -> None:
    slow = assess(lost_files(backup_restored=True, hours_to_restore=72))
    assert slow.likelihood is Likelihood.POSSIBLE
    accidental_slow = assess(lost_files(malicious=False, backup_restored=True, hours_to_restore=72))
    assert accidental_slow.likelihood is Likelihood.UNLIKELY


def test_containment_lowers_malicious_loss_of_availability() -> None:
    assert assess(lost_files(containment_achieved=True)).likelihood is Likelihood.POSSIBLE


def test_overall_likelihood_is_the_worst_route() -> None:
    # Encrypted copy stolen (confidentiality unlikely) but the only copy gone (availability open).
    f = BreachFacts(
        data_categories=frozenset({D.HEALTH}),
        affected_groups=frozenset({G.STAFF}),
        confidentiality_lost=True,
        availability_lost=True,
        unintelligible=Unintelligibility.ENCRYPTED_KEY_SAFE,
    )
    assert assess(f).likelihood is Likelihood.POSSIBLE


# ----------------------------------------------------------------- ICO rule


def test_unlikely_risk_means_no_report_but_record_and_reasons() -> None:
    a = assess(readable_email(recipients=Recipients.TRUSTED_CONFIRMED_DELETION))
    assert a.band is SeverityBand.VERY_HIGH
    assert (a.report_to_ico, a.tell_individuals) == (False, False)
    assert a.involves_personal_data and not a.risk_likely and not a.high_risk
    assert any("keep the record and these reasons" in r for r in a.reasons)
    assert "Do not report" in a.recommendation


def test_low_severity_means_no_report_even_if_seen() -> None:
    # A parent's email address seen by a few other parents: 1 x 1 + 0.25.
    f = BreachFacts(
        data_categories=frozenset({D.CONTACT_DETAILS}),
        affected_groups=frozenset({G.PARENTS_CARERS}),
        confidentiality_lost=True,
        recipients=Recipients.KNOWN,
    )
    a = assess(f)
    assert a.band is SeverityBand.LOW and a.likelihood is Likelihood.POSSIBLE
    assert not a.report_to_ico
    assert any("Severity is low" in r for r in a.reasons)


def test_likely_risk_reports_to_ico_only() -> None:
    # 3 x 1 + 0.25 = 3.25 high, possible: likely but not high risk.
    f = adult_facts(D.STAFF_HR_PAY, recipients=Recipients.KNOWN)
    a = assess(f)
    assert (a.band, a.likelihood) == (SeverityBand.HIGH, Likelihood.POSSIBLE)
    assert a.report_to_ico and not a.tell_individuals
    assert a.risk_likely and not a.high_risk
    assert "not required" in a.recommendation


def test_high_band_with_highly_likely_harm_is_high_risk() -> None:
    a = assess(adult_facts(D.STAFF_HR_PAY, recipients=Recipients.PUBLIC))
    assert (a.band, a.likelihood) == (SeverityBand.HIGH, Likelihood.HIGHLY_LIKELY)
    assert a.report_to_ico and a.tell_individuals and a.high_risk


def test_very_high_band_with_possible_harm_is_high_risk() -> None:
    a = assess(readable_email())
    assert (a.band, a.likelihood) == (SeverityBand.VERY_HIGH, Likelihood.POSSIBLE)
    assert a.report_to_ico and a.tell_individuals


def test_not_about_living_people_is_not_reportable() -> None:
    a = assess(readable_email(about_living_people=False))
    assert not a.involves_personal_data
    assert not a.report_to_ico and not a.tell_individuals
    assert any("not about living people" in r for r in a.reasons)


def test_reasons_explain_every_factor_and_the_sum() -> None:
    a = assess(readable_email(approx_people=12, approx_records=30))
    text = "\n".join(a.reasons)
    for needle in (
        "Data involved",
        "Data context (DPC)",
        "Ease of identification (EI)",
        "Loss of confidentiality",
        "Loss of integrity",
        "Loss of availability",
        "Accidental",
        "Severity SE = 4 x 1 + 0.25 = 4.25",
        "about 12",
        "about 30",
        "Overall likelihood",
    ):
        assert needle in text


# ----------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"data_categories": frozenset()}, "data_categories"),
        ({"affected_groups": frozenset()}, "affected_groups"),
        ({"approx_people": -1}, "approx_people"),
        ({"approx_records": -5}, "approx_records"),
        ({"approx_people": 0}, "approx_people"),
        ({"confidentiality_lost": False}, "confidentiality_lost"),
        ({"hours_to_restore": 3.0}, "hours_to_restore"),
        ({"backup_restored": True}, "backup_restored"),
        ({"data_categories": frozenset({"health"})}, "data_categories"),
        ({"affected_groups": frozenset({"pupils"})}, "affected_groups"),
    ],
)
def test_impossible_facts_are_rejected(changes: dict[str, object], field: str) -> None:
    base = readable_email()
    with pytest.raises(ValidationError) as err:
        replace(base, **changes)  # type: ignore[arg-type]
    assert err.value.field == field
    assert str(err.value)


def test_negative_restore_hours_rejected() -> None:
    with pytest.raises(ValidationError, match="below zero"):
        lost_files(backup_restored=True, hours_to_restore=-1)


def test_exfiltration_confirmed_needs_confidentiality_lost() -> None:
    with pytest.raises(ValidationError) as err:
        lost_files(exfiltration=Exfiltration.CONFIRMED)
    assert err.value.field == "exfiltration"


def test_sets_and_lists_are_frozen() -> None:
    f = BreachFacts(
        data_categories={D.HEALTH},  # type: ignore[arg-type]
        affected_groups=[G.STAFF],  # type: ignore[arg-type]
        confidentiality_lost=True,
    )
    assert isinstance(f.data_categories, frozenset)
    assert isinstance(f.affected_groups, frozenset)


# ----------------------------------------------------------------- before and after


def test_without_mitigations_removes_only_steps_taken_after_the_breach() -> None:
    f = lost_files(
        backup_restored=True,
        hours_to_restore=2,
        containment_achieved=True,
        confidentiality_lost=True,
        recipients=Recipients.TRUSTED_CONFIRMED_DELETION,
        exfiltration=Exfiltration.RULED_OUT,
        unintelligible=Unintelligibility.ENCRYPTED_KEY_SAFE,
    )
    raw = without_mitigations(f)
    assert raw.recipients is Recipients.KNOWN
    assert raw.exfiltration is Exfiltration.UNKNOWN
    assert not raw.backup_restored and raw.hours_to_restore is None
    assert not raw.containment_achieved
    assert raw.unintelligible is Unintelligibility.ENCRYPTED_KEY_SAFE  # in place beforehand
    assert raw.data_categories == f.data_categories


def test_before_and_after_from_one_set_of_facts() -> None:
    after = readable_email(recipients=Recipients.TRUSTED_CONFIRMED_DELETION)
    result = assess_before_and_after(after)
    assert result.before.severity == 4.25 and result.after.severity == 4.0
    assert result.severity_reduction == 0.25
    assert result.before.report_to_ico and not result.after.report_to_ico
    assert result.likelihood_lowered
    assert result.summary[0].startswith("Before mitigation: severity 4.25 (very high), harm possible.")
    assert result.summary[1].startswith("After mitigation: severity 4 (very high), harm unlikely.")


def test_before_and_after_with_two_sets_of_facts() -> None:
    before = lost_files()
    after = lost_files(backup_restored=True, hours_to_restore=6)
    result = assess_before_and_after(before, after)
    assert result.before.severity == 2 + 1.5
    assert result.after.severity == 2 + 0.5
    assert result.before.likelihood is Likelihood.HIGHLY_LIKELY
    assert result.after.likelihood is Likelihood.UNLIKELY
