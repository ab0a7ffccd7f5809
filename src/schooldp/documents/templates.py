"""Letter wording: plain text with named fields and a deliberately tiny markup.

The DPO edits this wording in Settings, so the syntax is small enough to explain in a
tooltip and strict enough that a typo is caught when the wording is saved, not when a
letter is already in the envelope.

Syntax
------
- Blocks are separated by one or more blank lines; each block prints as a paragraph.
- Inside a block a single line break is kept: what you type is what prints.
- A line starting with ``- `` is a bullet point; consecutive bullet lines form a list.
  A following line indented with spaces continues the same bullet.
- A block that is one line wrapped in ``**...**`` is a heading: bold, never left alone at
  the foot of a page.
- ``**words**`` anywhere else prints the words in bold. ``**`` must open and close on the
  same line.
- ``{field_name}`` is replaced by that field's value (lower-case letters, digits and ``_``).
  Values print exactly as typed: ``&``, ``<``, ``>``, ``**`` or braces in a value are never
  markup. A line break inside a value is kept. Dates print UK style (22 November 2026).
- ``{{`` and ``}}`` print a literal ``{`` and ``}``.

Errors
------
Malformed wording (``{Name}``, an unclosed ``{`` or ``**``) raises :class:`TemplateError`
when parsed. A field with no value, or an empty one, raises :class:`MissingFieldError` when a
letter is filled in: a posted letter never has a blank where a name should be. Both are
``ValidationError`` whose ``field`` names the culprit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TypeAlias

from schooldp.documents.shaping import markup
from schooldp.domain.calendar import format_uk_long_date
from schooldp.domain.errors import ValidationError
from schooldp.resources import resource

FieldValue: TypeAlias = str | int | date


def uk_date(value: date) -> str:
    """``22 November 2026``: the form UK letters use, independent of the Windows locale."""
    return format_uk_long_date(value)


def escape(text: str) -> str:
    """Make user text print literally inside a ReportLab Paragraph, in any script: words
    Noto Sans cannot draw are set in a fallback font, right-to-left words in reading order."""
    return markup(text)


def format_value(value: FieldValue) -> str:
    """A field value as it will read on paper."""
    if isinstance(value, date):
        return uk_date(value)
    return str(value)


class TemplateError(ValidationError):
    """The wording itself is malformed; the message says where."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message, "wording")
        self.line = line


class MissingFieldError(ValidationError):
    """A field used by the wording has no value; ``field`` is its name."""

    def __init__(self, name: str, description: str = "") -> None:
        what = f" ({description})" if description else ""
        super().__init__(
            f"The letter cannot be printed: it needs a value for {{{name}}}{what}, "
            "but none was given. Fill it in, or change the letter's wording in Settings.",
            name,
        )


