"""Rotating the database key: the file re-encrypted under a new key granted to every remaining slot.

Used when an account is removed (so a slot copied earlier, or kept in an old backup, no longer
opens the current file) and when the recovery key is changed. SQLCipher's ``PRAGMA rekey``
rewrites every page in place and cannot be interrupted safely, so it runs on a copy
(``School.sdp.incoming``), which is then swapped in with the new key file (swap.py): a crash at
any point leaves either the old pair or the new pair, both complete.
"""

from __future__ import annotations

import json
import logging
import shutil

import sqlcipher3

from schooldp.storage import keyslots, swap
from schooldp.storage.atomic import atomic_write_bytes
from schooldp.storage.errors import disk_errors
from schooldp.storage.keyfile import KeyFile
from schooldp.storage.vault import Vault, key_file_path

log = logging.getLogger(__name__)


def _pragma_key(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def rotate(vault: Vault, key_file: KeyFile, meta: dict[str, str | None] | None = None) -> None:
    """Re-encrypt the open school file under a new key granted to the slots of ``key_file``.

    ``meta`` entries are written into the new copy before it is re-keyed (None removes one).
    The vault carries on open, with the new key.
    """
    old_key = vault.db_key_for_backup()
    new_key = keyslots.new_db_key()
    new_file = key_file.regranted(new_key)
    path = vault.path
    kpath = key_file_path(path)
    staged = swap.incoming_db(path)
    swap.discard(path, kpath)
    vault.drop_engine()
    try:
        with disk_errors(path):
            shutil.copyfile(path, staged)
            swap.checkpoint("copied")
            _rekey_copy(staged, old_key, new_key, new_file, meta or {})
            swap.checkpoint("rekeyed")
            swap.fsync_file(staged)
            anchored = _anchored(staged, new_key, new_file)
            atomic_write_bytes(swap.incoming_keys(kpath), anchored.to_json())
            swap.checkpoint("staged")
            swap.commit(path, kpath)
    except BaseException:
        swap.discard(path, kpath)
        vault.resume(old_key)
        raise
    vault.replace_key(new_key, anchored)
    log.info("Database key rotated; %d slots re-granted", len(new_file.slots))


def _rekey_copy(
    staged: object, old_key: bytes, new_key: bytes, key_file: KeyFile, meta: dict[str, str | None]
) -> None:
    conn = sqlcipher3.connect(str(staged))
    try:
        conn.execute(f"PRAGMA key = {_pragma_key(old_key)}")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        with conn:
            conn.execute("DELETE FROM key_slots")
            conn.executemany(
                "INSERT INTO key_slots(slot_id, body) VALUES (?, ?)",
                [(s.slot_id, json.dumps(s.to_dict())) for s in key_file.slots],
            )
            for key, value in meta.items():
                if value is None:
                    conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                else:
                    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))
        conn.execute(f"PRAGMA rekey = {_pragma_key(new_key)}")
    finally:
        conn.close()


def _anchored(staged: object, new_key: bytes, key_file: KeyFile) -> KeyFile:
    """The new key file with the copy's activity-log head, sealed with the new key."""
    from schooldp.storage.keyfile import Anchor

    conn = sqlcipher3.connect(str(staged))
    try:
        conn.execute(f"PRAGMA key = {_pragma_key(new_key)}")
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('audit_head', 'audit_count')"))
    finally:
        conn.close()
    anchor = Anchor(int(rows["audit_count"]), rows["audit_head"]) if "audit_head" in rows else None
    return key_file.with_anchor(anchor).sealed(new_key)
