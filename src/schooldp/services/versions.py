"""Several people at once: a save made from an out-of-date read is refused, never silently kept.

Every record people edit carries ``row_version`` (the storage layer raises it once per saved
change). A page reads a record with its version and hands that version back when saving; if
someone saved in between, `guard` refuses the save with a `ConflictError` whose message says who
changed what and when, built from the activity log's entries for that record. Two saves racing
on the server are caught as well: the later UPDATE finds the row's version moved on
(``StaleDataError``) and `SchoolSession.change` turns that into the same message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from schooldp.domain.clock import Clock
from schooldp.domain.deadlines import LONDON
from schooldp.domain.errors import ConflictError
from schooldp.storage.models import AccountRow, AuditRow, Versioned, touch

if TYPE_CHECKING:
    from schooldp.services.school import Change

# What a record is called in a sentence ("changed this request"), by the activity log's entity.
NOUNS = {
    "request": "request",
    "breach": "breach",
    "pupil": "pupil's record",
    "contact": "contact's record",
    "staff": "staff member's record",
    "pupil_group": "group",
    "consent_purpose": "consent purpose",
    "consent_task": "follow-up task",
    "processing_activity": "processing activity",
    "organisation": "organisation's record",
    "dpia": "assessment",
    "policy_document": "policy",
    "own_retention": "retention period",
    "disposal": "disposal record",
    "training_course": "course",
    "training_session": "training session",
    "school": "school profile",
    "letter_type": "letter wording",
}

# What an entry did, in plain words; "{this}" is "this request", "this breach"...
_DONE = {
    "request.logged": "logged {this}",
    "request.status": "changed {this}'s status",
    "request.clock": "changed {this}'s deadline details",
    "request.extended": "extended {this}'s time limit",
    "request.id_seen": "recorded the ID seen for {this}",
    "request.identity_doubt": "recorded a doubt about the requester's identity",
    "request.searched": "logged a search for {this}",
    "request.disclosure": "recorded a disclosure decision on {this}",
    "request.child_decision": "recorded the decision on the pupil's rights",
    "request.unfounded": "recorded {this} as unfounded or excessive",
    "request.complaint_ack": "acknowledged {this}",
    "request.complaint_outcome": "recorded {this}'s outcome",
    "breach.reported": "reported {this}",
    "breach.ico_report": "recorded a report to the ICO for {this}",
    "breach.affected": "changed who is affected by {this}",
    "breach.step_checked": "looked over a step of {this}",
    "pupil.left": "recorded that this pupil has left",
    "staff.left": "recorded that this member of staff has left",
    "contact.linked": "changed this pupil's contacts",
    "contact.unlinked": "changed this pupil's contacts",
    "group.deleted": "deleted {this}",
    "profile.updated": "changed the school profile",
}
_STEP = re.compile(r"step (\d+) \(([^)]*)\)")
_SHOWN = 3  # the newest changes named one by one; older ones are counted


@dataclass(frozen=True)
class Guarded:
    """The record a change is guarded on and the version it was read at."""

    entity: str
    entity_id: str
    read_version: int
    model: type[Versioned]
    key: object


def guard(ch: Change, row: Versioned, expected: int | None, entity: str, entity_id: object) -> None:
    """Refuse this change if ``row`` moved on since it was read at ``expected``; else count it.

    ``expected=None`` (a caller that read nothing first: the demo, an import) saves without the
    check, but still counts the change so anyone else's open copy is now out of date. The row
    is written at once, so on the server a racing save waits here and then fails cleanly.
    """
    check(ch, row, expected, entity, entity_id)
    touch(ch.session, row)
    ch.session.flush()


def check(ch: Change, row: Versioned, expected: int | None, entity: str, entity_id: object) -> None:
    """Refuse this change if ``row`` moved on since it was read at ``expected``; the change is
    counted only if it edits the row (a save that changes nothing leaves others' copies current)."""
    current = row.row_version
    key = inspect(row).identity
    ch.guarded = Guarded(
        entity, str(entity_id), current if expected is None else expected, type(row), key[0] if key else None
    )
    if expected is not None and current != expected:
        raise conflict(ch.session, ch.guarded, current, ch.account_id, ch.clock)


def current_version(session: Session, guarded: Guarded) -> int:
    """The guarded record's version now (one past the read when it has gone)."""
    row = session.get(guarded.model, guarded.key) if guarded.key is not None else None
    return row.row_version if row is not None else guarded.read_version + 1


def conflict(
    session: Session, guarded: Guarded, current: int, account_id: int | None, clock: Clock
) -> ConflictError:
    """The refusal, naming the changes made since ``guarded.read_version``, newest last."""
    missed = max(1, current - guarded.read_version)
    q = (
        select(AuditRow, AccountRow.display_name)
        .outerjoin(AccountRow, AuditRow.account_id == AccountRow.id)
        .where(AuditRow.entity == guarded.entity, AuditRow.entity_id == guarded.entity_id)
        .order_by(AuditRow.id.desc())
        .limit(missed)
    )
    found = list(session.execute(q))[::-1]
    this = f"this {NOUNS.get(guarded.entity, 'record')}"
    today = clock.today()
    changes = [
        _change_text(name or "SchoolDP", row, this, today, row.account_id == account_id)
        for row, name in found
    ]
    who = tuple(dict.fromkeys(name or "SchoolDP" for _row, name in found))
    return ConflictError(_message(changes, this), guarded.entity, guarded.entity_id, who)


def _change_text(name: str, row: AuditRow, this: str, today: date, yours: bool) -> str:
    done = _DONE.get(row.action)
    if done is None and row.action == "breach.step" and (m := _STEP.search(row.summary)):
        done = f"saved step {m.group(1)} ({m.group(2)}) of {{this}}"
    if done is None:
        done = "changed {this}"
    at = datetime.fromisoformat(row.at).astimezone(UTC).astimezone(LONDON)
    when = f"at {at:%H:%M}" if at.date() == today else f"on {at.day} {at:%B} at {at:%H:%M}"
    who = f"{name} (you, in another window)" if yours else name
    return f"{who} {done.format(this=this)} {when}"


def _message(changes: Sequence[str], this: str) -> str:
    if not changes:
        return (
            f"Someone else saved a change to {this} while you were editing. "
            "Reload to see it, then make yours again."
        )
    shown = list(changes[-_SHOWN:])
    more = len(changes) - len(shown)
    if more:
        shown.insert(0, "1 other change was made" if more == 1 else f"{more} other changes were made")
    text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    their = "their change" if len(changes) == 1 else "their changes"
    return f"{text} while you were editing. Reload to see {their}, then make yours again."
