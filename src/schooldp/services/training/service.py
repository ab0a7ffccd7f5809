"""TrainingService: staff (from the People register), courses, sessions with attendance, each
person's status against the school's refresher period, and the attendance sheet to sign
(policy sections 14 and 18). Each change is one transaction with its audit entry."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select

from schooldp.domain.errors import ValidationError
from schooldp.domain.people import Staff
from schooldp.domain.training import (
    DEFAULT_COURSES,
    DEFAULT_REFRESHER_MONTHS,
    Course,
    CourseKind,
    TrainingSession,
    TrainingStatus,
    training_status,
)
from schooldp.services.people import PeopleService
from schooldp.services.people.rows import fill_staff_row
from schooldp.services.school import SchoolSession
from schooldp.storage.people_models import StaffRow
from schooldp.storage.training_models import AttendanceRow, CourseRow, SessionRow, TrainingSettingRow

__all__ = ["ImportedStaff", "StaffTraining", "TrainingService"]

_REFRESHER_KEY = "refresher_months"
_NAME_HEADINGS = ("name", "full name", "staff name", "display name")
_FIRST_HEADINGS = ("first name", "forename", "legal forename", "preferred forename")
_LAST_HEADINGS = ("last name", "surname", "legal surname", "family name")
_ROLE_HEADINGS = ("role", "job title", "post", "position")
_EMAIL_HEADINGS = ("email", "email address", "work email")


@dataclass(frozen=True)
class StaffTraining:
    staff: Staff
    last_trained_on: date | None
    last_course: str
    status: TrainingStatus
    next_due: date | None


@dataclass(frozen=True)
class ImportedStaff:
    added: int
    already_there: int


def _pick(row: dict[str, str], headings: tuple[str, ...]) -> str:
    for h in headings:
        if row.get(h, "").strip():
            return row[h].strip()
    return ""


def read_staff_csv(data: bytes) -> list[Staff]:
    """Staff from a CSV export (the MIS or HR system): a name (or first and last names), role, email."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise ValidationError("The file is empty.", "file")
    out = []
    for raw in reader:
        row = {(k or "").strip().casefold(): (v or "") for k, v in raw.items()}
        name = (
            _pick(row, _NAME_HEADINGS)
            or f"{_pick(row, _FIRST_HEADINGS)} {_pick(row, _LAST_HEADINGS)}".strip()
        )
        if name:
            out.append(Staff(name=name, role=_pick(row, _ROLE_HEADINGS), email=_pick(row, _EMAIL_HEADINGS)))
    if not out:
        raise ValidationError(
            "No staff names found. The file needs a 'Name' column, or 'First name' and 'Surname'.", "file"
        )
    return out


