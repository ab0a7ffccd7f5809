"""An open school file: the session, its transactions, accounts, revocation and backups.

Creating and opening a file (passphrase or recovery key) are in ``services/opening.py`` and
re-exported here.
"""

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
from schooldp.storage import anchors, audit, keyslots, rekey
from schooldp.storage import backup as backups
from schooldp.storage.audit import AuditEntry, AuditFilter, ChainReport, CheckStopped
from schooldp.storage.errors import DiskFull, FileInUse, ReadOnlyVault, WrongPassphrase
from schooldp.storage.keyfile import Anchor
from schooldp.storage.keyslots import KDF_MINIMUM, KeySlot, fixed_kdf
from schooldp.storage.models import AccountRow, Meta, SchoolRow
from schooldp.storage.vault import Vault

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from schooldp.storage.server.vault import ServerVault

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

    def __init__(self, vault: Vault | ServerVault, account: Account, clock: Clock = SYSTEM_CLOCK) -> None:
        self.vault = vault
        self.account = account
        self.clock = clock
        self.chain_warning: str | None = None
        self.read_only_reason: str | None = None
        self.notices: list[str] = []
        self.opened_with_recovery = False
        self.must_set_passphrase = False

    # ---- where the school lives ---------------------------------------------------------------
    @property
    def on_server(self) -> bool:
        """True for a school on the trust's server (its IT staff manage sign-ins and backups)."""
        return self.vault.kind == "server"

    def _file_vault(self) -> Vault:
        """The school file, for what only a file has; on the server, a plain refusal."""
        if not isinstance(self.vault, Vault):
            from schooldp.storage.server.vault import ServerManaged

            raise ServerManaged()
        return self.vault

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
        if self.must_set_passphrase:
            raise PermissionDenied("Set a new passphrase first: the file was opened with the recovery key.")
        with self.vault.write() as s:
            ch = Change(s, self.account.id, clock=self.clock)
            yield ch
            if not ch.recorded:
                raise RuntimeError("A change was made without an audit entry.")
        self.vault.record_anchor()

    def _system_entry(self, action: str, entity: str, entity_id: object, summary: str) -> None:
        """An entry the program records for the account (opening, backups, key changes)."""
        with self.vault.write() as s:
            audit.append(s, self.account.id, action, entity, entity_id, summary, now=self.clock.now())
        self.vault.record_anchor()

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
        vault = self._file_vault()
        name = display_name.strip()
        if not name:
            raise ValidationError("Enter the person's name.", "name")
        if any(a.display_name.casefold() == name.casefold() for a in self.accounts()):
            raise ValidationError("There is already an account with that name.", "name")
        check_passphrase(passphrase, confirm)
        with self.change() as ch:
            slot_id = vault.seal_slot(ch.session, passphrase)
            row = AccountRow(
                display_name=name, role=role.value, slot_id=slot_id, created_at=_naive_utc(self.clock)
            )
            ch.session.add(row)
            ch.session.flush()
            ch.record("account.added", "account", row.id, f"Account added: {role.label}")
        vault.commit_key_file()
        return _account(row)

    def remove_account(self, account_id: int) -> None:
        """Remove an account and revoke it: the database key is replaced and re-granted to the
        remaining slots, so that person's slot (even a copy kept from before) opens nothing current."""
        self._require_admin()
        vault = self._file_vault()
        if account_id == self.account.id:
            raise ValidationError("You cannot remove your own account while you are using it.")
        accounts = self.accounts()
        target = next((a for a in accounts if a.id == account_id), None)
        if target is None:
            raise ValidationError("That account no longer exists.")
        if target.role is Role.DPO and sum(a.role is Role.DPO for a in accounts) <= 1:
            raise ValidationError("The last Data Protection Officer account cannot be removed.")
        self._refuse_legacy_slots(exclude=target.slot_id)
        with self.change() as ch:
            row = ch.session.get(AccountRow, account_id)
            assert row is not None
            row.removed_at = _naive_utc(self.clock)
            vault.drop_slot(ch.session, row.slot_id)
            ch.session.merge(Meta(key="rotation_due", value="1"))
            ch.record("account.removed", "account", account_id, "Account removed")
        vault.commit_key_file()
        try:
            self.rotate_database_key()
        except DiskFull as exc:
            raise DiskFull(
                vault.path,
                exc.needed,
                "The account is removed, but the school file could not yet be re-encrypted with a "
                "new key; SchoolDP finishes this the next time the file is opened with space free.",
            ) from exc

    def legacy_accounts(self) -> list[Account]:
        """Accounts whose slot an older SchoolDP made and who have not opened the file since."""
        legacy = self.vault.key_file.legacy_slot_ids()
        return [a for a in self.accounts() if a.slot_id in legacy]

    def _refuse_legacy_slots(self, exclude: str = "") -> None:
        waiting = [a.display_name for a in self.legacy_accounts() if a.slot_id != exclude]
        if waiting:
            raise ValidationError(
                "The database key cannot be replaced yet: these accounts have not opened the school "
                f"file since SchoolDP was updated: {', '.join(waiting)}. Ask them to open it once, "
                "or remove their accounts, then try again."
            )

    def rotate_database_key(self) -> None:
        """Re-encrypt the file under a new key granted to every remaining slot (revocation)."""
        vault = self._file_vault()
        if self.read_only:
            raise PermissionDenied("Only an account that can change the file can replace its key.")
        self._refuse_legacy_slots()
        rekey.rotate(vault, vault.key_file, {"rotation_due": None})
        self._system_entry("vault.rekeyed", "school", 1, "Database key replaced")

    def change_recovery_key(self) -> str:
        """A new recovery key to print on a new emergency sheet; the old key stops working.

        The database key is replaced too, so an old sheet (or, for a file made by an older
        SchoolDP, a sheet holding the database key itself) opens only backups made before now.
        """
        self._require_admin()
        vault = self._file_vault()
        if self.read_only:
            raise ReadOnlyVault()
        self._refuse_legacy_slots()
        secret = keyslots.new_recovery_secret()
        recovery = KeySlot.seal_recovery(vault.db_key_for_backup(), secret, vault.key_file.file_id)
        self._system_entry("vault.recovery_changed", "school", 1, "Recovery key changed")
        key_file = vault.key_file.with_slot(recovery)
        rekey.rotate(vault, key_file, {"rotation_due": None, "recovery_scheme": "slot"})
        self._system_entry("vault.rekeyed", "school", 1, "Database key replaced")
        return keyslots.recovery_key_text(secret)

    @property
    def recovery_key_is_legacy(self) -> bool:
        """True for a file made before recovery slots: its sheet holds the database key itself."""
        return not self.vault.has_recovery_slot

    def change_own_passphrase(self, current: str, new: str, confirm: str | None = None) -> None:
        vault = self._file_vault()
        slot = vault.key_file.slot(self.account.slot_id)
        if slot is None or slot.open(current, vault.key_file.file_id) is None:
            raise ValidationError("Your current passphrase is not right.", "current")
        check_passphrase(new, confirm)
        self._reseal(new)

    def set_passphrase_after_recovery(self, new: str, confirm: str | None = None) -> None:
        if not self.opened_with_recovery:
            raise PermissionDenied("Only a file opened with the recovery key can set a passphrase this way.")
        check_passphrase(new, confirm)
        self._reseal(new)
        self.must_set_passphrase = False

    def _reseal(self, new: str) -> None:
        vault = self._file_vault()
        if vault.read_only:
            raise ReadOnlyVault()
        with vault.write() as s:
            vault.seal_slot(s, new, self.account.slot_id, recalibrate=True)
            audit.append(
                s,
                self.account.id,
                "account.passphrase",
                "account",
                self.account.id,
                "Passphrase changed",
                now=self.clock.now(),
            )
        vault.commit_key_file()

    # ---- audit ---------------------------------------------------------------------------
    def activity(self, **filters: Unpack[AuditFilter]) -> list[AuditEntry]:
        """The activity log, newest first, filtered."""
        with self.read() as s:
            return list(audit.entries(s, **filters))

    def verify_activity(self) -> ChainReport:
        with self.read() as s:
            return audit.verify_chain(s)

    def activity_head(self) -> Anchor:
        """The activity log's head (entry count and last hash), as printed on reports."""
        with self.read() as s:
            return anchors.chain_head(s)

    # ---- backups -------------------------------------------------------------------------
    def backup_now(self, folder: Path | None = None, reason: str = "manual") -> backups.BackupInfo:
        info = backups.create_backup(self._file_vault(), folder, reason)
        if not self.vault.read_only:
            self._system_entry("backup.created", "backup", "", f"Backup made ({reason})")
        return info

    def backup_on_close(self) -> backups.BackupInfo | None:
        """The close backup; while locked, the encrypted file is copied as it is."""
        vault = self._file_vault()
        if vault.read_only:
            return None
        info = backups.create_backup(vault, reason="on close")
        backups.prune(stem=vault.path.stem)
        return info

    # ---- locking ---------------------------------------------------------------------------
    def lock(self) -> None:
        """Drop the key and every connection; the file stays reserved for this program."""
        self.vault.dispose()

    def unlock(self, passphrase: str) -> None:
        """Unlock after a lock; on the trust's server, the password signs in again."""
        if self.on_server:
            from schooldp.services.trust.signin import unlock_on_server

            unlock_on_server(self, passphrase)
            return
        vault = self._file_vault()
        key = str(vault.path)
        THROTTLE.check(key)
        slot = vault.key_file.slot(self.account.slot_id)
        db_key = slot.open(passphrase, vault.key_file.file_id) if slot else None
        if db_key is None:
            THROTTLE.failed(key)
            raise WrongPassphrase()
        THROTTLE.succeeded(key)
        vault.resume(db_key)

    @property
    def locked(self) -> bool:
        return not self.vault.is_open

    def close(self, backup: bool = True) -> None:
        if backup and not self.on_server and (self.vault.is_open or self.vault.locked_but_reserved):
            try:
                self.backup_on_close()
            except (OSError, SchoolDPError):
                log.exception("Backup on close failed")
        if self.vault.is_open:
            self.vault.flush_anchor()
            self.vault.save_local_anchor()
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


# ---- mapping ---------------------------------------------------------------------------------
def _naive_utc(clock: Clock) -> datetime:
    """The clock's moment as the database stores it: naive UTC."""
    return clock.now().astimezone(UTC).replace(tzinfo=None)


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


from schooldp.services.opening import (  # noqa: E402  (opening builds SchoolSession)
    LogCheck,
    NewSchool,
    check_log_in_full,
    create_school,
    open_school,
    open_with_recovery_key,
)

__all__ = [
    "KDF_MINIMUM",
    "Anchor",
    "AuditEntry",
    "ChainReport",
    "CheckStopped",
    "DiskFull",
    "FileInUse",
    "LogCheck",
    "PermissionDenied",
    "TooManyAttempts",
    "WrongPassphrase",
    "NewSchool",
    "SchoolSession",
    "check_log_in_full",
    "create_school",
    "emergency_sheet_pdf",
    "fixed_kdf",
    "open_school",
    "open_with_recovery_key",
]
