"""Issuing letters: render with the school's wording, record each one in the vault, reprint exactly.

Every feature issues its letters through here, so the Letters page lists them all and nothing
with personal data is written outside the vault unless the user chooses where.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

import schooldp.documents.registry as _registry
import schooldp.documents.templates as _templates
from schooldp.documents import LetterData, page_count, pdf_sha256
from schooldp.documents.letter_type import LetterType as LetterType  # re-exported for the interface
from schooldp.domain.errors import SchoolDPError
from schooldp.services.dataclass_copy import build_from
from schooldp.services.school import SchoolSession
from schooldp.storage.models import AccountRow, LetterRow, LetterWordingRow


@dataclass(frozen=True)
class Recipient:
    """Who a letter goes to, as the log shows it: a name and a reference, never more."""

    name: str
    kind: str = "other"  # contact / pupil / staff / other
    ref: str = ""


@dataclass(frozen=True)
class IssuedLetter:
    id: int
    letter_type: str
    title: str
    recipient_name: str
    recipient_kind: str
    recipient_ref: str
    case_kind: str
    case_id: str
    issued_at: datetime
    issued_by: str
    sha256: str
    pages: int
    batch_id: str
    has_pdf: bool


@dataclass(frozen=True)
class LetterJob:
    """One letter of a batch: the data to render and who it is for."""

    data: LetterData
    recipient: Recipient


@dataclass(frozen=True)
class BatchOutcome:
    """What a batch printed and what it set aside (with the reason, for the person printing)."""

    printed: tuple[tuple[LetterJob, bytes], ...]
    set_aside: tuple[tuple[LetterJob, str], ...]

    def summary(self) -> str:
        """ "29 printed, 1 could not be printed: ..." (empty when everything printed)."""
        if not self.set_aside:
            return ""
        count = len(self.set_aside)
        reasons = " ".join(
            f"{job.recipient.name or job.data.recipient_name}: {why}" for job, why in self.set_aside
        )
        return (
            f"{len(self.printed):,} printed, {count:,} could not be printed (set aside, not recorded): "
            f"{reasons} Correct the record and print {'it' if count == 1 else 'them'} again."
        )


class LetterService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    def _stored_now(self) -> datetime:
        """The session clock's moment as the log stores it: naive UTC."""
        return self.session.clock.now().astimezone(UTC).replace(tzinfo=None)

    # ---- wording ---------------------------------------------------------------------------
    def wording(self, letter_type: LetterType) -> str | None:
        """The school's own wording for this type, or None for the shipped default."""
        with self.session.read() as s:
            row = s.get(LetterWordingRow, letter_type.key)
            return row.wording if row else None

    def set_wording(self, letter_type: LetterType, text: str) -> None:
        letter_type.check_wording(text)
        now = self._stored_now()
        with self.session.change() as ch:
            row = ch.session.get(LetterWordingRow, letter_type.key)
            if row is None:
                row = LetterWordingRow(letter_type=letter_type.key, wording=text, updated_at=now)
                ch.session.add(row)
            else:
                row.wording, row.updated_at = text, now
            ch.record("wording.changed", "letter_type", letter_type.key, "Letter wording changed")

    def reset_wording(self, letter_type: LetterType) -> None:
        with self.session.change() as ch:
            row = ch.session.get(LetterWordingRow, letter_type.key)
            if row is not None:
                ch.session.delete(row)
            ch.record("wording.reset", "letter_type", letter_type.key, "Letter wording reset to default")

    # ---- rendering (no writes) ---------------------------------------------------------------
    def render(self, letter_type: LetterType, data: LetterData) -> bytes:
        return letter_type.render(data, self.wording(letter_type))

    def render_batch(
        self,
        letter_type: LetterType,
        jobs: Sequence[LetterJob],
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> list[bytes]:
        """One PDF per job (so each can be logged and reprinted alone); safe on a worker thread."""
        return letter_type.render_each(
            [j.data for j in jobs], self.wording(letter_type), progress=progress, is_cancelled=is_cancelled
        )

    def render_batch_setting_aside(
        self,
        letter_type: LetterType,
        jobs: Sequence[LetterJob],
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> BatchOutcome:
        """One PDF per job; a letter that cannot be printed is set aside with its reason and the
        rest still print (nothing is recorded here). Safe on a worker thread."""
        result = letter_type.render_each_setting_aside(
            [j.data for j in jobs], self.wording(letter_type), progress=progress, is_cancelled=is_cancelled
        )
        reasons = {s.index: s.reason for s in result.set_aside}
        return BatchOutcome(
            printed=tuple((j, pdf) for j, pdf in zip(jobs, result.pdfs, strict=True) if pdf is not None),
            set_aside=tuple((jobs[i], why) for i, why in sorted(reasons.items())),
        )

    # ---- the log -------------------------------------------------------------------------------
    def record(
        self,
        letter_type: LetterType,
        recipient: Recipient,
        pdf: bytes,
        *,
        case_kind: str = "",
        case_id: object = "",
        keep_pdf: bool = True,
        batch_id: str = "",
    ) -> IssuedLetter:
        """Log one issued letter (one transaction, with its audit entry)."""
        return self.record_many(
            letter_type,
            [(recipient, pdf)],
            case_kind=case_kind,
            case_id=case_id,
            keep_pdf=keep_pdf,
            batch_id=batch_id,
        )[0]

    def record_many(
        self,
        letter_type: LetterType,
        letters: Sequence[tuple[Recipient, bytes]],
        *,
        case_kind: str = "",
        case_id: object = "",
        keep_pdf: bool = True,
        batch_id: str = "",
    ) -> list[IssuedLetter]:
        """Log a batch in one transaction: all are recorded, or none."""
        if not letters:
            raise SchoolDPError("There are no letters to record.")
        batch_id = batch_id or (uuid.uuid4().hex[:12] if len(letters) > 1 else "")
        rows: list[LetterRow] = []
        now = self._stored_now()
        with self.session.change() as ch:
            for recipient, pdf in letters:
                row = LetterRow(
                    letter_type=letter_type.key,
                    title=letter_type.title,
                    recipient_name=recipient.name,
                    recipient_kind=recipient.kind,
                    recipient_ref=str(recipient.ref),
                    case_kind=case_kind,
                    case_id="" if case_id in (None, "") else str(case_id),
                    issued_at=now,
                    issued_by=self.session.account.id,
                    sha256=pdf_sha256(pdf),
                    pages=page_count(pdf),
                    batch_id=batch_id,
                    pdf=pdf if keep_pdf else None,
                )
                ch.session.add(row)
                rows.append(row)
            ch.session.flush()
            what = f"{len(rows)} letters" if len(rows) > 1 else "Letter"
            ch.record(
                "letter.issued",
                case_kind or "letter",
                case_id if case_id not in (None, "") else rows[0].id,
                f"{what} issued: {letter_type.key}",
            )
        name = self.session.account.display_name
        return [_issued(r, name) for r in rows]

    def issued(
        self,
        *,
        case_kind: str | None = None,
        case_id: object | None = None,
        letter_type: str | None = None,
        since: date | None = None,
        limit: int = 5000,
    ) -> list[IssuedLetter]:
        q = select(LetterRow, AccountRow.display_name).outerjoin(
            AccountRow, LetterRow.issued_by == AccountRow.id
        )
        if case_kind is not None:
            q = q.where(LetterRow.case_kind == case_kind)
        if case_id is not None:
            q = q.where(LetterRow.case_id == str(case_id))
        if letter_type is not None:
            q = q.where(LetterRow.letter_type == letter_type)
        if since is not None:
            q = q.where(LetterRow.issued_at >= datetime(since.year, since.month, since.day))
        q = q.order_by(LetterRow.id.desc()).limit(limit)
        with self.session.read() as s:
            return [_issued(r, name or "") for r, name in s.execute(q)]

    def pdf(self, letter_id: int) -> bytes:
        """The stored PDF for an exact reprint; checked against its recorded hash."""
        with self.session.read() as s:
            row = s.get(LetterRow, letter_id)
            if row is None:
                raise SchoolDPError("That letter is no longer in the log.")
            if row.pdf is None:
                raise SchoolDPError("This letter's PDF was not kept, so it cannot be reprinted exactly.")
            if pdf_sha256(row.pdf) != row.sha256:
                raise SchoolDPError("The stored copy of this letter does not match its record.")
            return bytes(row.pdf)

    def note_reprint(self, letter_id: int) -> None:
        with self.session.change() as ch:
            ch.record("letter.reprinted", "letter", letter_id, "Letter reprinted")


def _issued(r: LetterRow, issued_by: str) -> IssuedLetter:
    return build_from(
        IssuedLetter,
        r,
        issued_at=r.issued_at.replace(tzinfo=UTC),
        issued_by=issued_by,
        has_pdf=r.pdf is not None,
    )


# For the interface, which reaches documents only through services: the letter types SchoolDP
# can print (Letters page, wording editor) and dates as letters write them ("22 November 2026").
letter_types = _registry.letter_types
letter_type = _registry.letter_type
uk_date = _templates.uk_date
