"""Real faults, made real: a read-only folder, a read-only drive, a full drive, damaged locks.

Tests run as root, and root ignores file permissions, so the read-only folder is tried from a
child process that drops to the 'nobody' user. The drives are small tmpfs mounts (skipped where
the test cannot mount one).
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from schooldp.domain.accounts import Role
from schooldp.services.school import THROTTLE, DiskFull, open_school
from schooldp.storage import backup as backups
from schooldp.storage.errors import ReadOnlyVault
from schooldp.storage.lockfile import UNREADABLE_LOCK_NOTICE, lock_path
from schooldp.storage.vault import key_file_path
from tests.conftest import DPO_PASS, sample_profile

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE._failures.clear()
    THROTTLE._not_before.clear()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def _make_school(folder: Path):
    from schooldp.services.school import NewSchool, create_school

    session, recovery = create_school(
        NewSchool(folder / "Oakfield.sdp", sample_profile(), "Priya Raman", Role.DPO, DPO_PASS)
    )
    session.recovery_key = recovery
    return session


# ---- a read-only folder (permissions) --------------------------------------------------------------
def _nobody() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user to drop privileges to")


def test_read_only_folder_opens_read_only_with_the_reason(tmp_path) -> None:
    nobody = _nobody()
    base = Path(tempfile.mkdtemp(prefix="sdp-ro-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)
        share = base / "share"
        share.mkdir(mode=0o755)
        school = _make_school(share)
        sheet = school.recovery_key
        school.close(backup=False)
        for f in share.iterdir():
            os.chmod(f, 0o644)
        home = base / "home"
        home.mkdir()
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        before = _fingerprint(share)
        warm = base / "warm"
        warm.mkdir()
        for f in share.iterdir():
            (warm / f.name).write_bytes(f.read_bytes())
        # The interpreter lives under /root, which 'nobody' cannot read: the child loads
        # everything as root first (one open of a copy), then drops to 'nobody' for good.
        code = textwrap.dedent(
            f"""
            import json, os
            from pathlib import Path
            from schooldp.services.school import open_school, open_with_recovery_key
            from schooldp.domain.errors import SchoolDPError
            w = open_school(Path({str(warm / "Oakfield.sdp")!r}), {DPO_PASS!r})
            w.update_profile(w.profile())
            w.close(backup=False)
            os.environ["SCHOOLDP_HOME"] = {str(home)!r}
            os.setgroups([])
            os.setgid({nobody.pw_gid})
            os.setuid({nobody.pw_uid})
            path = Path({str(share / "Oakfield.sdp")!r})
            out = {{"uid": os.geteuid()}}
            s = open_school(path, {DPO_PASS!r})
            out["read_only"] = s.read_only
            out["reason"] = s.read_only_reason
            out["name"] = s.profile().name
            try:
                s.update_profile(s.profile())
            except SchoolDPError as exc:
                out["change"] = str(exc)
            s.close()
            try:
                open_with_recovery_key(path, {sheet!r})
            except SchoolDPError as exc:
                out["recovery"] = str(exc)
            print(json.dumps(out))
            """
        )
        env = {**os.environ, "PYTHONPATH": SRC, "SCHOOLDP_HOME": str(base / "roothome")}
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=str(home)
        )
        assert run.returncode == 0, run.stderr
        out = json.loads(run.stdout.strip().splitlines()[-1])
        assert out["uid"] == nobody.pw_uid
        assert out["read_only"] and out["name"] == "Oakfield Primary School"
        assert "cannot be changed" in out["reason"] and "permission" in out["reason"]
        assert "read-only" in out["change"]
        assert "cannot be changed" in out["recovery"]
        assert _fingerprint(share) == before
        assert not lock_path(share / "Oakfield.sdp").exists()
        assert sorted(p.name for p in share.iterdir()) == sorted(before)
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


# ---- drives made real with tmpfs ---------------------------------------------------------------------
@pytest.fixture
def small_drive(tmp_path) -> Iterator[Path]:
    mount = tmp_path / "drive"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + made.stderr.decode(errors="replace"))
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(drive: Path) -> Path:
    """Fill the drive to the last byte."""
    filler = drive / "filler.bin"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        for size in (65536, 4096, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler


def test_read_only_drive_opens_read_only_with_the_reason(small_drive) -> None:
    school = _make_school(small_drive)
    path = school.vault.path
    school.close(backup=False)
    before = _fingerprint(small_drive)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_drive)]).returncode == 0
    s = open_school(path, DPO_PASS)
    assert s.read_only and s.read_only_reason and "the drive is read-only" in s.read_only_reason
    assert s.profile().name == "Oakfield Primary School"
    with pytest.raises(ReadOnlyVault):
        s.update_profile(s.profile())
    s.close()
    assert _fingerprint(small_drive) == before
    assert not lock_path(path).exists()


def test_full_drive_gives_a_message_rolls_back_and_leaves_the_file_intact(small_drive) -> None:
    school = _make_school(small_drive)
    path = school.vault.path
    filler = _fill(small_drive)
    before = _fingerprint(small_drive)
    logo = os.urandom(1024 * 1024)
    with pytest.raises(DiskFull) as err:
        school.update_profile(replace(school.profile(), name="Changed on a full drive", logo_png=logo))
    message = str(err.value)
    assert str(small_drive) in message and "is full" in message
    assert "MB more free space" in message and "Nothing was saved" in message
    assert err.value.needed >= 1024 * 1024
    assert school.profile().name == "Oakfield Primary School"
    after = _fingerprint(small_drive)
    assert after[path.name] == before[path.name]
    assert not Path(str(path) + "-journal").exists()
    school.close(backup=False)
    assert not lock_path(path).exists()

    # Opening on the full drive: read-only with the reason; no lock, not even an empty one.
    s = open_school(path, DPO_PASS)
    assert s.read_only and "is full" in (s.read_only_reason or "")
    assert s.profile().name == "Oakfield Primary School"
    s.close()
    assert not lock_path(path).exists()
    assert not [p for p in small_drive.iterdir() if ".lock" in p.name]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before[path.name]

    filler.unlink()
    s = open_school(path, DPO_PASS)
    assert not s.read_only and s.chain_warning is None
    s.update_profile(replace(s.profile(), logo_png=logo))
    s.close(backup=False)


# ---- lock files ----------------------------------------------------------------------------------------
def test_lock_file_names_host_user_process_and_time(school) -> None:
    body = json.loads(lock_path(school.vault.path).read_text())
    assert set(body) == {"host", "user", "pid", "since"} and body["pid"] == os.getpid()


@pytest.mark.parametrize("content", [b"", b"\x00\xff{not json", b'{"host": 3}'])
def test_empty_or_unreadable_lock_is_stale_with_a_message(school, content) -> None:
    path = school.vault.path
    school.close(backup=False)
    lock_path(path).write_bytes(content)
    s = open_school(path, DPO_PASS)
    assert UNREADABLE_LOCK_NOTICE in s.notices
    assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()
    s.close(backup=False)
    assert not lock_path(path).exists()


# ---- backups -------------------------------------------------------------------------------------------
def test_interrupted_backup_work_folders_are_cleaned_at_next_start(school) -> None:
    from schooldp import config
    from schooldp.services.backups import clean_up_after_crash

    folder = config.backup_dir()
    dead = folder / ".backup-4194000-abcd"
    dead.mkdir()
    (dead / "school.sdp").write_bytes(b"x" * 1024)
    mine = folder / f".backup-{os.getpid()}-live"
    mine.mkdir()
    removed = clean_up_after_crash()
    assert dead in removed and not dead.exists() and mine.exists()


def test_locked_session_is_still_backed_up_on_close(school) -> None:
    path = school.vault.path
    school.lock()
    school.close()
    made = backups.list_backups(stem=path.stem)
    assert [b.reason for b in made] == ["on close"]
    assert made[0].anchor is not None and made[0].anchor.count == 2
    check = backups.extract(made[0].path, path.parent / "check")
    s = open_school(check, DPO_PASS, read_only=True)
    assert s.profile().name == "Oakfield Primary School"
    s.close()


def test_restore_keeps_the_old_file_without_it_ever_going_missing(school, tmp_path) -> None:
    info = school.backup_now(tmp_path / "b")
    path = school.vault.path
    school.update_profile(replace(school.profile(), name="Changed After Backup"))
    school.close(backup=False)
    inode = path.stat().st_ino
    kept = backups.restore(info.path, path)
    assert kept.stat().st_ino == inode  # the old file was linked, not moved away
    assert key_file_path(kept).exists()
    s = open_school(path, DPO_PASS)
    assert s.profile().name == "Oakfield Primary School" and s.chain_warning is None
    s.close(backup=False)


def test_full_drive_during_backup_and_during_a_removal(small_drive) -> None:
    from schooldp.storage.vault import key_opens

    school = _make_school(small_drive)
    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, "Orchard gate 2026")
    path = school.vault.path
    old_key = school.vault.db_key_for_backup()
    filler = _fill(small_drive)
    with pytest.raises(DiskFull, match="Nothing was saved"):
        school.backup_now(small_drive / "backups")
    assert not [p for p in (small_drive / "backups").iterdir()]
    # Room for the removal itself, not for the re-encrypted copy of the file.
    os.truncate(filler, filler.stat().st_size - path.stat().st_size // 3)
    with pytest.raises(
        DiskFull, match="The account is removed, but the school file could not yet be re-encrypted"
    ):
        school.remove_account(head.id)
    assert [a.display_name for a in school.accounts()] == ["Priya Raman"]
    assert key_opens(path, old_key)  # not yet rotated, and not damaged
    school.close(backup=False)
    filler.unlink()
    s = open_school(path, DPO_PASS)
    assert s.vault.meta("rotation_due") is None and s.chain_warning is None
    s.close(backup=False)
    assert not key_opens(path, old_key)


def test_key_file_that_missed_a_slot_change_is_rewritten_from_the_school_file(school) -> None:
    path = school.vault.path
    before = key_file_path(path).read_bytes()
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, "Orchard gate 2026")
    school.close(backup=False)
    key_file_path(path).write_bytes(before)  # as if the key file write was lost
    from schooldp.storage.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        open_school(path, "Orchard gate 2026")
    open_school(path, DPO_PASS).close(backup=False)
    open_school(path, "Orchard gate 2026").close(backup=False)


def test_half_made_lock_files_from_a_crash_are_removed(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    leftover = path.with_name(f".{lock_path(path).name}.0123abcd")
    leftover.write_text("{")
    open_school(path, DPO_PASS).close(backup=False)
    assert not leftover.exists() and not lock_path(path).exists()


def test_a_new_school_on_a_read_only_drive_says_choose_another_folder(small_drive) -> None:
    from schooldp.storage.errors import CannotWriteHere

    assert subprocess.run(["mount", "-o", "remount,ro", str(small_drive)]).returncode == 0
    with pytest.raises(CannotWriteHere) as err:
        _make_school(small_drive)
    message = str(err.value)
    assert "the drive is read-only" in message and "Choose another folder" in message
    assert "Nothing was saved" in message
    assert list(small_drive.iterdir()) == []
