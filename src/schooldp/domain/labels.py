"""Closed sets whose members carry the words shown to people next to the value that is stored.

Write each member as ``NAME = ("stored_value", "Label people read")``. A set that carries more
words per member (a phrase, a source) takes them as further items and names them in its own
``__init__``.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Self


class _Labelled(Enum):
    label: str

    def __new__(cls, value: str | int, label: str = "", *_for_init: object) -> Self:
        # Further items of the member's tuple are named by the subclass's __init__. The defaults
        # only let type checkers accept a lookup by value, `Role("dpo")`, which never calls this.
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member


class LabelledEnum(_Labelled):
    """Members stored by a string value, each with its label."""

    if TYPE_CHECKING:

        @property
        def value(self) -> str: ...


class RankedEnum(_Labelled):
    """Members stored by a number that also gives their order (ENISA levels), each with its label."""

    if TYPE_CHECKING:

        @property
        def value(self) -> int: ...
