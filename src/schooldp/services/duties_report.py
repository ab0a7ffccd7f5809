"""The annual report's accountability figures: DPIAs, retention and disposal, training, policies.
Counts only (the report goes to governors); drawn from each service, as of the session clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from schooldp.documents.annual_duties import DutiesFigures
from schooldp.domain.dpia import DpiaStage
from schooldp.domain.policies import CheckState, ReviewState
from schooldp.domain.training import TrainingStatus
from schooldp.services.dpia import DpiaService
from schooldp.services.policies import PoliciesService
from schooldp.services.retention import RetentionService
from schooldp.services.school import SchoolSession
from schooldp.services.training import TrainingService

__all__ = ["duties_figures"]


def _dpia_figures(session: SchoolSession, start: date, end: date) -> dict[str, int]:
    today = session.clock.today()
    dpias = DpiaService(session).assessments()
    stages = [d.stage(today) for d in dpias]
    approved = [d.sign_off.head_approved_on for d in dpias if d.sign_off.approved]
    return {
        "dpias": len(dpias),
        "dpias_signed_off": sum(1 for day in approved if day is not None and start <= day <= end),
        "dpias_awaiting_sign_off": stages.count(DpiaStage.AWAITING_SIGN_OFF),
        "dpias_prior_consultation": sum(d.prior_consultation_needed for d in dpias),
        "dpias_review_due": stages.count(DpiaStage.REVIEW_DUE),
    }


def _retention_figures(session: SchoolSession, start: date, end: date) -> dict[str, int]:
    disposals = [d for d in RetentionService(session).disposals() if start <= d.disposed_on <= end]
    since = datetime(start.year, start.month, start.day, tzinfo=UTC)
    until = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1)
    purges = [
        e for e in session.activity(limit=100_000, since=since, until=until) if e.action == "retention.purged"
    ]
    return {
        "disposals": len(disposals),
        "certificates_missing": sum(d.certificate_missing for d in disposals),
        "purges": len(purges),
    }


def _training_figures(session: SchoolSession, start: date, end: date) -> dict[str, int]:
    service = TrainingService(session)
    statuses = [t.status for t in service.statuses()]
    sessions = [s for s in service.sessions() if start <= s.held_on <= end]
    return {
        "staff": len(statuses),
        "staff_in_date": statuses.count(TrainingStatus.IN_DATE) + statuses.count(TrainingStatus.DUE),
        "staff_overdue": statuses.count(TrainingStatus.OVERDUE),
        "staff_never": statuses.count(TrainingStatus.NEVER),
        "sessions": len(sessions),
        "attendances": sum(len(s.attendees) for s in sessions),
        "refresher_months": service.refresher_months(),
    }


def _policy_figures(session: SchoolSession, end: date) -> dict[str, int]:
    service = PoliciesService(session)
    today = session.clock.today()
    states = [d.state(today) for d in service.documents(seed=False)]
    year = service.latest_year()
    return {
        "policies": len(states),
        "policies_in_date": states.count(ReviewState.IN_DATE) + states.count(ReviewState.DUE_SOON),
        "policies_to_review": states.count(ReviewState.OVERDUE) + states.count(ReviewState.NOT_APPROVED),
        "checklist_met": sum(e.state is CheckState.MET for e in service.checklist(year)),
        "checklist_year": year,
    }


def duties_figures(session: SchoolSession, start: date, end: date) -> DutiesFigures:
    return DutiesFigures(
        **_dpia_figures(session, start, end),
        **_retention_figures(session, start, end),
        **_training_figures(session, start, end),
        **_policy_figures(session, end),
    )
