"""Consent registers: record answers, work out states, follow up withdrawals, renew, count.

The history is append-only; every state shown anywhere comes from `domain.consent.derive_state`
over it. The matrix loads all entries in one query and derives states in Python, which keeps
2,000 pupils x 8 purposes well under half a second (see bench/consent.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select

from schooldp.documents.consent_class_list import ClassListData, ClassListRow
from schooldp.documents.letterhead import LetterData
from schooldp.domain.consent import (
    ConsentDuration,
    ConsentEvent,
    ConsentEventKind,
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentState,
    ConsentStatus,
    Coverage,
    Lapse,
    TaskTemplate,
    coverage,
    default_purposes,
    derive_state,
    may_proceed,
    renew_at_year_start,
    who_may_consent,
    withdrawal_tasks,
)
from schooldp.domain.deadlines import london_now
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.people import Contact, Pupil, YearGroup
from schooldp.services.letters import LetterJob, Recipient
from schooldp.services.school import SchoolSession
from schooldp.storage.consent_models import ConsentEventRow, ConsentPurposeRow, ConsentTaskRow

__all__ = [
    "Answer",
    "ConsentMatrix",
    "ConsentService",
    "FollowUpTask",
    "HistoryEntry",
    "MatrixRow",
    "PeopleSource",
    "RecordResult",
]


class _PupilContact(Protocol):
    contact: Contact
    relationship: str
    parental_responsibility: bool
    priority: int


class PeopleSource(Protocol):
    """What consents need from the people register (PeopleService satisfies it)."""

    def pupils(self, **kw: Any) -> list[Pupil]: ...

    def pupil(self, pupil_id: int) -> Pupil: ...

    def contacts_for(self, pupil_id: int) -> Sequence[_PupilContact]: ...

    def contact(self, contact_id: int) -> Contact: ...


# --------------------------------------------------------------------------------------------
# Values handed to the UI
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One purpose's answer on a returned form."""

    purpose_key: str
    kind: ConsentEventKind


@dataclass(frozen=True)
class FollowUpTask:
    """A job created by a withdrawal; shows on the dashboard until done."""

    id: int
    event_id: int
    pupil_id: int
    purpose_key: str
    purpose_title: str
    task_key: str
    title: str
    detail: str
    created_on: date
    due_on: date
    done_on: date | None = None
    done_by: str = ""
    done_note: str = ""

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


@dataclass(frozen=True)
class RecordResult:
    events: tuple[ConsentEvent, ...]
    tasks: tuple[FollowUpTask, ...] = ()


@dataclass(frozen=True)
class HistoryEntry:
    """An entry of the history with the names the DPO needs to read it."""

    event: ConsentEvent
    purpose_title: str
    given_by: str  # "Sarah Brown (mother)", "The pupil", "The school"
    recorded_by: str


@dataclass(frozen=True)
class MatrixRow:
    pupil: Pupil
    statuses: tuple[ConsentStatus, ...]  # in the order of ConsentMatrix.purposes


@dataclass(frozen=True)
class ConsentMatrix:
    purposes: tuple[ConsentPurpose, ...]
    rows: tuple[MatrixRow, ...]
    today: date
    coverage: dict[str, Coverage] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------


