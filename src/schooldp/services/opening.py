"""Creating a school file and opening one, by passphrase or by the recovery key.

Every open, whichever way, checks the activity log against each anchor kept outside the file
(storage/anchors.py) and says what no longer matches; the chain itself is walked only after the
newest anchor that holds, so opening does not slow as the log grows. `check_log_in_full` walks
it all (after unlock, in the background, and from the Activity page). A folder or drive that cannot be written
(read-only, no permission, or full) opens the file read-only with the reason, never a raw error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from schooldp.domain.accounts import Role, check_passphrase
from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.school import SchoolProfile
from schooldp.services.school import (
    THROTTLE,
    SchoolSession,
    _account,
    _naive_utc,
    _profile_to_row,
)
from schooldp.storage import anchors, audit
from schooldp.storage import backup as backups
from schooldp.storage.errors import DamagedFile, DiskFull, FolderNotWritable, WrongPassphrase
from schooldp.storage.keyfile import Anchor, KeyFile
from schooldp.storage.keyslots import parse_recovery_key
from schooldp.storage.lockfile import FileLock
from schooldp.storage.models import AccountRow, SchoolRow
from schooldp.storage.vault import Vault, key_opens, load_key_file, sniff

log = logging.getLogger(__name__)

_NOT_THIS_FILE = (
    "That recovery key is well formed but does not open this school file. Is it the sheet for this school?"
)


@dataclass(frozen=True)
class NewSchool:
    path: Path
    profile: SchoolProfile
    account_name: str
    role: Role
    passphrase: str


def create_school(new: NewSchool, *, clock: Clock = SYSTEM_CLOCK) -> tuple[SchoolSession, str]:
    """Create the school file; returns the open session and the recovery key to print."""
    new.profile.validate()
    if not new.account_name.strip():
        raise ValidationError("Enter your name for your account.", "account")
    check_passphrase(new.passphrase)
    vault, slot_id, recovery = Vault.create(new.path, new.passphrase, clock)
    try:
        with vault.write() as s:
            row = SchoolRow(id=1)
            _profile_to_row(new.profile, row)
            s.add(row)
            acc = AccountRow(
                display_name=new.account_name.strip(),
                role=new.role.value,
                slot_id=slot_id,
                created_at=_naive_utc(clock),
            )
            s.add(acc)
            s.flush()
            now = clock.now()
            audit.append(s, acc.id, "school.created", "school", 1, "School file created", now=now)
            audit.append(
                s, acc.id, "account.added", "account", acc.id, f"First account: {new.role.label}", now=now
            )
        vault.record_anchor()
        vault.save_local_anchor()
        session = SchoolSession(vault, _account(acc), clock)
        return session, recovery
    except BaseException:
        vault.close()
        raise


def _reserve(path: Path, take_over: bool) -> tuple[FileLock | None, str | None]:
    """The lock, or (None, why) when the folder or drive cannot be written."""
    try:
        return Vault.reserve(path, take_over), None
    except FolderNotWritable as exc:
        if exc.why == "the drive is full":
            size = path.stat().st_size if path.exists() else 0
            message = str(DiskFull(path, size))
            return None, message.replace(
                "to save this. Nothing was saved and the school file is as it was.", "to change it."
            ) + " Until then the school file is open read-only."
        return None, str(exc)


def open_school(
    path: Path,
    passphrase: str,
    *,
    preferred_slot: str | None = None,
    read_only: bool = False,
    take_over: bool = False,
    clock: Clock = SYSTEM_CLOCK,
) -> SchoolSession:
    path = Path(path)
    key = str(path)
    THROTTLE.check(key)
    sniff(path)
    lock, reason = (None, None) if read_only else _reserve(path, take_over)
    try:
        try:
            db_key, slot_id, key_file = Vault.unwrap(path, passphrase, preferred_slot)
        except WrongPassphrase:
            THROTTLE.failed(key)
            raise
        THROTTLE.succeeded(key)
        vault = Vault.open(
            path, db_key, key_file, read_only=lock is None, lock=lock, before_upgrade=_backup_before_upgrade
        )
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    session = _session_for_slot(vault, slot_id, clock)
    session.read_only_reason = reason
    if lock is not None and lock.notice:
        session.notices.append(lock.notice)
    try:
        _after_open(session, passphrase)
    except DiskFull as exc:
        vault.fall_back_to_read_only()
        session.read_only_reason = f"{exc} Until then the school file is open read-only."
    return session


def open_with_recovery_key(
    path: Path, recovery_text: str, *, take_over: bool = False, clock: Clock = SYSTEM_CLOCK
) -> SchoolSession:
    """Open with the emergency sheet's key. The session is the first DPO account's and must set
    a new passphrase before anything else; the use is recorded and the log is checked."""
    path = Path(path)
    key = str(path)
    THROTTLE.check(key)
    sniff(path)
    secret = parse_recovery_key(recovery_text)
    lock, reason = _reserve(path, take_over)
    if lock is None:
        raise SchoolDPError(f"{reason} The recovery key can only be used where the file can be changed.")
    try:
        try:
            key_file: KeyFile | None = load_key_file(path)
        except SchoolDPError:
            key_file = None  # missing key file: rebuilt from the vault's own copy
        db_key, legacy = _recovery_db_key(path, secret, key_file)
        vault = Vault.open(path, db_key, key_file, lock=lock, before_upgrade=_backup_before_upgrade)
    except DamagedFile as exc:
        lock.release()
        THROTTLE.failed(key)
        raise ValidationError(_NOT_THIS_FILE) from exc
    except BaseException:
        lock.release()
        raise
    if legacy and vault.has_recovery_slot:
        # The database key itself is not a recovery key once the file has a recovery slot.
        vault.close()
        THROTTLE.failed(key)
        raise ValidationError(_NOT_THIS_FILE)
    THROTTLE.succeeded(key)
    return _recovery_session(vault, clock)


def _recovery_db_key(path: Path, secret: bytes, key_file: KeyFile | None) -> tuple[bytes, bool]:
    """The database key the recovery secret opens; (key, True) for an older file's sheet."""
    candidates: list[KeyFile] = [key_file] if key_file is not None else []
    candidates += [r.key_file for r in anchors.all_local()]
    for info in backups.list_backups():
        try:
            candidates.append(backups.backup_key_file(info.path))
        except (OSError, SchoolDPError, ValueError):
            continue
    for candidate in candidates:
        slot = candidate.recovery_slot
        db_key = slot.open_recovery(secret, candidate.file_id) if slot else None
        if db_key is not None and key_opens(path, db_key):
            return db_key, False
    return secret, True


