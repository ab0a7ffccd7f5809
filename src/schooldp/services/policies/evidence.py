"""What SchoolDP already holds, by accountability category: counts from each register, never names.
Each line tells the DPO where to look (the page) so the checklist links to the records."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from schooldp.domain.dpia import DpiaStage
from schooldp.domain.policies import PolicyDocument, ReviewState
from schooldp.domain.training import TrainingStatus
from schooldp.services.dpia import DpiaService
from schooldp.services.records import RecordsService
from schooldp.services.retention import RetentionService
from schooldp.services.school import SchoolSession
from schooldp.services.training import TrainingService
from schooldp.storage.breach_models import BreachRow
from schooldp.storage.request_models import RequestRow

__all__ = ["holdings"]


def _count(session: SchoolSession, model: type[BreachRow] | type[RequestRow]) -> int:
    with session.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def holdings(session: SchoolSession, documents: Sequence[PolicyDocument]) -> dict[str, str]:
    today = session.clock.today()
    profile = session.profile()
    records = RecordsService(session)
    activities = records.activities()
    orgs = records.organisations()
    notices = records.notice_statuses()
    dpias = DpiaService(session).assessments()
    signed = sum(d.stage(today) in (DpiaStage.SIGNED_OFF, DpiaStage.REVIEW_DUE) for d in dpias)
    staff = TrainingService(session).statuses()
    in_date = sum(t.status in (TrainingStatus.IN_DATE, TrainingStatus.DUE) for t in staff)
    schedule = RetentionService(session).schedule()
    disposals = RetentionService(session).disposals()
    docs_ok = sum(d.state(today) in (ReviewState.IN_DATE, ReviewState.DUE_SOON) for d in documents)
    return {
        "leadership": f"DPO: {profile.dpo.name or 'not named'} (Settings); annual report to governors (Dashboard)",
        "policies": f"{len(documents)} documents, {docs_ok} approved and in date (Policies)",
        "training": f"{in_date} of {len(staff)} staff trained within the refresher period (Training)",
        "rights": f"{_count(session, RequestRow)} requests on the register (Requests)",
        "transparency": f"{sum(not n.status.out_of_date for n in notices)} of {len(notices)} privacy notices up to date (Records)",
        "ropa": f"{len(activities)} processing activities, {sum(not a.gaps() for a in activities)} complete (Records)",
        "contracts": f"{len(orgs)} organisations, {sum(not o.gaps() for o in orgs)} with nothing left to do (Records)",
        "risks": f"{len(dpias)} DPIAs, {signed} signed off (DPIAs)",
        "records_security": (
            f"Retention set for {sum(e.review_due is not None for e in schedule)} of {len(schedule)} activities; "
            f"{len(disposals)} disposals logged (Retention)"
        ),
        "breaches": f"{_count(session, BreachRow)} breaches on the register (Breaches)",
    }