class ConsentService:
    def __init__(self, session: SchoolSession, people: PeopleSource | None = None) -> None:
        self.session = session
        self._people = people

    @property
    def people(self) -> PeopleSource:
        if self._people is None:
            from schooldp.services.people import PeopleService

            self._people = PeopleService(self.session)  # type: ignore[assignment]
        assert self._people is not None
        return self._people

    # ---- purposes --------------------------------------------------------------------------
    def purposes(self, include_inactive: bool = False) -> tuple[ConsentPurpose, ...]:
        """The school's purposes, in order; the defaults are saved on first use."""
        with self.session.read() as s:
            rows = list(s.scalars(select(ConsentPurposeRow).order_by(ConsentPurposeRow.position)))
        if not rows:
            if self.session.read_only:
                return default_purposes()
            self._seed_purposes()
            return self.purposes(include_inactive)
        return tuple(_purpose(r) for r in rows if include_inactive or r.active)

    def purpose(self, key: str) -> ConsentPurpose:
        for purpose in self.purposes(include_inactive=True):
            if purpose.key == key:
                return purpose
        raise ValidationError("That consent purpose is not in this school file.", "purpose")

    def _seed_purposes(self) -> None:
        with self.session.change() as ch:
            if ch.session.scalars(select(ConsentPurposeRow.key)).first() is not None:
                ch.record("consent.purposes_checked", "consent_purpose", "", "Purposes already present")
                return
            for i, purpose in enumerate(default_purposes()):
                row = ConsentPurposeRow(key=purpose.key, position=i * 10, updated_at=_utcnow())
                _purpose_to_row(purpose, row)
                ch.session.add(row)
            ch.record(
                "consent.purposes_seeded",
                "consent_purpose",
                "",
                f"{len(default_purposes())} standard consent purposes added",
            )

    def add_purpose(self, purpose: ConsentPurpose) -> ConsentPurpose:
        """Add a purpose the school asks about itself (a trip photographer, a partner app)."""
        existing = self.purposes(include_inactive=True)
        if any(p.key == purpose.key for p in existing):
            raise ValidationError("There is already a purpose with that short name.", "key")
        if any(p.title.strip().casefold() == purpose.title.strip().casefold() for p in existing):
            raise ValidationError("There is already a purpose with that title.", "title")
        purpose = replace(purpose, custom=True, source=purpose.source or "Added by the school")
        with self.session.change() as ch:
            last = max((r for r in ch.session.scalars(select(ConsentPurposeRow.position))), default=0)
            row = ConsentPurposeRow(key=purpose.key, position=last + 10, updated_at=_utcnow())
            _purpose_to_row(purpose, row)
            ch.session.add(row)
            ch.record("consent.purpose_added", "consent_purpose", purpose.key, "Consent purpose added")
        return purpose

    def update_purpose(self, purpose: ConsentPurpose) -> ConsentPurpose:
        """Change who may consent, from what age and for how long. History is untouched."""
        with self.session.change() as ch:
            row = ch.session.get(ConsentPurposeRow, purpose.key)
            if row is None:
                raise ValidationError("That consent purpose is not in this school file.", "purpose")
            clash = ch.session.scalars(
                select(ConsentPurposeRow.key).where(
                    ConsentPurposeRow.key != purpose.key, ConsentPurposeRow.title == purpose.title.strip()
                )
            ).first()
            if clash is not None:
                raise ValidationError("There is already a purpose with that title.", "title")
            purpose = replace(purpose, custom=row.custom)
            _purpose_to_row(purpose, row)
            row.updated_at = _utcnow()
            ch.record("consent.purpose_changed", "consent_purpose", purpose.key, "Consent purpose changed")
        return purpose

    # ---- recording -------------------------------------------------------------------------
    def record(
        self,
        pupil_id: int,
        purpose_key: str,
        kind: ConsentEventKind,
        *,
        contact_id: int | None = None,
        by_pupil: bool = False,
        method: ConsentMethod = ConsentMethod.PAPER_FORM,
        effective: date | None = None,
        evidence_note: str = "",
        school_year: date | None = None,
        today: date | None = None,
    ) -> RecordResult:
        """Record one entry; a withdrawal also creates its follow-up tasks."""
        return self.record_form(
            pupil_id,
            [Answer(purpose_key, kind)],
            contact_id=contact_id,
            by_pupil=by_pupil,
            method=method,
            effective=effective,
            evidence_note=evidence_note,
            school_year=school_year,
            today=today,
        )

    def record_form(
        self,
        pupil_id: int,
        answers: Sequence[Answer],
        *,
        contact_id: int | None = None,
        by_pupil: bool = False,
        method: ConsentMethod = ConsentMethod.PAPER_FORM,
        effective: date | None = None,
        evidence_note: str = "",
        school_year: date | None = None,
        today: date | None = None,
    ) -> RecordResult:
        """Record a returned form (several purposes, one person) in one transaction: all or none."""
        if not answers:
            raise ValidationError("Choose an answer for at least one purpose.", "answers")
        today = today or _today()
        effective = effective or today
        if effective > today + timedelta(days=366):
            raise ValidationError("The date the answer takes effect is more than a year away.", "effective")
        pupil = self.people.pupil(pupil_id)
        if effective < pupil.date_of_birth:
            raise ValidationError("The date is before the pupil was born.", "effective")
        if contact_id is not None:
            self._check_contact(pupil, contact_id)
        purposes = {p.key: p for p in self.purposes(include_inactive=True)}
        recorder = self.session.account.display_name
        now = _utcnow()
        events: list[ConsentEvent] = []
        seen: set[str] = set()
        for answer in answers:
            purpose = purposes.get(answer.purpose_key)
            if purpose is None:
                raise ValidationError("That consent purpose is not in this school file.", "purpose")
            if answer.purpose_key in seen:
                raise ValidationError(f"'{purpose.title}' was answered twice on one form.", "answers")
            seen.add(answer.purpose_key)
            asked = answer.kind is ConsentEventKind.ASKED
            event = ConsentEvent(
                purpose_key=purpose.key,
                pupil_id=pupil_id,
                kind=answer.kind,
                effective_date=effective,
                recorded_at=now,
                recorded_by=recorder,
                method=method,
                contact_id=None if asked else contact_id,
                by_pupil=False if asked else by_pupil,
                year_group=pupil.year_group,
                school_year=school_year,
                evidence_note=evidence_note.strip(),
            )
            _check_who(event, purpose, pupil)
            events.append(event)

        saved: list[ConsentEvent] = []
        tasks: list[FollowUpTask] = []
        with self.session.change() as ch:
            for event in events:
                row = _event_to_row(event, self.session.account.id)
                ch.session.add(row)
                ch.session.flush()
                saved.append(replace(event, id=row.id))
                if event.kind is ConsentEventKind.WITHDRAWN or (
                    event.kind is ConsentEventKind.PUPIL_OBJECTED
                ):
                    purpose = purposes[event.purpose_key]
                    for template in withdrawal_tasks(purpose):
                        task_row = ConsentTaskRow(
                            event_id=row.id,
                            pupil_id=pupil_id,
                            purpose_key=purpose.key,
                            task_key=template.key,
                            title=template.title,
                            detail=template.detail,
                            created_on=today,
                            due_on=today + timedelta(days=template.due_after_days),
                            done_by_name="",
                            done_note="",
                        )
                        ch.session.add(task_row)
                        ch.session.flush()
                        tasks.append(_task(task_row, purpose.title))
            counts: dict[str, int] = {}
            for event in events:
                counts[event.kind.value] = counts.get(event.kind.value, 0) + 1
            summary = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
            ch.record(
                "consent.recorded",
                "pupil",
                pupil_id,
                f"{len(events)} consent entries ({summary}); {len(tasks)} follow-up tasks",
            )
        return RecordResult(tuple(saved), tuple(tasks))

    def _check_contact(self, pupil: Pupil, contact_id: int) -> None:
        assert pupil.id is not None
        links = [c for c in self.people.contacts_for(pupil.id) if c.contact.id == contact_id]
        if not links:
            raise ValidationError("That person is not a contact of this pupil.", "contact_id")
        if not links[0].parental_responsibility:
            raise ValidationError(
                f"{links[0].contact.display_name} is not recorded with parental responsibility for "
                "this pupil, so cannot give or refuse consent. Record the answer of a parent or carer "
                "who has it.",
                "contact_id",
            )

    # ---- reading ---------------------------------------------------------------------------
    def events_for(self, pupil_id: int) -> list[ConsentEvent]:
        with self.session.read() as s:
            rows = s.scalars(select(ConsentEventRow).where(ConsentEventRow.pupil_id == pupil_id))
            return [_event(r) for r in rows]

    def all_events(self) -> dict[int, list[ConsentEvent]]:
        """Every entry, grouped by pupil, from one query.

        The fast path of the matrix: plain driver rows, and events built without re-running
        their checks, which every row passed when it was recorded (see `record_form`).
        """
        with self.session.read() as s:
            rows = s.connection().exec_driver_sql(_ALL_EVENTS_SQL).fetchall()
        return _events_from_tuples(rows)

    def history(self, pupil_id: int) -> list[HistoryEntry]:
        """The full history, newest first, with who gave each answer."""
        events = sorted(self.events_for(pupil_id), key=_order, reverse=True)
        titles = {p.key: p.title for p in self.purposes(include_inactive=True)}
        names: dict[int, str] = {}
        try:
            for link in self.people.contacts_for(pupil_id):
                if link.contact.id is not None:
                    rel = f" ({link.relationship})" if link.relationship else ""
                    names[link.contact.id] = link.contact.display_name + rel
        except SchoolDPError:
            pass
        out: list[HistoryEntry] = []
        for e in events:
            if e.by_pupil:
                who = "The pupil"
            elif e.contact_id is not None:
                who = names.get(e.contact_id) or self._contact_name(e.contact_id)
            elif e.kind is ConsentEventKind.ASKED:
                who = "Form sent by the school"
            else:
                who = "The school"
            out.append(HistoryEntry(e, titles.get(e.purpose_key, e.purpose_key), who, e.recorded_by))
        return out

    def _contact_name(self, contact_id: int) -> str:
        try:
            return self.people.contact(contact_id).display_name
        except SchoolDPError:
            return f"Contact {contact_id} (no longer on the register)"

    def statuses(self, pupil: Pupil, today: date | None = None) -> list[tuple[ConsentPurpose, ConsentStatus]]:
        """Every purpose's state for one pupil."""
        today = today or _today()
        assert pupil.id is not None
        events = self.events_for(pupil.id)
        return [(p, _derive(events, p, today, pupil)) for p in self.purposes()]

    def status(self, pupil_id: int, purpose_key: str, today: date | None = None) -> ConsentStatus:
        pupil = self.people.pupil(pupil_id)
        return _derive(self.events_for(pupil_id), self.purpose(purpose_key), today or _today(), pupil)

    def matrix(self, today: date | None = None, pupils: Sequence[Pupil] | None = None) -> ConsentMatrix:
        """States of every pupil x purpose: one query for the history, derived in Python."""
        today = today or _today()
        if pupils is None:
            pupils = self.people.pupils()
        purposes = self.purposes()
        return build_matrix(pupils, purposes, self.all_events(), today)

    # ---- follow-up tasks -----------------------------------------------------------------------
    def tasks(self, *, include_done: bool = True, pupil_id: int | None = None) -> list[FollowUpTask]:
        q = select(ConsentTaskRow)
        if not include_done:
            q = q.where(ConsentTaskRow.done_on.is_(None))
        if pupil_id is not None:
            q = q.where(ConsentTaskRow.pupil_id == pupil_id)
        q = q.order_by(ConsentTaskRow.due_on, ConsentTaskRow.id)
        titles = {p.key: p.title for p in self.purposes(include_inactive=True)}
        with self.session.read() as s:
            return [_task(r, titles.get(r.purpose_key, r.purpose_key)) for r in s.scalars(q)]

    def open_tasks(self) -> list[FollowUpTask]:
        """Withdrawal follow-ups not yet done, earliest due first (for the dashboard)."""
        return self.tasks(include_done=False)

    def complete_task(self, task_id: int, note: str = "", today: date | None = None) -> FollowUpTask:
        with self.session.change() as ch:
            row = ch.session.get(ConsentTaskRow, task_id)
            if row is None:
                raise ValidationError("That follow-up task is no longer there.", "task")
            if row.done_on is not None:
                raise ValidationError(
                    f"This task was already marked done on {row.done_on:%d %B %Y}.".replace(" 0", " "),
                    "task",
                )
            row.done_on = today or _today()
            row.done_by = self.session.account.id
            row.done_by_name = self.session.account.display_name
            row.done_note = note.strip()
            ch.record("consent.task_done", "consent_task", task_id, f"Follow-up task done: {row.task_key}")
        return _task(row, self.purpose(row.purpose_key).title)

    # ---- renewal and coverage ----------------------------------------------------------------
    def renewal_due(self, year_start: date, pupils: Sequence[Pupil] | None = None) -> list[Lapse]:
        """Answers that stop counting on `year_start` and have not been marked yet."""
        pupils = list(self.people.pupils() if pupils is None else pupils)
        events = self.all_events()
        flat = [e for evs in events.values() for e in evs]
        lapses = renew_at_year_start(pupils, self.purposes(), flat, year_start)
        done = {
            (e.pupil_id, e.purpose_key)
            for e in flat
            if e.kind is ConsentEventKind.LAPSED and e.effective_date == year_start
        }
        return [lapse for lapse in lapses if (lapse.pupil_id, lapse.purpose_key) not in done]

    def renew(self, year_start: date, pupils: Sequence[Pupil] | None = None) -> list[Lapse]:
        """Mark lapsed answers EXPIRED at the start of the school year (a LAPSED entry each).

        Running it twice records nothing new. Print forms for `{l.pupil_id for l in lapses}`.
        """
        pupils = list(self.people.pupils() if pupils is None else pupils)
        lapses = self.renewal_due(year_start, pupils)
        if not lapses:
            return []
        year_groups = {p.id: p.year_group for p in pupils}
        now = _utcnow()
        with self.session.change() as ch:
            for lapse in lapses:
                event = ConsentEvent(
                    purpose_key=lapse.purpose_key,
                    pupil_id=lapse.pupil_id,
                    kind=ConsentEventKind.LAPSED,
                    effective_date=year_start,
                    recorded_at=now,
                    recorded_by=self.session.account.display_name,
                    method=ConsentMethod.SYSTEM,
                    year_group=year_groups.get(lapse.pupil_id),
                    evidence_note="Renewal at the start of the school year",
                )
                ch.session.add(_event_to_row(event, self.session.account.id))
            ch.record(
                "consent.renewed",
                "consent_purpose",
                "",
                f"{len(lapses)} answers lapsed for {len({x.pupil_id for x in lapses})} pupils "
                f"at the start of the {year_start.year}/{year_start.year + 1 - 2000:02d} school year",
            )
        return lapses

    def coverage(
        self, today: date | None = None, pupils: Sequence[Pupil] | None = None
    ) -> dict[str, Coverage]:
        return self.matrix(today, pupils).coverage

    # ---- printing --------------------------------------------------------------------------
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
        today = today or _today()
        school = self.session.profile()
        purposes = [p for p in self.purposes() if purpose_keys is None or p.key in purpose_keys]
        links = _contacts_for_many(self.people, [p.id for p in pupils if p.id is not None])
        jobs: list[LetterJob] = []
        for pupil in pupils:
            assert pupil.id is not None
            asked = [
                p
                for p in purposes
                if who_may_consent(p, pupil.date_of_birth, today).giver is not ConsentGiver.NOBODY
            ]
            if not asked:
                continue
            to_pupil = all(
                who_may_consent(p, pupil.date_of_birth, today).giver is ConsentGiver.PUPIL for p in asked
            )
            parent = next((c for c in links.get(pupil.id, []) if c.parental_responsibility), None)
            class_name = pupil.reg_group or pupil.year_group.label
            if to_pupil or parent is None:
                name = pupil.display_name if to_pupil else f"The parent or carer of {pupil.display_name}"
                address: tuple[str, ...] = (f"{class_name} (pupil post)",)
                salutation = pupil.display_name if to_pupil else "Parent or Carer"
                recipient = Recipient(name, "pupil", f"pupil {pupil.id}")
            else:
                contact = parent.contact
                name, address, salutation = contact.display_name, contact.postal_address, contact.salutation
                if not address:
                    address = (f"{class_name} (pupil post)",)
                recipient = Recipient(name, "contact", f"contact {contact.id}")
            lines = []
            for p in asked:
                text = p.title + (f": {p.description}" if p.description else "")
                if p.duration is not ConsentDuration.UNTIL_WITHDRAWN:
                    text += f" ({p.duration.label.lower()})"
                lines.append(text)
            data = LetterData(
                school=school,
                recipient_name=name,
                recipient_address=address,
                letter_date=today,
                reference=f"CF-{pupil.id}",
                salutation=salutation,
                fields={
                    "pupil_name": pupil.display_name,
                    "class_name": class_name,
                    "return_by": return_by,
                    "purpose_list": "\n\n".join(lines),
                    "slip_purposes": "\n".join(p.title for p in asked),
                    "slip_ref": f"CF-{pupil.id}",
                    "slip_signer": "pupil" if to_pupil else "parent",
                },
            )
            jobs.append(LetterJob(data, recipient))
        return jobs

    def withdrawal_letter_job(self, event_id: int, today: date | None = None) -> LetterJob:
        """The letter confirming a withdrawal to whoever withdrew (or the first parent)."""
        today = today or _today()
        with self.session.read() as s:
            row = s.get(ConsentEventRow, event_id)
            if row is None:
                raise ValidationError("That consent entry is not in this school file.", "event")
            event = _event(row)
            task_rows = list(
                s.scalars(
                    select(ConsentTaskRow)
                    .where(ConsentTaskRow.event_id == event_id)
                    .order_by(ConsentTaskRow.due_on)
                )
            )
        if event.kind not in (ConsentEventKind.WITHDRAWN, ConsentEventKind.PUPIL_OBJECTED):
            raise ValidationError("This entry is not a withdrawal.", "event")
        pupil = self.people.pupil(event.pupil_id)
        purpose = self.purpose(event.purpose_key)
        actions = [r.title for r in task_rows if r.task_key != "confirm_letter"] or [
            "Stop using the information for this purpose"
        ]
        if event.by_pupil or event.contact_id is None:
            name, address, salutation = (
                pupil.display_name,
                (f"{pupil.reg_group or pupil.year_group.label} (pupil post)",),
                pupil.display_name,
            )
            recipient = Recipient(name, "pupil", f"pupil {pupil.id}")
        else:
            contact = self.people.contact(event.contact_id)
            name, salutation = contact.display_name, contact.salutation
            address = contact.postal_address or (f"{pupil.reg_group or pupil.year_group.label} (pupil post)",)
            recipient = Recipient(name, "contact", f"contact {contact.id}")
        data = LetterData(
            school=self.session.profile(),
            recipient_name=name,
            recipient_address=address,
            letter_date=today,
            reference=f"CW-{event_id}",
            private=True,
            salutation=salutation,
            fields={
                "pupil_name": pupil.display_name,
                "purpose_title": purpose.title.lower() if not purpose.custom else purpose.title,
                "withdrawn_on": event.effective_date,
                "actions": "\n".join(f"\u2022 {a}" for a in actions),
            },
        )
        return LetterJob(data, recipient)

    def class_list(
        self,
        pupils: Sequence[Pupil],
        purpose_keys: Sequence[str],
        class_name: str,
        today: date | None = None,
    ) -> ClassListData:
        """The trip leader's list for these pupils: allowed only where consent is in force."""
        today = today or _today()
        purposes = [p for p in self.purposes() if p.key in purpose_keys]
        if not purposes:
            raise ValidationError("Choose at least one purpose for the list.", "purposes")
        matrix = build_matrix(pupils, purposes, self.all_events(), today)
        rows = tuple(
            ClassListRow(
                row.pupil.display_name,
                tuple(may_proceed(st, p) for st, p in zip(row.statuses, purposes, strict=True)),
            )
            for row in matrix.rows
        )
        return ClassListData(
            school_name=self.session.profile().name,
            class_name=class_name,
            printed_on=today,
            columns=tuple(_short_title(p) for p in purposes),
            rows=rows,
        )

    def note_printed(self, what: str, count: int) -> None:
        """Audit that a list with personal data was printed or saved (ids and counts only)."""
        if self.session.read_only:
            return
        with self.session.change() as ch:
            ch.record("consent.printed", "consent", "", f"{what} printed ({count} pupils)")


