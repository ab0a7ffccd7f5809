"""A training attendance sheet to sign, on the letterhead (policy 14: keep a record of attendance)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from schooldp.documents.breach_pdf import LEAD, TITLE, grid, kv_table, spacer
from schooldp.documents.fonts import register_fonts
from schooldp.documents.record_page import WIDTH, build_on_letterhead
from schooldp.documents.shaping import Paragraph
from schooldp.documents.templates import escape, uk_date
from schooldp.domain.school import SchoolProfile

__all__ = ["SheetDocument", "render"]


@dataclass(frozen=True)
class SheetDocument:
    school: SchoolProfile
    course: str
    held_on: date
    trainer: str
    people: tuple[tuple[str, str], ...]  # name, role


def _blank() -> Flowable:
    """An empty cell to write in (the shared table helper shows a dash for empty text)."""
    return Spacer(0, 9)


def render(doc: SheetDocument) -> bytes:
    register_fonts()
    rows: list[tuple[str | Flowable, ...]] = [
        (str(i), name, role or _blank(), _blank()) for i, (name, role) in enumerate(doc.people, 1)
    ]
    rows += [(_blank(), _blank(), _blank(), _blank()) for _ in range(3)]  # new starters, visitors
    table = grid(("#", "Name", "Role", "Signature"), rows, (10 * mm, 62 * mm, 48 * mm, WIDTH - 120 * mm))
    table.setStyle([("TOPPADDING", (0, 1), (-1, -1), 7), ("BOTTOMPADDING", (0, 1), (-1, -1), 7)])
    story: list[Flowable] = [
        Paragraph(escape(f"Training attendance: {doc.course}"), TITLE),
        Paragraph(
            escape(
                "Sign below to confirm you attended. The DPO keeps this record (policy sections 14 and 18)."
            ),
            LEAD,
        ),
        kv_table([("Date", uk_date(doc.held_on)), ("Trainer", doc.trainer or "")]),
        spacer(4),
        table,
    ]
    return build_on_letterhead(
        story, doc.school, title=f"Attendance: {doc.course}", footer="training attendance sheet"
    )
