"""Opening, creating and administering a school file: the foundation's use cases."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldp.documents import emergency_sheet
from schooldp.documents.emergency_sheet import EmergencySheetData
from schooldp.domain.accounts import Account, Role, check_passphrase
from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.domain.errors import SchoolDPError, ValidationError
from schooldp.domain.school import ContactPerson, Nation, SchoolProfile, SchoolType
from schooldp.services.dataclass_copy import build_from
from schooldp.storage import audit
from schooldp.storage import backup as backups
from schooldp.storage.audit import AuditEntry, AuditFilter, ChainReport
from schooldp.storage.errors import DamagedFile, FileInUse, ReadOnlyVault, WrongPassphrase
from schooldp.storage.keyslots import RecoveryKeyTypo, parse_recovery_key
from schooldp.storage.models import AccountRow, SchoolRow
from schooldp.storage.vault import Vault, load_key_file, sniff

if TYPE_CHECKING:
    from typing_extensions import Unpack

log = logging.getLogger(__name__)


class PermissionDenied(SchoolDPError):
    pass


class TooManyAttempts(SchoolDPError):
    def __init__(self, wait_seconds: float) -> None:
        super().__init__(
            f"Too many wrong passphrases. Wait {int(wait_seconds) + 1} seconds before trying again."
        )
        self.wait_seconds = wait_seconds


class UnlockThrottle:
    """Repeated failures slow down: free for three tries, then 2, 4, 8... up to 60 seconds."""

    FREE_TRIES = 3
    MAX_WAIT = 60.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._not_before: dict[str, float] = {}
        self._mutex = threading.Lock()

    def check(self, key: str) -> None:
        with self._mutex:
            wait = self._not_before.get(key, 0.0) - self._clock()
        if wait > 0:
            raise TooManyAttempts(wait)

    def failed(self, key: str) -> float:
        with self._mutex:
            n = self._failures.get(key, 0) + 1
            self._failures[key] = n
            wait = 0.0 if n <= self.FREE_TRIES else min(self.MAX_WAIT, 2.0 ** (n - self.FREE_TRIES))
            self._not_before[key] = self._clock() + wait
            return wait

    def succeeded(self, key: str) -> None:
        with self._mutex:
            self._failures.pop(key, None)
            self._not_before.pop(key, None)


THROTTLE = UnlockThrottle()


@dataclass
class Change:
    """Collects the audit entries of one transaction; a change without one is refused."""

    session: Session
    account_id: int | None
    recorded: list[str] = field(default_factory=list)
    clock: Clock = SYSTEM_CLOCK

    def record(self, action: str, entity: str, entity_id: object = "", summary: str = "") -> None:
        audit.append(self.session, self.account_id, action, entity, entity_id, summary, now=self.clock.now())
        self.recorded.append(action)


class SchoolSession:
    """An open school file and the account working in it."""

    def __init__(self, vault: Vault, account: Account, clock: Clock = SYSTEM_CLOCK) -> None:
        self.vault = vault
        self.account = account
        self.clock = clock
        self.chain_warning: str | None = None

    # ---- transactions -----------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.vault.read_only or not self.account.role.can_write

    def read(self) -> Session:
        return self.vault.session()

    @contextmanager
    def change(self) -> Iterator[Change]:
        """One transaction with its audit entries; rolled back if the block fails."""
        if self.vault.read_only:
            raise ReadOnlyVault()
        if not self.account.role.can_write:
            raise PermissionDenied("Your account can view this school file but not change it.")
        with self.vault.write() as s:
            ch = Change(s, self.account.id, clock=self.clock)
            yield ch
            if not ch.recorded:
                raise RuntimeError("A change was made without an audit entry.")

    def _require_admin(self) -> None:
        if not self.account.role.can_manage_accounts:
            raise PermissionDenied("Only the Data Protection Officer can manage accounts.")

    # ---- school profile ----------------------------------------------------------------------
    def profile(self) -> SchoolProfile:
        with self.read() as s:
            row = s.get(SchoolRow, 1)
            if row is None:
                raise SchoolDPError("The school profile is missing from this file.")
            return _profile_from_row(row)

    def update_profile(self, profile: SchoolProfile) -> None:
        profile.validate()
        with self.change() as ch:
            row = ch.session.get(SchoolRow, 1) or SchoolRow(id=1)
            _profile_to_row(profile, row)
            ch.session.add(row)
            ch.record("profile.updated", "school", 1, "School profile updated")

    # ---- accounts ----------------------------------------------------------------------------
    def accounts(self) -> list[Account]:
        with self.read() as s:
            rows = s.scalars(
                select(AccountRow).where(AccountRow.removed_at.is_(None)).order_by(AccountRow.id)
            )
            return [_account(r) for r in rows]

    def add_account(
        self, display_name: str, role: Role, passphrase: str, confirm: str | None = None
    ) -> Account:
        self._require_admin()
        name = display_name.strip()
        if not name:
            raise ValidationError("Enter the person's name.", "name")
        if any(a.display_name.casefold() == name.casefold() for a in self.accounts()):
            raise ValidationError("There is already an account with that name.", "name")
        check_passphrase(passphrase, confirm)
        with self.change() as ch:
            slot_id = self.vault.seal_slot(ch.session, passphrase)
            row = AccountRow(
                display_name=name, role=role.value, slot_id=slot_id, created_at=_naive_utc(self.clock)
            )
            ch.session.add(row)
            ch.session.flush()
            ch.record("account.added", "account", row.id, f"Account added: {role.label}")
        self.vault.commit_key_file()
        return _account(row)

    def remove_account(self, account_id: int) -> None:
        self._require_admin()
        if account_id == self.account.id:
            raise ValidationError("You cannot remove your own account while you are using it.")
        accounts = self.accounts()
        target = next((a for a in accounts if a.id == account_id), None)
        if target is None:
            raise ValidationError("That account no longer exists.")
        if target.role is Role.DPO and sum(a.role is Role.DPO for a in accounts) <= 1:
            raise ValidationError("The last Data Protection Officer account cannot be removed.")
        with self.change() as ch:
            row = ch.session.get(AccountRow, account_id)
            assert row is not None
            row.removed_at = _naive_utc(self.clock)
            self.vault.drop_slot(ch.session, row.slot_id)
            ch.record("account.removed", "account", account_id, "Account removed")
        self.vault.commit_key_file()

    def change_own_passphrase(self, current: str, new: str, confirm: str | None = None) -> None:
        slot = self.vault.key_file.slot(self.account.slot_id)
        if slot is None or slot.open(current, self.vault.key_file.file_id) is None:
            raise ValidationError("Your current passphrase is not right.", "current")
        check_passphrase(new, confirm)
        self._reseal(new)

    def set_passphrase_after_recovery(self, new: str, confirm: str | None = None) -> None:
        check_passphrase(new, confirm)
        self._reseal(new)

    def _reseal(self, new: str) -> None:
        if self.vault.read_only:
            raise ReadOnlyVault()
        with self.vault.write() as s:
            self.vault.seal_slot(s, new, self.account.slot_id)
            audit.append(
                s,
                self.account.id,
                "account.passphrase",
                "account",
                self.account.id,
                "Passphrase changed",
                now=self.clock.now(),
            )
        self.vault.commit_key_file()

    # ---- audit ---------------------------------------------------------------------------
    def activity(self, **filters: Unpack[AuditFilter]) -> list[AuditEntry]:
        """The activity log, newest first, filtered."""
        with self.read() as s:
            return list(audit.entries(s, **filters))

    def verify_activity(self) -> ChainReport:
        with self.read() as s:
            return audit.verify_chain(s)

    # ---- backups -------------------------------------------------------------------------
    def backup_now(self, folder: Path | None = None, reason: str = "manual") -> backups.BackupInfo:
        info = backups.create_backup(self.vault, folder, reason)
        if not self.vault.read_only:
            with self.vault.write() as s:
                audit.append(
                    s,
                    self.account.id,
                    "backup.created",
                    "backup",
                    "",
                    f"Backup made ({reason})",
                    now=self.clock.now(),
                )
        return info

    def backup_on_close(self) -> backups.BackupInfo | None:
        if self.vault.read_only:
            return None
        info = backups.create_backup(self.vault, reason="on close")
        backups.prune(stem=self.vault.path.stem)
        return info

    # ---- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Drop the key and every connection; the file stays reserved for this program."""
        self.vault.dispose()

    def unlock(self, passphrase: str) -> None:
        key = str(self.vault.path)
        THROTTLE.check(key)
        slot = self.vault.key_file.slot(self.account.slot_id)
        db_key = slot.open(passphrase, self.vault.key_file.file_id) if slot else None
        if db_key is None:
            THROTTLE.failed(key)
            raise WrongPassphrase()
        THROTTLE.succeeded(key)
        self.vault.resume(db_key)

    @property
    def locked(self) -> bool:
        return not self.vault.is_open

    def close(self, backup: bool = True) -> None:
        if backup and self.vault.is_open:
            try:
                self.backup_on_close()
            except (OSError, SchoolDPError):
                log.exception("Backup on close failed")
        self.vault.close()


