"""Access that holds, tried as an attacker would: the recovery key, revocation, the anchored log.

Every test works on a real encrypted school file. The attacker here holds the database key (any
account can unwrap it from their own slot) and edits the file with SQLCipher directly.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import sqlcipher3

from schooldp.domain.accounts import Role
from schooldp.domain.errors import ValidationError
from schooldp.services.school import (
    THROTTLE,
    PermissionDenied,
    SchoolSession,
    open_school,
    open_with_recovery_key,
)
from schooldp.storage import backup as backups
from schooldp.storage.audit import GENESIS, _digest
from schooldp.storage.errors import DamagedFile, WrongPassphrase
from schooldp.storage.keyfile import KeyFile
from schooldp.storage.keyslots import parse_recovery_key, recovery_key_text
from schooldp.storage.vault import Vault, key_file_path, key_opens
from tests.conftest import DPO_PASS, HEAD_PASS

VIEWER_PASS = "Governor view 2026"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    THROTTLE._failures.clear()
    THROTTLE._not_before.clear()


def _raw(path: Path, db_key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    return conn


# ---- a Viewer cannot become the DPO -------------------------------------------------------------
def test_viewer_passphrase_yields_no_dpo_session_by_any_route(school: SchoolSession) -> None:
    school.add_account("Governor Viewer", Role.VIEWER, VIEWER_PASS)
    path, recovery = school.vault.path, school.recovery_key
    school.close(backup=False)

    viewer = open_school(path, VIEWER_PASS)
    assert viewer.account.role is Role.VIEWER and viewer.read_only
    for attempt in (
        lambda: viewer.add_account("Mallory", Role.DPO, "Mallory pass 123"),
        lambda: viewer.remove_account(1),
        lambda: viewer.change_recovery_key(),
        lambda: viewer.rotate_database_key(),
        lambda: viewer.set_passphrase_after_recovery("Mallory pass 123", "Mallory pass 123"),
        lambda: viewer.update_profile(viewer.profile()),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    viewer.close(backup=False)

    # The attack that used to work: unwrap your own slot and type the key as a recovery key.
    db_key, _slot, _kf = Vault.unwrap(path, VIEWER_PASS)
    assert parse_recovery_key(recovery) != db_key
    with pytest.raises(ValidationError, match="does not open this school file"):
        open_with_recovery_key(path, recovery_key_text(db_key))
    # ...also with the key file gone, and with the recovery slot stripped from it.
    kpath = key_file_path(path)
    saved = kpath.read_bytes()
    body = json.loads(saved)
    body["slots"] = [s for s in body["slots"] if s.get("kind") != "recovery"]
    kpath.write_text(json.dumps(body))
    with pytest.raises(ValidationError, match="does not open this school file"):
        open_with_recovery_key(path, recovery_key_text(db_key))
    kpath.unlink()
    with pytest.raises(ValidationError, match="does not open this school file"):
        open_with_recovery_key(path, recovery_key_text(db_key))
    kpath.write_bytes(saved)
    # The real sheet still works, must set a passphrase first, and is in the log.
    dpo = open_with_recovery_key(path, recovery)
    assert dpo.account.role is Role.DPO and dpo.must_set_passphrase
    with pytest.raises(PermissionDenied, match="new passphrase"):
        dpo.update_profile(dpo.profile())
    dpo.set_passphrase_after_recovery("Fresh start 2027", "Fresh start 2027")
    assert dpo.activity(action="vault.recovery")
    dpo.close(backup=False)


def test_no_slot_holds_the_recovery_secret(school: SchoolSession) -> None:
    kf = school.vault.key_file
    secret = parse_recovery_key(school.recovery_key)
    assert kf.recovery_slot is not None
    assert secret.hex() not in kf.to_json().decode()
    assert secret != school.vault.db_key_for_backup()


# ---- revocation ---------------------------------------------------------------------------------
def test_slot_from_a_backup_before_removal_does_not_open_the_current_file(school, tmp_path) -> None:
    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    old = school.backup_now(tmp_path / "usb")
    old_key = school.vault.db_key_for_backup()
    school.remove_account(head.id)
    new_key = school.vault.db_key_for_backup()
    assert new_key != old_key
    assert school.activity(action="vault.rekeyed")
    path = school.vault.path
    school.close(backup=False)

    assert not key_opens(path, old_key) and key_opens(path, new_key)
    old_keys = backups.backup_key_file(old.path)
    head_slot = next(s for s in old_keys.account_slots if s.open(HEAD_PASS, old_keys.file_id) is not None)
    taken = head_slot.open(HEAD_PASS, old_keys.file_id)
    assert taken == old_key and not key_opens(path, taken)
    # Put the old slot (even the whole old key file) beside the current file: nothing opens.
    with pytest.raises(WrongPassphrase):
        open_school(path, HEAD_PASS)
    current = key_file_path(path).read_bytes()
    key_file_path(path).write_bytes(old_keys.to_json())
    with pytest.raises(DamagedFile):
        open_school(path, HEAD_PASS)
    key_file_path(path).write_bytes(current)
    # The old backup itself still opens with the old passphrase (what the interface says).
    check = backups.extract(old.path, tmp_path / "check")
    ro = open_school(check, HEAD_PASS, read_only=True)
    ro.close(backup=False)
    open_school(path, DPO_PASS).close(backup=False)


def test_changing_the_recovery_key_retires_the_old_sheet(school) -> None:
    path, old_sheet = school.vault.path, school.recovery_key
    old_key = school.vault.db_key_for_backup()
    new_sheet = school.change_recovery_key()
    assert new_sheet != old_sheet and school.vault.db_key_for_backup() != old_key
    school.close(backup=False)
    with pytest.raises(ValidationError, match="does not open"):
        open_with_recovery_key(path, old_sheet)
    s = open_with_recovery_key(path, new_sheet)
    s.close(backup=False)
    open_school(path, DPO_PASS).close(backup=False)


# ---- the log anchored outside the file ------------------------------------------------------------
def _rows(conn: sqlcipher3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT id, at, account_id, action, entity, entity_id, summary FROM audit_log ORDER BY id"
    ).fetchall()


def _rechain(conn: sqlcipher3.Connection) -> None:
    """Recompute every hash and the stored head and count, as a careful attacker would."""
    prev, n = GENESIS, 0
    for rid, at, acc, action, entity, eid, summary in _rows(conn):
        digest = _digest(prev, at, acc, action, entity, eid, summary)
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, rid))
        prev, n = digest, n + 1
    if n:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (prev,))
        conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_count'", (str(n),))


def _tamper(path: Path, db_key: bytes, how: str) -> None:
    conn = _raw(path, db_key)
    if how == "rewritten":
        conn.execute("UPDATE audit_log SET summary = 'nothing to see' WHERE action = 'account.added'")
    elif how == "truncated":
        conn.execute("DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")
    else:
        conn.execute("DELETE FROM audit_log")
        conn.execute("DELETE FROM meta WHERE key IN ('audit_head', 'audit_count')")
    _rechain(conn)
    conn.commit()
    conn.close()


EXPECTED = {
    "rewritten": "has been rewritten",
    "truncated": "removed from the end",
    "emptied": "is now empty",
}


@pytest.mark.parametrize("how", ["rewritten", "truncated", "emptied"])
@pytest.mark.parametrize("route", ["passphrase", "recovery key"])
def test_rewritten_truncated_or_emptied_log_is_reported(school, how, route) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.backup_now()
    db_key = school.vault.db_key_for_backup()
    path, sheet = school.vault.path, school.recovery_key
    school.close(backup=False)
    _tamper(path, db_key, how)
    with _raw(path, db_key) as conn:  # the chain inside the file is consistent again
        conn.execute("SELECT 1")
    if route == "passphrase":
        s = open_school(path, DPO_PASS)
    else:
        s = open_with_recovery_key(path, sheet)
    warning = s.chain_warning or ""
    assert "altered outside SchoolDP" in warning
    assert EXPECTED[how] in warning
    assert "The key file beside the school file" in warning
    assert "This computer's record" in warning and "The backup made" in warning
    assert s.activity(action="vault.log_mismatch")
    s.close(backup=False)


def test_forged_key_file_anchor_is_still_caught_by_the_other_anchors(school) -> None:
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.backup_now()
    db_key = school.vault.db_key_for_backup()
    path = school.vault.path
    school.close(backup=False)
    _tamper(path, db_key, "truncated")
    # The attacker holds the key, so can re-seal the key file with a matching anchor.
    with _raw(path, db_key) as conn:
        rows = dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'audit_%'"))
    from schooldp.storage.keyfile import Anchor

    kf = KeyFile.from_json(key_file_path(path).read_bytes())
    forged = kf.with_anchor(Anchor(int(rows["audit_count"]), rows["audit_head"])).sealed(db_key)
    key_file_path(path).write_bytes(forged.to_json())
    s = open_school(path, DPO_PASS)
    warning = s.chain_warning or ""
    assert "The key file beside" not in warning
    assert "This computer's record" in warning and "The backup made" in warning
    assert "removed from the end" in warning
    s.close(backup=False)


def test_key_file_edited_without_the_key_is_reported(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    body = json.loads(key_file_path(path).read_bytes())
    body["anchor"]["count"] = 1
    key_file_path(path).write_text(json.dumps(body))
    s = open_school(path, DPO_PASS)
    assert s.chain_warning and "authentication code does not match" in s.chain_warning
    s.close(backup=False)


def test_clean_open_reports_nothing_and_anchors_move_with_the_log(school) -> None:
    school.backup_now()
    path = school.vault.path
    before = school.vault.key_file.anchor
    school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    school.vault.flush_anchor()  # during a burst of changes the anchor is written every 2 s
    after = school.vault.key_file.anchor
    assert before is not None and after is not None and after.count > before.count
    assert after == school.activity_head()
    school.close(backup=False)
    s = open_school(path, DPO_PASS)
    assert s.chain_warning is None
    s.close(backup=False)


# ---- files from the previous version --------------------------------------------------------------
def make_legacy(school: SchoolSession, extra: tuple[str, Role, str] | None = None) -> tuple[Path, str]:
    """Turn a fresh file into what the previous SchoolDP wrote: legacy slots, no recovery slot,
    no MAC or anchor, and a sheet holding the database key itself."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from schooldp.storage.keyslots import DEFAULT_KDF, derive_key

    if extra:
        school.add_account(*extra)
    path = school.vault.path
    db_key = school.vault.db_key_for_backup()
    file_id = school.vault.key_file.file_id
    passes = {school.account.slot_id: DPO_PASS}
    accounts = school.accounts()
    if extra:
        passes[next(a.slot_id for a in accounts if a.display_name == extra[0])] = extra[2]
    school.close(backup=False)
    slots = []
    for slot_id, passphrase in passes.items():
        salt, nonce = b"s" * 16, b"n" * 12
        kek = derive_key(passphrase, salt, DEFAULT_KDF)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, f"{file_id}:{slot_id}".encode())
        import base64

        b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
        slots.append(
            {
                "slot_id": slot_id,
                "salt": b64(salt),
                "nonce": b64(nonce),
                "wrapped": b64(wrapped),
                "kdf": DEFAULT_KDF,
            }
        )
    key_file_path(path).write_text(
        json.dumps({"format": "schooldp-keys", "version": 1, "file_id": file_id, "slots": slots})
    )
    with _raw(path, db_key) as conn:
        conn.execute("DELETE FROM key_slots")
        conn.executemany(
            "INSERT INTO key_slots VALUES (?, ?)", [(s["slot_id"], json.dumps(s)) for s in slots]
        )
        conn.execute("DELETE FROM meta WHERE key IN ('recovery_scheme', 'keyfile_mac')")
    shutil.rmtree(Path(__import__("schooldp.config").config.data_dir()) / "keys", ignore_errors=True)
    return path, recovery_key_text(db_key)


