"""Printing any script: fonts per word, right-to-left order and HarfBuzz shaping.

A name typed as the family writes it ("محمد Ahmed", "সুমাইয়া", "李小龍") goes through three steps
before ReportLab draws it:

1. **Direction.** The Unicode bidirectional algorithm (``python-bidi``) gives each character
   its embedding level in a left-to-right letter; runs of right-to-left *words* are then put
   in the order they are read on paper (Unicode UAX #9, rule L2, applied word by word). The
   letters inside a word stay in typed order: HarfBuzz lays them out right to left itself.
2. **Font.** Each word is set in Noto Sans when it can be, otherwise in the first font of the
   fallback chain (:data:`schooldp.documents.fonts.FALLBACK_CHAIN`) that draws the whole word.
3. **Shaping.** Paragraphs holding such words are shaped with HarfBuzz (ReportLab's
   ``shaping`` support through ``uharfbuzz``), so Arabic letters join and Indic conjuncts
   form. Latin-only paragraphs are not shaped, which keeps long batches fast and leaves
   their text exactly as typed for copy and search.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bidi.algorithm import (
    explicit_embed_and_overrides,
    get_embedding_levels,
    get_empty_storage,
    resolve_implicit_levels,
    resolve_neutral_types,
    resolve_weak_types,
)
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, shapeFragWord, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph as _RLParagraph
from reportlab.platypus import paragraph as _rl_paragraph

from schooldp.documents.fonts import (
    FALLBACK_CHAIN,
    MONO_BOLD,
    SANS,
    SANS_BOLD,
    ShapedFont,
    bold_of,
    covers,
    font_for,
)

__all__ = [
    "Paragraph",
    "draw_text",
    "markup",
    "needs_shaping",
    "split_lines",
    "text_width",
    "visual_runs",
]

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_TOKENS = re.compile(r"\s+|\S+")
_FALLBACK_TAGS = tuple(f'<font name="{font}">' for font in FALLBACK_CHAIN)


def _levels(text: str) -> list[int]:
    """Resolved embedding level of each character in a left-to-right paragraph."""
    storage: dict[str, Any] = get_empty_storage()
    storage["base_level"] = 0
    storage["base_dir"] = "L"
    get_embedding_levels(text, storage)
    explicit_embed_and_overrides(storage)
    resolve_weak_types(storage)
    resolve_neutral_types(storage, False)
    resolve_implicit_levels(storage, False)
    return [int(ch["level"]) for ch in storage["chars"]]


def visual_words(text: str) -> list[str]:
    """Words and the spaces between them, in the order they are read on the page.

    Characters inside a word keep their typed (logical) order for the shaper.
    """
    if not _RTL.search(text):
        return [m.group(0) for m in _TOKENS.finditer(text)]
    levels = _levels(text)
    # Tokens: runs of one level inside a word, and the spaces between words.
    tokens: list[str] = []
    token_levels: list[int] = []
    for match in _TOKENS.finditer(text):
        start = match.start()
        for i in range(match.start(), match.end() + 1):
            if i == match.end() or levels[i] != levels[start]:
                tokens.append(text[start:i])
                token_levels.append(levels[start])
                start = i
    order = list(range(len(tokens)))
    for level in range(max(token_levels), 0, -1):
        i = 0
        while i < len(order):
            if token_levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and token_levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return [tokens[i] for i in order]


def visual_runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """``(font, text)`` runs in reading order. Each fallback-font word is a run of its own
    (the shaper lays one word out at a time); spaces and Latin words share ``base`` runs. A
    character no font draws stays in ``base`` (callers check
    :func:`schooldp.documents.fonts.unprintable` first)."""
    if covers(base, text):
        return [(base, text)]
    runs: list[tuple[str, str]] = []
    for word in visual_words(text):
        chosen = base if word.isspace() else font_for(word, base)
        for font, part in [(chosen, word)] if chosen is not None else _per_character(word, base):
            if runs and runs[-1][0] == font == base:
                runs[-1] = (font, runs[-1][1] + part)
            else:
                runs.append((font, part))
    return runs


def _per_character(word: str, base: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for ch in word:
        font = font_for(ch, base) or base
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """``text`` as Paragraph markup: escaped, with each word another font draws wrapped in
    ``<font name=...>`` (bold and italic still apply through the font family mappings)."""
    if covers(SANS, text):
        return _escape(text)
    return "".join(
        _escape(part) if font == SANS else f'<font name="{font}">{_escape(part)}</font>'
        for font, part in visual_runs(text)
    )


def needs_shaping(paragraph_markup: str) -> bool:
    """True when the markup sets words in a fallback font (they must be shaped)."""
    return any(tag in paragraph_markup for tag in _FALLBACK_TAGS)


def _shape_fallback_runs(word: list[Any], *args: Any, **kw: Any) -> Any:
    """Shape the fallback-font parts of one Paragraph word, each with its own font.

    ReportLab shapes a whole word with the font of its first character, so "محمد," (Arabic
    then a Noto Sans comma) would draw the comma with an Arabic glyph number. Here the word
    is cut where the font changes, only fallback-font parts go through HarfBuzz (Latin keeps
    its exact characters, no ligatures), and the parts are joined again.
    """
    if isinstance(word, ShapedFragWord):
        return word
    groups: list[list[Any]] = []
    for item in word[1:]:
        frag = item[0]
        name = getattr(frag, "fontName", None)
        if groups and (hasattr(frag, "cbDefn") or getattr(groups[-1][-1][0], "fontName", None) == name):
            groups[-1].append(item)
        else:
            groups.append([item])
    if not any(_is_fallback(getattr(g[0][0], "fontName", "")) for g in groups):
        return word
    parts: list[list[Any]] = []
    for group in groups:
        width = sum(
            stringWidth(text, frag.fontName, frag.fontSize)
            for frag, text in group
            if not hasattr(frag, "cbDefn")
        )
        part = word.__class__([width, *group])
        if _is_fallback(getattr(group[0][0], "fontName", "")):
            part = _copyable_word(part, shapeFragWord(part, *args, **kw))
        parts.append(part)
    shaped = next((p for p in parts if isinstance(p, ShapedFragWord)), None)
    if shaped is None:
        return word
    joined: list[Any] = type(shaped)([sum(p[0] for p in parts)])
    for part in parts:
        joined.extend(tuple(item) for item in part[1:])
    return joined


def _copyable(text: str, shaped: ShapedStr, font: ShapedFont) -> ShapedStr:
    """``shaped`` with codes that copy as ``text`` reads (see :class:`ShapedFont`).

    A cluster (the typed characters HarfBuzz drew as one group) of one glyph with a code of
    its own is left alone; otherwise its first glyph copies as the whole cluster and the
    rest as nothing, so a reordered vowel sign or a conjunct copies in typed order.
    """
    data = shaped.__shapeData__
    bounds = sorted({d.cluster for d in data} | {len(text)})
    sizes: dict[int, int] = {}
    for d in data:
        sizes[d.cluster] = sizes.get(d.cluster, 0) + 1
    seen: set[int] = set()
    codes: list[str] = []
    for ch, d in zip(shaped, data, strict=False):
        code = ord(ch)
        if sizes[d.cluster] == 1 and not 0xE000 <= code < 0xF900:
            codes.append(ch)
            continue
        end = next((b for b in bounds if b > d.cluster), d.cluster)
        copy = "" if d.cluster in seen else text[d.cluster : end]
        seen.add(d.cluster)
        codes.append(chr(font.copy_code(code, copy)))
    return ShapedStr("".join(codes), shapeData=data)


def _shape(text: str, font_name: str, size: float) -> Any:
    """:func:`shapeStr` with copyable codes."""
    shaped = shapeStr(text, font_name, size)
    font = getFont(font_name)
    if isinstance(shaped, ShapedStr) and isinstance(font, ShapedFont):
        return _copyable(text, shaped, font)
    return shaped


def _copyable_word(word: list[Any], shaped: Any) -> Any:
    """A shaped one-font frag word with copyable codes (see :func:`_copyable`)."""
    if not isinstance(shaped, ShapedFragWord):
        return shaped
    font = getFont(word[1][0].fontName)
    if not isinstance(font, ShapedFont) or len(shaped) != 2:
        return shaped
    text = "".join(t for frag, t in word[1:] if not hasattr(frag, "cbDefn"))
    frag, piece = shaped[1]
    if isinstance(piece, ShapedStr):
        shaped[1] = (frag, _copyable(text, piece, font))
    return shaped


# The one place ReportLab's paragraph shaping is adjusted (see _shape_fallback_runs).
_rl_paragraph.shapeFragWord = _shape_fallback_runs


@lru_cache(maxsize=256)
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)


_TAG = re.compile(r"<(/?)(b|strong)>|<font name=\"([^\"]+)\">")


def _bold_fallbacks(text: str, bold: bool) -> str:
    """Fallback fonts inside ``<b>`` (or a bold paragraph) switched to their bold face:
    ReportLab's ``<font name=...>`` forgets the surrounding bold."""
    depth = 1 if bold else 0
    out: list[str] = []
    pos = 0
    for match in _TAG.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        closing, bold_tag, font = match.groups()
        if bold_tag:
            depth += -1 if closing else 1
            out.append(match.group(0))
        else:
            out.append(f'<font name="{bold_of(font) if depth > 0 else font}">')
    out.append(text[pos:])
    return "".join(out)


