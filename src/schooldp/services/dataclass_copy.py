"""Building one value from another that carries the same fields: a stored row into its view,
a result into its printout."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def build_from(target: type[T], *sources: object, **given: Any) -> T:
    """A `target` dataclass whose fields not `given` are copied from the first of `sources` with
    an attribute of the same name; a field found nowhere keeps its default (or is an error)."""
    copied: dict[str, Any] = {}
    for f in fields(target):  # type: ignore[arg-type]
        if not f.init or f.name in given:
            continue
        source = next((s for s in sources if hasattr(s, f.name)), None)
        if source is not None:
            copied[f.name] = getattr(source, f.name)
    return target(**copied, **given)
