"""Mail merge: many letters of one type, as one PDF or one PDF per recipient.

Pure functions a Qt worker can drive: ``progress(done, total)`` is called between letters
and ``is_cancelled()`` is polled there too; when it returns True, :class:`RenderCancelled`
is raised and nothing is returned, so no half-made PDF exists anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from schooldp.documents.letterhead import (
    CancelCheck,
    LetterData,
    LetterDocument,
    PreparedLetter,
    ProgressCallback,
    RenderCancelled,
    prepare,
    render_prepared,
)
from schooldp.documents.templates import LetterTemplate
from schooldp.domain.errors import ValidationError

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "BatchLetterError",
    "BatchOptions",
    "BatchResult",
    "SetAside",
    "RenderCancelled",
    "prepare_all",
    "render_batch",
    "render_each",
    "render_each_setting_aside",
]

_CHECK_EVERY = 50


class BatchLetterError(ValidationError):
    """One letter of a batch cannot be printed; ``index`` (0-based) says which.

    The message gives the letter's number, not the person's name, so it is safe to log.
    """

    def __init__(self, index: int, total: int, cause: ValidationError) -> None:
        super().__init__(f"Letter {index + 1:,} of {total:,}: {cause}", cause.field)
        self.index = index
        self.cause = cause


def prepare_all(
    letters: Sequence[LetterData],
    template: LetterTemplate,
    is_cancelled: CancelCheck | None = None,
) -> list[PreparedLetter]:
    """Check every letter before drawing any, so a gap in letter 537 fails in a second."""
    if not letters:
        raise ValueError("No letters to render.")
    school = letters[0].school
    prepared: list[PreparedLetter] = []
    for i, data in enumerate(letters):
        if is_cancelled is not None and i % _CHECK_EVERY == 0 and is_cancelled():
            raise RenderCancelled()
        if data.school != school:
            raise ValueError("All letters in one batch must come from the same school profile.")
        try:
            prepared.append(prepare(data, template))
        except ValidationError as exc:
            raise BatchLetterError(i, len(letters), exc) from exc
    return prepared


class BatchOptions(TypedDict, total=False):
    """How a worker follows a long render: ``progress(done, total)`` and ``is_cancelled()``."""

    progress: ProgressCallback | None
    is_cancelled: CancelCheck | None


def render_batch(
    letters: Sequence[LetterData],
    template: LetterTemplate,
    *,
    title: str = "Letters",
    document: type[LetterDocument] = LetterDocument,
    **options: Unpack[BatchOptions],
) -> bytes:
    """All letters in one PDF, one after another; "Page x of y" restarts for each letter."""
    prepared = prepare_all(letters, template, options.get("is_cancelled"))
    return render_prepared(prepared, title=title, document=document, **options)


def render_each(
    letters: Sequence[LetterData],
    template: LetterTemplate,
    *,
    title: str = "Letter",
    document: type[LetterDocument] = LetterDocument,
    **options: Unpack[BatchOptions],
) -> list[bytes]:
    """One PDF per letter, in the order given (for saving one file per recipient)."""
    progress, is_cancelled = options.get("progress"), options.get("is_cancelled")
    prepared = prepare_all(letters, template, is_cancelled)
    total = len(prepared)
    out: list[bytes] = []
    for i, letter in enumerate(prepared):
        if is_cancelled is not None and is_cancelled():
            raise RenderCancelled()
        if progress is not None:
            progress(i, total)
        out.append(render_prepared([letter], title=title, document=document))
    if progress is not None:
        progress(total, total)
    return out


@dataclass(frozen=True)
class SetAside:
    """A letter of a batch that was not printed: its 0-based place and why (with what to do)."""

    index: int
    reason: str


@dataclass(frozen=True)
class BatchResult:
    """One PDF per letter in the order given, None where the letter was set aside."""

    pdfs: tuple[bytes | None, ...]
    set_aside: tuple[SetAside, ...]


def render_each_setting_aside(
    letters: Sequence[LetterData],
    template: LetterTemplate,
    *,
    title: str = "Letter",
    document: type[LetterDocument] = LetterDocument,
    **options: Unpack[BatchOptions],
) -> BatchResult:
    """Like :func:`render_each`, but a letter that cannot be printed (a name no bundled font
    draws, an address too long for the window) is set aside with its reason and the rest
    print: one name must not hold back letters the law says go without undue delay."""
    progress, is_cancelled = options.get("progress"), options.get("is_cancelled")
    if not letters:
        raise ValueError("No letters to render.")
    school = letters[0].school
    pdfs: list[bytes | None] = []
    set_aside: list[SetAside] = []
    total = len(letters)
    for i, data in enumerate(letters):
        if is_cancelled is not None and is_cancelled():
            raise RenderCancelled()
        if progress is not None:
            progress(i, total)
        if data.school != school:
            raise ValueError("All letters in one batch must come from the same school profile.")
        try:
            prepared = prepare(data, template)
        except ValidationError as exc:
            pdfs.append(None)
            set_aside.append(SetAside(i, str(exc)))
            continue
        pdfs.append(render_prepared([prepared], title=title, document=document))
    if progress is not None:
        progress(total, total)
    return BatchResult(tuple(pdfs), tuple(set_aside))
