"""The starter record (resources/records/starter.json): ~20 typical school activities and the
organisations they involve, written for SchoolDP from the policy and published school notices.
Retention periods are left for the school to set (the IRMS toolkit is cited, not copied)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from schooldp.domain.records import Organisation, ProcessingActivity
from schooldp.resources import resource
from schooldp.services.records.codecs import activity_from_dict, organisation_from_dict

__all__ = ["StarterRecord", "load_starter"]


@dataclass(frozen=True)
class StarterRecord:
    about: str
    activities: tuple[ProcessingActivity, ...]
    organisations: tuple[Organisation, ...]


def load_starter() -> StarterRecord:
    body: dict[str, Any] = json.loads(resource("records/starter.json").read_text(encoding="utf-8"))
    return StarterRecord(
        about=str(body.get("about", "")),
        activities=tuple(activity_from_dict(d) for d in body["activities"]),
        organisations=tuple(organisation_from_dict(d) for d in body["organisations"]),
    )