# --------------------------------------------------------------------------------------------
# Pure helpers (also used by the benchmark)
# --------------------------------------------------------------------------------------------


def build_matrix(
    pupils: Sequence[Pupil],
    purposes: Sequence[ConsentPurpose],
    events_by_pupil: dict[int, list[ConsentEvent]],
    today: date,
) -> ConsentMatrix:
    """Derive every pupil x purpose state. Pupils with no entries skip the history work."""
    rows: list[MatrixRow] = []
    pairs: list[tuple[str, ConsentStatus]] = []
    purposes = tuple(purposes)
    for pupil in pupils:
        assert pupil.id is not None
        history = events_by_pupil.get(pupil.id, ())
        per_purpose: dict[str, list[ConsentEvent]] = {}
        for e in history:
            per_purpose.setdefault(e.purpose_key, []).append(e)
        statuses = tuple(_derive(per_purpose.get(p.key, ()), p, today, pupil) for p in purposes)
        rows.append(MatrixRow(pupil, statuses))
        pairs.extend((p.key, st) for p, st in zip(purposes, statuses, strict=True))
    return ConsentMatrix(purposes, tuple(rows), today, coverage(pairs))


def _derive(
    events: Iterable[ConsentEvent], purpose: ConsentPurpose, today: date, pupil: Pupil
) -> ConsentStatus:
    if today < pupil.date_of_birth:
        return ConsentStatus(ConsentState.NOT_APPLICABLE, "The pupil was not born yet.", None)
    return derive_state(events, purpose, today, pupil.date_of_birth, pupil.year_group)


