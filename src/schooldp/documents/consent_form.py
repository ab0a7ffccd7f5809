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
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from schooldp.documents import batch
from schooldp.documents.fonts import SANS, SANS_BOLD
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
from schooldp.documents.shaping import Paragraph
from schooldp.documents.slip import slip_at_foot
from schooldp.documents.templates import escape, format_value

_WIDTH = RIGHT - LEFT
_MUTED = colors.HexColor("#555555")
_INK = colors.HexColor("#1a1a1a")
_SMALL = ParagraphStyle("SlipSmall", fontName=SANS, fontSize=9, leading=12, textColor=_MUTED)
_TEXT = ParagraphStyle("SlipText", fontName=SANS, fontSize=10, leading=13, textColor=_INK)
_BOLD = ParagraphStyle("SlipBold", parent=_TEXT, fontName=SANS_BOLD)
_HEAD = ParagraphStyle("SlipHead", fontName=SANS_BOLD, fontSize=12, leading=15, textColor=_INK)
_RIGHT = ParagraphStyle("SlipRight", parent=_SMALL, alignment=TA_RIGHT)
_ROW = ParagraphStyle("SlipRow", fontName=SANS, fontSize=9.5, leading=11, textColor=_INK)

# slip_purposes: one purpose a line, "title<TAB>what it means" (the part after the tab is
# optional). purpose_list stays allowed for a school's own wording that lists them in the letter.
SLIP_FIELDS = frozenset(
    {"pupil_name", "class_name", "return_by", "slip_ref", "slip_purposes", "slip_signer", "purpose_list"}
)


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


def _purpose_cell(line: str) -> Flowable:
    title, _, detail = line.partition("\t")
    text = f"<b>{escape(title.strip())}</b>"
    if detail.strip():
        text += f'<font size="8" color="#555555">: {escape(detail.strip())}</font>'
    return Paragraph(text, _ROW)


def _choices(lines: Sequence[str]) -> Flowable:
    """A Yes and a No box per purpose, in the order the service listed them."""
    box = 5 * mm
    rows: list[list[Any]] = [[Paragraph("Please tick one box on each line", _SMALL), "Yes", "No"]]
    for line in lines:
        rows.append([_purpose_cell(line), _TickBox(box), _TickBox(box)])
    style = [
        ("FONT", (1, 0), (2, 0), SANS_BOLD, 10),
        ("ALIGN", (1, 0), (2, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, colors.HexColor("#c8ced6")),
        ("TOPPADDING", (0, 1), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5),
    ]
    return Table(
        rows,
        colWidths=[_WIDTH - 36 * mm, 18 * mm, 18 * mm],
        rowHeights=[6 * mm] + [None] * len(lines),
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
        rowHeights=[7 * mm] * (1 if signer_is_pupil else 2),
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
    lines = [t for t in _value(data, "slip_purposes").split("\n") if t.strip()]
    signer_is_pupil = _value(data, "slip_signer") == "pupil"
    declaration = (
        "I am the pupil named above and these are my own choices."
        if signer_is_pupil
        else "I have parental responsibility for the pupil named above."
    )
    return_by = _value(data, "return_by")
    ref = _value(data, "slip_ref")
    pupil = f"<b>{escape(_value(data, 'pupil_name'))}</b> ({escape(_value(data, 'class_name'))})"
    hand_in = f"hand in at the school office{' by ' + escape(return_by) if return_by else ''}."
    office = f'<font size="8">Office ref {escape(ref)}</font>' if ref else ""
    slip: list[Flowable] = [
        Table(
            [
                [
                    Paragraph(f'<font size="12"><b>Return slip</b></font> for {pupil}: {hand_in}', _TEXT),
                    Paragraph(office, _RIGHT),
                ]
            ],
            colWidths=[_WIDTH - 30 * mm, 30 * mm],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            ),
        ),
        _choices(lines),
        Spacer(0, 1.5 * mm),
        Paragraph(escape(declaration), _TEXT),
        _signature(signer_is_pupil),
    ]
    # At the foot of the page: the letter reads on above, the slip tears off below.
    return slip_at_foot(slip)


class _FormDocument(LetterDocument):
    """The letterhead document with a return slip after each letter's signature."""

    signature_space = 4 * mm  # a mail-merged form is not signed by hand: room for the slip

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
