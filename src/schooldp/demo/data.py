"""Read the demo school's data files, `resources/demo/*.json`.

The files hold names, wording and the scripted year; dates are counted back from "today" so
the demo always looks current. Enum fields hold the values the school file itself stores.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar

from schooldp.resources import resource

E = TypeVar("E", bound=Enum)

# One object from a data file: keys are fixed by the file, values are plain JSON.
Json = Mapping[str, Any]


class DemoDataError(ValueError):
    """A demo data file is missing a field or holds a value the program does not know."""


def load(name: str) -> Json:
    """The demo data file `resources/demo/<name>.json`."""
    path = resource(f"demo/{name}.json")
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise DemoDataError(f"{path.name} should hold one JSON object")
    return data


def member(kind: type[E], value: object) -> E:
    """The member of `kind` stored as `value`, failing with the file's wording if unknown."""
    try:
        return kind(value)
    except ValueError:
        raise DemoDataError(f"{value!r} is not a {kind.__name__} value") from None


def members(kind: type[E], values: Iterable[object]) -> frozenset[E]:
    return frozenset(member(kind, v) for v in values)
