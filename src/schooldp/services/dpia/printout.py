"""The DPIA printout: the assessment on the letterhead (documents.dpia_report)."""

from __future__ import annotations

from schooldp.documents import dpia_report
from schooldp.domain.dpia import Dpia
from schooldp.services.school import SchoolSession

__all__ = ["dpia_pdf"]


def dpia_pdf(session: SchoolSession, dpia: Dpia, activity_name: str) -> bytes:
    today = session.clock.today()
    return dpia_report.render(
        dpia_report.DpiaDocument(
            school=session.profile(),
            dpia=dpia,
            activity_name=activity_name,
            stage=dpia.stage(today),
            prepared_on=today,
            prepared_by=session.account.display_name,
        )
    )
