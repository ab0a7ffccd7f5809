"""Key slots: each account's own way to the school file's database key, and the recovery slot.

The database key is 32 random bytes and never stored in clear. Each slot holds an X25519 key
pair: the private half is sealed with AES-GCM under a key derived from the person's passphrase
by Argon2id, and the database key is sealed to the public half (an ephemeral X25519 exchange,
HKDF-SHA256, AES-GCM). So the database key can be replaced and re-granted to every remaining
slot without anyone's passphrase (revocation), while only a passphrase opens a slot.

The recovery slot works the same way, its private key derived from a separate random secret:
the recovery key printed on the emergency sheet. No account's slot holds that secret, so no
account can derive it.

Files made before this scheme have "legacy" slots (the database key sealed straight under the
passphrase key) and no recovery slot: their recovery key *was* the database key. Those still
open until the DPO changes the recovery key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DB_KEY_BYTES = 32
RECOVERY_SLOT_ID = "recovery"

# The cost slots made before calibration used (64 MiB, 3 passes, 4 lanes); kept for reference.
DEFAULT_KDF = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
# What a key file may ask for: anything outside is refused before any work is done, so an edited
# key file cannot demand gigabytes of memory or hours of work (OWASP password storage cheat sheet).
KDF_BOUNDS = {"memory_kib": (8192, 1048576), "iterations": (1, 16), "lanes": (1, 16)}
# Never less than OWASP's minimum for Argon2id: m = 19 MiB, t = 2, p = 1 (password storage cheat sheet).
KDF_MINIMUM = {"memory_kib": 19456, "iterations": 2, "lanes": 1}
KDF_TARGET_SECONDS = 0.5
"""A new slot costs about this long to open on the computer that makes it."""
KDF_MEMORY_CAP_KIB = 262144
"""256 MiB: past this, a slot grows more passes rather than more memory, so an older school
computer can still open it."""
KDF_MAX_LANES = 4
KDF_PROBE = {"memory_kib": 65536, "iterations": 1}
KDF_ENV = "SCHOOLDP_KDF"
"""``memory_kib=19456,iterations=2,lanes=1`` fixes the cost of new slots (tests, benches); it is
held to the bounds and the minimum like any other."""

_B32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


class KeyFileError(Exception):
    """The key file is missing, damaged, altered or from a newer SchoolDP."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _hkdf(secret: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info.encode()).derive(secret)


def check_kdf(kdf: dict[str, Any]) -> dict[str, int]:
    """The Argon2id parameters as numbers, or KeyFileError when they are outside safe bounds."""
    if kdf.get("name") != "argon2id":
        raise KeyFileError(f"Unknown key derivation '{kdf.get('name')}'.")
    values: dict[str, int] = {}
    for name, (low, high) in KDF_BOUNDS.items():
        try:
            value = int(kdf[name])
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc
        if not low <= value <= high:
            raise KeyFileError(
                "The key file beside the school file asks for unsafe settings "
                f"({name} = {value}); it may have been altered. Restore it from a backup."
            )
        values[name] = value
    return values


def derive_key(passphrase: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    params = check_kdf(kdf)
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params["iterations"],
        lanes=params["lanes"],
        memory_cost=params["memory_kib"],
    ).derive(passphrase.encode("utf-8"))


def _time_derivation(kdf: dict[str, Any]) -> float:
    """Seconds one derivation takes: the CPU time when other programs hold the processor up
    (a busy moment should not make every slot cheap), the wall time when it runs in parallel."""
    wall, cpu = time.perf_counter(), time.process_time()
    derive_key("calibration", b"\0" * 16, kdf)
    return min(time.perf_counter() - wall, time.process_time() - cpu)


def _clamp(name: str, value: int) -> int:
    low, high = KDF_BOUNDS[name]
    return max(KDF_MINIMUM[name], low, min(high, value))


