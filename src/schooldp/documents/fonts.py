"""Bundled TrueType fonts, registered once with ReportLab.

The PDF base-14 Helvetica has no glyphs for Ł, ş or ễ, so every letter embeds Noto Sans
(subset) instead; the recovery key uses DejaVu Sans Mono so 0/O and 1/l/I look different.
Licences sit beside the files in ``resources/fonts``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from schooldp.resources import resource

SANS = "SchoolDPSans"
SANS_BOLD = "SchoolDPSans-Bold"
SANS_ITALIC = "SchoolDPSans-Italic"
SANS_BOLD_ITALIC = "SchoolDPSans-BoldItalic"
MONO = "SchoolDPMono"
MONO_BOLD = "SchoolDPMono-Bold"

_FILES: dict[str, str] = {
    SANS: "fonts/NotoSans-Regular.ttf",
    SANS_BOLD: "fonts/NotoSans-Bold.ttf",
    SANS_ITALIC: "fonts/NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "fonts/NotoSans-BoldItalic.ttf",
    MONO: "fonts/DejaVuSansMono.ttf",
    MONO_BOLD: "fonts/DejaVuSansMono-Bold.ttf",
}

_lock = threading.Lock()
_registered = False
_coverage: dict[str, frozenset[int]] = {}


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
        for name, path in _FILES.items():
            font = TTFont(name, str(resource(path)))
            pdfmetrics.registerFont(font)
            _coverage[name] = frozenset(font.face.charToGlyph)
        for family, regular, bold, italic, bold_italic in (
            (SANS, SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC),
            (MONO, MONO, MONO_BOLD, MONO, MONO_BOLD),
        ):
            # <b> and <i> inside a Paragraph pick the right face through these mappings.
            addMapping(family, 0, 0, regular)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
        _registered = True


_IGNORED = frozenset(map(ord, "\n\r\t"))


def unprintable(text: str, font: str = SANS) -> str:
    """The characters of ``text`` that ``font`` has no glyph for, in order, without repeats.

    A name printed as empty boxes is as bad as a blank, so callers refuse such text with a
    message naming the field instead of posting a letter nobody can read.
    """
    register_fonts()
    covered = _coverage[font]
    missing: dict[str, None] = {}
    for ch in text:
        code = ord(ch)
        if code not in covered and code not in _IGNORED:
            missing[ch] = None
    return "".join(missing)


def unprintable_in(texts: Iterable[str], font: str = SANS) -> str:
    """Like :func:`unprintable` over several strings."""
    return unprintable("".join(texts), font)
