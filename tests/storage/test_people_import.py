"""Importing MIS exports into the register: one transaction, re-import by UPN, leavers, round trip."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schooldp.domain.clock import FrozenClock
from schooldp.domain.errors import SchoolDPError
from schooldp.domain.people import YearGroup
from schooldp.imports.mis import read_file
from schooldp.services.people import PeopleService
from schooldp.services.people import importer as people_module
from tests.fixtures import make_mis_exports as gen

pytestmark = pytest.mark.both_backends  # the same behaviour on a school file and on the server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mis"
TODAY = date(2026, 3, 2)


@pytest.fixture
def svc(school):
    school.clock = FrozenClock(TODAY)
    return PeopleService(school)


def _parse(path: Path):
    return read_file(path, today=TODAY)


@pytest.mark.parametrize(
    "name",
    [
        "sims_pupils_contacts.csv",
        "arbor_student_guardians.xlsx",
        "bromcom_students.csv",
        "bromcom_windows1252.csv",
    ],
)
def test_each_fixture_imports_and_reimport_changes_nothing(svc: PeopleService, name: str) -> None:
    parsed = _parse(FIXTURES / name)
    preview = svc.preview_import(parsed)
    assert svc.pupil_count(include_leavers=True) == 0, "the preview writes nothing"
    result = svc.apply_import(parsed)
    assert result.added == len(parsed.records) == preview.added
    assert svc.pupil_count(include_leavers=True) == len(parsed.records)
    contacts = svc.contacts()
    assert len(contacts) == result.contacts_added
    again = svc.apply_import(_parse(FIXTURES / name))
    assert not again.changed_anything, again.changes
    assert again.unchanged == len(parsed.records)
    assert len(svc.contacts()) == len(contacts) and svc.pupil_count(include_leavers=True) == len(
        parsed.records
    )


def test_siblings_share_contacts_and_leaver_is_marked(svc: PeopleService) -> None:
    svc.apply_import(_parse(FIXTURES / "sims_pupils_contacts.csv"))
    children = gen.families(36)
    shared = next(c for c in children if sum(x.parents[0].email == c.parents[0].email for x in children) > 1)
    pupils = [svc.pupil_by_upn(c.upn) for c in children if c.parents[0].email == shared.parents[0].email]
    first_contacts = {svc.contacts_for(p.id)[0].contact.id for p in pupils}
    assert len(first_contacts) == 1
    leaver = svc.pupil_by_upn(children[-1].upn)
    assert leaver.is_leaver and leaver.id not in {p.id for p in svc.pupils()}
    pc = svc.contacts_for(pupils[0].id)[0]
    assert pc.parental_responsibility and pc.relationship == shared.parents[0].relationship


def _csv(tmp_path: Path, children, name="export.csv") -> Path:
    path = tmp_path / name
    gen.write_sims_csv(path, children)
    return path


def test_reimport_updates_by_upn_and_reports_changes(svc: PeopleService, tmp_path: Path) -> None:
    children = gen.families(10, with_leaver=False)
    svc.apply_import(_parse(_csv(tmp_path, children)))
    moved = children[3]
    moved.year, moved.reg = "6", "6C"
    moved.dob = date(2015, 1, 5)
    new_lines = ("7 New Street", "Ashby")
    for p in moved.parents[:1]:
        p.lines, p.postcode = new_lines, "LE65 9ZZ"  # moved house: same person, new address
    result = svc.apply_import(_parse(_csv(tmp_path, children, "second.csv")))
    assert result.added == 0 and result.updated == 1
    assert result.contacts_added == 0 and result.contacts_updated >= 1
    text = "\n".join(result.changes)
    assert "year group" in text and "Year 6" in text and "6C" in text and "LE65 9ZZ" in text
    p = svc.pupil_by_upn(moved.upn)
    assert p.year_group is YearGroup.Y6 and p.reg_group == "6C"
    assert svc.contacts_for(p.id)[0].contact.postcode == "LE65 9ZZ"
    assert svc.pupil_count() == 10


def test_missing_pupils_become_leavers_only_after_confirmation(svc: PeopleService, tmp_path: Path) -> None:
    children = gen.families(8, with_leaver=False)
    svc.apply_import(_parse(_csv(tmp_path, children)))
    gone = children[2]
    remaining = [c for c in children if c is not gone]
    parsed = _parse(_csv(tmp_path, remaining, "second.csv"))
    result = svc.apply_import(parsed)  # not confirmed
    assert [p.upn for p in result.missing] == [gone.upn]
    assert result.leavers_marked == 0 and not svc.pupil_by_upn(gone.upn).is_leaver
    result = svc.apply_import(
        parsed, leaver_ids=[p.id for p in result.missing], leaving_date=date(2026, 2, 27)
    )
    assert result.leavers_marked == 1
    assert svc.pupil_by_upn(gone.upn).leaving_date == date(2026, 2, 27)
    assert svc.pupil_count() == 7 and svc.pupil_count(include_leavers=True) == 8
    # Back in a later export: back on roll.
    back = svc.apply_import(_parse(_csv(tmp_path, children, "third.csv")))
    assert back.rejoined == 1 and not svc.pupil_by_upn(gone.upn).is_leaver


def test_failure_midway_leaves_nothing_half_imported(svc: PeopleService, tmp_path: Path, monkeypatch) -> None:
    parsed = _parse(FIXTURES / "bromcom_students.csv")
    calls = {"n": 0}
    real = people_module.fill_contact_row

    def flaky(row, contact, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 20:
            raise OSError("disk full")
        real(row, contact, **kw)

    monkeypatch.setattr(people_module, "fill_contact_row", flaky)
    with pytest.raises(OSError):
        svc.apply_import(parsed)
    assert svc.pupil_count(include_leavers=True) == 0 and svc.contacts() == []


def test_rows_with_problems_are_skipped_and_reported(svc: PeopleService, tmp_path: Path) -> None:
    children = gen.families(5, with_leaver=False)
    path = _csv(tmp_path, children)
    text = path.read_text(encoding="utf-8-sig").replace(children[1].upn, "", 1)
    path.write_text(text, encoding="utf-8")
    parsed = _parse(path)
    result = svc.apply_import(parsed)
    assert result.added == 4 and len(result.skipped_rows) == 1
    assert svc.pupil_by_upn(children[1].upn) is None
    with pytest.raises(SchoolDPError):
        svc.apply_import(replace(parsed, records=[]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), size=st.integers(1, 12), drop=st.integers(0, 3))
def test_import_then_export_then_import_is_a_no_op(
    svc: PeopleService, tmp_path: Path, seed, size, drop
) -> None:
    """Whatever the register held before, importing its own export changes nothing."""
    children = gen.families(size, seed=seed)
    for c in children[:drop]:
        c.parents = c.parents[1:]  # pupils with fewer (or no) contacts
    svc.apply_import(_parse(_csv(tmp_path, children, f"in-{seed}-{size}.csv")))
    out = io.StringIO()
    svc.export_csv(out)
    exported = tmp_path / f"out-{seed}-{size}.csv"
    exported.write_text(out.getvalue(), encoding="utf-8", newline="")
    before = (
        svc.pupils(include_leavers=True),
        {p.id: svc.contacts_for(p.id) for p in svc.pupils(include_leavers=True)},
    )
    result = svc.apply_import(_parse(exported))
    assert not result.changed_anything, result.changes
    assert result.missing == ()
    after = (
        svc.pupils(include_leavers=True),
        {p.id: svc.contacts_for(p.id) for p in svc.pupils(include_leavers=True)},
    )
    assert after == before