def _check_who(event: ConsentEvent, purpose: ConsentPurpose, pupil: Pupil) -> None:
    """Refuse an entry from someone whose answer would not count, with the reason."""
    if event.kind is ConsentEventKind.ASKED:
        return
    who = who_may_consent(purpose, pupil.date_of_birth, event.effective_date)
    if who.giver is ConsentGiver.NOBODY:
        raise ValidationError(f"'{purpose.title}': {who.explanation}", "purpose")
    if who.giver is ConsentGiver.PUPIL and not event.by_pupil:
        raise ValidationError(
            f"'{purpose.title}': the pupil is {purpose.passes_to_pupil_at} or over, so only the pupil's "
            "own answer counts. Record it as the pupil's answer.",
            "contact_id",
        )
    if who.giver is ConsentGiver.PARENT and event.by_pupil and event.kind is ConsentEventKind.GIVEN:
        raise ValidationError(
            f"'{purpose.title}': a parent or carer gives this consent until the pupil is "
            f"{purpose.passes_to_pupil_at}. The pupil can refuse or object, and that is recorded.",
            "by_pupil",
        )


_SHORT = {
    "photos_in_school": "In school",
    "photos_outside_school": "Outside school",
    "photos_online": "Online",
    "biometrics": "Biometrics",
    "youth_support_services": "Youth support",
}


