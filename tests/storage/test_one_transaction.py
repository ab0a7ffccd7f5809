"""Many changes in one transaction (how the demo school is written): all or nothing, each change
still in the activity log, and the log's anchor never ahead of what was saved."""

from __future__ import annotations

import threading

import pytest

from schooldp.domain.people import Staff
from schooldp.services.people import PeopleService
from schooldp.services.school import open_school
from tests.conftest import DPO_PASS


def _names(people: PeopleService) -> list[str]:
    return sorted(s.display_name for s in people.staff())


def test_changes_in_one_transaction_are_each_logged_and_saved_together(school) -> None:
    people = PeopleService(school)
    logged_before = len(school.activity())
    with school.one_transaction():
        people.add_staff(Staff("Ffion Hughes", "Teacher", "ffion@example.org"))
        people.add_staff(Staff("Dewi Morgan", "Caretaker", "dewi@example.org"))
        assert _names(people) == ["Dewi Morgan", "Ffion Hughes"]  # reads see the changes so far
    assert len(school.activity()) == logged_before + 2
    assert school.verify_activity().ok
    path = school.vault.path
    school.close(backup=False)
    again = open_school(path, DPO_PASS)
    try:
        assert _names(PeopleService(again)) == ["Dewi Morgan", "Ffion Hughes"]
        assert again.chain_warning is None
    finally:
        again.close(backup=False)


def test_an_error_part_way_undoes_every_change_and_the_file_opens_cleanly(school) -> None:
    people = PeopleService(school)
    logged_before = len(school.activity())
    with pytest.raises(RuntimeError, match="power cut"), school.one_transaction():
        people.add_staff(Staff("Ffion Hughes", "Teacher", "ffion@example.org"))
        raise RuntimeError("power cut")
    assert _names(people) == []
    assert len(school.activity()) == logged_before
    path = school.vault.path
    school.close(backup=False)
    again = open_school(path, DPO_PASS)
    try:
        assert again.chain_warning is None  # the anchor never named the undone entry
        assert again.verify_activity().ok
    finally:
        again.close(backup=False)


def test_another_thread_sees_only_what_is_saved(school) -> None:
    people = PeopleService(school)
    seen: list[list[str]] = []
    with school.one_transaction():
        people.add_staff(Staff("Ffion Hughes", "Teacher", "ffion@example.org"))
        reader = threading.Thread(target=lambda: seen.append(_names(PeopleService(school))))
        reader.start()
        reader.join()
    assert seen == [[]]
    assert _names(people) == ["Ffion Hughes"]
