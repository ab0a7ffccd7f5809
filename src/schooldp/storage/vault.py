"""The school file: one SQLCipher 4 database, opened with a key unwrapped from a key slot.

Layout on disk (documented for support staff):
- ``School.sdp``       the encrypted database (SQLCipher 4, AES-256, HMAC on every page)
- ``School.sdp-keys``  the key slots and the activity log's anchor (JSON with a MAC; no personal
                       data) - see keyslots.py and keyfile.py
- ``School.sdp.lock``  present while a copy of SchoolDP has the file open for writing
- ``*.incoming``       a replacement being swapped in (key rotation, restore) - see swap.py

Backups (backup.py) put the database and the key slots together in one file.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC
from functools import lru_cache
from pathlib import Path

import sqlcipher3
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from schooldp import __version__
from schooldp.domain.clock import SYSTEM_CLOCK, Clock
from schooldp.storage import anchors, keyslots, swap
from schooldp.storage.atomic import atomic_write_bytes, fsync_dir
from schooldp.storage.errors import (
    CannotWriteHere,
    DamagedFile,
    KeyFileMissing,
    NewerSchoolFile,
    NotASchoolFile,
    ReadOnlyVault,
    WrongPassphrase,
    disk_errors,
    is_read_only_error,
    read_only_reason,
)
from schooldp.storage.keyfile import KeyFile
from schooldp.storage.keyslots import KeyFileError, KeySlot
from schooldp.storage.lockfile import FileLock
from schooldp.storage.models import KeySlotRow, Meta

log = logging.getLogger(__name__)

SCHOOL_FILE_SUFFIX = ".sdp"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ANCHOR_EVERY_SECONDS = 2.0


def _quiet_sqlcipher() -> None:
    """SQLCipher logs decryption failures to stderr by default; a wrong key is not news."""
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet_sqlcipher()


def key_file_path(school_file: Path) -> Path:
    return school_file.with_name(school_file.name + "-keys")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    """The migration scripts, read once per run (reading them all cost ~40 ms a time)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> set[str]:
    """Each feature's migrations are a branch off the foundation, so there may be several heads."""
    return set(_scripts().get_heads())


def _known_revisions() -> set[str]:
    return {s.revision for s in _scripts().walk_revisions()}