def _short_title(p: ConsentPurpose) -> str:
    """Column headings short enough for a printed list or a table column."""
    return _SHORT.get(p.key) or (p.title if len(p.title) <= 22 else p.title[:21] + "\u2026")


def short_title(p: ConsentPurpose) -> str:
    return _short_title(p)


def _contacts_for_many(people: PeopleSource, ids: Sequence[int]) -> dict[int, list[Any]]:
    many = getattr(people, "contacts_for_many", None)
    if many is not None:
        return dict(many(ids))
    return {i: list(people.contacts_for(i)) for i in ids}


def _order(e: ConsentEvent) -> tuple[date, datetime, int]:
    return (e.effective_date, e.recorded_at, e.id or 0)


def _today() -> date:
    return london_now().date()


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


_ALL_EVENTS_SQL = (
    "SELECT id, purpose_key, pupil_id, kind, contact_id, by_pupil, method, effective_date, "
    "recorded_at, recorded_by_name, year_group, school_year, evidence_note FROM consent_events"
)
_KINDS = {k.value: k for k in ConsentEventKind}
_METHODS = {m.value: m for m in ConsentMethod}
_YEARS = {y.value: y for y in YearGroup}


def _events_from_tuples(rows: Iterable[Sequence[Any]]) -> dict[int, list[ConsentEvent]]:
    dates: dict[str, date] = {}
    times: dict[str, datetime] = {}

    by_pupil: dict[int, list[ConsentEvent]] = {}
    new = object.__new__
    for id_, key, pupil_id, kind, contact, pupil_said, method, eff, rec, rec_by, yg, sy, note in rows:
        stamp = times.get(rec)
        if stamp is None:
            stamp = times[rec] = datetime.fromisoformat(rec)
        effective = dates.get(eff)
        if effective is None:
            effective = dates[eff] = date.fromisoformat(eff)
        event = new(ConsentEvent)
        event.__dict__.update(
            purpose_key=key,
            pupil_id=pupil_id,
            kind=_KINDS[kind],
            effective_date=effective,
            recorded_at=stamp,
            recorded_by=rec_by,
            method=_METHODS[method],
            contact_id=contact,
            by_pupil=bool(pupil_said),
            year_group=_YEARS[yg] if yg else None,
            school_year=None if sy is None else date.fromisoformat(sy),
            evidence_note=note or "",
            id=id_,
        )
        by_pupil.setdefault(pupil_id, []).append(event)
    return by_pupil


