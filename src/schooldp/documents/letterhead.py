"""The school letterhead: page layout shared by every letter SchoolDP prints.

Layout (A4, millimetres from the top-left corner of the page)
-------------------------------------------------------------
- Letterhead, 14-40: logo (when the school has one) and name on the left, the school's
  address, phone and email on the right, a thin rule beneath.
- Envelope window, 50-84 down, 20-100 across. A standard UK DL window envelope is
  220 x 110 mm with a 90 x 45 mm window 20 mm from its left and 15 mm from its bottom edge.
  A4 folded in three gives a 210 x 99 mm top panel, which can slide up to 11 mm up or down and
  10 mm sideways inside the envelope. Solving for every position, the part of the page that
  is always behind the window is 20-100 mm across and 50-84 mm down; the recipient block is
  printed inside that (25-98 across, 51-83 down), at most seven lines including "Private and
  confidential".
- Reference and date, to the right of the window (125-190 across, from 51 down).
- Body from 95 down; 25 mm left and 20 mm right margins; 11 pt Noto Sans on 15 pt leading.
- Footer, 12 mm from the bottom: school name, ICO registration number and URN; "Page 1 of 2"
  at the right on letters longer than one page. Small fold marks at 99 and 198 mm.
- Later pages: a one-line running head (school name, recipient, reference) and the body.

"Page x of y" restarts for each letter in a batch. The total is not known while a page is
drawn, so each page shows a tiny PDF form that is defined when its letter ends; a one-page
letter gets an empty form, which is why it shows no page number at all.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from schooldp.documents.fonts import MONO, SANS, SANS_BOLD, register_fonts, unprintable
from schooldp.documents.shaping import Paragraph, draw_text, split_lines, text_width
from schooldp.documents.slip import slip_at_foot
from schooldp.documents.templates import (
    BlockKind,
    FieldValue,
    FilledBlock,
    LetterTemplate,
    escape,
    format_value,
    uk_date,
)
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.school import ContactPerson, SchoolProfile

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm
RIGHT = PAGE_WIDTH - 20 * mm
BODY_TOP_FIRST = 95 * mm  # from the top of the page
BODY_TOP_LATER = 27 * mm
BODY_BOTTOM = 24 * mm  # from the bottom of the page

# The recipient block: inside the always-visible part of a DL window (see module docstring).
WINDOW_LEFT = 25 * mm
WINDOW_TOP = 51 * mm
WINDOW_WIDTH = 73 * mm
ADDRESS_SIZE = 10.5
ADDRESS_LEADING = 12.6
WINDOW_MAX_LINES = 7

META_LEFT = 125 * mm
META_VALUE_LEFT = 147 * mm

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9aa7b8")

BODY_STYLE = ParagraphStyle(
    "LetterBody",
    fontName=SANS,
    fontSize=11,
    leading=15,
    spaceAfter=8,
    textColor=INK,
    alignment=TA_LEFT,
    allowWidows=0,  # no lone last line at the top of page 2
    allowOrphans=0,
)
HEADING_STYLE = ParagraphStyle(
    "LetterHeading",
    parent=BODY_STYLE,
    fontName=SANS_BOLD,
    spaceBefore=2,
    spaceAfter=6,
    keepWithNext=1,
)
BULLET_STYLE = ParagraphStyle(
    "LetterBullet",
    parent=BODY_STYLE,
    leftIndent=16,
    bulletIndent=4,
    bulletFontName=SANS,
    spaceAfter=4,
)
SIGNATURE_NAME_STYLE = ParagraphStyle("SignatureName", parent=BODY_STYLE, fontName=SANS_BOLD, spaceAfter=0)
SIGNATURE_ROLE_STYLE = ParagraphStyle("SignatureRole", parent=BODY_STYLE, spaceAfter=0)
SCHOOL_NAME_STYLE = ParagraphStyle(
    "SchoolName", fontName=SANS_BOLD, fontSize=16, leading=19, textColor=ACCENT
)

# Fields every letter can use without the letter type supplying them; the text explains,
# in a missing-field message, where the DPO can fill the gap.
STANDARD_FIELDS: Mapping[str, str] = MappingProxyType(
    {
        "recipient_name": "the recipient's name",
        "salutation": "the name after 'Dear'",
        "date": "the date of the letter",
        "reference": "the letter's reference",
        "school_name": "the school's name, in Settings",
        "school_phone": "the school's phone number, in Settings",
        "school_email": "the school's email address, in Settings",
        "dpo_name": "the Data Protection Officer's name, in Settings",
        "dpo_email": "the Data Protection Officer's email address, in Settings",
        "dpo_phone": "the Data Protection Officer's phone number, in Settings",
        "headteacher_name": "the headteacher's name, in Settings",
        "signatory_name": "the name of the person signing the letter",
        "signatory_role": "the role of the person signing the letter",
    }
)


class RenderCancelled(SchoolDPError):
    """The person pressed Cancel; nothing was produced and nothing needs cleaning up."""

    def __init__(self) -> None:
        super().__init__("Printing the letters was cancelled. No letters were produced.")


@dataclass(frozen=True)
class LetterData:
    """Everything one letter needs, already looked up: rendering never touches the vault."""

    school: SchoolProfile
    recipient_name: str
    recipient_address: tuple[str, ...]
    letter_date: date
    reference: str = ""
    private: bool = False
    fields: Mapping[str, FieldValue] = field(default_factory=dict)
    signatory: ContactPerson | None = None  # None: the school's DPO signs
    salutation: str = ""  # after "Dear"; defaults to the recipient's name
    closing: str = "Yours sincerely"

    def __post_init__(self) -> None:
        object.__setattr__(self, "recipient_address", tuple(self.recipient_address))
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    @property
    def signer(self) -> ContactPerson:
        if self.signatory is not None:
            return self.signatory
        dpo = self.school.dpo
        return ContactPerson(dpo.name, dpo.email, dpo.phone, dpo.role or "Data Protection Officer")

    def values(self) -> dict[str, FieldValue]:
        """Standard fields plus the letter's own; the letter's own win on a clash."""
        school, signer = self.school, self.signer
        values: dict[str, FieldValue] = {
            "recipient_name": self.recipient_name,
            "salutation": self.salutation or self.recipient_name,
            "date": self.letter_date,
            "reference": self.reference,
            "school_name": school.name,
            "school_phone": school.phone,
            "school_email": school.email,
            "dpo_name": school.dpo.name,
            "dpo_email": school.dpo.email,
            "dpo_phone": school.dpo.phone,
            "headteacher_name": school.headteacher.name,
            "signatory_name": signer.name,
            "signatory_role": signer.role,
        }
        values.update(self.fields)
        return values


# ---------------------------------------------------------------------------------------------
# Preparation: every check that can fail runs here, before a single page is drawn.


@dataclass(frozen=True)
class PreparedLetter:
    """A letter that has passed every check; drawing it cannot fail on the data."""

    data: LetterData
    window_lines: tuple[tuple[str, bool], ...]  # (text, bold)
    body: tuple[FilledBlock, ...]


def _check_printable(label: str, field_name: str, text: str) -> None:
    bad = unprintable(text)
    if bad:
        raise ValidationError(
            f"{label} contains characters no font in SchoolDP can print ({' '.join(bad)}), so the "
            "letter would show empty boxes. Add the name in Latin letters too (for example as the "
            "preferred name), or leave those characters out.",
            field_name,
        )


def prepare(data: LetterData, template: LetterTemplate) -> PreparedLetter:
    """Fill the wording and fit the address; raises ValidationError naming what is wrong."""
    register_fonts()
    if not data.recipient_name.strip():
        raise ValidationError("The letter needs the recipient's name.", "recipient_name")
    if not data.school.name.strip():
        raise ValidationError("Enter the school's name in Settings before printing.", "school_name")
    signer = data.signer
    if not signer.name.strip():
        raise ValidationError(
            "The letter needs the name of the person signing it (the DPO's name in Settings).",
            "signatory",
        )
    _check_printable("The recipient's name", "recipient_name", data.recipient_name)
    for line in data.recipient_address:
        _check_printable("The recipient's address", "recipient_address", line)
    _check_printable("The reference", "reference", data.reference)
    _check_printable("The signatory's name or role", "signatory", signer.name + signer.role)
    _check_printable("The closing", "closing", data.closing)
    values = data.values()
    for name in sorted(template.fields):
        raw = values.get(name)
        if raw is not None:
            _check_printable(f"The value for {{{name}}}", name, format_value(raw))

    window: list[tuple[str, bool]] = []
    if data.private:
        window.append(("PRIVATE AND CONFIDENTIAL", True))
    for raw_line in (data.recipient_name, *data.recipient_address):
        line = " ".join(raw_line.split())
        if not line:
            continue
        for part in split_lines(line, SANS, ADDRESS_SIZE, WINDOW_WIDTH):
            window.append((part, False))
    if len(window) > WINDOW_MAX_LINES:
        raise ValidationError(
            f"The name and address take {len(window)} lines but only {WINDOW_MAX_LINES} fit in "
            "the envelope window"
            + (", including 'Private and confidential'" if data.private else "")
            + ". Shorten the address (for example leave out the county).",
            "recipient_address",
        )
    body = template.fill(values, STANDARD_FIELDS)
    return PreparedLetter(data, tuple(window), body)


# ---------------------------------------------------------------------------------------------
# Drawing


class _Numbering:
    """Which letter and which page of it the canvas is on; shared by page callbacks."""

    def __init__(self) -> None:
        self.letter = 0
        self.page = 0


def _form_name(letter: int, page: int) -> str:
    return f"pgno{letter}x{page}"


class _DrawnInPlace(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Takes no room in the frame: it draws straight on the canvas where it is reached."""

    def wrap(self, availWidth: float, _avail_height: float) -> tuple[float, float]:
        return (0, 0)


