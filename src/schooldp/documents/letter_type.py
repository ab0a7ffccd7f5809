"""A kind of letter: its shipped wording, the fields it may use, and how to render it.

Adding a letter type is a wording file plus a few lines::

    # resources/letters/breach_notice.txt   ("Dear {salutation}," ... {breach_summary} ...)

    # src/schooldp/documents/breach_notice.py
    from schooldp.documents.letter_type import LetterType
    LETTER = LetterType("breach_notice", "Personal data breach: letter to the person affected")
    render = LETTER.render

and its module name in ``registry.LETTER_MODULES`` so Settings can list its wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from schooldp.documents import batch
from schooldp.documents.letterhead import (
    STANDARD_FIELDS,
    LetterData,
    LetterDocument,
    render_letter,
)
from schooldp.documents.templates import (
    LetterTemplate,
    TemplateError,
    default_wording,
    load_template,
    parse_wording,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from schooldp.documents.batch import BatchOptions


@dataclass(frozen=True)
class LetterType:
    """``key`` names ``resources/letters/<key>.txt``; ``title`` is what the DPO sees."""

    key: str
    title: str
    extra_fields: frozenset[str] = frozenset()  # fields the module supplies beyond the default
    document: ClassVar[type[LetterDocument]] = LetterDocument  # the page layout its letters use

    def default_wording(self) -> str:
        """The shipped wording: what "Reset to default" restores."""
        return default_wording(self.key)

    def template(self, wording: str | None = None) -> LetterTemplate:
        """The DPO's wording when given (non-blank), else the shipped one, parsed."""
        return load_template(self.key, wording)

    def allowed_fields(self) -> frozenset[str]:
        """Fields an edited wording may use: the standard ones plus this type's own."""
        default = parse_wording(self.default_wording())
        return frozenset(STANDARD_FIELDS) | default.fields | self.extra_fields

    def check_wording(self, wording: str) -> LetterTemplate:
        """Validate an edited wording when it is saved, not when a letter is printed.

        Raises TemplateError for bad syntax or for a field this letter type never fills in.
        """
        template = parse_wording(wording)
        unknown = sorted(template.fields - self.allowed_fields())
        if unknown:
            allowed = ", ".join(f"{{{f}}}" for f in sorted(self.allowed_fields()))
            raise TemplateError(
                f"This letter has no field {{{unknown[0]}}}. Fields you can use: {allowed}.", 0
            )
        return template

    def render(self, data: LetterData, wording: str | None = None) -> bytes:
        """One letter as PDF bytes."""
        return render_letter(data, self.template(wording), title=self.title)

    def render_batch(
        self, letters: Sequence[LetterData], wording: str | None = None, **options: Unpack[BatchOptions]
    ) -> bytes:
        """Many letters in one PDF; see :func:`schooldp.documents.batch.render_batch`."""
        template = self.template(wording)
        return batch.render_batch(letters, template, title=self.title, document=self.document, **options)

    def render_each(
        self, letters: Sequence[LetterData], wording: str | None = None, **options: Unpack[BatchOptions]
    ) -> list[bytes]:
        """One PDF per letter; see :func:`schooldp.documents.batch.render_each`."""
        template = self.template(wording)
        return batch.render_each(letters, template, title=self.title, document=self.document, **options)

    def render_each_setting_aside(
        self, letters: Sequence[LetterData], wording: str | None = None, **options: Unpack[BatchOptions]
    ) -> batch.BatchResult:
        """One PDF per letter, the unprintable ones set aside with their reason; see
        :func:`schooldp.documents.batch.render_each_setting_aside`."""
        template = self.template(wording)
        return batch.render_each_setting_aside(
            letters, template, title=self.title, document=self.document, **options
        )
