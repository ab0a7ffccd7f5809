"""Starter DPIAs (resources/dpia/examples.json): CCTV, biometric catering, a new cloud MIS and an
AI marking tool, written for SchoolDP from the ICO's DPIA template and its guidance for schools.
A school adapts one; nothing in them is about a real person."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from schooldp.domain.dpia import Dpia
from schooldp.resources import resource
from schooldp.services.dpia.codec import dpia_from_dict

__all__ = ["load_examples"]


@cache
def load_examples() -> tuple[Dpia, ...]:
    body: dict[str, Any] = json.loads(resource("dpia/examples.json").read_text(encoding="utf-8"))
    return tuple(dpia_from_dict(d) for d in body["examples"])