class _FirstPageBlock(_DrawnInPlace):
    """Recipient, reference and date, drawn at fixed places whatever the frame is doing."""

    def __init__(self, letter: PreparedLetter) -> None:
        super().__init__()
        self.letter = letter

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        canvas.saveState()
        canvas.setFillColor(INK)
        baseline = PAGE_HEIGHT - WINDOW_TOP - ADDRESS_SIZE
        for text, bold in self.letter.window_lines:
            draw_text(canvas, WINDOW_LEFT, baseline, text, SANS_BOLD if bold else SANS, ADDRESS_SIZE)
            baseline -= ADDRESS_LEADING + (3 if bold else 0)
        data = self.letter.data
        rows = []
        if data.reference.strip():
            rows.append(("Our ref", data.reference.strip()))
        rows.append(("Date", uk_date(data.letter_date)))
        baseline = PAGE_HEIGHT - WINDOW_TOP - ADDRESS_SIZE
        width = RIGHT - META_VALUE_LEFT
        for label, value in rows:
            canvas.setFont(SANS, 9)
            canvas.setFillColor(MUTED)
            canvas.drawString(META_LEFT, baseline, label)
            canvas.setFillColor(INK)
            canvas.setFont(SANS, 10)
            for part in split_lines(value, SANS, 10, width):
                draw_text(canvas, META_VALUE_LEFT, baseline, part, SANS, 10)
                baseline -= 13
            baseline -= 2
        canvas.restoreState()


