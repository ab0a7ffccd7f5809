"""Each new key slot's Argon2id cost is fitted to the computer that makes it.

About half a second to open there, lanes no more than its cores, never below OWASP's minimum
(m = 19 MiB, t = 2, p = 1) and never beyond what any key file may ask for; the settings are kept
in the slot and bound to it, and slots made before keep opening.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from schooldp.domain.accounts import Role
from schooldp.services.school import open_school
from schooldp.storage import keyslots
from schooldp.storage.errors import WrongPassphrase
from schooldp.storage.keyslots import (
    DEFAULT_KDF,
    KDF_BOUNDS,
    KDF_ENV,
    KDF_MINIMUM,
    KDF_PROBE,
    KDF_TARGET_SECONDS,
    KeySlot,
    calibrate_kdf,
    new_slot_kdf,
)
from schooldp.storage.vault import key_file_path
from tests.conftest import DPO_PASS, HEAD_PASS

FILE_ID = "f" * 32


@pytest.fixture
def calibrating(monkeypatch: pytest.MonkeyPatch):
    """No forced cost: new slots are calibrated, from a fresh start."""
    monkeypatch.delenv(KDF_ENV, raising=False)
    monkeypatch.setattr(keyslots, "_calibrated", None)


def _within_bounds_and_minimum(kdf: dict) -> None:
    assert kdf["name"] == "argon2id"
    for name, (low, high) in KDF_BOUNDS.items():
        assert low <= kdf[name] <= high, name
        assert kdf[name] >= KDF_MINIMUM[name], name


def _estimated_seconds(kdf: dict, probe_seconds: float) -> float:
    """What linear scaling from the probe predicts for these settings."""
    return (
        probe_seconds
        * kdf["memory_kib"]
        * kdf["iterations"]
        / (KDF_PROBE["memory_kib"] * KDF_PROBE["iterations"])
    )


def test_a_calibrated_slot_opens_and_its_settings_are_safe(school, calibrating) -> None:
    path = school.vault.path
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.close(backup=False)
    body = json.loads(key_file_path(path).read_bytes())
    kdfs = [slot["kdf"] for slot in body["slots"] if slot["kind"] == "passphrase"]
    assert len(kdfs) == 2
    for kdf in kdfs:
        _within_bounds_and_minimum(kdf)
        assert kdf["lanes"] <= min(4, os.cpu_count() or 1)
    assert kdfs[1] == keyslots._calibrated  # the headteacher's slot was calibrated here
    head = open_school(path, HEAD_PASS)
    assert head.account.display_name == "Gareth Llewellyn"
    head.close(backup=False)


def test_a_slow_computer_still_gets_the_minimum(calibrating) -> None:
    kdf = calibrate_kdf(measure=lambda probe: 5.0, cpus=2)
    assert kdf == {"name": "argon2id", **KDF_MINIMUM, "lanes": 2}
    _within_bounds_and_minimum(kdf)


def test_a_fast_computer_is_held_to_the_bounds(calibrating) -> None:
    kdf = calibrate_kdf(measure=lambda probe: 1e-7, cpus=64)
    _within_bounds_and_minimum(kdf)
    assert kdf["lanes"] == 4
    assert kdf["memory_kib"] == keyslots.KDF_MEMORY_CAP_KIB
    assert kdf["iterations"] == KDF_BOUNDS["iterations"][1]


@pytest.mark.parametrize("probe_seconds", [0.01, 0.03, 0.06, 0.12, 0.2, 0.5])
def test_the_cost_scales_to_about_half_a_second(calibrating, probe_seconds) -> None:
    kdf = calibrate_kdf(measure=lambda probe: probe_seconds, cpus=1)
    _within_bounds_and_minimum(kdf)
    assert kdf["lanes"] == 1
    assert 0.85 * KDF_TARGET_SECONDS <= _estimated_seconds(kdf, probe_seconds) <= KDF_TARGET_SECONDS


def test_one_probe_beyond_the_cache_and_lanes_follow_the_cores(calibrating) -> None:
    seen: list[dict] = []

    def measure(probe: dict) -> float:
        seen.append(probe)
        return 0.05

    kdf = calibrate_kdf(measure=measure, cpus=3)
    assert seen == [{"name": "argon2id", **KDF_PROBE, "lanes": 3}] and kdf["lanes"] == 3
    assert 0.85 * KDF_TARGET_SECONDS <= _estimated_seconds(kdf, 0.05) <= KDF_TARGET_SECONDS


def test_calibrated_once_per_process_and_again_for_a_passphrase_change(
    school, calibrating, monkeypatch
) -> None:
    calls: list[int] = []

    def fake(measure=None, cpus=None) -> dict:
        calls.append(1)
        return {"name": "argon2id", "memory_kib": 20480 + 1024 * len(calls), "iterations": 2, "lanes": 1}

    monkeypatch.setattr(keyslots, "calibrate_kdf", fake)
    monkeypatch.setattr(keyslots, "_calibrated", None)  # as if this process had just started
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.add_account("Governor View", Role.VIEWER, "Governor view 2026")
    assert len(calls) == 1
    school.change_own_passphrase(DPO_PASS, "A new passphrase 2027", "A new passphrase 2027")
    assert len(calls) == 2
    mine = school.vault.key_file.slot(school.account.slot_id)
    assert mine is not None and mine.kdf["memory_kib"] == 20480 + 2048
    path = school.vault.path
    school.close(backup=False)
    open_school(path, "A new passphrase 2027").close(backup=False)


def test_a_forced_cost_is_used_but_never_below_the_minimum(monkeypatch) -> None:
    monkeypatch.setenv(KDF_ENV, "memory_kib=65536,iterations=3,lanes=2")
    assert new_slot_kdf() == {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 2}
    monkeypatch.setenv(KDF_ENV, "memory_kib=8,iterations=1,lanes=0")
    assert new_slot_kdf() == {"name": "argon2id", **KDF_MINIMUM}
    monkeypatch.setenv(KDF_ENV, "memory=lots")
    with pytest.raises(ValueError, match=KDF_ENV):
        new_slot_kdf()


def test_slots_made_with_the_old_fixed_cost_still_open(monkeypatch) -> None:
    monkeypatch.setenv(KDF_ENV, ",".join(f"{k}={v}" for k, v in DEFAULT_KDF.items() if k != "name"))
    db_key = keyslots.new_db_key()
    old = KeySlot.seal(db_key, DPO_PASS, FILE_ID)
    assert old.kdf == DEFAULT_KDF
    monkeypatch.setenv(KDF_ENV, "memory_kib=19456,iterations=2,lanes=1")
    again = KeySlot.from_dict(json.loads(json.dumps(old.to_dict())))
    assert again.open(DPO_PASS, FILE_ID) == db_key


@pytest.mark.parametrize("field,value", [("memory_kib", 20480), ("iterations", 3), ("lanes", 2)])
def test_changed_settings_no_longer_open_the_slot(field, value) -> None:
    db_key = keyslots.new_db_key()
    body = KeySlot.seal(db_key, DPO_PASS, FILE_ID).to_dict()
    assert body["kdf"][field] != value
    body["kdf"][field] = value
    assert KeySlot.from_dict(body).open(DPO_PASS, FILE_ID) is None


def test_changed_settings_in_the_key_file_refuse_the_passphrase(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    body = json.loads(key_file_path(path).read_bytes())
    slot = next(s for s in body["slots"] if s["kind"] == "passphrase")
    slot["kdf"]["memory_kib"] += 1024
    key_file_path(path).write_text(json.dumps(body))
    with pytest.raises(WrongPassphrase):
        open_school(path, DPO_PASS)


def test_the_demo_school_seals_its_slots_at_the_minimum(calibrating, monkeypatch) -> None:
    """Its passphrases are printed in its data files: no half-second slots, no calibration."""
    from schooldp.demo import create_demo_school

    monkeypatch.setattr(keyslots, "calibrate_kdf", lambda *a, **k: pytest.fail("calibrated"))
    with keyslots.fixed_kdf(KDF_MINIMUM):
        assert new_slot_kdf() == {"name": "argon2id", **KDF_MINIMUM}
    slots: list[dict] = []
    real = KeySlot.seal.__func__

    def seal(cls, *args, **kwargs):
        slot = real(cls, *args, **kwargs)
        slots.append(slot.kdf)
        return slot

    monkeypatch.setattr(KeySlot, "seal", classmethod(seal))
    monkeypatch.setattr("schooldp.demo.school._write_records", lambda *a: None)
    session, folder = create_demo_school()
    session.close(backup=False)
    shutil.rmtree(folder, ignore_errors=True)
    assert len(slots) >= 2 and all(kdf == {"name": "argon2id", **KDF_MINIMUM} for kdf in slots)
