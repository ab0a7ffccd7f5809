"""SIGKILL, twenty times, in the middle of a key rotation and in the middle of a restore.

A child process rotates the database key (or restores one backup after another) in a loop; the
test kills it at a random moment, then opens the file as a person would. Nothing committed may
be lost, the file must never be missing, and the log must check out against every anchor.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from schooldp.domain.accounts import Role
from schooldp.services.school import THROTTLE, open_school
from schooldp.storage import swap
from schooldp.storage.vault import key_file_path
from tests.conftest import DPO_PASS, HEAD_PASS

KILLS = 20
SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE._failures.clear()
    THROTTLE._not_before.clear()


def _kill_during(code: str, progress: Path, rng: random.Random) -> str:
    """Start the child, wait for it to be under way, kill it at a random moment; what was staged."""
    progress.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.time() + 90
    while not progress.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert progress.exists(), "the child never got going"
    time.sleep(rng.uniform(0.0, 0.5))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return "killed"


def _staged(path: Path) -> str:
    db, keys = swap.incoming_db(path).exists(), swap.incoming_keys(key_file_path(path)).exists()
    return {
        (False, False): "nothing staged",
        (True, False): "database staged",
        (True, True): "pair staged",
    }.get((db, keys), "key file staged (database swapped)")


def test_twenty_kills_during_key_rotation_lose_nothing(school, tmp_path) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.update_profile(replace(school.profile(), phone="01111 111111"))
    path = school.vault.path
    school.close(backup=False)
    progress = tmp_path / "rotations"
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from schooldp.services.school import open_school
        s = open_school(Path({str(path)!r}), {DPO_PASS!r})
        n = 0
        while True:
            s.rotate_database_key()
            n += 1
            Path({str(progress)!r}).write_text(str(n))
        """
    )
    rng = random.Random(16)
    seen: Counter[str] = Counter()
    rotations = 0
    for _ in range(KILLS):
        _kill_during(code, progress, rng)
        rotations += int(progress.read_text() or 0)
        seen[_staged(path)] += 1
        assert path.exists() and key_file_path(path).exists()
        for passphrase, role in ((DPO_PASS, Role.DPO), (HEAD_PASS, Role.HEADTEACHER)):
            s = open_school(path, passphrase)
            assert s.account.role is role
            assert s.profile().phone == "01111 111111"
            assert len(s.accounts()) == 2
            assert s.verify_activity().ok and s.chain_warning is None, s.chain_warning
            s.close(backup=False)
        assert not swap.incoming_db(path).exists()
        assert not swap.incoming_keys(key_file_path(path)).exists()
    print(f"\nkey rotation: {KILLS} kills after {rotations} completed rotations; at the kill: {dict(seen)}")
    assert sum(seen.values()) == KILLS


def test_twenty_kills_during_restore_lose_nothing(school, tmp_path) -> None:
    folder = tmp_path / "b"
    school.update_profile(replace(school.profile(), name="Alpha School"))
    alpha = school.backup_now(folder)
    school.update_profile(replace(school.profile(), name="Beta School"))
    beta = school.backup_now(folder)
    path = school.vault.path
    school.close(backup=False)
    progress = tmp_path / "restores"
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from schooldp.storage.backup import restore
        n = 0
        while True:
            restore(Path({str(alpha.path)!r}), Path({str(path)!r}))
            restore(Path({str(beta.path)!r}), Path({str(path)!r}))
            n += 2
            Path({str(progress)!r}).write_text(str(n))
        """
    )
    rng = random.Random(61)
    seen: Counter[str] = Counter()
    names: Counter[str] = Counter()
    restores = 0
    for _ in range(KILLS):
        _kill_during(code, progress, rng)
        restores += int(progress.read_text() or 0)
        seen[_staged(path)] += 1
        assert path.exists() and key_file_path(path).exists()
        s = open_school(path, DPO_PASS)
        name = s.profile().name
        assert name in {"Alpha School", "Beta School"}
        names[name] += 1
        assert s.verify_activity().ok and s.chain_warning is None, s.chain_warning
        s.close(backup=False)
        for kept in path.parent.glob("*.before-restore-*"):
            kept.unlink()
    print(
        f"\nrestore: {KILLS} kills after {restores} completed restores; at the kill: {dict(seen)}; opened as {dict(names)}"
    )
    assert sum(seen.values()) == KILLS


@pytest.mark.parametrize("stage", ["copied", "rekeyed", "staged", "database swapped"])
def test_kill_at_each_stage_of_a_rotation(school, tmp_path, stage) -> None:
    """The random kills above may miss a narrow window; here each stage is hit on purpose."""
    path = school.vault.path
    school.update_profile(replace(school.profile(), phone="01111 111111"))
    school.close(backup=False)
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from schooldp.services.school import open_school
        from schooldp.storage import swap
        s = open_school(Path({str(path)!r}), {DPO_PASS!r})
        def stop(stage):
            if stage == {stage!r}:
                os.kill(os.getpid(), signal.SIGKILL)
        swap.checkpoint = stop
        s.rotate_database_key()
        """
    )
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", code], env=env, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    expected = {
        "copied": "database staged",
        "rekeyed": "database staged",
        "staged": "pair staged",
        "database swapped": "key file staged (database swapped)",
    }[stage]
    assert _staged(path) == expected
    s = open_school(path, DPO_PASS)
    assert s.profile().phone == "01111 111111"
    assert s.verify_activity().ok and s.chain_warning is None, s.chain_warning
    s.close(backup=False)
    assert _staged(path) == "nothing staged"