def _event(r: Any) -> ConsentEvent:
    return ConsentEvent(
        purpose_key=r.purpose_key,
        pupil_id=r.pupil_id,
        kind=ConsentEventKind(r.kind),
        effective_date=r.effective_date,
        recorded_at=r.recorded_at,
        recorded_by=r.recorded_by_name,
        method=ConsentMethod(r.method),
        contact_id=r.contact_id,
        by_pupil=bool(r.by_pupil),
        year_group=YearGroup(r.year_group) if r.year_group else None,
        school_year=r.school_year,
        evidence_note=r.evidence_note or "",
        id=r.id,
    )


def _event_to_row(e: ConsentEvent, account_id: int | None) -> ConsentEventRow:
    return ConsentEventRow(
        purpose_key=e.purpose_key,
        pupil_id=e.pupil_id,
        kind=e.kind.value,
        contact_id=e.contact_id,
        by_pupil=e.by_pupil,
        method=e.method.value,
        effective_date=e.effective_date,
        recorded_at=e.recorded_at,
        recorded_by=account_id,
        recorded_by_name=e.recorded_by,
        year_group=e.year_group.value if e.year_group else None,
        school_year=e.school_year,
        evidence_note=e.evidence_note,
    )


def _task(r: ConsentTaskRow, purpose_title: str) -> FollowUpTask:
    return FollowUpTask(
        id=r.id,
        event_id=r.event_id,
        pupil_id=r.pupil_id,
        purpose_key=r.purpose_key,
        purpose_title=purpose_title,
        task_key=r.task_key,
        title=r.title,
        detail=r.detail or "",
        created_on=r.created_on,
        due_on=r.due_on,
        done_on=r.done_on,
        done_by=r.done_by_name or "",
        done_note=r.done_note or "",
    )


