"""The Appendix 1 triage wizard: one page per step, each saved and stamped as you move on.

The decisions live in `flows.breach_triage.BreachTriageFlow` (nextId asks it, isComplete asks
its checks); pages only turn widgets into `TriageData`. Reopening a breach replays the saved
steps so Back works, then stops at the first unfinished step. The 72-hour clock is on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QWidget,
    QWizard,
)

from schooldp.domain.breach import (
    BreachStep,
)
from schooldp.domain.deadlines import format_due
from schooldp.flows.breach_triage import (
    BreachTriageFlow,
    TriageData,
)
from schooldp.services.breaches import BreachRecord, BreachService, ClockState, countdown
from schooldp.services.school import SchoolSession
from schooldp.ui.documents import make_document
from schooldp.ui.operations import Op
from schooldp.ui.widgets.fit import fit_resize
from schooldp.ui.wizards.breach.base import StepPage, clock_style
from schooldp.ui.wizards.breach.closing_pages import ClosePage, RecordPage, ReviewPage
from schooldp.ui.wizards.breach.report_pages import (
    ContainmentPage,
    InvestigationPage,
    NotifiedPage,
)
from schooldp.ui.wizards.breach.reporting_pages import HeadteacherPage, IcoReportPage, IndividualsPage
from schooldp.ui.wizards.breach.risk_pages import ConsequencesPage, ReportabilityPage
from schooldp.ui.wizards.breach.telling_pages import ThirdPartiesPage

_SLACK = timedelta(minutes=5)  # times typed as "now" a moment ago are not "in the future"

PAGES: tuple[type[StepPage], ...] = (
    NotifiedPage,
    InvestigationPage,
    HeadteacherPage,
    ContainmentPage,
    ConsequencesPage,
    ReportabilityPage,
    IcoReportPage,
    IndividualsPage,
    ThirdPartiesPage,
    RecordPage,
    ReviewPage,
    ClosePage,
)


class BreachTriageWizard(QWizard):
    def __init__(
        self,
        session: SchoolSession,
        breach_id: int,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.service = BreachService(session)
        self.record: BreachRecord = self.service.breach(breach_id)
        self.data: TriageData = self.record.triage
        self.now: Callable[[], datetime] = now or session.clock.london_now
        self.flow = BreachTriageFlow(now=lambda: self.now() + _SLACK)
        self.read_only = self.record.is_closed or session.read_only
        self.replaying = False
        self.saved_steps: list[BreachStep] = []
        self.children_dialogs: list[QWidget] = []
        self.setWindowTitle(f"{self.record.reference}: {self.record.triage.title}")
        self.setAccessibleName("Breach triage wizard")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        fit_resize(self, 900, 760)
        self.pages: dict[BreachStep, StepPage] = {}
        for cls in PAGES:
            page = cls(self)
            self.pages[cls.step] = page
            self.setPage(cls.step.value, page)
            if self.read_only:
                page.content.setEnabled(True)
                for w in page.content.findChildren(QWidget):
                    if not isinstance(w, QPushButton | QScrollArea | QTextBrowser | QLabel):
                        w.setEnabled(False)
        self.setStartId(BreachStep.DPO_NOTIFIED.value)
        self.timer = QTimer(self)
        self.timer.setInterval(30_000)
        self.timer.timeout.connect(self.update_clock)
        self.timer.start()
        self.restart()
        self._resume()

    def _resume(self) -> None:
        """Replay saved steps (so Back works) and stop at the first unfinished one."""
        target = self.record.resume_step or BreachStep.CLOSE
        self.replaying = True
        try:
            guard = 0
            while self.currentId() != target.value and guard < 12:
                before = self.currentId()
                self.next()
                guard += 1
                if self.currentId() == before:
                    break
        finally:
            self.replaying = False

    def current_data(self) -> TriageData:
        page = self.currentPage()
        return page.collect(self.data) if isinstance(page, StepPage) else self.data

    def nextId(self) -> int:  # noqa: N802 - Qt name: the flow decides the path
        if self.currentId() < 0:
            return BreachStep.DPO_NOTIFIED.value
        step = BreachStep(self.currentId())
        nxt = self.flow.resolve_next(step, self.current_data())
        return -1 if nxt is None else nxt.value

    def update_clock(self) -> None:
        page = self.currentPage()
        if not isinstance(page, StepPage):
            return
        d = self.current_data()
        if d.aware_at is None:
            page.clock.setText("Enter when the school became aware to start the 72-hour clock.")
            return
        not_needed = ""
        if d.is_near_miss:
            not_needed = "Near miss: no ICO report needed"
        elif d.decision is not None and not d.decision.report_to_ico:
            not_needed = "Not reportable (DPO's decision)"
        initial = self.record.initial_report
        cd = countdown(
            d.aware_at,
            self.now(),
            reported_at=initial.submitted_at if initial else None,
            not_needed=not_needed,
        )
        deadline = "" if cd.state is ClockState.NOT_NEEDED else f"   ·   ICO deadline {format_due(cd.due)}"
        page.clock.setText(f"{cd.text}{deadline}   ·   {self.record.reference}")
        page.clock.setStyleSheet(clock_style(cd.state))

    # ---- documents and letters -----------------------------------------------------------------
    def _record_now(self) -> BreachRecord:
        return replace(self.record, triage=self.current_data())

    def show_ico_pack(self, follow_up: bool = False) -> Op[object]:
        """Build the ICO report pack on a worker; its preview opens when it is ready."""
        from schooldp.services.breaches import ico_pack
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        record = self._record_now()  # read from the screen here; the worker touches no widget

        def build() -> tuple[bytes, tuple[tuple[str, str], ...]]:
            pack = ico_pack(self.session, record, follow_up=follow_up)
            return pack.render(), pack.sections

        def show(made: tuple[bytes, tuple[tuple[str, str], ...]]) -> None:
            pdf, sections = made
            stem = f"{record.reference} ICO report"
            self._open(BreachPdfDialog(self.session, record.id, pdf, stem, "ICO report pack", self, sections))

        return make_document(self, "ICO report pack", build, show, label="Preparing the pack…")

    def show_decision_record(self) -> Op[bytes]:
        """Build the decision record on a worker; its preview opens when it is ready."""
        from schooldp.services.breaches import decision_record_pdf
        from schooldp.ui.dialogs.breach_pdf import BreachPdfDialog

        record = self._record_now()

        def show(pdf: bytes) -> None:
            stem = f"{record.reference} decision record"
            self._open(BreachPdfDialog(self.session, record.id, pdf, stem, "Decision record", self))

        return make_document(self, "Decision record", lambda: decision_record_pdf(self.session, record), show)

    def prepare_letters(self) -> None:
        from schooldp.ui.dialogs.breach_letters import BreachLettersDialog

        dialog = BreachLettersDialog(self.session, self._record_now(), self)
        dialog.finished.connect(lambda *_: self._after_letters())
        self._open(dialog)

    def _after_letters(self) -> None:
        self.record = replace(self.service.breach(self.record.id), triage=self.data)
        page = self.pages[BreachStep.INDIVIDUALS]
        if isinstance(page, IndividualsPage):
            page.refresh_issued()

    def deletion_letter(self) -> None:
        from schooldp.ui.dialogs.breach_letters import DeletionRequestDialog

        self._open(DeletionRequestDialog(self.session, self._record_now(), self))

    def people_told_by_letter(self) -> int:
        from schooldp.services.breaches import people_told_by_letter

        return people_told_by_letter(self.session, self.service.breach(self.record.id))

    def letters_issued(self) -> int:
        from schooldp.services.letters import LetterService

        return len(LetterService(self.session).issued(case_kind="breach", case_id=self.record.id))

    def _open(self, dialog: QWidget) -> None:
        self.children_dialogs.append(dialog)