class BlockKind(Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    BULLETS = "bullets"  # "- item"; "- [ ] item" prints a box to tick instead of a bullet
    CUT = "cut"  # "--- cut here ---": what follows is a slip to tear off, at the page's foot


# A run is literal ReportLab markup (already escaped) or the name of a field.
@dataclass(frozen=True)
class _Field:
    name: str


_Run: TypeAlias = str | _Field
_Line: TypeAlias = tuple[_Run, ...]


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or bullet list of the parsed wording."""

    kind: BlockKind
    lines: tuple[_Line, ...]  # paragraph: its lines; bullets: one entry per item


@dataclass(frozen=True)
class FilledBlock:
    """A block with its fields filled in, as ReportLab Paragraph markup."""

    kind: BlockKind
    markup: tuple[str, ...]  # paragraph/heading: one string; bullets: one per item


_TOKEN = re.compile(r"\{\{|\}\}|\*\*|\{([^{}]*)\}|\{|\}")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*")
_BULLET = re.compile(r"^\s*- ")
_CUT = re.compile(r"-{3,}\s*cut here\s*-{3,}", re.IGNORECASE)


def _parse_line(text: str, line_no: int) -> _Line:
    runs: list[_Run] = []
    bold = False
    pos = 0
    literal: list[str] = []

    def flush() -> None:
        if literal:
            runs.append(escape("".join(literal)))
            literal.clear()

    for match in _TOKEN.finditer(text):
        literal.append(text[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if token == "{{":
            literal.append("{")
        elif token == "}}":
            literal.append("}")
        elif token == "**":
            flush()
            runs.append("</b>" if bold else "<b>")
            bold = not bold
        elif match.group(1) is not None:
            name = match.group(1).strip()
            if not _FIELD_NAME.fullmatch(name):
                raise TemplateError(
                    f"Line {line_no}: {{{match.group(1)}}} is not a field name. Field names use "
                    "lower-case letters, digits and _, for example {recipient_name}. "
                    "To print a brace, type {{ or }}.",
                    line_no,
                )
            flush()
            runs.append(_Field(name))
        else:
            raise TemplateError(
                f"Line {line_no}: a lone '{token}'. Fields look like {{recipient_name}}; "
                "to print a brace, type {{ or }}.",
                line_no,
            )
    literal.append(text[pos:])
    flush()
    if bold:
        raise TemplateError(
            f"Line {line_no}: ** opens bold text but does not close it on the same line.",
            line_no,
        )
    return tuple(runs)


def _is_heading(line: str) -> bool:
    s = line.strip()
    return len(s) > 4 and s.startswith("**") and s.endswith("**") and "**" not in s[2:-2]


@dataclass(frozen=True)
class LetterTemplate:
    """Parsed wording: parse once, fill many times (a batch of 1,000 parses it once)."""

    blocks: tuple[Block, ...]
    fields: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> LetterTemplate:
        """Parse wording; raises TemplateError naming the line at fault."""
        blocks: list[Block] = []
        fields: set[str] = set()
        # (line number, text) for the block being collected
        pending: list[tuple[int, str]] = []

        def close_block() -> None:
            if not pending:
                return
            if len(pending) == 1 and _CUT.fullmatch(pending[0][1].strip()):
                blocks.append(Block(BlockKind.CUT, ()))
                pending.clear()
                return
            if len(pending) == 1 and _is_heading(pending[0][1]):
                no, line = pending[0]
                blocks.append(Block(BlockKind.HEADING, (_parse_line(line.strip()[2:-2], no),)))
                pending.clear()
                return
            kind: BlockKind | None = None
            items: list[tuple[int, str]] = []
            for no, line in pending:
                if _BULLET.match(line):
                    if kind is BlockKind.PARAGRAPH:
                        _emit(kind, items)
                        items = []
                    kind = BlockKind.BULLETS
                    items.append((no, _BULLET.sub("", line, count=1).strip()))
                elif kind is BlockKind.BULLETS and line[:1].isspace():
                    prev_no, prev = items[-1]
                    items[-1] = (prev_no, f"{prev} {line.strip()}")
                else:
                    if kind is BlockKind.BULLETS:
                        _emit(kind, items)
                        items = []
                    kind = BlockKind.PARAGRAPH
                    items.append((no, line.strip()))
            if kind is not None:
                _emit(kind, items)
            pending.clear()

        def _emit(kind: BlockKind, items: list[tuple[int, str]]) -> None:
            blocks.append(Block(kind, tuple(_parse_line(t, no) for no, t in items)))

        for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
            line = raw.rstrip()
            if line.strip():
                pending.append((no, line))
            else:
                close_block()
        close_block()
        for block in blocks:
            for runs in block.lines:
                fields.update(r.name for r in runs if isinstance(r, _Field))
        return cls(tuple(blocks), frozenset(fields))

    def fill(
        self,
        values: Mapping[str, FieldValue],
        descriptions: Mapping[str, str] | None = None,
    ) -> tuple[FilledBlock, ...]:
        """Fill every field, escaping values; raises MissingFieldError for the first gap."""
        markup_values: dict[str, str] = {}
        for name in sorted(self.fields):
            raw = values.get(name)
            text = "" if raw is None else format_value(raw).strip()
            if not text:
                raise MissingFieldError(name, (descriptions or {}).get(name, ""))
            markup_values[name] = _value_markup(text)

        def render(runs: _Line) -> str:
            return "".join(markup_values[r.name] if isinstance(r, _Field) else r for r in runs)

        filled: list[FilledBlock] = []
        for block in self.blocks:
            if block.kind is BlockKind.PARAGRAPH:
                # A blank line inside a value (a long body of text) starts a new paragraph,
                # so the text can break across pages and reads like the wording around it.
                markup = "<br/>".join(map(render, block.lines))
                filled.extend(FilledBlock(block.kind, (m,)) for m in _split_paragraphs(markup))
            else:
                items = (render(line).replace(_PARA, "<br/><br/>") for line in block.lines)
                filled.append(FilledBlock(block.kind, tuple(items)))
        return tuple(filled)


_PARA = "\x00"  # paragraph break inside a value; control characters never reach markup
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _value_markup(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    paragraphs = re.split(r"\n[ ]*\n\s*", _CONTROL.sub("", text))
    return _PARA.join(escape(p).replace("\n", "<br/>") for p in paragraphs)


def _split_paragraphs(markup: str) -> list[str]:
    """Split at value paragraph breaks, closing and reopening bold across the split."""
    pieces = markup.split(_PARA)
    if len(pieces) == 1:
        return pieces
    out: list[str] = []
    bold = False
    for piece in pieces:
        text = ("<b>" if bold else "") + piece
        bold = text.count("<b>") > text.count("</b>")
        out.append(text + ("</b>" if bold else ""))
    return out


@functools.lru_cache(maxsize=64)
def parse_wording(text: str) -> LetterTemplate:
    """Cached :meth:`LetterTemplate.parse`: the same wording is parsed once per process."""
    return LetterTemplate.parse(text)


def default_wording(letter_type: str) -> str:
    """The shipped wording for a letter type (``resources/letters/<letter_type>.txt``).

    This is what "Reset to default" in Settings restores.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", letter_type):
        raise ValueError(f"Not a letter type name: {letter_type!r}")
    return resource(f"letters/{letter_type}.txt").read_text(encoding="utf-8")


def load_template(letter_type: str, override: str | None = None) -> LetterTemplate:
    """The wording to use: the DPO's override when set, otherwise the shipped default."""
    text = override if override is not None and override.strip() else default_wording(letter_type)
    return parse_wording(text)