class _EndOfLetter(_DrawnInPlace):
    """Defines the page-number forms of the letter that has just ended."""

    def __init__(self, numbering: _Numbering) -> None:
        super().__init__()
        self.numbering = numbering

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        total = self.numbering.page
        letter = self.numbering.letter
        for page in range(1, total + 1):
            canvas.beginForm(_form_name(letter, page))
            if total > 1:
                canvas.setFont(SANS, 8.5)
                canvas.setFillColor(MUTED)
                canvas.drawRightString(RIGHT, 12 * mm, f"Page {page} of {total}")
            canvas.endForm()


class _PendingLetter(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Stands in for a whole letter until the document reaches it (keeps big batches lean)."""

    def __init__(self, index: int, letter: PreparedLetter) -> None:
        super().__init__()
        self.index = index
        self.letter = letter

    def wrap(self, availWidth: float, _avail_height: float) -> tuple[float, float]:
        raise AssertionError("a pending letter is expanded before layout")


def _body_flowables(blocks: Sequence[FilledBlock]) -> Iterator[Flowable]:
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            yield Paragraph(block.markup[0], BODY_STYLE)
        elif block.kind is BlockKind.HEADING:
            yield Paragraph(block.markup[0], HEADING_STYLE)
        elif block.kind is BlockKind.BULLETS:
            last = len(block.markup) - 1
            for i, item in enumerate(block.markup):
                if item.startswith("[ ] "):
                    style = _TICK_STYLE if i < last else _LAST_TICK_STYLE
                    yield Paragraph(item[4:], style, bulletText="\u2610")
                    continue
                style = BULLET_STYLE if i < last else _LAST_BULLET_STYLE
                yield Paragraph(item, style, bulletText="\u2022")


_LAST_BULLET_STYLE = ParagraphStyle("LetterBulletLast", parent=BULLET_STYLE, spaceAfter=8)
# "- [ ] I agree": a box to tick (DejaVu Sans Mono draws the ballot box; Noto Sans has none).
_TICK_STYLE = ParagraphStyle(
    "LetterTick", parent=BULLET_STYLE, leftIndent=22, bulletFontName=MONO, bulletFontSize=15, spaceAfter=6
)
_LAST_TICK_STYLE = ParagraphStyle("LetterTickLast", parent=_TICK_STYLE, spaceAfter=10)


def _letter_flowables(
    letter: PreparedLetter, numbering: _Numbering, first: bool, signature_space: float = 14 * mm
) -> list[Flowable]:
    signer = letter.data.signer
    story: list[Flowable] = []
    if not first:
        story += [NextPageTemplate("first"), PageBreak()]
    story.append(_FirstPageBlock(letter))
    blocks = list(letter.body)
    cut = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.CUT), len(blocks))
    body = list(_body_flowables(blocks[:cut]))
    slip = list(_body_flowables(blocks[cut + 1 :]))
    # The last paragraph goes over the page with the closing and signature, never alone.
    last = [body.pop()] if body else []
    story.extend(body)
    signature: list[Flowable] = [
        *last,
        Spacer(0, 4),
        Paragraph(escape(letter.data.closing.strip() or "Yours sincerely") + ",", BODY_STYLE),
        Spacer(0, signature_space),
        Paragraph(escape(signer.name), SIGNATURE_NAME_STYLE),
    ]
    if signer.role.strip():
        signature.append(Paragraph(escape(signer.role), SIGNATURE_ROLE_STYLE))
    story.append(KeepTogether(signature))
    if slip:
        story.extend(slip_at_foot(slip, "\u2702 cut here"))
    story.append(_EndOfLetter(numbering))
    return story


ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def _body_frame(top: float, frame_id: str) -> Frame:
    """The letter's text area, from `top` below the page's top edge down to the footer."""
    return Frame(
        LEFT,
        BODY_BOTTOM,
        RIGHT - LEFT,
        PAGE_HEIGHT - top - BODY_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=frame_id,
    )


class LetterDocument(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """A document of one or more letters sharing the school's letterhead."""

    signature_space: float = 14 * mm  # room to sign between "Yours sincerely" and the name

    def __init__(
        self,
        buffer: io.BytesIO,
        school: SchoolProfile,
        total: int,
        progress: ProgressCallback | None,
        is_cancelled: CancelCheck | None,
        title: str,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=LEFT,
            rightMargin=PAGE_WIDTH - RIGHT,
            topMargin=BODY_TOP_LATER,
            bottomMargin=BODY_BOTTOM,
            title=title,
            author=school.name,
            creator="SchoolDP",
            invariant=1,  # same letter, same bytes: the SHA-256 in the letter log is stable
            pageCompression=1,
        )
        self.school = school
        self.total = total
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.numbering = _Numbering()
        self.current: PreparedLetter | None = None
        self.logo = _logo(school)
        self.logo_height = 0.0
        first = _body_frame(BODY_TOP_FIRST, "first-body")
        later = _body_frame(BODY_TOP_LATER, "later-body")
        self.addPageTemplates(
            [
                PageTemplate("first", [first], onPage=self._first_page, autoNextPageTemplate="later"),
                PageTemplate("later", [later], onPage=self._later_page),
            ]
        )

    def filterFlowables(self, flowables: list[Any]) -> None:
        """Expand the next letter only when the layout reaches it; check Cancel between letters."""
        pending = flowables[0]
        if not isinstance(pending, _PendingLetter):
            return
        if self.is_cancelled is not None and self.is_cancelled():
            raise RenderCancelled()
        if self.progress is not None:
            self.progress(pending.index, self.total)
        self.current = pending.letter
        flowables[0:1] = _letter_flowables(
            pending.letter, self.numbering, pending.index == 0, self.signature_space
        )

    # Page callbacks -------------------------------------------------------------------------

    def _first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.numbering.letter += 1
        self.numbering.page = 1
        if not canvas.hasForm("letterhead"):
            canvas.beginForm("letterhead")
            self._draw_letterhead(canvas)
            canvas.endForm()
        canvas.doForm("letterhead")
        self._page_furniture(canvas)

    def _later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.numbering.page += 1
        canvas.saveState()
        canvas.setFont(SANS, 8.5)
        canvas.setFillColor(MUTED)
        top = PAGE_HEIGHT - 15 * mm
        draw_text(canvas, LEFT, top, self.school.name, SANS, 8.5)
        letter = self.current
        if letter is not None:
            right = letter.data.recipient_name + "\u200e"  # LRM: the name's direction ends with it
            if letter.data.reference.strip():
                right += f"  \u00b7  Our ref {letter.data.reference.strip()}"
            right += f"  \u00b7  {uk_date(letter.data.letter_date)}"
            draw_text(canvas, RIGHT, top, right, SANS, 8.5, "right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, top - 3 * mm, RIGHT, top - 3 * mm)
        canvas.restoreState()
        self._page_furniture(canvas)

    def _page_furniture(self, canvas: Canvas) -> None:
        if not canvas.hasForm("footer"):
            canvas.beginForm("footer")
            self._draw_footer(canvas)
            canvas.endForm()
        canvas.doForm("footer")
        canvas.doForm(_form_name(self.numbering.letter, self.numbering.page))

    def _draw_letterhead(self, canvas: Canvas) -> None:
        school = self.school
        top = PAGE_HEIGHT - 14 * mm
        name_left = LEFT
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            scale = min(30 * mm / iw, 22 * mm / ih)
            w, h = iw * scale, ih * scale
            canvas.drawImage(self.logo, LEFT, top - h, w, h, mask="auto")
            self.logo_height = h
            name_left = LEFT + w + 5 * mm
        # Contact details, right-aligned.
        lines = [*school.address_lines]
        if school.postcode.strip():
            lines.append(school.postcode.strip())
        contact = []
        if school.phone.strip():
            contact.append(f"Tel {school.phone.strip()}")
        if school.email.strip():
            contact.append(school.email.strip())
        # Shrink the block rather than let a long address run into the rule below it.
        room = top - 8 - (PAGE_HEIGHT - 42 * mm) - 8
        count = len(lines) + len(contact)
        gap = 3 if lines and contact else 0
        leading = min(11.0, (room - gap) / max(count - 1, 1))
        size = min(8.5, leading * 0.8)
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, size)
        y = top - 8
        widest = 0.0
        for line in [*lines, *contact]:
            widest = max(widest, text_width(line, SANS, size))
        for line in lines:
            draw_text(canvas, RIGHT, y, line, SANS, size, "right")
            y -= leading
        y -= gap
        for line in contact:
            draw_text(canvas, RIGHT, y, line, SANS, size, "right")
            y -= leading
        # School name, wrapped in the space the contact block leaves.
        name_width = max(RIGHT - widest - 8 * mm - name_left, 60 * mm)
        style = SCHOOL_NAME_STYLE
        para = Paragraph(escape(school.name), style)
        _, h = para.wrap(name_width, 40 * mm)
        if h > 3 * style.leading:
            style = ParagraphStyle("SchoolNameSmall", parent=style, fontSize=13, leading=15.5)
            para = Paragraph(escape(school.name), style)
            _, h = para.wrap(name_width, 40 * mm)
        if self.logo is not None:
            # Centre the name on the logo; a tall name simply starts at the top.
            logo_h = self.logo_height
            para.drawOn(canvas, name_left, top - max(h, (logo_h + h) / 2))
        else:
            para.drawOn(canvas, name_left, top - h)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        rule_y = PAGE_HEIGHT - 42 * mm
        canvas.line(LEFT, rule_y, RIGHT, rule_y)
        # Fold marks for A4 in thirds, so the address lands in the window.
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for y in (PAGE_HEIGHT - 99 * mm, PAGE_HEIGHT - 198 * mm):
            canvas.line(5 * mm, y, 9 * mm, y)

    def _draw_footer(self, canvas: Canvas) -> None:
        school = self.school
        parts = [school.name.strip()]
        if school.ico_registration.strip():
            parts.append(f"ICO registration {school.ico_registration.strip()}")
        if school.urn.strip():
            parts.append(f"URN {school.urn.strip()}")
        text = "  \u00b7  ".join(parts)
        size = 7.5
        room = RIGHT - LEFT - 25 * mm  # leave the page number its place
        while size > 5.5 and stringWidth(text, SANS, size) > room:
            size -= 0.25
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, 17 * mm, RIGHT, 17 * mm)
        canvas.setFont(SANS, size)
        canvas.setFillColor(MUTED)
        draw_text(canvas, LEFT, 12 * mm, text, SANS, size)


