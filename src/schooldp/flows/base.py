"""A wizard flow with no UI: page ids, the next page, validation and where to resume.

Electrum's idea: the decisions a wizard makes live in a plain class that tests drive without
Qt; the Qt wizard only asks it (`nextId()` -> `resolve_next`, `isComplete()` -> `validate`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

PageT = TypeVar("PageT", bound=Hashable)
DataT = TypeVar("DataT")


@dataclass(frozen=True)
class Problem:
    """Something that stops a page being finished, in words a headteacher understands."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


class WizardFlow(ABC, Generic[PageT, DataT]):
    """Subclasses name the first page, the next page for given answers, and the checks."""

    @property
    @abstractmethod
    def first_page(self) -> PageT: ...

    @abstractmethod
    def resolve_next(self, page: PageT, data: DataT) -> PageT | None:
        """The page after `page` for these answers; None when `page` is the last one."""

    @abstractmethod
    def validate(self, page: PageT, data: DataT) -> list[Problem]:
        """What is missing or wrong on `page`; an empty list means it can be finished."""

    def path(self, data: DataT) -> list[PageT]:
        """Every page these answers lead through, in order."""
        pages: list[PageT] = []
        page: PageT | None = self.first_page
        while page is not None:
            if page in pages:  # a flow with a loop is a programming error, not user input
                raise RuntimeError(f"Wizard flow loops back to {page!r}")
            pages.append(page)
            page = self.resolve_next(page, data)
        return pages

    def previous(self, page: PageT, data: DataT) -> PageT | None:
        pages = self.path(data)
        if page not in pages:
            return None
        index = pages.index(page)
        return pages[index - 1] if index > 0 else None

    def is_last(self, page: PageT, data: DataT) -> bool:
        return self.resolve_next(page, data) is None

    def resume_page(self, data: DataT, done: Collection[PageT]) -> PageT | None:
        """The first page on the path not yet done; None when every page is done."""
        for page in self.path(data):
            if page not in done:
                return page
        return None
