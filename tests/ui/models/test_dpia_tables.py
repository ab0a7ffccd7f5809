"""DPIA tables: the register, one DPIA's risks and its versions, each cell by named column."""

from __future__ import annotations

from datetime import UTC, date, datetime

from schooldp.services.dpia import (
    Dpia,
    DpiaVersion,
    Effect,
    Likelihood,
    Necessity,
    Risk,
    RiskLevel,
    Severity,
    SignOff,
)
from schooldp.ui.models.base import ID_ROLE
from schooldp.ui.models.dpia_tables import DpiaRegisterModel, DpiaVersionsModel, RisksModel
from tests.ui.models.checks import assert_sortable, header_texts, sorted_column

R = DpiaRegisterModel.Columns
K = RisksModel.Columns
V = DpiaVersionsModel.Columns

LOW = Risk(
    "Misuse", Likelihood.POSSIBLE, Severity.SEVERE, "Consent check", Effect.REDUCED, RiskLevel.LOW, True
)
HIGH = Risk("Leak", Likelihood.PROBABLE, Severity.SEVERE, "None", Effect.ACCEPTED, RiskLevel.HIGH)


def dpias() -> list[Dpia]:
    signed = Dpia(
        "CCTV",
        screening=frozenset({"monitoring"}),
        activity_key="cctv",
        need="n",
        nature="n",
        purposes="p",
        consultation="c",
        necessity=Necessity(*["x"] * 8),
        risks=(LOW,),
        sign_off=SignOff(
            dpo_advice="ok",
            advice_followed=True,
            review_on=date(2027, 9, 1),
            head_approved_by="G L",
            head_approved_on=date(2026, 9, 1),
        ),
        id=1,
        reference="DPIA-2026-001",
        version=3,
    )
    risky = Dpia(
        "AI marking", screening=frozenset({"new_technology"}), risks=(HIGH,), id=2, reference="DPIA-2026-002"
    )
    return [signed, risky]


def test_register_cells_and_sorting(qtmodeltester) -> None:
    model = DpiaRegisterModel()
    assert model.rowCount() == 0
    model.set_assessments(dpias(), date(2026, 11, 2), {"cctv": "CCTV"})
    assert header_texts(model)[:3] == ["Reference", "Project or system", "Processing activity"]
    assert model.cell(0, R.STAGE) == "Signed off"
    assert model.cell(0, R.ACTIVITY) == "CCTV" and model.cell(1, R.ACTIVITY) == "Not linked"
    assert model.cell(0, R.REVIEW) == "01/09/2027"
    assert model.cell(1, R.RESIDUAL) == "High: consult the ICO first"
    assert model.cell(1, R.STAGE) == "Draft"
    assert model.cell(1, R.TITLE, ID_ROLE) == 2
    assert sorted_column(model, R.RESIDUAL) == ["Low", "High: consult the ICO first"]
    assert_sortable(model)
    qtmodeltester.check(model)
    model.set_assessments(dpias(), date(2027, 9, 1), {})
    assert model.cell(0, R.STAGE) == "Review due"


def test_risks_cells(qtmodeltester) -> None:
    model = RisksModel()
    model.set_rows([HIGH, LOW])
    assert model.cell(0, K.LEVEL) == "High" and model.cell(1, K.LEVEL) == "High"
    assert model.cell(1, K.RESIDUAL) == "Low" and model.cell(1, K.APPROVED) == "Yes"
    assert model.cell(0, K.APPROVED) == "No"
    assert sorted_column(model, K.RESIDUAL) == ["Low", "High"]
    unassessed = Risk("x", Likelihood.REMOTE, Severity.MINIMAL)
    model.set_rows([unassessed])
    assert model.cell(0, K.RESIDUAL) == "Not assessed yet" and model.cell(0, K.LEVEL) == "Low"
    assert_sortable(model)
    qtmodeltester.check(model)


def test_versions_cells(qtmodeltester) -> None:
    model = DpiaVersionsModel()
    model.set_rows([DpiaVersion(1, datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "Priya Raman", "Started")])
    assert model.cell(0, V.SAVED) == "01/07/2026 10:00"  # London summer time
    assert model.cell(0, V.SUMMARY) == "Started" and model.cell(0, V.VERSION, ID_ROLE) == 1
    assert_sortable(model)
    qtmodeltester.check(model)
