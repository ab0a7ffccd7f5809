"""Opening checks the activity log from its newest anchor; the full walk finds the rest.

An anchor (entry count and last hash, kept outside the file) vouches for every entry up to it,
so opening reads that one entry and walks only what came after: its cost does not grow with the
log. An entry edited before the anchor without its hash is found by the full walk, which the
window runs in the background after unlock and the Activity page runs on demand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from schooldp.services.school import SchoolSession, check_log_in_full, open_school
from schooldp.storage import audit
from schooldp.storage.audit import ChainReport
from tests.conftest import DPO_PASS


def _grow(school: SchoolSession, entries: int) -> None:
    with school.vault.write() as s:
        for n in range(entries):
            audit.append(s, school.account.id, "test.entry", "school", n, "An entry", now=school.clock.now())
    school.vault.record_anchor(now=True)


def _edit(path: Path, db_key: bytes, where: str) -> None:
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute(f"UPDATE audit_log SET summary = 'nothing to see' WHERE {where}")
    conn.commit()
    conn.close()


@pytest.fixture
def walks(monkeypatch) -> list[tuple[str, ChainReport]]:
    """Every chain check made, with how many entries it read and hashed."""
    seen: list[tuple[str, ChainReport]] = []
    for name in ("verify_chain", "verify_since"):
        real = getattr(audit, name)

        def spy(*args, _real=real, _name=name):
            report = _real(*args)
            seen.append((_name, report))
            return report

        monkeypatch.setattr(audit, name, spy)
    return seen


def _open_walking(school: SchoolSession, extra: int, walks: list) -> tuple[int, int]:
    """(entries in the log, entries read by the checks on opening) after ``extra`` more entries."""
    _grow(school, extra)
    path = school.vault.path
    school.close(backup=False)
    walks.clear()
    s = open_school(path, DPO_PASS)
    assert s.chain_warning is None
    total = s.activity_head().count
    s.close(backup=False)
    return total, sum(report.walked for _name, report in walks)


def test_opening_reads_the_same_however_long_the_log(school, walks) -> None:
    short_log, short_read = _open_walking(school, 5, walks)
    assert [name for name, _report in walks] == ["verify_since"]
    path = school.vault.path
    longer = open_school(path, DPO_PASS)
    long_log, long_read = _open_walking(longer, 600, walks)
    assert long_log > short_log + 600
    assert long_read == short_read <= 1
    again = open_school(path, DPO_PASS)
    walks.clear()
    report = check_log_in_full(again)
    assert report.ok and report.entries == again.activity_head().count
    assert [(name, r.walked) for name, r in walks] == [("verify_chain", report.entries)]
    again.close(backup=False)


def test_an_entry_edited_before_the_anchor_is_found_by_the_full_walk(school) -> None:
    _grow(school, 50)
    db_key, path = school.vault.db_key_for_backup(), school.vault.path
    school.close(backup=False)
    _edit(path, db_key, "id = 10")
    s = open_school(path, DPO_PASS)
    report = check_log_in_full(s)
    assert not report.ok
    assert report.problems == ("Activity entry 10 has been changed or removed.",)
    assert s.chain_warning and "altered outside SchoolDP" in s.chain_warning
    assert "Activity entry 10" in s.chain_warning
    assert len(s.activity(action="vault.log_mismatch")) == 1
    assert not check_log_in_full(s).ok  # checked again: found again, not recorded twice
    assert len(s.activity(action="vault.log_mismatch")) == 1
    s.close(backup=False)


def test_an_entry_edited_after_the_newest_anchor_is_found_on_opening(school) -> None:
    _grow(school, 10)  # anchored
    with school.vault.write() as s:  # written, but the anchor not yet moved (a crash, say)
        for n in range(3):
            audit.append(s, school.account.id, "test.late", "school", n, "Late", now=school.clock.now())
    school.vault.save_local_anchor()
    db_key, path = school.vault.db_key_for_backup(), school.vault.path
    school.vault.close()
    _edit(path, db_key, "action = 'test.late' AND entity_id = '1'")
    s = open_school(path, DPO_PASS)
    assert s.chain_warning and "has been changed or removed" in s.chain_warning
    assert s.activity(action="vault.log_mismatch")
    s.close(backup=False)


def test_a_clean_log_passes_the_full_walk_without_a_warning(school) -> None:
    _grow(school, 20)
    report = check_log_in_full(school)
    assert report.ok and report.problems == () and school.chain_warning is None
    assert report.entries == school.activity_head().count
    assert not school.activity(action="vault.log_mismatch")


def test_entry_numbers_that_skip_still_find_the_anchor(school, walks) -> None:
    """A server database's ids can skip numbers (a rolled-back insert): the anchor is then
    found by its position, and opening still walks nothing before it."""
    _grow(school, 30)
    db_key, path = school.vault.db_key_for_backup(), school.vault.path
    school.close(backup=False)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    conn.execute("UPDATE audit_log SET id = id + 1000 WHERE id > 12")
    conn.commit()
    conn.close()
    walks.clear()
    s = open_school(path, DPO_PASS)
    assert s.chain_warning is None
    assert [(name, r.walked) for name, r in walks] == [("verify_since", 0)]
    assert check_log_in_full(s).ok
    s.close(backup=False)


def test_a_walk_while_the_program_keeps_writing_is_not_a_false_alarm(school, monkeypatch):
    """The full walk runs in the background: entries saved while it walks (a letter, a consent
    answer) must not be reported as the log being altered."""
    _grow(school, 5)
    real = audit._recorded_head
    calls = []

    def head_then_a_colleague_saves(session):
        if calls:  # the rows are read and being hashed when someone saves
            _grow(school, 3)
        found = real(session)
        calls.append(found)
        return found

    monkeypatch.setattr(audit, "_recorded_head", head_then_a_colleague_saves)
    with school.vault.session() as s:
        report = audit.verify_chain(s)
    assert report.ok, report.message
    assert calls[1][0] == calls[0][0] + 3 and report.entries == calls[0][0]


def test_entries_added_without_the_head_are_still_found(school):
    _grow(school, 3)
    with school.vault.write() as s:  # an entry slipped in with no head update
        row = audit.append(
            s, school.account.id, "test.entry", "school", 99, "Slipped in", now=school.clock.now()
        )
        s.flush()
        s.merge(audit.Meta(key="audit_head", value=row.prev_hash))
        count = s.get(audit.Meta, "audit_count")
        s.merge(audit.Meta(key="audit_count", value=str(int(count.value) - 1)))
    with school.vault.session() as s:
        report = audit.verify_chain(s)
    assert not report.ok and "end of the activity log" in report.message