class Paragraph(_RLParagraph):  # type: ignore[misc]  # ReportLab is untyped
    """A ReportLab Paragraph that turns HarfBuzz shaping on when its text needs it."""

    def __init__(self, text: str | None, style: ParagraphStyle | None = None, *args: Any, **kw: Any) -> None:
        if (
            isinstance(text, str)
            and style is not None
            and not getattr(style, "shaping", 0)
            and needs_shaping(text)
        ):
            text = _bold_fallbacks(text, style.fontName in (SANS_BOLD, MONO_BOLD))
            style = _shaped(style)
        super().__init__(text, style, *args, **kw)


def _is_fallback(font: str) -> bool:
    return font.removesuffix("-Bold") in FALLBACK_CHAIN


def _run_width(font: str, text: str, size: float) -> float:
    if _is_fallback(font):
        shaped = _shape(text, font, size)
        if isinstance(shaped, ShapedStr):
            return float(sum(d.x_advance for d in shaped.__shapeData__)) * size / 1000
    return float(stringWidth(text, font, size))


def _styled_runs(text: str, font: str) -> list[tuple[str, str]]:
    """Runs of ``text`` for a canvas line in ``font``; a bold line keeps its fallbacks bold."""
    bold = font in (SANS_BOLD, MONO_BOLD)
    return [(bold_of(f) if bold and f in FALLBACK_CHAIN else f, part) for f, part in visual_runs(text, font)]


def text_width(text: str, font: str, size: float) -> float:
    """Width of one line of ``text`` as :func:`draw_text` draws it."""
    return sum(_run_width(f, part, size) for f, part in _styled_runs(text, font))


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> float:
    """Draw one line with fallback fonts and shaping; ``align`` is left, right or centre
    (``x`` is then the right edge or the centre). Returns the width drawn."""
    runs = [(f, part, _run_width(f, part, size)) for f, part in _styled_runs(text, font)]
    width = sum(w for _, _, w in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for run_font, part, run_width in runs:
        canvas.setFont(run_font, size)
        shaped = _shape(part, run_font, size) if _is_fallback(run_font) else part
        canvas.drawString(x, y, shaped)
        x += run_width
    canvas.setFont(font, size)
    return width


def split_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap measured the way :func:`draw_text` draws (cf. ``simpleSplit``)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