def test_old_file_opens_with_its_old_sheet_until_the_recovery_key_is_changed(school) -> None:
    path, old_sheet = make_legacy(school)
    s = open_with_recovery_key(path, old_sheet)
    assert s.recovery_key_is_legacy and s.chain_warning is None
    s.set_passphrase_after_recovery(DPO_PASS, DPO_PASS)
    s.close(backup=False)

    dpo = open_school(path, DPO_PASS)
    assert dpo.recovery_key_is_legacy and not dpo.legacy_accounts()
    assert dpo.vault.key_file.slot(dpo.account.slot_id).kind == "passphrase"
    new_sheet = dpo.change_recovery_key()
    assert not dpo.recovery_key_is_legacy
    dpo.close(backup=False)
    with pytest.raises(ValidationError, match="does not open"):
        open_with_recovery_key(path, old_sheet)
    open_with_recovery_key(path, new_sheet).close(backup=False)
    open_school(path, DPO_PASS).close(backup=False)


def test_old_file_waits_for_accounts_that_have_not_opened_it(school) -> None:
    path, _sheet = make_legacy(school, ("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS))
    dpo = open_school(path, DPO_PASS)
    with pytest.raises(ValidationError, match="Gareth Llewellyn"):
        dpo.change_recovery_key()
    dpo.close(backup=False)
    open_school(path, HEAD_PASS).close(backup=False)  # their slot is brought up to date
    dpo = open_school(path, DPO_PASS)
    dpo.change_recovery_key()
    dpo.close(backup=False)
    open_school(path, HEAD_PASS).close(backup=False)


# ---- the key file's Argon2 settings -------------------------------------------------------------
@pytest.mark.parametrize("field,value", [("memory_kib", 2**31), ("iterations", 10**6), ("lanes", 0)])
def test_unsafe_argon2_settings_are_refused_before_any_work(school, field, value) -> None:
    import time

    path = school.vault.path
    school.close(backup=False)
    body = json.loads(key_file_path(path).read_bytes())
    body["slots"][0]["kdf"][field] = value
    key_file_path(path).write_text(json.dumps(body))
    snapshot = hashlib.sha256(path.read_bytes()).hexdigest()
    started = time.monotonic()
    with pytest.raises(Exception, match="unsafe settings"):
        open_school(path, DPO_PASS)
    assert time.monotonic() - started < 2
    assert hashlib.sha256(path.read_bytes()).hexdigest() == snapshot


def test_argon2_settings_are_bound_to_the_slot(school) -> None:
    path = school.vault.path
    school.close(backup=False)
    body = json.loads(key_file_path(path).read_bytes())
    slot = next(s for s in body["slots"] if s["kind"] == "passphrase")
    slot["kdf"]["iterations"] = 1  # cheaper, within bounds: the slot must no longer open
    key_file_path(path).write_text(json.dumps(body))
    with pytest.raises(WrongPassphrase):
        open_school(path, DPO_PASS)


# ---- the head on paper ----------------------------------------------------------------------------
def test_annual_report_and_governors_summary_print_the_log_head(school) -> None:
    import io
    from datetime import date

    from pypdf import PdfReader

    from schooldp.documents.annual_report import render, render_governors_summary
    from schooldp.domain.clock import FrozenClock
    from schooldp.services.reports import ReportNotes, annual_report_data

    school.clock = FrozenClock(date(2026, 11, 22))
    data = annual_report_data(school, date(2025, 9, 1), date(2026, 8, 31), ReportNotes("", ""))
    head = school.activity_head()
    assert data.figures.audit_entries == head.count and data.figures.audit_head == head.head
    for pdf in (render(data), render_governors_summary(data.school, data.figures, date(2026, 11, 22))):
        pages = PdfReader(io.BytesIO(pdf)).pages
        text = " ".join(" ".join(p.extract_text() for p in pages).split())
        assert f"Activity log when printed: {head.count} entries" in text
        assert " ".join(head.head[i : i + 8] for i in range(0, 64, 8)) in text
    assert (
        len(
            PdfReader(
                io.BytesIO(render_governors_summary(data.school, data.figures, date(2026, 11, 22)))
            ).pages
        )
        == 1
    )


def test_removal_interrupted_before_the_rotation_finishes_at_the_next_open(school, monkeypatch) -> None:
    from schooldp.storage import rekey

    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    old_key = school.vault.db_key_for_backup()
    path = school.vault.path

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(rekey, "rotate", crash)
    with pytest.raises(KeyboardInterrupt):
        school.remove_account(head.id)
    monkeypatch.undo()
    school.close(backup=False)
    assert key_opens(path, old_key)
    s = open_school(path, DPO_PASS)
    assert s.vault.meta("rotation_due") is None
    s.close(backup=False)
    assert not key_opens(path, old_key)


def test_kept_backups_from_before_a_removal_can_be_reencrypted_or_deleted(school) -> None:
    from schooldp.services import backups as service

    head = school.add_account("Gareth Llewellyn", Role.HEADTEACHER, HEAD_PASS)
    first = school.backup_now()
    second = school.backup_now()
    school.remove_account(head.id)
    current = school.backup_now()
    old = service.backups_with_old_key(school)
    assert {b.path for b in old} == {first.path, second.path}
    assert service.reencrypt_backups(school, old[:1]) == 1
    assert {b.path for b in service.backups_with_old_key(school)} == {old[1].path}
    # The re-encrypted backup opens with the current passphrases only.
    check = backups.extract(old[0].path, school.vault.path.parent / "check")
    with pytest.raises(WrongPassphrase):
        open_school(check, HEAD_PASS, read_only=True)
    ro = open_school(check, DPO_PASS, read_only=True)
    ro.close(backup=False)
    assert service.delete_backups(school, service.backups_with_old_key(school)) == 1
    assert not old[1].path.exists() and current.path.exists()
    assert service.backups_with_old_key(school) == []


def test_an_older_files_key_file_cannot_be_downgraded_once_it_has_a_mac(school) -> None:
    path, _sheet = make_legacy(school)
    open_school(path, DPO_PASS).close(backup=False)  # the key file is brought up to date
    body = json.loads(key_file_path(path).read_bytes())
    assert body["version"] == 2 and body["mac"]
    body["version"] = 1
    body.pop("mac")
    body.pop("anchor")
    key_file_path(path).write_text(json.dumps(body))
    s = open_school(path, DPO_PASS)
    assert s.chain_warning and "authentication code does not match" in s.chain_warning
    s.close(backup=False)
