"""Key slots: each account's own wrapped copy of the school file's database key.

The database key is 32 random bytes and never stored in clear. A slot wraps it with AES-GCM
under a key derived from a passphrase by Argon2id (memory-hard), so each person has their own
passphrase and changing one never re-encrypts the file (the LUKS / KeePassXC idea).

The slots live in a small JSON "key file" beside the school file (``School.sdp-keys``) and are
mirrored inside the encrypted database, so SchoolDP can rebuild a lost key file after the
school file is opened with the recovery key. The key file holds no personal data: slot ids are
random and account names stay inside the vault.

The recovery key printed on the emergency sheet *is* the database key (with a checksum), so it
opens the school file even if the key file is lost.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_FILE_FORMAT = "schooldp-keys"
KEY_FILE_VERSION = 1
DB_KEY_BYTES = 32

# Argon2id cost: 64 MiB, 3 passes, 4 lanes (~0.15 s on a 2-core laptop; above OWASP's minimum).
DEFAULT_KDF = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}

_B32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class KeyFileError(Exception):
    """The key file is missing, damaged or from a newer SchoolDP."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_key(passphrase: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "argon2id":
        raise KeyFileError(f"Unknown key derivation '{kdf.get('name')}'.")
    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(kdf["iterations"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(passphrase.encode("utf-8"))


@dataclass(frozen=True)
class KeySlot:
    slot_id: str
    salt: str
    nonce: str
    wrapped: str
    kdf: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_KDF))

    @classmethod
    def seal(cls, db_key: bytes, passphrase: str, file_id: str, slot_id: str | None = None) -> KeySlot:
        slot_id = slot_id or uuid.uuid4().hex
        salt = os.urandom(16)
        nonce = os.urandom(12)
        kek = derive_key(passphrase, salt, DEFAULT_KDF)
        aad = f"{file_id}:{slot_id}".encode()
        wrapped = AESGCM(kek).encrypt(nonce, db_key, aad)
        return cls(slot_id, _b64(salt), _b64(nonce), _b64(wrapped), dict(DEFAULT_KDF))

    def open(self, passphrase: str, file_id: str) -> bytes | None:
        """The database key, or None when the passphrase is not this slot's."""
        try:
            kek = derive_key(passphrase, _unb64(self.salt), self.kdf)
            aad = f"{file_id}:{self.slot_id}".encode()
            return AESGCM(kek).decrypt(_unb64(self.nonce), _unb64(self.wrapped), aad)
        except (InvalidTag, ValueError):
            return None


@dataclass(frozen=True)
class KeyFile:
    file_id: str
    slots: tuple[KeySlot, ...] = ()
    version: int = KEY_FILE_VERSION

    def to_json(self) -> bytes:
        body = {
            "format": KEY_FILE_FORMAT,
            "version": self.version,
            "file_id": self.file_id,
            "slots": [asdict(s) for s in self.slots],
        }
        return json.dumps(body, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> KeyFile:
        try:
            body = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc
        if not isinstance(body, dict) or body.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError("The key file beside the school file is not a SchoolDP key file.")
        version = int(body.get("version", 0))
        if version > KEY_FILE_VERSION:
            raise KeyFileError(
                "This school file was made by a newer version of SchoolDP. "
                "Install the latest SchoolDP to open it."
            )
        try:
            slots = tuple(KeySlot(**s) for s in body["slots"])
            return cls(str(body["file_id"]), slots, version)
        except (KeyError, TypeError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc

    def with_slot(self, slot: KeySlot) -> KeyFile:
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def without_slot(self, slot_id: str) -> KeyFile:
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))

    def slot(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)


def new_db_key() -> bytes:
    return os.urandom(DB_KEY_BYTES)


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"schooldp-recovery:" + key).digest()[:3]


def recovery_key_text(db_key: bytes) -> str:
    """The printed recovery key: 32 key bytes + 3 checksum bytes, base32, in groups of four."""
    raw = base64.b32encode(db_key + _checksum(db_key)).decode("ascii").rstrip("=")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


class RecoveryKeyTypo(ValueError):
    """The text typed is not a well-formed recovery key (a typing mistake)."""


def parse_recovery_key(text: str) -> bytes:
    """The database key from a typed recovery key; forgiving about spaces, dashes, case, 0/O, 1/I."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(cleaned) != 56 or any(ch not in _B32_ALPHABET for ch in cleaned):
        raise RecoveryKeyTypo(
            "A recovery key has 56 letters and digits in groups of four. Check it against the sheet."
        )
    raw = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    key, check = raw[:DB_KEY_BYTES], raw[DB_KEY_BYTES:]
    if _checksum(key) != check:
        raise RecoveryKeyTypo("That recovery key has a typing mistake. Check each group against the sheet.")
    return key
