"""SchoolDP follows its own schedule: the periods the school set for closed breaches, closed
requests, leavers' consent records and issued letters; what is due, offered for review; and the
purge, one transaction whose audit entry says what kind and how many, never who (Art 5(1)(e))."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from schooldp.domain.errors import ValidationError
from schooldp.domain.retention import OwnKind, OwnRule, PurgeCandidate
from schooldp.services.school import SchoolSession
from schooldp.storage import breach_models, request_models
from schooldp.storage.consent_models import ConsentEventRow, ConsentTaskRow
from schooldp.storage.models import Base, LetterRow
from schooldp.storage.people_models import PupilRow
from schooldp.storage.retention_models import OwnRetentionRow

__all__ = ["candidates", "load_rules", "purge", "set_rule"]

_MAX_MONTHS = 12 * 100


def load_rules(session: SchoolSession) -> dict[OwnKind, OwnRule]:
    with session.read() as s:
        stored = {r.kind: r.months for r in s.scalars(select(OwnRetentionRow))}
    return {k: OwnRule(k, stored.get(k.value)) for k in OwnKind}


def set_rule(session: SchoolSession, kind: OwnKind, months: int | None) -> OwnRule:
    if months is not None and not 1 <= months <= _MAX_MONTHS:
        raise ValidationError("Give a period between 1 month and 100 years.", "months")
    rule = OwnRule(kind, months)
    with session.change() as ch:
        row = ch.session.get(OwnRetentionRow, kind.value)
        stamp = session.clock.now().astimezone(UTC).replace(tzinfo=None)
        if row is None:
            ch.session.add(OwnRetentionRow(kind=kind.value, months=months, updated_at=stamp))
        else:
            row.months, row.updated_at = months, stamp
        ch.record("retention.own_rule_set", "own_retention", kind.value, f"{kind.label}: kept {rule.text}")
    return rule


def _day(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _leaver_consents(s: Session, rule: OwnRule, today: date) -> list[PurgeCandidate]:
    events: dict[int, int] = {
        pid: n
        for pid, n in s.execute(
            select(ConsentEventRow.pupil_id, func.count()).group_by(ConsentEventRow.pupil_id)
        )
    }
    tasks: dict[int, int] = {
        pid: n
        for pid, n in s.execute(
            select(ConsentTaskRow.pupil_id, func.count()).group_by(ConsentTaskRow.pupil_id)
        )
    }
    out = []
    for pupil in s.scalars(
        select(PupilRow).where(PupilRow.leaving_date.is_not(None)).order_by(PupilRow.sort_key)
    ):
        held = events.get(pupil.id, 0) + tasks.get(pupil.id, 0)
        if held and rule.due(pupil.leaving_date, today):
            name = f"{pupil.legal_last_name}, {pupil.preferred_first_name or pupil.legal_first_name}"
            assert pupil.leaving_date is not None
            out.append(PurgeCandidate(rule.kind, pupil.id, name, pupil.leaving_date, held))
    return out


def _simple(s: Session, rule: OwnRule, today: date) -> list[PurgeCandidate]:
    out = []
    if rule.kind is OwnKind.CLOSED_BREACHES:
        B = breach_models.BreachRow
        for b in s.scalars(select(B).where(B.closed_at.is_not(None)).order_by(B.id)):
            out.append((b.id, f"{b.reference} {b.title}", _day(b.closed_at)))
    elif rule.kind is OwnKind.CLOSED_REQUESTS:
        R = request_models.RequestRow
        for r in s.scalars(select(R).where(R.closed_on.is_not(None)).order_by(R.id)):
            out.append((r.id, f"{r.reference} {r.subject_name}", r.closed_on))
    else:
        for letter in s.scalars(select(LetterRow).order_by(LetterRow.id)):
            out.append((letter.id, f"{letter.title}: {letter.recipient_name}", _day(letter.issued_at)))
    return [
        PurgeCandidate(rule.kind, rid, label, day)
        for rid, label, day in out
        if day is not None and rule.due(day, today)
    ]


def _candidates(s: Session, rule: OwnRule, today: date) -> list[PurgeCandidate]:
    if rule.months is None:
        return []
    if rule.kind is OwnKind.LEAVER_CONSENTS:
        return _leaver_consents(s, rule, today)
    return _simple(s, rule, today)


def candidates(session: SchoolSession, kind: OwnKind) -> list[PurgeCandidate]:
    """Records of this kind past the school's period, for the DPO to review before deleting."""
    rule = load_rules(session)[kind]
    with session.read() as s:
        return _candidates(s, rule, session.clock.today())


def _delete_case(s: Session, parent: str, column: str, ids: list[int]) -> None:
    """Delete a case's parts (every table with `<column>`), then the case row itself."""
    for table in reversed(Base.metadata.sorted_tables):
        if column in table.c and table.name != parent:
            s.execute(delete(table).where(table.c[column].in_(ids)))
    s.execute(delete(Base.metadata.tables[parent]).where(Base.metadata.tables[parent].c.id.in_(ids)))


def _delete(s: Session, kind: OwnKind, ids: list[int]) -> None:
    if kind is OwnKind.LEAVER_CONSENTS:
        s.execute(delete(ConsentTaskRow).where(ConsentTaskRow.pupil_id.in_(ids)))
        s.execute(delete(ConsentEventRow).where(ConsentEventRow.pupil_id.in_(ids)))
    elif kind is OwnKind.CLOSED_BREACHES:
        _delete_case(s, "breaches", "breach_id", ids)
    elif kind is OwnKind.CLOSED_REQUESTS:
        _delete_case(s, "requests", "request_id", ids)
    else:
        s.execute(delete(LetterRow).where(LetterRow.id.in_(ids)))


def purge(session: SchoolSession, kind: OwnKind, record_ids: Iterable[int]) -> int:
    """Delete the chosen due records in one transaction. Only records still due are deleted (the
    list is checked again inside the transaction); the audit entry gives the kind and counts."""
    rule = load_rules(session)[kind]
    chosen = set(record_ids)
    if not chosen:
        raise ValidationError("Choose the records to delete first.", "records")
    with session.change() as ch:
        due = {c.record_id: c for c in _candidates(ch.session, rule, session.clock.today())}
        if not chosen <= set(due):
            raise ValidationError(
                "Some of the chosen records are not due for deletion any more. Review the list again.",
                "records",
            )
        ids = sorted(chosen)
        entries = sum(due[i].entries for i in ids)
        _delete(ch.session, kind, ids)
        detail = f" ({entries} entries)" if kind is OwnKind.LEAVER_CONSENTS else ""
        ch.record(
            "retention.purged",
            "own_retention",
            kind.value,
            f"Deleted {len(ids)} {kind.noun}{detail} past the school's retention period: kept {rule.text}",
        )
    return len(ids)
