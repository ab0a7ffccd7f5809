"""`RequestService`: the Requests page's use cases, one class built from one part per use case."""

from __future__ import annotations

from schooldp.services.requests.casework import CaseworkUseCases
from schooldp.services.requests.complaints import ComplaintUseCases
from schooldp.services.requests.export import ExportUseCases
from schooldp.services.requests.intake import IntakeUseCases
from schooldp.services.requests.letters import LetterUseCases
from schooldp.services.requests.timeline import TimelineUseCases


class RequestService(
    IntakeUseCases,
    CaseworkUseCases,
    ComplaintUseCases,
    TimelineUseCases,
    LetterUseCases,
    ExportUseCases,
):
    """Rights requests and complaints from the day they arrive to the day they close.

    Each part is one use case over the shared `RequestRecords` base: intake (log), the clock
    (ask, reply received, extend), casework (status, ID, searches, disclosure, the pupil's
    rights, unfounded or excessive), complaints, the timeline, letters and the export. Time is
    read from `session.clock`.
    """
