"""Figures for the annual report's record of processing section: counts only, no names."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from schooldp.documents.annual_report import RecordsFigures
from schooldp.services.records.activities import load_activities
from schooldp.services.records.history import changes_for
from schooldp.services.records.organisations import load_organisations
from schooldp.services.school import SchoolSession
from schooldp.storage.records_models import PrivacyNoticeRow

__all__ = ["records_figures"]


def records_figures(session: SchoolSession, start: date, end: date) -> RecordsFigures:
    """Activities reviewed or changed in the period (adding one is not a review), notices published in
    it, contracts due within a year."""
    since = datetime(start.year, start.month, start.day, tzinfo=UTC)
    until = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1)
    activities = load_activities(session)
    changed = {
        c.entity_id
        for c in changes_for(session, "activity")
        if c.version > 1 and since <= c.changed_at < until
    }
    reviewed = sum(
        1
        for a in activities
        if a.id in changed or (a.reviewed_on is not None and start <= a.reviewed_on <= end)
    )
    with session.read() as s:
        published = [
            r.audience
            for r in s.scalars(select(PrivacyNoticeRow))
            if since <= r.generated_at.replace(tzinfo=UTC) < until
        ]
    horizon = session.clock.today() + timedelta(days=365)
    due = [o for o in load_organisations(session) if o.review_date is not None and o.review_date <= horizon]
    return RecordsFigures(
        activities=len(activities),
        activities_reviewed=reviewed,
        retention_unset=sum(not a.retention.is_set for a in activities),
        notices_published=len(published),
        notice_audiences=len(set(published)),
        contracts_due=tuple(
            (o.name, o.review_date)
            for o in sorted(due, key=lambda o: o.review_date or horizon)
            if o.review_date
        ),
    )