class TrainingService:
    def __init__(self, session: SchoolSession) -> None:
        self.session = session

    def _stamp(self) -> datetime:
        return self.session.clock.now().astimezone(UTC).replace(tzinfo=None)

    # ---- staff ----------------------------------------------------------------------------------
    def staff(self) -> list[Staff]:
        return PeopleService(self.session).staff()

    def import_staff(self, path: Path) -> ImportedStaff:
        """Add the staff in a CSV file to the People register; those already there are left as they are."""
        people = read_staff_csv(Path(path).read_bytes())
        have = {s.name.casefold() for s in self.staff()}
        added = 0
        with self.session.change() as ch:
            for person in people:
                if person.name.casefold() in have:
                    continue
                row = StaffRow()
                fill_staff_row(row, person, now=self._stamp())
                ch.session.add(row)
                have.add(person.name.casefold())
                added += 1
            ch.record("training.staff_imported", "staff", "", f"Staff imported: {added} added")
        return ImportedStaff(added, len(people) - added)

    # ---- settings and courses -------------------------------------------------------------------
    def refresher_months(self) -> int:
        with self.session.read() as s:
            row = s.get(TrainingSettingRow, _REFRESHER_KEY)
            return int(row.value) if row is not None else DEFAULT_REFRESHER_MONTHS

    def set_refresher_months(self, months: int) -> None:
        if not 1 <= months <= 60:
            raise ValidationError("Give a refresher period between 1 and 60 months.", "months")
        with self.session.change() as ch:
            row = ch.session.get(TrainingSettingRow, _REFRESHER_KEY)
            if row is None:
                ch.session.add(TrainingSettingRow(key=_REFRESHER_KEY, value=str(months)))
            else:
                row.value = str(months)
            ch.record("training.refresher_set", "training", "", f"Refresher period set to {months} months")

    def courses(self, seed: bool = True) -> list[Course]:
        """The school's courses; the four usual ones are added the first time the page asks (`seed`)."""
        with self.session.read() as s:
            rows = list(s.scalars(select(CourseRow).order_by(CourseRow.id)))
        if not rows and seed and not self.session.read_only:
            with self.session.change() as ch:
                for c in DEFAULT_COURSES:
                    ch.session.add(CourseRow(title=c.title, kind=c.kind.value))
                ch.record(
                    "training.courses_seeded", "training", "", f"{len(DEFAULT_COURSES)} usual courses added"
                )
            return self.courses()
        return [Course(r.title, CourseKind(r.kind), r.id) for r in rows]

    def add_course(self, course: Course) -> Course:
        course.validate()
        with self.session.change() as ch:
            row = CourseRow(title=course.title.strip(), kind=course.kind.value)
            ch.session.add(row)
            ch.session.flush()
            ch.record("training.course_added", "training_course", row.id, "Course added")
            return replace(course, id=row.id)

    # ---- sessions -------------------------------------------------------------------------------
    def record_session(self, training: TrainingSession) -> TrainingSession:
        """One session and everyone who attended, in one transaction (policy 14: record of attendance)."""
        training.validate(self.session.clock.today())
        with self.session.change() as ch:
            if ch.session.get(CourseRow, training.course_id) is None:
                raise ValidationError("Choose the course.", "course")
            row = SessionRow(
                course_id=training.course_id,
                held_on=training.held_on,
                trainer=training.trainer.strip(),
                notes=training.notes.strip(),
                recorded_at=self._stamp(),
            )
            ch.session.add(row)
            ch.session.flush()
            for staff_id in sorted(training.attendees):
                ch.session.add(AttendanceRow(session_id=row.id, staff_id=staff_id))
            ch.record(
                "training.session_recorded",
                "training_session",
                row.id,
                f"Session recorded: {len(training.attendees)} attended",
            )
            return replace(training, id=row.id)

    def sessions(self) -> list[TrainingSession]:
        with self.session.read() as s:
            who: dict[int, set[int]] = {}
            for a in s.scalars(select(AttendanceRow)):
                who.setdefault(a.session_id, set()).add(a.staff_id)
            rows = s.scalars(select(SessionRow).order_by(SessionRow.held_on.desc(), SessionRow.id.desc()))
            return [
                TrainingSession(
                    r.course_id, r.held_on, r.trainer, frozenset(who.get(r.id, ())), r.notes, r.id
                )
                for r in rows
            ]

    def last_trained(self) -> dict[int, tuple[date, str]]:
        """Each staff member's last data protection session (induction or refresher) and its course."""
        courses = {c.id: c for c in self.courses(seed=False)}
        last: dict[int, tuple[date, str]] = {}
        for session in self.sessions():
            course = courses.get(session.course_id)
            if course is None or not course.kind.counts_for_data_protection:
                continue
            for staff_id in session.attendees:
                if staff_id not in last or session.held_on > last[staff_id][0]:
                    last[staff_id] = (session.held_on, course.title)
        return last

    def last_training_for(self, staff_id: int) -> tuple[date, str] | None:
        """One person's last data protection training: what the breach record's "staff involved"
        and the ICO form ask (did they have training, and when)."""
        return self.last_trained().get(staff_id)

    def training_text(self, staff_id: int) -> str:
        """The words for the ICO breach form's "their data protection training": course and date."""
        last = self.last_training_for(staff_id)
        if last is None:
            return "No data protection training recorded"
        when, course = last
        return f"{course}, {when.day} {when:%B %Y}"

    def statuses(self) -> list[StaffTraining]:
        """Current staff with their status, most urgent first (never, overdue, due, in date)."""
        today, months, last = self.session.clock.today(), self.refresher_months(), self.last_trained()
        out = []
        for person in self.staff():
            when, course = last.get(person.id or 0, (None, ""))
            status, due = training_status(when, months, today)
            out.append(StaffTraining(person, when, course, status, due))
        return sorted(out, key=lambda t: (t.status.rank, t.next_due or date.min, t.staff.name.casefold()))

    def attendance_count(self) -> int:
        with self.session.read() as s:
            return int(s.scalar(select(func.count()).select_from(AttendanceRow)) or 0)

    # ---- printing -------------------------------------------------------------------------------
    def attendance_sheet(self, course_id: int, held_on: date, trainer: str = "") -> bytes:
        """A sheet for staff to sign at the session: every current member of staff, one line each."""
        from schooldp.services.training.printout import attendance_sheet_pdf

        course = next((c for c in self.courses() if c.id == course_id), None)
        if course is None:
            raise ValidationError("Choose the course.", "course")
        return attendance_sheet_pdf(self.session, course, held_on, trainer, self.staff())