def _logo(school: SchoolProfile) -> ImageReader | None:
    if not school.logo_png:
        return None
    try:
        reader = ImageReader(io.BytesIO(school.logo_png))
        reader.getSize()
    except Exception as exc:  # Pillow raises several types for a broken image
        raise ValidationError(
            "The school logo could not be read. Choose a PNG image again in Settings.", "logo_png"
        ) from exc
    return reader


def render_prepared(
    letters: Sequence[PreparedLetter],
    *,
    title: str = "Letter",
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
    document: type[LetterDocument] = LetterDocument,
) -> bytes:
    """Lay out prepared letters (same school) into one PDF, each with its own page numbers;
    `document` is the layout (a letter type with its own additions subclasses it)."""
    if not letters:
        raise ValueError("No letters to render.")
    register_fonts()
    buffer = io.BytesIO()
    doc = document(buffer, letters[0].data.school, len(letters), progress, is_cancelled, title)
    doc.build([_PendingLetter(i, letter) for i, letter in enumerate(letters)])
    if progress is not None:
        progress(len(letters), len(letters))
    return buffer.getvalue()


def render_letter(data: LetterData, template: LetterTemplate, *, title: str = "Letter") -> bytes:
    """One letter as PDF bytes. Pure: no files, no database, no Qt."""
    return render_prepared([prepare(data, template)], title=title)
