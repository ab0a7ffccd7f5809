"""Accounts, roles and the passphrase rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schooldp.domain.errors import ValidationError
from schooldp.domain.labels import LabelledEnum


class Role(LabelledEnum):
    """DPO: everything. Headteacher: everything but managing accounts. Viewer: read only."""

    DPO = ("dpo", "Data Protection Officer")
    HEADTEACHER = ("headteacher", "Headteacher")
    VIEWER = ("viewer", "Viewer (read only)")

    @property
    def can_write(self) -> bool:
        return self is not Role.VIEWER

    @property
    def can_manage_accounts(self) -> bool:
        return self is Role.DPO


@dataclass(frozen=True)
class Account:
    id: int
    display_name: str
    role: Role
    slot_id: str


MIN_PASSPHRASE = 10  # policy section 15: at least 10 characters with letters and numbers

_COMMON = {"password", "passw0rd", "qwerty", "letmein", "welcome", "school", "admin", "123456", "iloveyou"}


def check_passphrase(passphrase: str, confirm: str | None = None) -> None:
    """Raise ValidationError unless the passphrase meets policy section 15."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"Use at least {MIN_PASSPHRASE} characters (the school's policy, section 15).", "passphrase"
        )
    if not re.search(r"[^\W\d_]", passphrase) or not re.search(r"\d", passphrase):
        raise ValidationError("Use both letters and numbers (the school's policy, section 15).", "passphrase")
    if passphrase.strip() != passphrase:
        raise ValidationError("The passphrase cannot start or end with a space.", "passphrase")
    if confirm is not None and confirm != passphrase:
        raise ValidationError("The two passphrases are not the same.", "confirm")


@dataclass(frozen=True)
class Strength:
    score: int  # 0..4
    label: str
    hint: str


def passphrase_strength(passphrase: str) -> Strength:
    """A rough guide for the person typing; the rule itself is check_passphrase."""
    if not passphrase:
        return Strength(0, "", "")
    lowered = passphrase.lower()
    classes = sum(bool(re.search(p, passphrase)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    words = len(re.findall(r"[A-Za-z]{3,}", passphrase))
    score = 0
    if len(passphrase) >= MIN_PASSPHRASE:
        score += 1
    if len(passphrase) >= 14:
        score += 1
    if classes >= 3 or words >= 3:
        score += 1
    if len(passphrase) >= 20:
        score += 1
    if any(c in lowered for c in _COMMON) or len(set(passphrase)) <= 4:
        score = min(score, 1)
    labels = ["Too short", "Weak", "Fair", "Good", "Strong"]
    hints = [
        f"At least {MIN_PASSPHRASE} characters, with letters and numbers.",
        "Longer is stronger: try three or four unrelated words and a number.",
        "Better. A few more characters or another word would help.",
        "Good passphrase.",
        "Strong passphrase.",
    ]
    if len(passphrase) < MIN_PASSPHRASE:
        score = 0
    return Strength(score, labels[score], hints[score])