def calibrate_kdf(
    measure: Callable[[dict[str, Any]], float] = _time_derivation, cpus: int | None = None
) -> dict[str, Any]:
    """Argon2id settings that take about KDF_TARGET_SECONDS here, never below the minimum.

    One pass over 64 MiB is timed (more than a processor's cache holds, so the time per MiB is
    what a real slot pays; a first pass costs a little more than later ones, so slots land a
    little under the target rather than over) and the cost scaled linearly: memory first, up to
    the cap, then passes.
    """
    lanes = _clamp("lanes", min(KDF_MAX_LANES, cpus or os.cpu_count() or 1))
    probe: dict[str, Any] = {"name": "argon2id", **KDF_PROBE, "lanes": lanes}
    seconds = max(measure(probe), 1e-6)
    budget = KDF_TARGET_SECONDS / seconds * KDF_PROBE["memory_kib"] * KDF_PROBE["iterations"]
    iterations = _clamp("iterations", math.ceil(budget / KDF_MEMORY_CAP_KIB))
    memory = min(KDF_MEMORY_CAP_KIB, int(budget / iterations) // 1024 * 1024)
    return {
        "name": "argon2id",
        "memory_kib": _clamp("memory_kib", max(memory, 8 * lanes)),
        "iterations": iterations,
        "lanes": lanes,
    }


def _forced_kdf(text: str) -> dict[str, Any]:
    values = dict(KDF_MINIMUM)
    try:
        for part in text.split(","):
            name, _, value = part.partition("=")
            if name.strip() not in values:
                raise ValueError(name)
            values[name.strip()] = int(value)
    except ValueError as exc:
        raise ValueError(f"{KDF_ENV} should look like 'memory_kib=19456,iterations=2,lanes=1'") from exc
    return {"name": "argon2id", **{name: _clamp(name, value) for name, value in values.items()}}


_calibrated: dict[str, Any] | None = None
_calibrating = threading.Lock()
_fixed = threading.local()


@contextmanager
def fixed_kdf(kdf: dict[str, Any]) -> Iterator[None]:
    """Slots sealed in this block, on this thread, cost ``kdf`` (held to the floor and bounds):
    the demo school's passphrases are printed in its data, so its slots need not cost half a
    second each."""
    previous = getattr(_fixed, "kdf", None)
    _fixed.kdf = {"name": "argon2id", **{name: _clamp(name, int(kdf[name])) for name in KDF_MINIMUM}}
    try:
        yield
    finally:
        _fixed.kdf = previous


def new_slot_kdf(*, recalibrate: bool = False) -> dict[str, Any]:
    """The Argon2id settings for a slot sealed now: SCHOOLDP_KDF when set, else calibrated on
    this computer, once per process unless ``recalibrate`` (a passphrase change: the computer
    may be newer than the one that made the slot)."""
    global _calibrated
    fixed: dict[str, Any] | None = getattr(_fixed, "kdf", None)
    if fixed is not None:
        return dict(fixed)
    forced = os.environ.get(KDF_ENV)
    if forced:
        return _forced_kdf(forced)
    with _calibrating:
        if _calibrated is None or recalibrate:
            _calibrated = calibrate_kdf()
        return dict(_calibrated)


def _public_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _private_bytes(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _kdf_aad(file_id: str, slot_id: str, kdf: dict[str, Any]) -> bytes:
    """The slot's identity and cost settings are bound to its sealed private key."""
    return f"{file_id}:{slot_id}:{json.dumps(kdf, sort_keys=True)}".encode()


def grant(db_key: bytes, public: str, file_id: str, slot_id: str) -> dict[str, str]:
    """Seal the database key to a slot's public key (no passphrase needed)."""
    recipient = X25519PublicKey.from_public_bytes(_unb64(public))
    ephemeral = X25519PrivateKey.generate()
    eph_pub = _public_bytes(ephemeral.public_key())
    shared = ephemeral.exchange(recipient)
    key = _hkdf(shared + eph_pub + _unb64(public), f"schooldp-grant:{file_id}:{slot_id}")
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, db_key, f"{file_id}:{slot_id}".encode())
    return {"eph": _b64(eph_pub), "nonce": _b64(nonce), "sealed": _b64(sealed)}


def _open_grant(private: X25519PrivateKey, box: dict[str, str], file_id: str, slot_id: str) -> bytes | None:
    try:
        eph_pub = _unb64(box["eph"])
        public = _public_bytes(private.public_key())
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        key = _hkdf(shared + eph_pub + public, f"schooldp-grant:{file_id}:{slot_id}")
        aad = f"{file_id}:{slot_id}".encode()
        return AESGCM(key).decrypt(_unb64(box["nonce"]), _unb64(box["sealed"]), aad)
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None


def _recovery_private(secret: bytes) -> X25519PrivateKey:
    return X25519PrivateKey.from_private_bytes(_hkdf(secret, "schooldp-recovery-slot"))


@dataclass(frozen=True)
class KeySlot:
    """One way in. ``kind``: "passphrase", "recovery", or "legacy" (made by an older SchoolDP)."""

    slot_id: str
    salt: str = ""
    nonce: str = ""
    wrapped: str = ""
    kdf: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_KDF))
    kind: str = "legacy"
    public: str = ""
    grant: dict[str, str] = field(default_factory=dict)

    @classmethod
    def seal(
        cls,
        db_key: bytes,
        passphrase: str,
        file_id: str,
        slot_id: str | None = None,
        *,
        recalibrate: bool = False,
    ) -> KeySlot:
        """A passphrase slot, its Argon2id cost fitted to this computer (`new_slot_kdf`)."""
        slot_id = slot_id or uuid.uuid4().hex
        private = X25519PrivateKey.generate()
        public = _b64(_public_bytes(private.public_key()))
        salt = os.urandom(16)
        nonce = os.urandom(12)
        kdf = new_slot_kdf(recalibrate=recalibrate)
        kek = derive_key(passphrase, salt, kdf)
        wrapped = AESGCM(kek).encrypt(nonce, _private_bytes(private), _kdf_aad(file_id, slot_id, kdf))
        return cls(
            slot_id,
            _b64(salt),
            _b64(nonce),
            _b64(wrapped),
            kdf,
            "passphrase",
            public,
            grant(db_key, public, file_id, slot_id),
        )

    @classmethod
    def seal_recovery(cls, db_key: bytes, secret: bytes, file_id: str) -> KeySlot:
        public = _b64(_public_bytes(_recovery_private(secret).public_key()))
        return cls(
            RECOVERY_SLOT_ID,
            kdf={},
            kind="recovery",
            public=public,
            grant=grant(db_key, public, file_id, RECOVERY_SLOT_ID),
        )

    def regranted(self, db_key: bytes, file_id: str) -> KeySlot:
        """The same slot granting a new database key (after a rotation)."""
        if self.kind == "legacy":
            raise KeyFileError(
                "A slot made by an older SchoolDP cannot be re-granted without its passphrase."
            )
        return KeySlot(**{**asdict(self), "grant": grant(db_key, self.public, file_id, self.slot_id)})

    def open(self, passphrase: str, file_id: str) -> bytes | None:
        """The database key, or None when the passphrase is not this slot's."""
        if self.kind == "recovery":
            return None
        try:
            kek = derive_key(passphrase, _unb64(self.salt), self.kdf)
            if self.kind == "legacy":
                aad = f"{file_id}:{self.slot_id}".encode()
                return AESGCM(kek).decrypt(_unb64(self.nonce), _unb64(self.wrapped), aad)
            raw = AESGCM(kek).decrypt(
                _unb64(self.nonce), _unb64(self.wrapped), _kdf_aad(file_id, self.slot_id, self.kdf)
            )
        except (InvalidTag, ValueError):
            return None
        return _open_grant(X25519PrivateKey.from_private_bytes(raw), self.grant, file_id, self.slot_id)

    def open_recovery(self, secret: bytes, file_id: str) -> bytes | None:
        if self.kind != "recovery":
            return None
        return _open_grant(_recovery_private(secret), self.grant, file_id, self.slot_id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, body: dict[str, Any]) -> KeySlot:
        body = dict(body)
        if "kind" not in body:
            body["kind"] = "legacy"
        slot = cls(**body)
        if slot.kind not in {"legacy", "passphrase", "recovery"}:
            raise KeyFileError("The key file beside the school file is damaged.")
        if slot.kind != "recovery":
            check_kdf(slot.kdf)
        return slot


def new_db_key() -> bytes:
    return os.urandom(DB_KEY_BYTES)


def new_recovery_secret() -> bytes:
    return os.urandom(DB_KEY_BYTES)


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"schooldp-recovery:" + key).digest()[:3]


def recovery_key_text(secret: bytes) -> str:
    """The printed recovery key: 32 secret bytes + 3 checksum bytes, base32, in groups of four."""
    raw = base64.b32encode(secret + _checksum(secret)).decode("ascii").rstrip("=")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


class RecoveryKeyTypo(ValueError):
    """The text typed is not a well-formed recovery key (a typing mistake)."""


def parse_recovery_key(text: str) -> bytes:
    """The secret from a typed recovery key; forgiving about spaces, dashes, case, 0/O, 1/I."""
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
