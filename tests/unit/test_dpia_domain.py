"""DPIA rules: screening, the ICO risk matrix, what blocks sign-off, Art 36 prior consultation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from schooldp.domain.dpia import (
    Dpia,
    DpiaStage,
    Likelihood,
    Necessity,
    Risk,
    RiskLevel,
    ScreeningOutcome,
    Severity,
    SignOff,
    risk_level,
    screen,
)
from schooldp.domain.errors import ValidationError

L, S = Likelihood, Severity


@pytest.mark.parametrize(
    ("likelihood", "severity", "level"),
    [
        (L.REMOTE, S.MINIMAL, RiskLevel.LOW),
        (L.POSSIBLE, S.MINIMAL, RiskLevel.LOW),
        (L.REMOTE, S.SEVERE, RiskLevel.MEDIUM),
        (L.POSSIBLE, S.SIGNIFICANT, RiskLevel.MEDIUM),
        (L.PROBABLE, S.MINIMAL, RiskLevel.MEDIUM),
        (L.POSSIBLE, S.SEVERE, RiskLevel.HIGH),
        (L.PROBABLE, S.SIGNIFICANT, RiskLevel.HIGH),
        (L.PROBABLE, S.SEVERE, RiskLevel.HIGH),
    ],
)
def test_ico_matrix(likelihood, severity, level) -> None:
    assert risk_level(likelihood, severity) is level


def test_screening() -> None:
    assert screen([]).outcome is ScreeningOutcome.NOT_NEEDED
    assert screen(["new_technology"]).outcome is ScreeningOutcome.REQUIRED
    assert "policy sections 13 and 14" in screen(["new_technology"]).text
    assert screen(["childrens_data"]).outcome is ScreeningOutcome.RECOMMENDED
    # Two criteria together: likely high risk.
    assert screen(["childrens_data", "new_supplier"]).outcome is ScreeningOutcome.REQUIRED


def complete() -> Dpia:
    return Dpia(
        "Biometric catering",
        screening=frozenset({"biometric"}),
        need="Biometrics",
        nature="Templates",
        purposes="Lunch",
        consultation="Parents",
        necessity=Necessity(*["answered"] * 8),
        risks=(Risk("Misuse", L.POSSIBLE, S.SEVERE, "Consent check", residual=RiskLevel.LOW),),
        sign_off=SignOff(dpo_advice="Proceed", advice_followed=True, review_on=date(2027, 9, 1)),
    )


def test_stages_and_sign_off() -> None:
    today = date(2026, 11, 2)
    d = complete()
    assert d.sign_off_problems() == ()
    assert d.stage(today) is DpiaStage.AWAITING_SIGN_OFF
    draft = replace(d, sign_off=replace(d.sign_off, advice_followed=False))
    assert draft.stage(today) is DpiaStage.DRAFT
    assert "why the DPO's advice was not followed" in draft.sign_off_problems()[0]
    signed = replace(d, sign_off=replace(d.sign_off, head_approved_by="G L", head_approved_on=today))
    assert signed.stage(today) is DpiaStage.SIGNED_OFF
    assert signed.stage(date(2027, 9, 1)) is DpiaStage.REVIEW_DUE
    with pytest.raises(ValidationError, match="set a review date"):
        replace(signed, sign_off=replace(signed.sign_off, review_on=None)).validate()
    assert Dpia("Nothing").stage(today) is DpiaStage.NOT_NEEDED
    with pytest.raises(ValidationError, match="say why in the screening note"):
        Dpia("Class photo rota").validate()
    Dpia("Class photo rota", screening_note="No new data; covered by the photos consent").validate()


def test_high_residual_risk_means_prior_consultation() -> None:
    d = complete()
    assert not d.prior_consultation_needed
    high = replace(
        d, risks=(*d.risks, Risk("Leak", L.PROBABLE, S.SEVERE, "None possible", residual=RiskLevel.HIGH))
    )
    assert high.prior_consultation_needed and high.highest_residual is RiskLevel.HIGH
