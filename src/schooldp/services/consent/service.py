"""ConsentService: the consent registers' use cases, one call each, for pages, letters and reports.

The history is append-only; every state shown anywhere comes from `domain.consent.derive_state`
over it. Time comes from the session's clock; a `today` argument, where given, is the day the
work is done on (the demo school records a past year this way).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from schooldp.documents.consent_class_list import ClassListData
from schooldp.domain.calendar import school_day_on_or_after
from schooldp.domain.consent import (
    ConsentEvent,
    ConsentEventKind,
    ConsentPurpose,
    ConsentStatus,
    Coverage,
    Lapse,
)
from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Pupil
from schooldp.services.consent import (
    forms,
    history,
    matrix,
    printouts,
    purposes,
    recording,
    renewal,
    tasks,
    withdrawal_letter,
)
from schooldp.services.consent.values import (
    Answer,
    ConsentMatrix,
    FollowUpTask,
    HistoryEntry,
    PeopleSource,
    RecordResult,
)
from schooldp.services.letters import BatchOutcome, LetterJob
from schooldp.services.requests.calendar import load_school_calendar
from schooldp.services.school import SchoolSession

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from schooldp.services.consent.recording import FormDetails

__all__ = ["ConsentService"]


class ConsentService:
    def __init__(self, session: SchoolSession, people: PeopleSource | None = None) -> None:
        self.session = session
        self._people = people

    @property
    def people(self) -> PeopleSource:
        if self._people is None:
            from schooldp.services.people import PeopleService

            self._people = PeopleService(self.session)
        return self._people

    def _day(self, today: date | None) -> date:
        """The day the work is done on: the one given, else today on the session's clock."""
        return today or self.session.clock.today()

    # ---- purposes --------------------------------------------------------------------------
    def purposes(self, include_inactive: bool = False) -> tuple[ConsentPurpose, ...]:
        """The school's purposes, in order; the defaults are saved on first use."""
        return purposes.load_purposes(self.session, include_inactive)

    def purpose(self, key: str) -> ConsentPurpose:
        return purposes.find_purpose(self.purposes(include_inactive=True), key)

    def add_purpose(self, purpose: ConsentPurpose) -> ConsentPurpose:
        """Add a purpose the school asks about itself (a trip photographer, a partner app)."""
        return purposes.add_purpose(self.session, purpose, self.purposes(include_inactive=True))

    def update_purpose(self, purpose: ConsentPurpose) -> ConsentPurpose:
        """Change who may consent, from what age and for how long. History is untouched."""
        return purposes.update_purpose(self.session, purpose)

    # ---- recording -------------------------------------------------------------------------
    def record(
        self,
        pupil_id: int,
        purpose_key: str,
        kind: ConsentEventKind,
        *,
        today: date | None = None,
        **details: Unpack[FormDetails],
    ) -> RecordResult:
        """Record one entry; a withdrawal also creates its follow-up tasks."""
        return self.record_form(pupil_id, [Answer(purpose_key, kind)], today=today, **details)

    def record_form(
        self,
        pupil_id: int,
        answers: Sequence[Answer],
        *,
        today: date | None = None,
        **details: Unpack[FormDetails],
    ) -> RecordResult:
        """Record a returned form (several purposes, one person) in one transaction: all or none."""
        form = recording.ReturnedForm(pupil_id, tuple(answers), **details)
        return recording.record_form(self.session, self.people, form, self._day(today))

    # ---- reading ---------------------------------------------------------------------------
    def events_for(self, pupil_id: int) -> list[ConsentEvent]:
        return history.events_for(self.session, pupil_id)

    def all_events(self) -> dict[int, list[ConsentEvent]]:
        """Every entry, grouped by pupil, from one query (the fast path of the matrix)."""
        return history.all_events(self.session)

    def history(self, pupil_id: int) -> list[HistoryEntry]:
        """The full history, newest first, with who gave each answer."""
        events = self.events_for(pupil_id)
        titles = {p.key: p.title for p in self.purposes(include_inactive=True)}
        return history.history_entries(events, titles, self.people, pupil_id)

    def statuses(self, pupil: Pupil, today: date | None = None) -> list[tuple[ConsentPurpose, ConsentStatus]]:
        """Every purpose's state for one pupil."""
        today = self._day(today)
        assert pupil.id is not None
        events = self.events_for(pupil.id)
        return [(p, matrix.pupil_status(events, p, today, pupil)) for p in self.purposes()]

    def status(self, pupil_id: int, purpose_key: str, today: date | None = None) -> ConsentStatus:
        pupil = self.people.pupil(pupil_id)
        events = self.events_for(pupil_id)
        return matrix.pupil_status(events, self.purpose(purpose_key), self._day(today), pupil)

    def matrix(self, today: date | None = None, pupils: Sequence[Pupil] | None = None) -> ConsentMatrix:
        """States of every pupil x purpose: one query for the history, derived in Python."""
        today = self._day(today)
        if pupils is None:
            pupils = self.people.pupils()
        return matrix.build_matrix(pupils, self.purposes(), self.all_events(), today)

    def coverage(
        self, today: date | None = None, pupils: Sequence[Pupil] | None = None
    ) -> dict[str, Coverage]:
        return self.matrix(today, pupils).coverage

    # ---- follow-up tasks -----------------------------------------------------------------------
    def tasks(self, *, include_done: bool = True, pupil_id: int | None = None) -> list[FollowUpTask]:
        titles = {p.key: p.title for p in self.purposes(include_inactive=True)}
        return tasks.list_tasks(self.session, titles, include_done=include_done, pupil_id=pupil_id)

    def open_tasks(self) -> list[FollowUpTask]:
        """Withdrawal follow-ups not yet done, earliest due first (for the dashboard)."""
        return self.tasks(include_done=False)

    def complete_task(self, task_id: int, note: str = "", today: date | None = None) -> FollowUpTask:
        done = tasks.complete_task(self.session, task_id, note, self._day(today))
        return replace(done, purpose_title=self.purpose(done.purpose_key).title)

    # ---- renewal -----------------------------------------------------------------------------
    def renewal_due(self, year_start: date, pupils: Sequence[Pupil] | None = None) -> list[Lapse]:
        """Answers that stop counting on `year_start` and have not been marked yet."""
        pupils = list(self.people.pupils() if pupils is None else pupils)
        events = self.all_events()
        return renewal.renewal_due(pupils, self.purposes(), events, year_start)

    def renew(self, year_start: date, pupils: Sequence[Pupil] | None = None) -> list[Lapse]:
        """Mark lapsed answers EXPIRED at the start of the school year (a LAPSED entry each).

        Running it twice records nothing new. Print forms for `{l.pupil_id for l in lapses}`.
        """
        pupils = list(self.people.pupils() if pupils is None else pupils)
        lapses = self.renewal_due(year_start, pupils)
        if lapses:
            renewal.record_lapses(self.session, lapses, pupils, year_start)
        return lapses

    # ---- letters and printouts ---------------------------------------------------------------
    def form_jobs(
        self,
        pupils: Sequence[Pupil],
        *,
        return_by: date,
        today: date | None = None,
        purpose_keys: Sequence[str] | None = None,
    ) -> list[LetterJob]:
        """Pre-filled consent forms, one per pupil, to the first parent or carer with parental
        responsibility (or to the pupil once every purpose has passed to them)."""
        today = self._day(today)
        school = self.session.profile()
        # The slip can only come back on a day the school is open (the school calendar).
        return_by = school_day_on_or_after(return_by, load_school_calendar(self.session), school.nation)
        chosen = [p for p in self.purposes() if purpose_keys is None or p.key in purpose_keys]
        return forms.form_jobs(school, self.people, chosen, pupils, return_by=return_by, today=today)

    def render_forms(
        self,
        jobs: Sequence[LetterJob],
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> list[bytes]:
        """One PDF per consent form, in the school's wording; safe on a worker thread."""
        return printouts.render_forms(self.session, jobs, progress, is_cancelled)

    def render_forms_setting_aside(
        self,
        jobs: Sequence[LetterJob],
        progress: Callable[[int, int], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> BatchOutcome:
        """One PDF per form; a form that cannot be printed is set aside with its reason."""
        return printouts.render_forms_setting_aside(self.session, jobs, progress, is_cancelled)

    def withdrawal_letter_job(self, event_id: int, today: date | None = None) -> LetterJob:
        """The letter confirming a withdrawal to whoever withdrew (or the first parent)."""
        today = self._day(today)
        event, actions = withdrawal_letter.load_withdrawal(self.session, event_id)
        pupil = self.people.pupil(event.pupil_id)
        purpose = self.purpose(event.purpose_key)
        return withdrawal_letter.withdrawal_letter_job(
            self.session, self.people, event, actions, pupil, purpose, today
        )

    def withdrawal_letter(self, event_id: int, today: date | None = None) -> tuple[LetterJob, bytes]:
        """The confirmation letter's job and its PDF, in the school's wording."""
        job = self.withdrawal_letter_job(event_id, today)
        return job, printouts.render_letter(self.session, printouts.WITHDRAWAL_LETTER, job)

    def class_list(
        self,
        pupils: Sequence[Pupil],
        purpose_keys: Sequence[str],
        class_name: str,
        today: date | None = None,
    ) -> ClassListData:
        """The trip leader's list for these pupils: allowed only where consent is in force."""
        today = self._day(today)
        chosen = [p for p in self.purposes() if p.key in purpose_keys]
        if not chosen:
            raise ValidationError("Choose at least one purpose for the list.", "purposes")
        states = matrix.build_matrix(pupils, chosen, self.all_events(), today)
        return printouts.class_list_data(self.session.profile().name, states, chosen, class_name)

    def class_list_pdf(
        self,
        pupils: Sequence[Pupil],
        purpose_keys: Sequence[str],
        class_name: str,
        today: date | None = None,
    ) -> bytes:
        """The trip leader's list as a PDF to preview, print or save."""
        return printouts.class_list_pdf(self.class_list(pupils, purpose_keys, class_name, today))

    def note_printed(self, what: str, count: int) -> None:
        """Audit that a list with personal data was printed or saved (ids and counts only)."""
        printouts.note_printed(self.session, what, count)
