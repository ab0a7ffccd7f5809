"""The disposal log (policy section 16) and the retention schedule built from the record of
processing: each activity's rule, its last logged disposal and when the next review falls."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date

from sqlalchemy import select

from schooldp.domain.errors import ValidationError
from schooldp.domain.retention import Disposal, DisposalMethod, Period, add_months, parse_period
from schooldp.services.records.activities import load_activities
from schooldp.services.school import SchoolSession
from schooldp.storage.retention_models import DisposalRow

__all__ = [
    "DISPOSAL_REVIEW_MONTHS",
    "ScheduleEntry",
    "add_disposal",
    "attach_certificate",
    "certificate",
    "load_disposals",
    "schedule",
]

DISPOSAL_REVIEW_MONTHS = 12
"""Policy 7.2 and 16: records past their period are disposed of; each activity's records are
checked against the schedule at least once a year (ICO accountability framework: retention)."""

_NOT_HERE = "That disposal is not in this school file."


@dataclass(frozen=True)
class ScheduleEntry:
    activity_key: str
    activity: str
    trigger: str
    period: Period | None
    source: str
    last_disposed_on: date | None
    review_due: date | None  # None while the rule is not set

    @property
    def rule_text(self) -> str:
        if self.period is None or not self.trigger.strip():
            return "Not set yet"
        if self.period.is_event:
            return f"Until {self.period.text.removeprefix('until ').removeprefix('Until ')}"
        return f"{self.period.label()} from {self.trigger[0].lower()}{self.trigger[1:]}"


def _from_row(r: DisposalRow) -> Disposal:
    return Disposal(
        what=r.what,
        activity_key=r.activity_key,
        volume=r.volume,
        method=DisposalMethod(r.method),
        disposed_on=r.disposed_on,
        disposed_by=r.disposed_by,
        contractor=r.contractor,
        certificate_name=r.certificate_name,
        notes=r.notes,
        id=r.id,
    )


def load_disposals(session: SchoolSession) -> list[Disposal]:
    with session.read() as s:
        rows = s.scalars(select(DisposalRow).order_by(DisposalRow.disposed_on.desc(), DisposalRow.id.desc()))
        return [_from_row(r) for r in rows]


def add_disposal(session: SchoolSession, d: Disposal) -> Disposal:
    d.validate(session.clock.today())
    with session.change() as ch:
        row = DisposalRow(
            activity_key=d.activity_key,
            what=d.what.strip(),
            volume=d.volume.strip(),
            method=d.method.value,
            contractor=d.contractor.strip(),
            disposed_on=d.disposed_on,
            disposed_by=d.disposed_by.strip(),
            notes=d.notes.strip(),
            certificate_name="",
            recorded_at=session.clock.now().astimezone(UTC).replace(tzinfo=None),
        )
        ch.session.add(row)
        ch.session.flush()
        ch.record("retention.disposal_logged", "disposal", row.id, f"Disposal logged: {d.method.label}")
        return replace(d, id=row.id, certificate_name="")


def attach_certificate(session: SchoolSession, disposal_id: int, name: str, data: bytes) -> None:
    """Keep the contractor's certificate inside the encrypted vault (policy 16 guarantees)."""
    with session.change() as ch:
        row = ch.session.get(DisposalRow, disposal_id)
        if row is None:
            raise ValidationError(_NOT_HERE, "disposal")
        row.certificate_name, row.certificate = name, data
        ch.record("retention.certificate_kept", "disposal", disposal_id, "Destruction certificate kept")


def certificate(session: SchoolSession, disposal_id: int) -> tuple[str, bytes] | None:
    with session.read() as s:
        row = s.get(DisposalRow, disposal_id)
        if row is None or row.certificate is None:
            return None
        return row.certificate_name, row.certificate


def schedule(session: SchoolSession) -> list[ScheduleEntry]:
    """One line per current activity, in the record's order."""
    today = session.clock.today()
    last: dict[str, date] = {}
    for d in load_disposals(session):
        if d.activity_key and d.disposed_on > last.get(d.activity_key, date.min):
            last[d.activity_key] = d.disposed_on
    out = []
    for a in load_activities(session):
        period = parse_period(a.retention.period)
        is_set = period is not None and bool(a.retention.trigger.strip())
        done = last.get(a.key)
        due = (add_months(done, DISPOSAL_REVIEW_MONTHS) if done else today) if is_set else None
        out.append(ScheduleEntry(a.key, a.name, a.retention.trigger, period, a.retention.source, done, due))
    return out
