"""DPIAs to and from the JSON kept in the vault (and the starter examples in resources/dpia)."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date
from typing import Any

from schooldp.domain.dpia import Dpia, Effect, Likelihood, Necessity, Risk, RiskLevel, Severity, SignOff

__all__ = ["dpia_from_dict", "dpia_to_dict", "dumps"]


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _risk_to_dict(r: Risk) -> dict[str, Any]:
    return {
        "description": r.description,
        "likelihood": r.likelihood.value,
        "severity": r.severity.value,
        "measures": r.measures,
        "effect": r.effect.value if r.effect else None,
        "residual": r.residual.value if r.residual else None,
        "approved": r.approved,
    }


def _risk_from_dict(d: dict[str, Any]) -> Risk:
    return Risk(
        description=str(d.get("description", "")),
        likelihood=Likelihood(d.get("likelihood", "possible")),
        severity=Severity(d.get("severity", "significant")),
        measures=str(d.get("measures", "")),
        effect=Effect(d["effect"]) if d.get("effect") else None,
        residual=RiskLevel(d["residual"]) if d.get("residual") else None,
        approved=bool(d.get("approved", False)),
    )


def _sign_off_to_dict(s: SignOff) -> dict[str, Any]:
    body = asdict(s)
    for key in ("head_approved_on", "review_on"):
        value = getattr(s, key)
        body[key] = value.isoformat() if value else None
    return body


def _sign_off_from_dict(d: dict[str, Any]) -> SignOff:
    followed = d.get("advice_followed")
    return SignOff(
        measures_approved_by=str(d.get("measures_approved_by", "")),
        residual_approved_by=str(d.get("residual_approved_by", "")),
        dpo_advice=str(d.get("dpo_advice", "")),
        advice_followed=None if followed is None else bool(followed),
        advice_reason=str(d.get("advice_reason", "")),
        head_approved_by=str(d.get("head_approved_by", "")),
        head_approved_on=_day(d.get("head_approved_on")),
        review_on=_day(d.get("review_on")),
    )


_TEXT_FIELDS = (
    "title",
    "screening_note",
    "activity_key",
    "need",
    "nature",
    "scope",
    "context",
    "purposes",
    "consultation",
    "example",
)


def dpia_to_dict(d: Dpia) -> dict[str, Any]:
    body: dict[str, Any] = {name: getattr(d, name) for name in _TEXT_FIELDS}
    body["screening"] = sorted(d.screening)
    body["pupils_parents_consulted"] = d.pupils_parents_consulted
    body["dpo_consulted"] = d.dpo_consulted
    body["necessity"] = asdict(d.necessity)
    body["risks"] = [_risk_to_dict(r) for r in d.risks]
    body["sign_off"] = _sign_off_to_dict(d.sign_off)
    return body


def dpia_from_dict(body: dict[str, Any], **identity: Any) -> Dpia:
    necessity = body.get("necessity") or {}
    known = {f.name for f in fields(Necessity)}
    texts: dict[str, Any] = {name: str(body.get(name, "")) for name in _TEXT_FIELDS}
    return Dpia(
        **texts,
        screening=frozenset(str(k) for k in body.get("screening", ())),
        pupils_parents_consulted=bool(body.get("pupils_parents_consulted", False)),
        dpo_consulted=bool(body.get("dpo_consulted", False)),
        necessity=Necessity(**{k: str(v) for k, v in necessity.items() if k in known}),
        risks=tuple(_risk_from_dict(r) for r in body.get("risks", ())),
        sign_off=_sign_off_from_dict(body.get("sign_off") or {}),
        **identity,
    )


def dumps(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True)
