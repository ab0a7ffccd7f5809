"""Make the bundled CJK font: Noto Sans CJK SC cut down to the characters names use.

Run once by a developer (not at install time):

    python tools/subset_cjk.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        resources/fonts/NotoSansCJKsc-Subset.ttf

The source is Debian's ``fonts-noto-cjk`` (face 2 of the collection, Simplified Chinese, which
also draws kana and Hangul). The subset keeps GB 2312 level 1 (the 3,755 most used Simplified
characters), Big5 level 1 (the 5,401 common Traditional ones), JIS X 0208 kanji level 1,
kana, the 2,350 Hangul syllables of KS X 1001, and CJK punctuation and full-width forms.
ReportLab embeds TrueType outlines only, so the PostScript (CFF) outlines are converted to
quadratic curves with fontTools' cu2qu. Needs ``fonttools`` (a developer tool, not a runtime
dependency).
"""

from __future__ import annotations

import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SC_FACE = 2


def _decode_range(codec: str, rows: range, cols: range) -> set[int]:
    found: set[int] = set()
    for hi in rows:
        for lo in cols:
            try:
                text = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            found.update(map(ord, text))
    return found


def wanted() -> set[int]:
    chars: set[int] = set()
    chars |= _decode_range("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))  # GB 2312 level 1
    chars |= _decode_range("big5", range(0xA4, 0xC7), range(0x40, 0xFF))  # Big5 level 1
    chars |= _decode_range("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))  # JIS level 1
    chars |= _decode_range("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))  # KS X 1001 Hangul
    chars |= set(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    chars |= set(range(0x31F0, 0x3200))  # katakana phonetic extensions
    chars |= set(range(0xFF00, 0xFFF0))  # full-width and half-width forms
    chars |= set(range(0x20, 0x7F))  # ASCII, so a name with a space or digit stays in one run
    return chars


def _to_truetype(font: TTFont) -> None:
    """Replace CFF outlines by quadratic glyf outlines (what ReportLab can embed)."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: smaller, and ReportLab does not need them
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def main(source: str, target: str) -> None:
    font = TTCollection(source).fonts[SC_FACE]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted())
    subsetter.subset(font)
    _to_truetype(font)
    font.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
