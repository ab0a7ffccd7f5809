"""Consent collection form: a letter on the letterhead with a tear-off return slip.

The letter part is ordinary editable wording (``resources/letters/consent_form.txt``). The
return slip is drawn after the signature by this module, from fields the service fills in, so
a DPO editing the wording cannot break the tick boxes. Fields for the slip:

- ``pupil_name``, ``class_name``, ``return_by`` (date), ``slip_ref`` (the office's reference),
- ``slip_purposes``: one purpose title per line, in the order the boxes are printed,
- ``slip_signer``: "parent" (a parental-responsibility line) or "pupil".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from schooldp.documents import batch
from schooldp.documents.fonts import MONO, SANS, SANS_BOLD
from schooldp.documents.letter_type import LetterType
from schooldp.documents.letterhead import (
    LEFT,
    RIGHT,
    LetterData,
    LetterDocument,
    _EndOfLetter,
    _PendingLetter,
    render_prepared,
)
from schooldp.documents.templates import escape, format_value

_WIDTH = RIGHT - LEFT
_MUTED = colors.HexColor("#555555")
_INK = colors.HexColor("#1a1a1a")
_SMALL = ParagraphStyle("SlipSmall", fontName=SANS, fontSize=9, leading=12, textColor=_MUTED)
_TEXT = ParagraphStyle("SlipText", fontName=SANS, fontSize=10, leading=13, textColor=_INK)
_BOLD = ParagraphStyle("SlipBold", parent=_TEXT, fontName=SANS_BOLD)
_HEAD = ParagraphStyle("SlipHead", fontName=SANS_BOLD, fontSize=12, leading=15, textColor=_INK)

SLIP_FIELDS = frozenset({"pupil_name", "class_name", "return_by", "slip_ref", "slip_purposes", "slip_signer"})


class _CutLine(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A dashed line with "cut here" in the middle, where the slip is torn off."""

    def wrap(self, availWidth: float, _avail_height: float) -> tuple[float, float]:
        self.width = availWidth
        return (availWidth, 10 * mm)

    def draw(self) -> None:
        c = self.canv
        y = 5 * mm
        label = "\u2702 cut here and return the slip"
        c.setFont(MONO, 8)
        text_w = c.stringWidth(label, MONO, 8)
        mid = self.width / 2
        c.setStrokeColor(_MUTED)
        c.setDash(3, 3)
        c.setLineWidth(0.6)
        c.line(0, y, mid - text_w / 2 - 4, y)
        c.line(mid + text_w / 2 + 4, y, self.width, y)
        c.setFillColor(_MUTED)
        c.drawCentredString(mid, y - 3, label)


class _TickBox(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """An empty square to tick: clearer on paper than any glyph."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, _avail_height: float) -> tuple[float, float]:
        return (self.size, self.size)

    def draw(self) -> None:
        self.canv.setStrokeColor(_INK)
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 0, self.size, self.size)


def _value(data: LetterData, name: str) -> str:
    raw = data.fields.get(name)
    return "" if raw is None else format_value(raw)


def _pupil_line(data: LetterData) -> Flowable:
    return Table(
        [
            [
                Paragraph("Pupil", _SMALL),
                Paragraph(f"<b>{escape(_value(data, 'pupil_name'))}</b>", _TEXT),
                Paragraph("Class", _SMALL),
                Paragraph(escape(_value(data, "class_name")), _TEXT),
            ]
        ],
        colWidths=[14 * mm, _WIDTH - 64 * mm, 14 * mm, 36 * mm],
        hAlign="LEFT",
        style=TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
    )


def _choices(titles: Sequence[str]) -> Flowable:
    """A Yes and a No box per purpose, in the order the service listed them."""
    box = 5 * mm
    rows: list[list[Any]] = [[Paragraph("Please tick one box on each line", _SMALL), "Yes", "No"]]
    for title in titles:
        rows.append([Paragraph(escape(title), _TEXT), _TickBox(box), _TickBox(box)])
    style = [
        ("FONT", (1, 0), (2, 0), SANS_BOLD, 10),
        ("ALIGN", (1, 0), (2, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor("#c8ced6")),
        ("TOPPADDING", (0, 1), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]
    return Table(
        rows,
        colWidths=[_WIDTH - 36 * mm, 18 * mm, 18 * mm],
        rowHeights=[7 * mm] + [box + 4 * mm] * len(titles),
        hAlign="LEFT",
        style=TableStyle(style),
    )


def _signature(signer_is_pupil: bool) -> Flowable:
    """Signature and date lines; a parent also gives their name and relationship."""
    line = ("LINEBELOW", (1, 0), (1, -1), 0.5, _MUTED)
    return Table(
        [
            [Paragraph("Name", _SMALL), "", Paragraph("Relationship to pupil", _SMALL), ""],
            [Paragraph("Signature", _SMALL), "", Paragraph("Date", _SMALL), ""],
        ]
        if not signer_is_pupil
        else [[Paragraph("Signature", _SMALL), "", Paragraph("Date", _SMALL), ""]],
        colWidths=[20 * mm, _WIDTH - 82 * mm, 34 * mm, 28 * mm],
        rowHeights=[10 * mm] * (1 if signer_is_pupil else 2),
        hAlign="LEFT",
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                line,
                ("LINEBELOW", (3, 0), (3, -1), 0.5, _MUTED),
            ]
        ),
    )


def return_slip(data: LetterData) -> list[Flowable]:
    """The tear-off slip: pupil, a Yes and a No box per purpose, signature lines."""
    titles = [t for t in _value(data, "slip_purposes").split("\n") if t.strip()]
    signer_is_pupil = _value(data, "slip_signer") == "pupil"
    declaration = (
        "I am the pupil named above and these are my own choices."
        if signer_is_pupil
        else "I have parental responsibility for the pupil named above."
    )
    return_by = _value(data, "return_by")
    ref = _value(data, "slip_ref")
    slip: list[Flowable] = [
        _CutLine(),
        Paragraph("Return slip", _HEAD),
        Paragraph(
            f"Please hand this in at the school office{' by ' + escape(return_by) if return_by else ''}.",
            _SMALL,
        ),
        Spacer(0, 2 * mm),
        _pupil_line(data),
        Spacer(0, 1 * mm),
        _choices(titles),
        Spacer(0, 2 * mm),
        Paragraph(escape(declaration), _TEXT),
        _signature(signer_is_pupil),
        Spacer(0, 2 * mm),
        Paragraph(f"For the office: reference {escape(ref)}" if ref else "", _SMALL),
    ]
    return [Spacer(0, 6 * mm), KeepTogether(slip)]


class _FormDocument(LetterDocument):
    """The letterhead document with a return slip after each letter's signature."""

    def filterFlowables(self, flowables: list[Any]) -> None:
        pending = flowables[0]
        super().filterFlowables(flowables)
        if not isinstance(pending, _PendingLetter):
            return
        for i, item in enumerate(flowables):
            if isinstance(item, _EndOfLetter):
                flowables[i:i] = return_slip(pending.letter.data)
                return


class ConsentFormType(LetterType):
    """A letter type whose letters end with the return slip."""

    document = _FormDocument

    def render(self, data: LetterData, wording: str | None = None) -> bytes:
        prepared = batch.prepare_all([data], self.template(wording))
        return render_prepared(prepared, title=self.title, document=_FormDocument)


LETTER = ConsentFormType("consent_form", "Consent form with return slip", extra_fields=SLIP_FIELDS)
render = LETTER.render