def _purpose(r: ConsentPurposeRow) -> ConsentPurpose:
    tasks = tuple(TaskTemplate(**t) for t in json.loads(r.tasks_json or "[]"))
    return ConsentPurpose(
        key=r.key,
        title=r.title,
        description=r.description or "",
        passes_to_pupil_at=r.passes_to_pupil_at,
        applies_from_age=r.applies_from_age,
        pupil_may_object=bool(r.pupil_may_object),
        any_parent_may_object=bool(r.any_parent_may_object),
        duration=ConsentDuration(r.duration),
        given_means=r.given_means or "May be used",
        refused_means=r.refused_means or "Must not be used",
        withdrawal_tasks=tasks,
        source=r.source or "",
        opt_out=bool(r.opt_out),
        custom=bool(r.custom),
    )


def _purpose_to_row(p: ConsentPurpose, row: ConsentPurposeRow) -> None:
    row.title = p.title.strip()
    row.description = p.description.strip()
    row.passes_to_pupil_at = p.passes_to_pupil_at
    row.applies_from_age = p.applies_from_age
    row.pupil_may_object = p.pupil_may_object
    row.any_parent_may_object = p.any_parent_may_object
    row.duration = p.duration.value
    row.given_means = p.given_means
    row.refused_means = p.refused_means
    row.tasks_json = json.dumps(
        [
            {"key": t.key, "title": t.title, "detail": t.detail, "due_after_days": t.due_after_days}
            for t in p.withdrawal_tasks
        ]
    )
    row.source = p.source
    row.opt_out = p.opt_out
    row.custom = p.custom
    row.active = True


# --------------------------------------------------------------------------------------------
# Dashboard
# --------------------------------------------------------------------------------------------


def _attention(session: SchoolSession, now: datetime) -> list[Any]:
    """Open withdrawal follow-ups as deadlines; labels hold the job, never the pupil."""
    from schooldp.domain.deadlines import Deadline, DeadlineKind
    from schooldp.services.dashboard import AttentionItem

    with session.read() as s:
        rows = list(s.scalars(select(ConsentTaskRow).where(ConsentTaskRow.done_on.is_(None))))
    return [
        AttentionItem(
            Deadline(
                DeadlineKind.CONSENT_TASK, f"CT-{r.id}", r.due_on, label=f"Consent withdrawn: {r.title}"
            ),
            "consent",
            r.id,
        )
        for r in rows
    ]


try:
    from schooldp.services.dashboard import register_provider

    register_provider("consent", _attention)
except ImportError:  # pragma: no cover - dashboard not present
    pass
