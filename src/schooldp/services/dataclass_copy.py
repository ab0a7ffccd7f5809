"""Building one value from another that carries the same fields: a stored row into its view,
a result into its printout."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def build_from(target: type[T], source: object, **given: Any) -> T:
    """A `target` dataclass whose fields not `given` are copied from `source`'s attributes of the
    same name; a field neither given nor on `source` is left to its default (or is an error)."""
    copied = {
        f.name: getattr(source, f.name)
        for f in fields(target)  # type: ignore[arg-type]
        if f.init and f.name not in given and hasattr(source, f.name)
    }
    return target(**copied, **given)
