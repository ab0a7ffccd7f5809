"""Bundled TrueType fonts, registered once with ReportLab, and the fallback chain.

The PDF base-14 Helvetica has no glyphs for Ł, ş or ễ, so every letter embeds Noto Sans
(subset) instead; the recovery key uses DejaVu Sans Mono so 0/O and 1/l/I look different.
Names written in other scripts fall back, word by word, to the first font of
:data:`FALLBACK_CHAIN` that draws the whole word (Arabic and Urdu, Bengali, Gurmukhi,
Gujarati, Devanagari, Tamil, then Chinese, Japanese kana and Korean Hangul). Licences sit
beside the files in ``resources/fonts``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeToUnicodeCMap

from schooldp.resources import resource

SANS = "SchoolDPSans"
SANS_BOLD = "SchoolDPSans-Bold"
SANS_ITALIC = "SchoolDPSans-Italic"
SANS_BOLD_ITALIC = "SchoolDPSans-BoldItalic"
MONO = "SchoolDPMono"
MONO_BOLD = "SchoolDPMono-Bold"
ARABIC = "SchoolDPArabic"
BENGALI = "SchoolDPBengali"
GURMUKHI = "SchoolDPGurmukhi"
GUJARATI = "SchoolDPGujarati"
DEVANAGARI = "SchoolDPDevanagari"
TAMIL = "SchoolDPTamil"
CJK = "SchoolDPCJK"

# Regular file, bold file (None: the regular face serves for bold too).
_FAMILIES: dict[str, tuple[str, str | None]] = {
    ARABIC: ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    BENGALI: ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
    GURMUKHI: ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
    GUJARATI: ("NotoSansGujarati-Regular.ttf", "NotoSansGujarati-Bold.ttf"),
    DEVANAGARI: ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    TAMIL: ("NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf"),
    CJK: ("NotoSansCJKsc-Subset.ttf", None),
}

# The order a word's font is looked for after Noto Sans.
FALLBACK_CHAIN: tuple[str, ...] = tuple(_FAMILIES)

_FILES: dict[str, str] = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    MONO: "DejaVuSansMono.ttf",
    MONO_BOLD: "DejaVuSansMono-Bold.ttf",
}
for _family, (_regular, _bold) in _FAMILIES.items():
    _FILES[_family] = _regular
    if _bold is not None:
        _FILES[_family + "-Bold"] = _bold

_COPIES_START = 0xF0000  # supplementary private use: clear of ReportLab's own 0xE000 codes


class ShapedFont(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A fallback font whose shaped glyphs copy and search as the letters typed.

    HarfBuzz turns "ক্ষ" into one conjunct glyph that has no character of its own, and draws
    the vowel sign of "कि" before its consonant; a PDF reader would copy nonsense or letters
    in the wrong order. The shaper gives each such group of glyphs codes of their own
    (:meth:`copy_code`): the first glyph on the line copies as the whole group as typed, the
    others as nothing, and the font's ToUnicode map (what readers use to copy and search)
    says so.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.private_text: dict[int, str] = {}
        self._copies: dict[tuple[int, str], int] = {}
        self._copies_lock = threading.Lock()

    def copy_code(self, code: int, text: str) -> int:
        """A code that draws the same glyph as ``code`` and copies as ``text``."""
        face = self.face
        key = (face.charToGlyph[code], text)
        with self._copies_lock:
            new = self._copies.get(key)
            if new is None:
                new = _COPIES_START + len(self._copies)
                face.charToGlyph[new] = key[0]
                face.glyphToChar.setdefault(key[0], []).append(new)
                face.charWidths[new] = face.charWidths.get(code, 0)
                self.private_text[new] = text
                self._copies[key] = new
        return new

    def _to_unicode(self, base_name: str, subset: list[int]) -> str:
        cmap = makeToUnicodeCMap(base_name, subset)
        for i, code in enumerate(subset):
            text = self.private_text.get(code)
            if text is not None:
                utf16 = text.encode("utf-16-be").hex().upper()
                cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{utf16}>", 1)
        return str(cmap)

    def addObjects(self, doc: Any) -> None:  # noqa: N802  # ReportLab's name
        """ReportLab's ``TTFont.addObjects`` with the ToUnicode map from :meth:`_to_unicode`."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode(
                "pdfdoc"
            )
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap_stream = pdfdoc.PDFStream()
            cmap_stream.content = self._to_unicode(base_name, subset)
            if doc.compression:
                cmap_stream.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap_stream, "toUnicodeCMap:" + base_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


_lock = threading.Lock()
_registered = False
_coverage: dict[str, frozenset[int]] = {}


def font_files() -> dict[str, str]:
    """Every bundled font file by its registered name (for the interface, which adds the same
    files to Qt's font database)."""
    return {name: f"fonts/{file}" for name, file in _FILES.items()}


def bold_of(font: str) -> str:
    """The registered bold face of ``font`` (itself when the family has no bold)."""
    if font in (SANS, SANS_BOLD):
        return SANS_BOLD
    if font in (MONO, MONO_BOLD):
        return MONO_BOLD
    bold = font + "-Bold"
    return bold if bold in _FILES else font


def register_fonts() -> None:
    """Register the bundled fonts with ReportLab; cheap and safe to call from any thread.

    ReportLab's font registry is process-global, so the first caller does the work under a
    lock and everyone after returns at once.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, path in font_files().items():
            shaped = name.removesuffix("-Bold") in FALLBACK_CHAIN
            font = (ShapedFont if shaped else TTFont)(name, str(resource(path)))
            pdfmetrics.registerFont(font)
            _coverage[name] = frozenset(font.face.charToGlyph)
        families = [
            (SANS, SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
            (MONO, MONO, MONO_BOLD, MONO, MONO_BOLD),
        ]
        families += [(f, f, bold_of(f), f, bold_of(f)) for f in FALLBACK_CHAIN]
        for family, regular, bold, italic, bold_italic in families:
            # <b> and <i> inside a Paragraph pick the right face through these mappings.
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True


_IGNORED = frozenset(map(ord, "\n\r\t\u200c\u200d"))  # line breaks; zero-width (non-)joiners


def covers(font: str, text: str) -> bool:
    """True when ``font`` has a glyph for every character of ``text``."""
    register_fonts()
    covered = _coverage[font]
    return all(ord(ch) in covered or ord(ch) in _IGNORED for ch in text)


def font_for(text: str, base: str = SANS) -> str | None:
    """The font that draws all of ``text`` (one word): ``base`` when it can, otherwise the
    first of the fallback chain that can; None when no single font can."""
    for font in (base, *FALLBACK_CHAIN):
        if covers(font, text):
            return font
    return None


def unprintable(text: str, font: str = SANS) -> str:
    """The characters of ``text`` that neither ``font`` nor any fallback font can draw, in
    order, without repeats.

    A name printed as empty boxes is as bad as a blank, so callers set such text aside with
    a message naming the field instead of posting a letter nobody can read.
    """
    register_fonts()
    fonts = [_coverage[font], *(_coverage[f] for f in FALLBACK_CHAIN)]
    missing: dict[str, None] = {}
    for ch in text:
        code = ord(ch)
        if code in _IGNORED or any(code in covered for covered in fonts):
            continue
        missing[ch] = None
    return "".join(missing)


def unprintable_in(texts: Iterable[str], font: str = SANS) -> str:
    """Like :func:`unprintable` over several strings."""
    return unprintable("".join(texts), font)
