"""The school file as a user meets it: passphrases, recovery key, damage, locks, audit, backups."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlcipher3

from schooldp.domain.accounts import Role
from schooldp.domain.errors import ValidationError
from schooldp.services.school import (
    THROTTLE,
    PermissionDenied,
    TooManyAttempts,
    UnlockThrottle,
    check_log_in_full,
    open_school,
    open_with_recovery_key,
)
from schooldp.storage import backup as backups
from schooldp.storage.errors import (
    DamagedFile,
    FileInUse,
    KeyFileMissing,
    NewerSchoolFile,
    NotASchoolFile,
    WrongPassphrase,
)
from schooldp.storage.keyslots import RecoveryKeyTypo
from schooldp.storage.vault import key_file_path
from tests.conftest import DPO_PASS, HEAD_PASS


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE._failures.clear()
    THROTTLE._not_before.clear()


def _reopen(path: Path, passphrase: str, **kw):
    return open_school(path, passphrase, **kw)


def test_each_account_opens_with_its_own_passphrase(school) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS, HEAD_PASS)
    path = school.vault.path
    school.close(backup=False)

    dpo = _reopen(path, DPO_PASS)
    assert dpo.account.display_name == "Priya Raman" and dpo.account.role is Role.DPO
    assert dpo.profile().name == "Oakfield Primary School"
    dpo.close(backup=False)

    head = _reopen(path, HEAD_PASS)
    assert head.account.role is Role.HEADTEACHER
    with pytest.raises(PermissionDenied):
        head.add_account("Someone", Role.VIEWER, "viewer pass 123")
    head.close(backup=False)


def test_passphrase_change_keeps_file_and_old_passphrase_stops_working(school) -> None:
    path = school.vault.path
    before = path.read_bytes()
    school.change_own_passphrase(DPO_PASS, "New harbour light 7", "New harbour light 7")
    school.close(backup=False)
    with pytest.raises(WrongPassphrase):
        _reopen(path, DPO_PASS)
    s = _reopen(path, "New harbour light 7")
    s.close(backup=False)
    # The database was not re-encrypted: its first page (salt) is unchanged.
    assert path.read_bytes()[:16] == before[:16]


def test_recovery_key_opens_and_sets_new_passphrase(school) -> None:
    path, recovery = school.vault.path, school.recovery_key
    school.close(backup=False)
    s = open_with_recovery_key(path, recovery.lower().replace("-", " "))
    assert s.account.role is Role.DPO
    s.set_passphrase_after_recovery("Fresh start 2027", "Fresh start 2027")
    s.close(backup=False)
    _reopen(path, "Fresh start 2027").close(backup=False)


def test_recovery_key_rebuilds_a_lost_key_file(school) -> None:
    path, recovery = school.vault.path, school.recovery_key
    school.close(backup=False)
    key_file_path(path).unlink()
    with pytest.raises(KeyFileMissing, match="recovery key"):
        _reopen(path, DPO_PASS)
    open_with_recovery_key(path, recovery).close(backup=False)
    assert key_file_path(path).exists()
    _reopen(path, DPO_PASS).close(backup=False)


def test_recovery_key_typo_is_named(school) -> None:
    path, recovery = school.vault.path, school.recovery_key
    school.close(backup=False)
    bad = ("A" if recovery[0] != "A" else "B") + recovery[1:]
    with pytest.raises(RecoveryKeyTypo, match="typing mistake"):
        open_with_recovery_key(path, bad)


def test_wrong_passphrase_is_clear_quiet_and_slows_down(school, capfd) -> None:
    path = school.vault.path
    school.close(backup=False)
    capfd.readouterr()
    for _ in range(UnlockThrottle.FREE_TRIES):
        with pytest.raises(WrongPassphrase, match="does not open this school file"):
            _reopen(path, "not the passphrase 1")
    with pytest.raises(WrongPassphrase):
        _reopen(path, "not the passphrase 2")
    with pytest.raises(TooManyAttempts, match="Wait"):
        _reopen(path, DPO_PASS)
    err = capfd.readouterr().err
    assert "hmac" not in err.lower() and "sqlcipher" not in err.lower()


def test_sqlcipher_wrong_key_logs_nothing_to_stderr(school, capfd) -> None:
    path = school.vault.path
    school.close(backup=False)
    capfd.readouterr()
    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA key = \"x'" + "11" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()
    assert capfd.readouterr().err == ""


def test_file_bytes_hold_no_school_or_account_names(school) -> None:
    path = school.vault.path
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.close(backup=True)
    for f in (path, key_file_path(path), *backups.list_backups()):
        data = Path(getattr(f, "path", f)).read_bytes()
        for secret in ("Oakfield", "Priya", "Raman", "Llewellyn", "Mill Lane"):
            assert secret.encode() not in data, (f, secret)
            assert secret.encode("utf-16-le") not in data


def test_truncated_file_gives_clear_message_and_is_untouched(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    snapshot = path.read_bytes()
    with pytest.raises(DamagedFile, match="backup"):
        _reopen(path, DPO_PASS)
    assert path.read_bytes() == snapshot


def test_corrupted_page_is_detected(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    data = bytearray(path.read_bytes())
    data[5000:5100] = os.urandom(100)
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedFile):
        _reopen(path, DPO_PASS)


@pytest.mark.parametrize("kind", ["sqlite", "text", "empty", "random"])
def test_not_a_school_file(tmp_path, kind) -> None:
    path = tmp_path / "thing.sdp"
    if kind == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("create table t(a)")
        conn.commit()
        conn.close()
    elif kind == "text":
        path.write_text("Dear parent,\n" * 200)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(os.urandom(8192))
    with pytest.raises((NotASchoolFile, DamagedFile, KeyFileMissing)) as err:
        _reopen(path, DPO_PASS)
    assert "school file" in str(err.value).lower() or "backup" in str(err.value).lower()


def test_file_from_a_newer_schooldp_is_refused_untouched(school) -> None:
    path = school.vault.path
    with school.vault.write() as s:
        from sqlalchemy import text

        # One branch head moved to a revision this version does not know.
        s.execute(
            text(
                "UPDATE alembic_version SET version_num = '9999_future' "
                "WHERE version_num = (SELECT max(version_num) FROM alembic_version)"
            )
        )
    school.close(backup=False)
    snapshot = path.read_bytes()
    with pytest.raises(NewerSchoolFile, match="newer version"):
        _reopen(path, DPO_PASS)
    assert path.read_bytes() == snapshot


def test_second_instance_is_told_and_can_read_only(school) -> None:
    path = school.vault.path
    with pytest.raises(FileInUse, match="already open on this computer"):
        _reopen(path, DPO_PASS)
    ro = _reopen(path, DPO_PASS, read_only=True)
    assert ro.read_only
    assert ro.profile().name == "Oakfield Primary School"
    ro.close(backup=False)


def test_second_process_is_refused(school) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from schooldp.services.school import open_school
        from schooldp.storage.errors import FileInUse
        try:
            open_school(Path({str(school.vault.path)!r}), {DPO_PASS!r})
        except FileInUse as e:
            print("IN USE:", e)
            sys.exit(0)
        sys.exit(3)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "already open" in out.stdout


def test_stale_lock_after_crash_is_taken_over(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    lock = path.with_name(path.name + ".lock")
    import json
    import socket

    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": 2**22 + 12345, "since": "x"}))
    _reopen(path, DPO_PASS).close(backup=False)
    # A lock from another computer needs the user's say-so.
    lock.write_text(json.dumps({"host": "OFFICE-PC-2", "pid": 1, "since": "09:00"}))
    with pytest.raises(FileInUse, match="OFFICE-PC-2"):
        _reopen(path, DPO_PASS)
    _reopen(path, DPO_PASS, take_over=True).close(backup=False)


def test_audit_chain_catches_an_edited_row(school) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    assert school.verify_activity().ok
    key = school.vault.db_key_for_backup().hex()
    path = school.vault.path
    school.close(backup=False)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    conn.execute("UPDATE audit_log SET summary = 'nothing to see' WHERE action = 'account.added'")
    conn.commit()
    conn.close()
    s = _reopen(path, DPO_PASS)
    # The edited entry is older than the log's anchor: opening walks only what came after it,
    # and the full walk (run in the background once the window is unlocked) finds it.
    assert not check_log_in_full(s).ok
    assert s.chain_warning and "altered" in s.chain_warning
    assert not s.verify_activity().ok
    s.close(backup=False)


def test_audit_chain_catches_a_deleted_last_row(school) -> None:
    key = school.vault.db_key_for_backup().hex()
    path = school.vault.path
    school.close(backup=False)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    conn.commit()
    conn.close()
    s = _reopen(path, DPO_PASS)
    assert s.chain_warning
    s.close(backup=False)


def test_every_change_is_in_the_activity_log(school) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    profile = school.profile()
    from dataclasses import replace

    school.update_profile(replace(profile, phone="01530 999999"))
    actions = [e.action for e in school.activity()]
    assert actions[:2] == ["profile.updated", "account.added"]
    assert "school.created" in actions
    for entry in school.activity():
        assert "Gareth" not in entry.summary and "Oakfield" not in entry.summary


def test_backup_and_restore_round_trip(school, tmp_path) -> None:
    from dataclasses import replace

    usb = tmp_path / "usb"
    info = school.backup_now(usb)
    assert info.path.parent == usb and info.path.suffix == ".sdpbak"
    school.update_profile(replace(school.profile(), name="Changed After Backup"))
    path = school.vault.path
    school.close(backup=False)

    # Check the backup read-only before restoring.
    staging = tmp_path / "check"
    restored_path = backups.extract(info.path, staging)
    check = _reopen(restored_path, DPO_PASS, read_only=True)
    assert check.profile().name == "Oakfield Primary School"
    check.close(backup=False)

    kept = backups.restore(info.path, path)
    assert kept.exists()
    s = _reopen(path, DPO_PASS)
    assert s.profile().name == "Oakfield Primary School"
    s.close(backup=False)
    old = _reopen(kept, DPO_PASS, read_only=True)
    assert old.profile().name == "Changed After Backup"
    old.close(backup=False)


def test_backup_retention_keeps_last_ten_and_one_a_day(school, tmp_path) -> None:
    from datetime import timedelta

    from schooldp.domain.clock import LONDON

    folder = tmp_path / "b"
    made = [school.backup_now(folder) for _ in range(12)]
    # Backups carry the computer's time; "today" is the day the last of them was written.
    today = made[-1].created_at.astimezone(LONDON).date()
    removed = backups.prune(folder, stem=school.vault.path.stem, today=today)
    left = backups.list_backups(folder)
    assert len(left) == 10 and len(removed) == 2
    assert {b.path for b in left} == {b.path for b in made[-10:]}
    removed = backups.prune(folder, stem=school.vault.path.stem, today=today + timedelta(days=40))
    assert len(backups.list_backups(folder)) == 10  # the last ten are always kept


def test_damaged_backup_is_refused(tmp_path) -> None:
    bad = tmp_path / "x.sdpbak"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DamagedFile, match="not a SchoolDP backup"):
        backups.read_info(bad)


def test_killed_writer_loses_nothing_committed(school, tmp_path) -> None:
    path = school.vault.path
    school.close(backup=False)
    ready = tmp_path / "ready"
    code = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from dataclasses import replace
        from schooldp.services.school import open_school
        s = open_school(Path({str(path)!r}), {DPO_PASS!r})
        s.update_profile(replace(s.profile(), phone="01111 111111"))
        with s.vault.write() as db:
            from sqlalchemy import text
            db.execute(text("UPDATE school_profile SET phone = 'UNCOMMITTED'"))
            Path({str(ready)!r}).write_text("1")
            time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.time() + 60
    while not ready.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert ready.exists(), "writer never reached its transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    s = _reopen(path, DPO_PASS)  # stale lock from the dead process is taken over
    assert s.profile().phone == "01111 111111"
    assert s.verify_activity().ok
    s.close(backup=False)


def test_passphrase_rule_is_enforced(school) -> None:
    with pytest.raises(ValidationError, match="10 characters"):
        school.add_account("Viewer", Role.VIEWER, "short1")
    with pytest.raises(ValidationError, match="letters and numbers"):
        school.add_account("Viewer", Role.VIEWER, "onlyletterslong")
    with pytest.raises(ValidationError, match="not the same"):
        school.add_account("Viewer", Role.VIEWER, "governor view 1", "governor view 2")


def test_last_dpo_cannot_be_removed_and_removed_account_cannot_open(school) -> None:
    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    with pytest.raises(ValidationError):
        school.remove_account(school.account.id)
    school.remove_account(head.id)
    path = school.vault.path
    school.close(backup=False)
    with pytest.raises(WrongPassphrase):
        _reopen(path, HEAD_PASS)


def test_copy_of_file_with_wrong_key_file_is_refused(school, tmp_path) -> None:
    from schooldp.domain.accounts import Role as R
    from schooldp.services.school import NewSchool, create_school
    from tests.conftest import sample_profile

    other, _ = create_school(NewSchool(tmp_path / "Other.sdp", sample_profile(), "A B", R.DPO, DPO_PASS))
    other.close(backup=False)
    path = school.vault.path
    school.close(backup=False)
    shutil.copy(key_file_path(tmp_path / "Other.sdp"), key_file_path(path))
    with pytest.raises(DamagedFile, match="another school file|belongs to a different"):
        _reopen(path, DPO_PASS)


def test_schema_upgrade_is_preceded_by_a_backup(school, monkeypatch) -> None:
    from schooldp.storage import vault as vault_module

    path = school.vault.path
    school.close(backup=False)
    upgraded: list[str] = []
    monkeypatch.setattr(vault_module, "_is_up_to_date", lambda current: False)
    monkeypatch.setattr(vault_module.command, "upgrade", lambda cfg, revision: upgraded.append(revision))
    s = _reopen(path, DPO_PASS)
    s.close(backup=False)
    assert upgraded == ["heads"]
    assert [b.reason for b in backups.list_backups(stem=path.stem)] == ["before-upgrade"]


def test_read_only_open_refuses_an_upgrade_without_backing_up(school, monkeypatch) -> None:
    from schooldp.storage import vault as vault_module

    path = school.vault.path
    school.close(backup=False)
    monkeypatch.setattr(vault_module, "_is_up_to_date", lambda current: False)
    with pytest.raises(vault_module.VaultNeedsUpgrade):
        _reopen(path, DPO_PASS, read_only=True)
    assert backups.list_backups(stem=path.stem) == []