def _make_engine(path: Path, db_key: bytes, read_only: bool) -> Engine:
    raw_key = f"x'{db_key.hex()}'"
    if read_only:
        database = f"{path.resolve().as_uri()}?mode=ro"
        url = URL.create("sqlite+pysqlcipher", password=raw_key, database=database, query={"uri": "true"})
    else:
        url = URL.create("sqlite+pysqlcipher", password=raw_key, database=str(path))
    # NullPool: every Session gets its own connection and closes it, so locking the program
    # really drops every decrypted page cache; opening a connection costs well under a millisecond.
    engine = create_engine(url, poolclass=NullPool, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = DELETE")  # a single file; safe on shared folders
        cur.execute("PRAGMA synchronous = FULL")  # a commit is on disk before it returns
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute("PRAGMA busy_timeout = 5000")
        cur.close()

    return engine


def sniff(path: Path) -> None:
    """Refuse files that cannot be a school file before asking for any key."""
    if not path.exists():
        raise NotASchoolFile(f"There is no school file at {path}.")
    if path.is_dir():
        raise NotASchoolFile(f"{path} is a folder, not a school file.")
    size = path.stat().st_size
    if size == 0:
        raise DamagedFile("The school file is empty. Restore it from a backup (Settings > Backups).")
    with path.open("rb") as handle:
        head = handle.read(16)
    if head == _SQLITE_MAGIC:
        raise NotASchoolFile("This is an ordinary, unencrypted database, not a SchoolDP school file.")
    if size % 1024 != 0:
        raise DamagedFile(
            "The school file is incomplete (it may have been cut short while copying). "
            "Restore it from a backup; the file has not been changed."
        )


def key_opens(path: Path, db_key: bytes) -> bool:
    """True when ``db_key`` decrypts the school file's first page (a quick check, no changes)."""
    try:
        conn = sqlcipher3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlcipher3.Error:
        return False
    try:
        conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def load_key_file(path: Path) -> KeyFile:
    kpath = key_file_path(path)
    if not kpath.exists():
        raise KeyFileMissing(
            f"The key file '{kpath.name}' that goes with this school file is missing. Copy it "
            "back beside the school file, or open the file with the recovery key from the "
            "emergency sheet."
        )
    try:
        return KeyFile.from_json(kpath.read_bytes())
    except KeyFileError as exc:
        raise NotASchoolFile(str(exc)) from exc


class _HeldSession(Session):
    """The one session of `Vault.one_transaction`: leaving a `with` block on it keeps it open."""

    released = False

    def close(self) -> None:
        if self.released:
            super().close()

    def release(self) -> None:
        self.released = True
        self.close()


class Vault:
    """An open school file. Sessions come from here; nothing else touches the database."""

    kind = "file"  # a school on the trust's server is a ServerVault (storage/server/vault.py)

    def __init__(self, path: Path, db_key: bytes, key_file: KeyFile, read_only: bool, lock: FileLock | None):
        self.path = path
        self.key_file = key_file
        self.read_only = read_only
        self._lock = lock
        self._db_key: bytes | None = db_key
        self._pending_key_file: KeyFile | None = None
        self._anchored_at = 0.0
        self._anchor_due = False
        self._mac_expected = False
        self.engine: Engine | None = _make_engine(path, db_key, read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._held: _HeldSession | None = None
        self._held_by = 0  # the thread working in the held session
        self.key_file_altered = False

    # ---- opening -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str, clock: Clock = SYSTEM_CLOCK) -> tuple[Vault, str, str]:
        """Make a new, empty school file; returns the vault, the first slot's id and the
        recovery key to print (a separate secret: no slot holds it)."""
        path = Path(path)
        if path.exists() or key_file_path(path).exists():
            raise NotASchoolFile(f"A file called '{path.name}' already exists there. Choose another name.")
        path.parent.mkdir(parents=True, exist_ok=True)
        file_id = uuid.uuid4().hex
        db_key = keyslots.new_db_key()
        secret = keyslots.new_recovery_secret()
        slot = KeySlot.seal(db_key, passphrase, file_id)
        key_file = KeyFile(file_id, (slot, KeySlot.seal_recovery(db_key, secret, file_id))).sealed(db_key)
        tmp = path.with_name(f".{uuid.uuid4().hex}.creating")
        try:
            with disk_errors(path):
                _write_new_database(tmp, db_key, key_file, clock)
                atomic_write_bytes(key_file_path(path), key_file.to_json())
                os.replace(tmp, path)
                fsync_dir(path.parent)
        except BaseException as exc:
            with suppress(OSError):  # on a read-only drive even tidying up fails
                tmp.unlink(missing_ok=True)
            refused = _folder_refuses(path.parent) if isinstance(exc, OSError | SADatabaseError) else None
            if refused is not None:
                raise CannotWriteHere(path, read_only_reason(refused)) from exc
            raise
        log.info("Created a school file")
        anchors.save_local(key_file, path)
        lock = FileLock(path)
        lock.acquire()
        vault = cls(path, db_key, key_file, read_only=False, lock=lock)
        return vault, slot.slot_id, keyslots.recovery_key_text(secret)

    @staticmethod
    def reserve(path: Path, take_over: bool = False) -> FileLock:
        """Take the lock file, then finish or undo any swap a crash interrupted."""
        lock = FileLock(Path(path))
        lock.acquire(take_over=take_over)
        try:
            swap.recover(Path(path), key_file_path(Path(path)))
        except OSError:
            lock.release()
            raise
        return lock

    @classmethod
    def unwrap(
        cls, path: Path, passphrase: str, preferred_slot: str | None = None
    ) -> tuple[bytes, str, KeyFile]:
        """The database key and slot id a passphrase opens, or WrongPassphrase."""
        sniff(path)
        key_file = load_key_file(path)
        slots = sorted(key_file.account_slots, key=lambda s: s.slot_id != preferred_slot)
        for slot in slots:
            db_key = slot.open(passphrase, key_file.file_id)
            if db_key is not None:
                return db_key, slot.slot_id, key_file
        raise WrongPassphrase()

    @classmethod
    def open(
        cls,
        path: Path,
        db_key: bytes,
        key_file: KeyFile | None = None,
        *,
        read_only: bool = False,
        take_over: bool = False,
        before_upgrade: Callable[[Vault], object] | None = None,
        lock: FileLock | None = None,
    ) -> Vault:
        """Open with a known database key (from a slot or the recovery slot).

        When the file needs a schema upgrade, ``before_upgrade`` is called with the open vault
        first; the services pass a backup there, so an upgrade can always be undone.
        """
        path = Path(path)
        sniff(path)
        if not read_only and lock is None:
            lock = cls.reserve(path, take_over)
        try:
            vault = cls(path, db_key, key_file or KeyFile(file_id=""), read_only, lock)
            vault._check_and_migrate(before_upgrade)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return vault

    def _check_and_migrate(self, before_upgrade: Callable[[Vault], object] | None) -> None:
        current, file_id = self._inspect()
        if not current or file_id is None:
            self.dispose()
            raise NotASchoolFile("This file is not a SchoolDP school file.")
        if not current <= _known_revisions():
            self.dispose()
            raise NewerSchoolFile()
        if self.key_file.file_id and self.key_file.file_id != file_id:
            self.dispose()
            raise DamagedFile("The key file beside this school file belongs to a different school file.")
        if not self.key_file.file_id:
            self._restore_key_file(file_id)
        self._check_key_file()
        self._reconcile_slots()
        if not _is_up_to_date(current):
            self._upgrade(current, before_upgrade)

    def _check_key_file(self) -> None:
        """A key file in the current format must carry a MAC made with this file's key."""
        assert self._db_key is not None
        expects_mac = self.meta("keyfile_mac") == "1"
        if self.key_file.version >= 2 or expects_mac:
            self.key_file_altered = not self.key_file.authentic(self._db_key)
        if self.key_file_altered:
            log.warning("The key file's MAC does not match")

    def _reconcile_slots(self) -> None:
        """The slots inside the file are written in the same transaction as the accounts; if the
        key file beside it missed an update (a full drive, a crash), it is rewritten from them."""
        if self.read_only or self.key_file_altered:
            return
        with self.session() as s:
            inside = {
                r.slot_id: KeySlot.from_dict(_json_loads(r.body)) for r in s.scalars(select(KeySlotRow))
            }
        beside = {slot.slot_id: slot for slot in self.key_file.slots}
        if not inside or inside == beside:
            return
        log.warning("The key file missed a change to the slots; rewriting it from the school file")
        self._save_key_file(replace(self.key_file, slots=tuple(inside.values())))

    def _inspect(self) -> tuple[set[str], str | None]:
        """Integrity checks, then the applied schema heads and the file id; DamagedFile if unreadable."""
        assert self.engine is not None
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
                problems = [r[0] for r in conn.execute(text("PRAGMA cipher_integrity_check"))]
                if problems:
                    raise DamagedFile(
                        "Part of the school file is damaged and cannot be read safely. Restore it "
                        "from a backup (Settings > Backups); the file has not been changed."
                    )
                ok = conn.execute(text("PRAGMA quick_check")).scalar_one()
                if ok != "ok":
                    raise DamagedFile(
                        "The school file's contents are damaged. Restore it from a backup; the "
                        "file has not been changed."
                    )
                current = set(MigrationContext.configure(conn).get_current_heads())
                file_id = conn.execute(select(Meta.value).where(Meta.key == "file_id")).scalar_one_or_none()
        except (SADatabaseError, sqlcipher3.DatabaseError) as exc:
            self.dispose()
            raise DamagedFile(
                "This school file cannot be read with its key: it is damaged, or the key file "
                "beside it belongs to another school file. Restore it from a backup; nothing "
                "has been changed."
            ) from exc
        except DamagedFile:
            self.dispose()
            raise
        return current, file_id

    def _upgrade(self, current: set[str], before_upgrade: Callable[[Vault], object] | None) -> None:
        """Bring the schema up to this version; ``before_upgrade`` (a backup) runs first."""
        assert self.engine is not None
        if self.read_only:
            self.dispose()
            raise VaultNeedsUpgrade()
        if before_upgrade is not None:
            before_upgrade(self)
        with self.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
        log.info("Upgraded school file schema from %s to %s", sorted(current), sorted(head_revisions()))

    def _restore_key_file(self, file_id: str) -> None:
        """After a recovery-key open: rebuild the key file from the mirror inside the vault."""
        with self.session() as s:
            rows = s.scalars(select(KeySlotRow)).all()
            slots = tuple(KeySlot.from_dict(_json_loads(r.body)) for r in rows)
        self.key_file = KeyFile(file_id, slots, version=1)
        kpath = key_file_path(self.path)
        if not self.read_only and not kpath.exists():
            self._save_key_file(self.key_file)
            log.info("Rebuilt a missing key file from the vault's copy")

    # ---- using ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.engine is not None

    @property
    def locked_but_reserved(self) -> bool:
        """Locked by the user (key dropped) while this program still holds the file."""
        return self.engine is None and self._lock is not None

    def session(self) -> Session:
        if self.engine is None:
            raise VaultLocked()
        if self._held is not None and threading.get_ident() == self._held_by:
            return self._held
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any error (a full disk included)."""
        if self.read_only:
            raise ReadOnlyVault()
        if self._held is not None and threading.get_ident() == self._held_by:
            yield self._held  # part of the one transaction: committed when it ends
            self._held.flush()
            return
        with disk_errors(self.path), self.session() as s, s.begin():
            yield s

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Until the block ends, this thread's reads and changes share one session and one
        transaction, committed when the block ends.

        For writing many records at once (the demo school): one commit, and one connection, instead
        of one per change; each change still writes its own audit entry, and reads see the changes
        made so far. All or nothing: an error anywhere in the block undoes every change in it. The
        activity log's anchor is written once, after the commit (never naming uncommitted entries).
        Other threads keep their own sessions and see only what is committed.
        """
        if self.read_only:
            raise ReadOnlyVault()
        if self.engine is None:
            raise VaultLocked()
        if self._held is not None:
            raise RuntimeError("Already inside one transaction.")
        held = _HeldSession(self.engine, expire_on_commit=False)
        self._held, self._held_by = held, threading.get_ident()
        try:
            with disk_errors(self.path), held.begin():
                yield
        finally:
            self._held = None
            held.release()
        self.flush_anchor()

    def meta(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(Meta, key)
            return None if row is None else row.value

    def db_key_for_backup(self) -> bytes:
        if self._db_key is None:
            raise VaultLocked()
        return self._db_key

    @property
    def has_recovery_slot(self) -> bool:
        return self.meta("recovery_scheme") == "slot"

    # ---- key slots -------------------------------------------------------------------------
    def seal_slot(
        self, session: Session, passphrase: str, slot_id: str | None = None, *, recalibrate: bool = False
    ) -> str:
        """Add (or replace) a slot inside the caller's transaction; the key file follows on commit."""
        slot = KeySlot.seal(
            self.db_key_for_backup(), passphrase, self.key_file.file_id, slot_id, recalibrate=recalibrate
        )
        session.merge(KeySlotRow(slot_id=slot.slot_id, body=_slot_json(slot)))
        base = self._pending_key_file or self.key_file
        self._pending_key_file = base.with_slot(slot)
        return slot.slot_id

    def drop_slot(self, session: Session, slot_id: str) -> None:
        row = session.get(KeySlotRow, slot_id)
        if row is not None:
            session.delete(row)
        base = self._pending_key_file or self.key_file
        self._pending_key_file = base.without_slot(slot_id)

    def commit_key_file(self) -> None:
        """Write the key file after the database transaction that changed the slots committed."""
        pending = self._pending_key_file
        if pending is None:
            return
        self._save_key_file(pending)
        self._pending_key_file = None

    def _save_key_file(self, key_file: KeyFile) -> None:
        """Seal (MAC) and write the key file with the log's current anchor; mirror it locally."""
        db_key = self.db_key_for_backup()
        with self.session() as s:
            anchor = anchors.chain_head(s)
        sealed = key_file.with_anchor(anchor).sealed(db_key)
        with disk_errors(self.path):
            atomic_write_bytes(key_file_path(self.path), sealed.to_json())
        self.key_file = sealed
        self.key_file_altered = False
        anchors.save_local(sealed, self.path)
        self._expect_mac()

    def _expect_mac(self) -> None:
        """Once a key file with a MAC was written, a key file without one is reported as altered."""
        if self._mac_expected or self.read_only:
            return
        if self.meta("keyfile_mac") != "1":
            with self.write() as s:
                s.merge(Meta(key="keyfile_mac", value="1"))
        self._mac_expected = True

    def record_anchor(self, now: bool = False) -> None:
        """Copy the log's head into the key file after a change.

        A lagging anchor is harmless (the log must only *extend* it), so during a burst of
        changes it is written at most every ANCHOR_EVERY_SECONDS, and always on lock and close.
        """
        if self.read_only or self.engine is None:
            return
        if self._held is not None or (
            not now and time.monotonic() - self._anchored_at < ANCHOR_EVERY_SECONDS
        ):
            self._anchor_due = True
            return
        self._anchor_due = False
        self._anchored_at = time.monotonic()
        db_key = self.db_key_for_backup()
        with self.session() as s:
            anchor = anchors.chain_head(s)
        sealed = self.key_file.with_anchor(anchor).sealed(db_key)
        try:
            atomic_write_bytes(key_file_path(self.path), sealed.to_json())
        except OSError:
            log.warning("Could not record the activity log's head in the key file")
            return
        self.key_file = sealed
        self._expect_mac()

    def flush_anchor(self) -> None:
        if self._anchor_due:
            self.record_anchor(now=True)

    def save_local_anchor(self) -> None:
        if self.key_file.file_id:
            anchors.save_local(self.key_file, self.path)

    def replace_key(self, new_key: bytes, key_file: KeyFile) -> None:
        """After a rotation swapped the file in: carry on with the new key and key file."""
        self._db_key = new_key
        self.key_file = key_file
        self.key_file_altered = False
        self.engine = _make_engine(self.path, new_key, self.read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        anchors.save_local(key_file, self.path)

    def fall_back_to_read_only(self) -> None:
        """Carry on read-only (the drive filled up while opening): reopen read-only, free the lock."""
        db_key = self.db_key_for_backup()
        self.drop_engine()
        self.read_only = True
        self.engine = _make_engine(self.path, db_key, read_only=True)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def drop_engine(self) -> None:
        """Close every connection but keep the key (for a rotation)."""
        if self.engine is not None:
            self.engine.dispose()
        self.engine = None

    # ---- closing -----------------------------------------------------------------------------
    def resume(self, db_key: bytes) -> None:
        """Reopen after a lock, with the key just unwrapped again."""
        if self.engine is not None:
            return
        self._db_key = db_key
        self.engine = _make_engine(self.path, db_key, self.read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def dispose(self) -> None:
        if self.engine is not None:
            self.flush_anchor()
            self.engine.dispose()
        self.engine = None
        self._db_key = None

    def close(self) -> None:
        self.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _write_new_database(tmp: Path, db_key: bytes, key_file: KeyFile, clock: Clock) -> None:
    engine = _make_engine(tmp, db_key, read_only=False)
    try:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
            now = clock.now().astimezone(UTC).isoformat(timespec="seconds")
            for key, value in (
                ("file_id", key_file.file_id),
                ("created_at", now),
                ("created_by_version", __version__),
                ("recovery_scheme", "slot"),
                ("keyfile_mac", "1"),
            ):
                conn.execute(text("INSERT INTO meta(key, value) VALUES (:k, :v)"), {"k": key, "v": value})
            for slot in key_file.slots:
                conn.execute(
                    text("INSERT INTO key_slots(slot_id, body) VALUES (:s, :b)"),
                    {"s": slot.slot_id, "b": _slot_json(slot)},
                )
    finally:
        engine.dispose()


def _folder_refuses(folder: Path) -> OSError | None:
    """Why ``folder`` takes no new file (SQLite only says "unable to open database file"), or None."""
    probe = folder / f".{uuid.uuid4().hex}.probe"
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        return exc if is_read_only_error(exc) else None
    with suppress(OSError):
        probe.unlink()
    return None


def _is_up_to_date(current: set[str]) -> bool:
    """True when every head is applied (a head's ancestors come with it)."""
    script = _scripts()
    applied: set[str] = set()
    for rev in current:
        applied |= {r.revision for r in script.iterate_revisions(rev, "base")}
    return head_revisions() <= applied


class VaultLocked(ReadOnlyVault):
    def __init__(self) -> None:
        Exception.__init__(self, "SchoolDP is locked. Unlock it to carry on.")


class VaultNeedsUpgrade(ReadOnlyVault):
    def __init__(self) -> None:
        Exception.__init__(
            self,
            "This school file needs a one-off upgrade for this version of SchoolDP, which cannot "
            "be done read-only. Open it normally when no one else has it open.",
        )


def _slot_json(slot: KeySlot) -> str:
    import json

    return json.dumps(slot.to_dict())


def _json_loads(body: str) -> dict:  # type: ignore[type-arg]
    import json

    value = json.loads(body)
    assert isinstance(value, dict)
    return value
