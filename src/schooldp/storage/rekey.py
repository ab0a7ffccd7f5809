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
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import sqlcipher3

from schooldp.storage import keyslots, swap
from schooldp.storage.atomic import atomic_write_bytes, fsync_dir
from schooldp.storage.errors import disk_errors
from schooldp.storage.keyfile import KeyFile
from schooldp.storage.vault import Vault, key_file_path, key_opens

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
            _rekey_copy(staged, old_key, new_key, new_file, {**(meta or {}), **_retire(vault, old_key)})
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


def _retire(vault: Vault, old_key: bytes) -> dict[str, str | None]:
    """Earlier database keys, kept inside the encrypted file only, so the DPO can re-encrypt
    (or recognise) backups made before a rotation. Whoever holds the current key already reads
    everything those backups hold."""
    retired = retired_keys(vault)
    return {"retired_keys": json.dumps([k.hex() for k in [*retired, old_key][-50:]])}


def retired_keys(vault: Vault) -> list[bytes]:
    raw = vault.meta("retired_keys") if vault.is_open else None
    try:
        return [bytes.fromhex(k) for k in json.loads(raw or "[]")]
    except (TypeError, ValueError):
        return []


def reencrypt_backup(backup: Path, keys: list[bytes], new_key: bytes, key_file: KeyFile) -> bool:
    """Re-encrypt a backup made before a rotation under the current key and slots; atomic.

    False when none of ``keys`` opens it (a backup of another file, or one too old to know).
    """
    with tempfile.TemporaryDirectory(dir=backup.parent, prefix=f".backup-{os.getpid()}-") as work:
        db = Path(work) / "school.sdp"
        with zipfile.ZipFile(backup) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            with zf.open("school.sdp") as src, open(db, "wb") as dst:
                shutil.copyfileobj(src, dst)
        old_key = next((k for k in keys if key_opens(db, k)), None)
        if old_key is None:
            return False
        regranted = key_file.regranted(new_key)
        _rekey_copy(db, old_key, new_key, regranted, {})
        anchored = _anchored(db, new_key, regranted)
        manifest["reencrypted"] = True
        out = Path(work) / "backup.zip"
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, indent=1))
            zf.write(db, "school.sdp")
            zf.writestr("school.sdp-keys", anchored.to_json())
        swap.fsync_file(out)
        os.replace(out, backup)
    fsync_dir(backup.parent)
    return True


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
