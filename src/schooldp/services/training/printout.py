"""The attendance sheet to sign, on the letterhead (documents.training_sheet)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schooldp.documents import training_sheet
from schooldp.domain.people import Staff
from schooldp.domain.training import Course
from schooldp.services.school import SchoolSession

__all__ = ["attendance_sheet_pdf"]


def attendance_sheet_pdf(
    session: SchoolSession, course: Course, held_on: date, trainer: str, staff: Sequence[Staff]
) -> bytes:
    return training_sheet.render(
        training_sheet.SheetDocument(
            school=session.profile(),
            course=course.title,
            held_on=held_on,
            trainer=trainer,
            people=tuple((s.name, s.role) for s in staff),
        )
    )
