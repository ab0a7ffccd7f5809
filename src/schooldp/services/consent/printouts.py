"""What the consent pages print: the trip leader's list, consent forms, withdrawal letters.

Pages get PDF bytes and the letter types from here, so they never reach into `documents`.
Printing or saving a list with personal data is noted in the activity log (ids and counts only).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schooldp.documents import consent_form, consent_withdrawal
from schooldp.documents.consent_class_list import ClassListData, ClassListRow
from schooldp.documents.consent_class_list import render as render_class_list
from schooldp.documents.letter_type import LetterType
from schooldp.domain.consent import ConsentPurpose, may_proceed
from schooldp.services.consent.matrix import short_title
from schooldp.services.consent.values import ConsentMatrix
from schooldp.services.letters import BatchOutcome, LetterJob, LetterService
from schooldp.services.school import SchoolSession

__all__ = [
    "FORM_LETTER",
    "WITHDRAWAL_LETTER",
    "class_list_data",
    "class_list_pdf",
    "note_printed",
    "render_forms",
    "render_letter",
]

FORM_LETTER: LetterType = consent_form.LETTER
WITHDRAWAL_LETTER: LetterType = consent_withdrawal.LETTER


def class_list_data(
    school_name: str, matrix: ConsentMatrix, purposes: Sequence[ConsentPurpose], class_name: str
) -> ClassListData:
    """Per pupil and purpose: allowed only where consent is in force (not answered is "No")."""
    rows = tuple(
        ClassListRow(
            row.pupil.display_name,
            tuple(may_proceed(st, p) for st, p in zip(row.statuses, purposes, strict=True)),
        )
        for row in matrix.rows
    )
    return ClassListData(
        school_name=school_name,
        class_name=class_name,
        printed_on=matrix.today,
        columns=tuple(short_title(p) for p in purposes),
        rows=rows,
    )


def class_list_pdf(data: ClassListData) -> bytes:
    return render_class_list(data)


def render_forms(
    session: SchoolSession,
    jobs: Sequence[LetterJob],
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> list[bytes]:
    """One PDF per consent form, in the school's wording; safe on a worker thread."""
    return LetterService(session).render_batch(FORM_LETTER, jobs, progress, is_cancelled)


def render_forms_setting_aside(
    session: SchoolSession,
    jobs: Sequence[LetterJob],
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BatchOutcome:
    """Like :func:`render_forms`, but a form that cannot be printed is set aside with its reason."""
    return LetterService(session).render_batch_setting_aside(FORM_LETTER, jobs, progress, is_cancelled)


def render_letter(session: SchoolSession, letter_type: LetterType, job: LetterJob) -> bytes:
    return LetterService(session).render(letter_type, job.data)


def note_printed(session: SchoolSession, what: str, count: int) -> None:
    """Audit that a list with personal data was printed or saved (ids and counts only)."""
    if session.read_only:
        return
    with session.change() as ch:
        ch.record("consent.printed", "consent", "", f"{what} printed ({count} pupils)")