def emergency_sheet_pdf(session: SchoolSession, recovery_key: str) -> bytes:
    """The sheet to print and lock away: where the file is and the key that opens it."""
    return emergency_sheet.render(
        EmergencySheetData(
            school_name=session.profile().name,
            file_location=str(session.vault.path),
            created=session.clock.today(),
            recovery_key=recovery_key,
        )
    )


# ---- opening and creating ------------------------------------------------------------------
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
    vault, slot_id = Vault.create(new.path, new.passphrase, clock)
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
        session = SchoolSession(vault, _account(acc), clock)
        return session, vault.recovery_key()
    except BaseException:
        vault.close()
        raise


def open_school(
    path: Path,
    passphrase: str,
    *,
    preferred_slot: str | None = None,
    read_only: bool = False,
    take_over: bool = False,
    clock: Clock = SYSTEM_CLOCK,
) -> SchoolSession:
    key = str(Path(path))
    THROTTLE.check(key)
    try:
        db_key, slot_id, key_file = Vault.unwrap(Path(path), passphrase, preferred_slot)
    except WrongPassphrase:
        THROTTLE.failed(key)
        raise
    THROTTLE.succeeded(key)
    vault = Vault.open(
        Path(path),
        db_key,
        key_file,
        read_only=read_only,
        take_over=take_over,
        before_upgrade=_backup_before_upgrade,
    )
    return _session_for_slot(vault, slot_id, clock)


