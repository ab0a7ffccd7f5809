"""The key file beside the school file (``School.sdp-keys``): slots, audit anchor and a MAC.

It holds no personal data: slot ids are random and account names stay inside the vault. Since
format 2 it also records the activity log's head (entry count and last hash), so a rewritten,
shortened or emptied log inside the school file no longer matches what was recorded outside
it, and the whole body is authenticated with an HMAC keyed from the database key: anyone
without a key cannot change a slot, its Argon2 settings or the anchor unnoticed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, replace
from typing import Any

from schooldp.storage.keyslots import RECOVERY_SLOT_ID, KeyFileError, KeySlot, _hkdf

KEY_FILE_FORMAT = "schooldp-keys"
KEY_FILE_VERSION = 2


@dataclass(frozen=True)
class Anchor:
    """The activity log's head as recorded somewhere outside the database."""

    count: int
    head: str

    def short(self) -> str:
        return f"{self.count} entries, last {self.head[:16]}"


def anchor_from(body: object) -> Anchor | None:
    if not isinstance(body, dict):
        return None
    try:
        count, head = int(body["count"]), str(body["head"])
    except (KeyError, TypeError, ValueError):
        return None
    if count < 0 or len(head) != 64:
        return None
    return Anchor(count, head)


def mac_key(db_key: bytes, file_id: str) -> bytes:
    return _hkdf(db_key, f"schooldp-keyfile-mac:{file_id}")


@dataclass(frozen=True)
class KeyFile:
    file_id: str
    slots: tuple[KeySlot, ...] = ()
    version: int = KEY_FILE_VERSION
    anchor: Anchor | None = None
    mac: str = ""

    def _body(self) -> dict[str, Any]:
        return {
            "format": KEY_FILE_FORMAT,
            "version": self.version,
            "file_id": self.file_id,
            "slots": [s.to_dict() for s in self.slots],
            "anchor": None if self.anchor is None else {"count": self.anchor.count, "head": self.anchor.head},
        }

    def _digest(self, db_key: bytes) -> str:
        canonical = json.dumps(self._body(), sort_keys=True, separators=(",", ":")).encode()
        return hmac.new(mac_key(db_key, self.file_id), canonical, hashlib.sha256).hexdigest()

    def sealed(self, db_key: bytes) -> KeyFile:
        """This key file in the current format with its MAC, ready to write."""
        current = replace(self, version=KEY_FILE_VERSION)
        return replace(current, mac=current._digest(db_key))

    def authentic(self, db_key: bytes) -> bool:
        return self.version >= 2 and hmac.compare_digest(self.mac, self._digest(db_key))

    def to_json(self) -> bytes:
        body = self._body()
        if self.version >= 2:
            body["mac"] = self.mac
        else:
            body.pop("anchor")
        return json.dumps(body, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> KeyFile:
        try:
            body = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc
        if not isinstance(body, dict) or body.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError("The key file beside the school file is not a SchoolDP key file.")
        try:
            version = int(body.get("version", 0))
        except (TypeError, ValueError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc
        if version > KEY_FILE_VERSION:
            raise KeyFileError(
                "This school file was made by a newer version of SchoolDP. "
                "Install the latest SchoolDP to open it."
            )
        try:
            slots = tuple(KeySlot.from_dict(s) for s in body["slots"])
            anchor = anchor_from(body.get("anchor"))
            return cls(str(body["file_id"]), slots, version, anchor, str(body.get("mac", "")))
        except (KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError("The key file beside the school file is damaged.") from exc

    # ---- slots ------------------------------------------------------------------------------
    def with_slot(self, slot: KeySlot) -> KeyFile:
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=(*others, slot))

    def without_slot(self, slot_id: str) -> KeyFile:
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))

    def slot(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    @property
    def recovery_slot(self) -> KeySlot | None:
        return self.slot(RECOVERY_SLOT_ID)

    @property
    def account_slots(self) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind != "recovery")

    def legacy_slot_ids(self) -> set[str]:
        return {s.slot_id for s in self.slots if s.kind == "legacy"}

    def regranted(self, db_key: bytes) -> KeyFile:
        """Every slot granting a new database key; legacy slots cannot be and are refused."""
        return replace(self, slots=tuple(s.regranted(db_key, self.file_id) for s in self.slots))

    def with_anchor(self, anchor: Anchor | None) -> KeyFile:
        return replace(self, anchor=anchor)
