"""The emergency sheet: the recovery key on paper, printed once when the vault is created.

It is the only way back in if every passphrase is forgotten, so the key is printed large, in
a monospaced face that tells 0 from O and 1 from l, in short groups that are easy to type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from schooldp.documents.a4 import MUTED as _MUTED
from schooldp.documents.a4 import Margins, render_a4
from schooldp.documents.fonts import MONO, MONO_BOLD, SANS, SANS_BOLD, register_fonts, unprintable
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.errors import ValidationError

__all__ = ["EmergencySheetData", "key_groups", "render"]

_ACCENT = colors.HexColor("#1f3a5f")
_KEY_SIZE = 22
_WIDTH = A4[0] - 50 * mm - 12  # the frame's own 6 pt padding each side

INSTRUCTIONS = (
    "Keep this sheet locked away, like a spare key.",
    "If every passphrase is forgotten, open SchoolDP, choose <b>Use recovery key</b> and type "
    "the key to set a new passphrase.",
    "Without a passphrase or this key the data cannot be recovered by anyone, including SchoolDP.",
    "Do not photograph, scan, copy or email this sheet: a copy opens the data as surely as the original.",
)


@dataclass(frozen=True)
class EmergencySheetData:
    """What the sheet shows; the key is printed exactly as given, grouped for reading."""

    school_name: str
    file_location: str
    created: date
    recovery_key: str


def key_groups(key: str) -> tuple[str, ...]:
    """The key in groups: its own groups where it has separators, else blocks of four.

    A run longer than eight characters is cut into fours too. Letter case is kept: the key
    is printed, never altered.
    """
    groups: list[str] = []
    for part in re.split(r"[\s\-]+", key.strip()):
        if len(part) > 8:
            groups.extend(part[i : i + 4] for i in range(0, len(part), 4))
        elif part:
            groups.append(part)
    return tuple(groups)


def _key_lines(groups: tuple[str, ...]) -> list[str]:
    """As few lines as fit, with the groups spread evenly (5 + 5 reads better than 7 + 3)."""
    room = _WIDTH - 14 * mm
    per_line = len(groups)
    while per_line > 1 and stringWidth("-".join(groups[:per_line]) + "-", MONO_BOLD, _KEY_SIZE) > room:
        per_line -= 1
    n_lines = -(-len(groups) // per_line)
    per_line = -(-len(groups) // n_lines)
    chunks = [groups[i : i + per_line] for i in range(0, len(groups), per_line)]
    return ["-".join(chunk) + ("-" if i < len(chunks) - 1 else "") for i, chunk in enumerate(chunks)]


def _hard_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break a long path anywhere (paths have no spaces to break at), preferring separators."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and stringWidth(current + ch, font, size) > width:
            cut = max(current.rfind("\\"), current.rfind("/"))
            if cut > len(current) // 2:
                lines.append(current[: cut + 1])
                current = current[cut + 1 :]
            else:
                lines.append(current)
                current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


_TITLE = ParagraphStyle("Title", fontName=SANS_BOLD, fontSize=22, leading=27, textColor=_ACCENT)
_LEAD = ParagraphStyle("Lead", fontName=SANS, fontSize=12, leading=16, textColor=_MUTED)
_LABEL = ParagraphStyle("Label", fontName=SANS, fontSize=9, leading=12, textColor=_MUTED)
_VALUE = ParagraphStyle("Value", fontName=SANS, fontSize=11, leading=14)
_PATH = ParagraphStyle("Path", fontName=MONO, fontSize=9, leading=12)
_KEY = ParagraphStyle("Key", fontName=MONO_BOLD, fontSize=_KEY_SIZE, leading=_KEY_SIZE * 1.5)
_HEADING = ParagraphStyle("Heading", fontName=SANS_BOLD, fontSize=12, leading=16, spaceAfter=4)
_BODY = ParagraphStyle("Body", fontName=SANS, fontSize=11, leading=15.5, spaceAfter=7)


def _printable_groups(key: str) -> tuple[str, ...]:
    """The key's groups, or ValidationError if there is nothing to print or it would misprint."""
    groups = key_groups(key)
    if not groups:
        raise ValidationError("There is no recovery key to print.", "recovery_key")
    bad = unprintable("".join(groups), MONO)
    if bad:
        raise ValidationError(
            f"The recovery key contains characters that cannot be printed clearly ({bad}).",
            "recovery_key",
        )
    return groups


def _details(data: EmergencySheetData) -> Table:
    path_markup = "<br/>".join(
        escape(line) for line in _hard_wrap(data.file_location, MONO, 9, _WIDTH - 40 * mm)
    )
    return Table(
        [
            [Paragraph("School", _LABEL), Paragraph(escape(data.school_name), _VALUE)],
            [Paragraph("School file", _LABEL), Paragraph(path_markup or "-", _PATH)],
            [Paragraph("Sheet printed", _LABEL), Paragraph(uk_date(data.created), _VALUE)],
        ],
        colWidths=[38 * mm, _WIDTH - 38 * mm],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
    )


def _key_box(groups: tuple[str, ...]) -> Table:
    key_markup = "<br/>".join(escape(line) for line in _key_lines(groups))
    return Table(
        [[Paragraph("Recovery key", _LABEL)], [Paragraph(key_markup, _KEY)]],
        colWidths=[_WIDTH],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, _ACCENT),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f5f8")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
                ("TOPPADDING", (0, 0), (0, 0), 4 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5 * mm),
            ]
        ),
    )


def _where_kept() -> Table:
    """Two lines to fill in by hand: where the sheet is and who put it there."""
    return Table(
        [[Paragraph("Where this sheet is kept:", _LABEL), ""], [Paragraph("Put away by:", _LABEL), ""]],
        colWidths=[45 * mm, _WIDTH - 45 * mm],
        hAlign="LEFT",
        rowHeights=[11 * mm, 11 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, _MUTED),
            ]
        ),
    )


def render(data: EmergencySheetData) -> bytes:
    """A one-page PDF emergency sheet."""
    register_fonts()
    groups = _printable_groups(data.recovery_key)
    story = [
        Paragraph("SchoolDP emergency sheet", _TITLE),
        Spacer(0, 2 * mm),
        Paragraph("The key to the school's data protection records, on paper.", _LEAD),
        Spacer(0, 9 * mm),
        _details(data),
        Spacer(0, 7 * mm),
        _key_box(groups),
        Spacer(0, 9 * mm),
        Paragraph("What to do with this sheet", _HEADING),
        *(Paragraph(text, _BODY) for text in INSTRUCTIONS),
        Spacer(0, 6 * mm),
        _where_kept(),
    ]
    return render_a4(
        story, title="SchoolDP emergency sheet", author=data.school_name, margins=Margins(25, 25, 22, 20)
    )