def open_with_recovery_key(
    path: Path, recovery_text: str, *, take_over: bool = False, clock: Clock = SYSTEM_CLOCK
) -> SchoolSession:
    """Open with the emergency sheet's key. The session is the first DPO account's, so a new
    passphrase can be set for it at once."""
    key = str(Path(path))
    THROTTLE.check(key)
    sniff(Path(path))
    try:
        db_key = parse_recovery_key(recovery_text)
    except RecoveryKeyTypo:
        raise
    try:
        key_file = load_key_file(Path(path))
    except SchoolDPError:
        key_file = None  # missing key file: rebuilt from the vault's own copy
    try:
        vault = Vault.open(
            Path(path), db_key, key_file, take_over=take_over, before_upgrade=_backup_before_upgrade
        )
    except DamagedFile as exc:
        THROTTLE.failed(key)
        raise ValidationError(
            "That recovery key is well formed but does not open this school file. Is it the sheet "
            "for this school?"
        ) from exc
    THROTTLE.succeeded(key)
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
    with vault.write() as s:
        audit.append(
            s, row.id, "vault.recovery", "account", row.id, "Opened with the recovery key", now=clock.now()
        )
    return session


def _session_for_slot(vault: Vault, slot_id: str, clock: Clock = SYSTEM_CLOCK) -> SchoolSession:
    with vault.session() as s:
        row = s.scalars(select(AccountRow).where(AccountRow.slot_id == slot_id)).first()
    if row is None or row.removed_at is not None:
        vault.close()
        raise WrongPassphrase()
    session = SchoolSession(vault, _account(row), clock)
    with vault.session() as s:
        report = audit.verify_chain(s)
    if not report.ok:
        session.chain_warning = (
            "Warning: the activity log of this school file has been altered outside SchoolDP. "
            f"{report.message} Tell your Data Protection Officer."
        )
        log.warning("Audit chain check failed at entry %s", report.first_bad_id)
    if not vault.read_only:
        with vault.write() as s:
            acc = s.get(AccountRow, row.id)
            assert acc is not None
            acc.last_unlock_at = _naive_utc(clock)
            audit.append(s, row.id, "vault.opened", "account", row.id, "School file opened", now=clock.now())
    return session


# ---- mapping ---------------------------------------------------------------------------------
def _naive_utc(clock: Clock) -> datetime:
    """The clock's moment as the database stores it: naive UTC."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)


def _backup_before_upgrade(vault: Vault) -> None:
    """A schema upgrade cannot be undone, so a backup of the file as it was comes first."""
    backups.create_backup(vault, reason="before-upgrade")


def _account(row: AccountRow) -> Account:
    return Account(row.id, row.display_name, Role(row.role), row.slot_id)


def _profile_from_row(row: SchoolRow) -> SchoolProfile:
    return build_from(
        SchoolProfile,
        row,
        address_lines=tuple(json.loads(row.address_lines or "[]")),
        nation=Nation(row.nation),
        school_type=SchoolType(row.school_type),
        dpo=ContactPerson(row.dpo_name, row.dpo_email, row.dpo_phone, "Data Protection Officer"),
        headteacher=ContactPerson(row.head_name, row.head_email, row.head_phone, "Headteacher"),
    )


def _profile_to_row(p: SchoolProfile, row: SchoolRow) -> None:
    row.name = p.name.strip()
    row.address_lines = json.dumps([line.strip() for line in p.address_lines if line.strip()])
    row.postcode = p.postcode.strip().upper()
    row.phone = p.phone.strip()
    row.email = p.email.strip()
    row.urn = p.urn.strip()
    row.nation = p.nation.value
    row.school_type = p.school_type.value
    row.ico_registration = p.ico_registration.strip().upper()
    row.dpo_name, row.dpo_email, row.dpo_phone = p.dpo.name.strip(), p.dpo.email.strip(), p.dpo.phone.strip()
    row.head_name = p.headteacher.name.strip()
    row.head_email = p.headteacher.email.strip()
    row.head_phone = p.headteacher.phone.strip()
    row.logo_png = p.logo_png


__all__ = [
    "AuditEntry",
    "ChainReport",
    "FileInUse",
    "PermissionDenied",
    "TooManyAttempts",
    "WrongPassphrase",
    "NewSchool",
    "SchoolSession",
    "create_school",
    "emergency_sheet_pdf",
    "open_school",
    "open_with_recovery_key",
]