def _recovery_session(vault: Vault, clock: Clock) -> SchoolSession:
    with vault.session() as s:
        row = s.scalars(
            select(AccountRow)
            .where(AccountRow.removed_at.is_(None), AccountRow.role == Role.DPO.value)
            .order_by(AccountRow.id)
        ).first()
    if row is None:
        vault.close()
        raise SchoolDPError("This school file has no Data Protection Officer account to recover.")
    session = SchoolSession(vault, _account(row), clock)
    session.opened_with_recovery = True
    session.must_set_passphrase = True
    _check_log(session)
    session._system_entry("vault.recovery", "account", row.id, "Opened with the recovery key")
    return session


def _session_for_slot(vault: Vault, slot_id: str, clock: Clock = SYSTEM_CLOCK) -> SchoolSession:
    with vault.session() as s:
        row = s.scalars(select(AccountRow).where(AccountRow.slot_id == slot_id)).first()
    if row is None or row.removed_at is not None:
        vault.close()
        raise WrongPassphrase()
    return SchoolSession(vault, _account(row), clock)


def _after_open(session: SchoolSession, passphrase: str) -> None:
    """Check the log; then, when the file can be written: record the open, bring an older
    file's slot up to date, and finish a key rotation a crash interrupted."""
    _check_log(session)
    vault = session.vault
    if vault.read_only:
        return
    with vault.write() as s:
        acc = s.get(AccountRow, session.account.id)
        assert acc is not None
        acc.last_unlock_at = _naive_utc(session.clock)
        audit.append(
            s, acc.id, "vault.opened", "account", acc.id, "School file opened", now=session.clock.now()
        )
    slot = vault.key_file.slot(session.account.slot_id)
    if slot is not None and slot.kind == "legacy":
        with vault.write() as s:
            vault.seal_slot(s, passphrase, slot.slot_id)
            audit.append(
                s,
                session.account.id,
                "account.slot_upgraded",
                "account",
                session.account.id,
                "Key slot brought up to date",
                now=session.clock.now(),
            )
        vault.commit_key_file()
    else:
        vault.record_anchor()
    if (
        vault.meta("rotation_due") == "1"
        and session.account.role.can_write
        and not vault.key_file.legacy_slot_ids()
    ):
        session.rotate_database_key()


