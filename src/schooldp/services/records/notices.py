"""Generate, keep and check privacy notices: each is stored as published, with the record
revision it reflects, so a later change to the record shows it as out of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from schooldp.documents import privacy_notice, privacy_notice_html
from schooldp.domain.errors import ValidationError
from schooldp.domain.records import NoticeAudience, NoticeStatus
from schooldp.services.records.activities import load_activities
from schooldp.services.records.history import latest_revision, stored_now
from schooldp.services.records.notice_content import build_notice
from schooldp.services.records.organisations import load_organisations
from schooldp.services.school import SchoolSession
from schooldp.storage.records_models import PrivacyNoticeRow

__all__ = ["GeneratedNotice", "NoticeInfo", "generate_notice", "latest_notice", "notice_statuses"]


@dataclass(frozen=True)
class GeneratedNotice:
    audience: NoticeAudience
    pdf: bytes
    html: str
    revision: int


@dataclass(frozen=True)
class NoticeInfo:
    """One row of the notices tab: the audience, when last generated, whether out of date."""

    audience: NoticeAudience
    status: NoticeStatus
    generated_at: datetime | None  # aware UTC
    generated_by: str

    @property
    def state_text(self) -> str:
        if not self.status.generated:
            return "Not yet generated"
        return "Out of date: the record has changed" if self.status.out_of_date else "Up to date"


def generate_notice(session: SchoolSession, audience: NoticeAudience) -> GeneratedNotice:
    """Write the notice from the record as it is now, keep it in the vault, and return it."""
    activities = load_activities(session)
    if not any(audience.concerns(a.subjects) for a in activities):
        raise ValidationError(
            f"The record has no activity about {audience.label.lower()} yet: adopt the starter record or add one.",
            "audience",
        )
    document = build_notice(
        audience, session.profile(), activities, load_organisations(session), session.clock.today()
    )
    pdf, html = privacy_notice.render(document), privacy_notice_html.render_html(document)
    revision = latest_revision(session, audience)
    with session.change() as ch:
        ch.session.add(
            PrivacyNoticeRow(
                audience=audience.value,
                revision=revision,
                generated_at=stored_now(session),
                generated_by=session.account.display_name,
                pdf=pdf,
                html=html,
            )
        )
        ch.record("records.notice_generated", "privacy_notice", audience.value, f"{audience.title} generated")
    return GeneratedNotice(audience, pdf, html, revision)


def latest_notice(session: SchoolSession, audience: NoticeAudience) -> GeneratedNotice | None:
    with session.read() as s:
        row = s.scalars(
            select(PrivacyNoticeRow)
            .where(PrivacyNoticeRow.audience == audience.value)
            .order_by(PrivacyNoticeRow.id.desc())
        ).first()
        if row is None:
            return None
        return GeneratedNotice(audience, bytes(row.pdf), row.html, row.revision)


def notice_statuses(session: SchoolSession) -> list[NoticeInfo]:
    out: list[NoticeInfo] = []
    with session.read() as s:
        rows = list(s.scalars(select(PrivacyNoticeRow).order_by(PrivacyNoticeRow.id)))
    last = {row.audience: row for row in rows}
    for audience in NoticeAudience:
        row = last.get(audience.value)
        status = NoticeStatus(audience, row.revision if row else None, latest_revision(session, audience))
        out.append(
            NoticeInfo(
                audience,
                status,
                row.generated_at.replace(tzinfo=UTC) if row else None,
                row.generated_by if row else "",
            )
        )
    return out