@dataclass(frozen=True)
class LogCheck:
    """What a full check of the activity log found: entries walked and each problem, in words."""

    entries: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def _log_problems(
    session: SchoolSession, *, full: bool, cancelled: Callable[[], bool] | None = None
) -> tuple[audit.ChainReport, list[str]]:
    """Every anchor outside the file (one entry read each), then the chain itself: in full, or on
    opening only from the newest anchor that still holds (the full walk follows after unlock)."""
    if session.on_server:  # no anchors outside a server: its chain, walked whole
        with session.vault.session() as s:
            report = audit.verify_chain(s, cancelled)
        return report, [] if report.ok else [report.message]
    vault = session._file_vault()
    found: list[str] = []
    held: list[Anchor] = []
    with vault.session() as s:
        for where, anchor in _known_anchors(vault):
            problem = anchors.mismatch(s, where, anchor)
            if problem:
                found.append(problem)
            else:
                held.append(anchor)
        if full or not held:
            report = audit.verify_chain(s, cancelled)
        else:
            newest = max(held, key=lambda a: a.count)
            report = audit.verify_since(s, newest.count, newest.head)
    problems = [] if report.ok else [report.message]
    if vault.key_file_altered:
        problems.append(
            "The key file beside the school file has been altered: its authentication code does not match."
        )
    return report, problems + found


def _check_log(session: SchoolSession) -> None:
    """The check on opening; the findings go in chain_warning and the log itself."""
    _report, problems = _log_problems(session, full=False)
    if problems:
        _report_problems(session, problems)


def check_log_in_full(session: SchoolSession, cancelled: Callable[[], bool] | None = None) -> LogCheck:
    """Walk the whole activity log and check every anchor (on a worker: it grows with the log).

    A problem opening had not already reported is reported the same way: chain_warning, the
    program's log, and an entry in the activity log itself. When ``cancelled()`` turns true the
    walk stops with `audit.CheckStopped`."""
    report, problems = _log_problems(session, full=True, cancelled=cancelled)
    reported = session.chain_warning or ""
    if any(problem not in reported for problem in problems):
        _report_problems(session, problems)
    return LogCheck(report.entries, tuple(problems))


def _report_problems(session: SchoolSession, problems: list[str]) -> None:
    vault = session.vault
    session.chain_warning = (
        "Warning: the activity log of this school file has been altered outside SchoolDP. "
        + " ".join(problems)
        + " Tell your Data Protection Officer."
    )
    log.warning("Activity log check failed: %s", " ".join(problems))
    if not vault.read_only:
        with vault.write() as s:
            audit.append(
                s,
                session.account.id,
                "vault.log_mismatch",
                "school",
                1,
                "Activity log check failed: " + " ".join(problems)[:900],
                now=session.clock.now(),
            )
        vault.record_anchor()


def _known_anchors(vault: Vault) -> list[tuple[str, Anchor]]:
    found: list[tuple[str, Anchor]] = []
    if vault.key_file.anchor is not None and not vault.key_file_altered:
        found.append(("The key file beside the school file", vault.key_file.anchor))
    record = anchors.load_local(vault.key_file.file_id)
    here = str(vault.path.resolve())
    if record is not None and record.school_file != here:
        return found  # a copy of the file (a backup being checked): its history may differ
    if record is not None and record.key_file.anchor is not None:
        found.append(("This computer's record of the school file", record.key_file.anchor))
    newest = backups.newest_anchor(vault.key_file.file_id, record.restored_at if record else None)
    if newest is not None and newest.anchor is not None:
        stamp = newest.created_at.astimezone().strftime("%d/%m/%Y %H:%M")
        found.append((f"The backup made {stamp} ({newest.path.name})", newest.anchor))
    return found


def _backup_before_upgrade(vault: Vault) -> None:
    """A schema upgrade cannot be undone, so a backup of the file as it was comes first."""
    backups.create_backup(vault, reason="before-upgrade")


__all__ = [
    "LogCheck",
    "NewSchool",
    "check_log_in_full",
    "create_school",
    "open_school",
    "open_with_recovery_key",
]
